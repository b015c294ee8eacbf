import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ImportRowError } from '@safety-graph/shared';

/** One CSV field, quoted when it must be. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * `npm run import -- ... --rejects FILE`: every refused row as a CSV record
 * `line,reason,original` (the file line, why, and the row as the file had it),
 * so that the data officer can correct and import them again. A kind with
 * sensitive columns (national ids) gets the row as JSON without them instead
 * of its original text: such values are never copied.
 */
export class RejectFile {
  private constructor(
    private readonly out: WriteStream,
    private readonly sensitive: readonly string[],
  ) {}

  static async open(path: string, sensitive: readonly string[]): Promise<RejectFile> {
    const out = createWriteStream(path, { encoding: 'utf8' });
    await once(out, 'open');
    out.write('line,reason,original\n');
    return new RejectFile(out, sensitive);
  }

  async write(errors: ImportRowError[], batch: { rows: Record<string, unknown>[]; lines: number[]; raws: string[] }): Promise<void> {
    for (const error of [...errors].sort((a, b) => a.line - b.line)) {
      const index = batch.lines.indexOf(error.line);
      const reason = error.argument ? `${error.argument}: ${error.message}` : error.message;
      const row = batch.rows[index];
      let original = index < 0 ? '' : batch.raws[index];
      if (this.sensitive.length > 0 && row) {
        original = JSON.stringify(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, this.sensitive.includes(key) ? '(withheld)' : value])));
      }
      if (!this.out.write(`${error.line},${field(reason)},${field(original)}\n`)) await once(this.out, 'drain');
    }
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}
