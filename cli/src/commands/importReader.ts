import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parse } from 'csv-parse';

/** A batch of an import's file: its rows, each row's line number and its text as the file has it. */
export interface FileBatch {
  rows: Record<string, unknown>[];
  lines: number[];
  raws: string[];
}

/** Rows of a CSV (header row, UTF-8) or JSON Lines file, with their line numbers, in batches. */
async function* batches(file: string, size: number, source: { bytesRead: number }, delimiter: string): AsyncGenerator<FileBatch> {
  let rows: Record<string, unknown>[] = [];
  let lines: number[] = [];
  let raws: string[] = [];
  const flush = () => {
    const batch = { rows, lines, raws };
    rows = [];
    lines = [];
    raws = [];
    return batch;
  };
  if (extname(file).toLowerCase() === '.csv') {
    const input = createReadStream(file);
    input.on('data', () => (source.bytesRead = input.bytesRead));
    const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, raw: true, delimiter }));
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>) {
      rows.push(record.record);
      lines.push(record.info.lines);
      raws.push(record.raw.replace(/[\r\n]+$/, ''));
      if (rows.length === size) yield flush();
    }
  } else {
    let line = 0;
    const input = createReadStream(file, 'utf8');
    input.on('data', () => (source.bytesRead = input.bytesRead));
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      if (text.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch {
        row = { __unreadable: true };
      }
      rows.push(row && typeof row === 'object' && !Array.isArray(row) ? (row as Record<string, unknown>) : { __unreadable: true });
      lines.push(line);
      raws.push(text);
      if (rows.length === size) yield flush();
    }
  }
  if (rows.length > 0) yield flush();
}

/** What the reader thread posts: a batch, the end of the file, or why it cannot read on. */
type ReaderMessage =
  ({ kind: 'batch'; bytesRead: number } & FileBatch) | { kind: 'end'; bytesRead: number } | { kind: 'error'; message: string; code?: string };

interface ReaderData {
  role: 'import-reader';
  file: string;
  size: number;
  delimiter: string;
}

/**
 * The file's batches as `batches` gives them, read and parsed in a worker
 * thread: an import's parsing (csv-parse, JSON) runs on another core while
 * this thread checks and writes the batch before. The thread reads one batch
 * ahead of the one handed out, no more, so memory stays flat; a file that
 * cannot be parsed throws here as it would have in this thread.
 */
export async function* readBatches(file: string, size: number, source: { bytesRead: number }, delimiter: string): AsyncGenerator<FileBatch> {
  const data: ReaderData = { role: 'import-reader', file, size, delimiter };
  // Its own heap, small: it holds a batch or two.
  const worker = new Worker(__filename, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 64 } });
  const queue: ReaderMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const woken = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  worker.on('message', (message: ReaderMessage) => {
    queue.push(message);
    woken();
  });
  worker.on('error', (error: Error) => {
    failure ??= error;
    woken();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the file reader stopped (exit code ${code})`);
    woken();
  });
  try {
    worker.postMessage('next');
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift();
      if (!message) throw failure!;
      if (message.kind === 'error') throw Object.assign(new Error(message.message), message.code ? { code: message.code } : {});
      source.bytesRead = message.bytesRead;
      if (message.kind === 'end') return;
      // The next batch is parsed while this one is checked and written.
      worker.postMessage('next');
      yield { rows: message.rows, lines: message.lines, raws: message.raws };
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** The reader thread: a batch each time it is asked for one. */
function serveBatches(data: ReaderData): void {
  const source = { bytesRead: 0 };
  const iterator = batches(data.file, data.size, source, data.delimiter);
  const port = parentPort!;
  port.on('message', () => {
    iterator.next().then(
      (next) => port.postMessage(next.done ? { kind: 'end', bytesRead: source.bytesRead } : { kind: 'batch', bytesRead: source.bytesRead, ...next.value }),
      (error: unknown) =>
        port.postMessage({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
          code: typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined,
        }),
    );
  });
}

if (!isMainThread && (workerData as ReaderData | undefined)?.role === 'import-reader') serveBatches(workerData as ReaderData);
