import { Presets, SingleBar } from 'cli-progress';

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  refused: number;
}

/**
 * What a long import shows while it runs, on stderr. On a terminal a progress
 * bar (cli-progress) over the file's bytes, with rows/s, ETA and counts;
 * otherwise (a log, a pipe) a line every five seconds, so that logs stay readable.
 */
export class ImportProgress {
  private readonly startedAt = Date.now();
  private lastShown = this.startedAt;
  private readonly bar: SingleBar | undefined;

  constructor(private readonly totalBytes: number) {
    if (process.stderr.isTTY === true) {
      this.bar = new SingleBar(
        {
          stream: process.stderr,
          fps: 4,
          etaBuffer: 50,
          hideCursor: true,
          clearOnComplete: true,
          format:
            '{bar} {percentage}% | {rows} rows, {rate} rows/s | ETA {eta_formatted} | inserted {inserted}, updated {updated}, unchanged {unchanged}, refused {refused}',
        },
        Presets.shades_classic,
      );
      this.bar.start(Math.max(totalBytes, 1), 0, this.payload({ read: 0, inserted: 0, updated: 0, unchanged: 0, refused: 0 }));
    }
  }

  private payload(counts: ImportCounts) {
    const seconds = Math.max((Date.now() - this.startedAt) / 1000, 0.001);
    return { rows: counts.read, rate: Math.round(counts.read / seconds), ...counts };
  }

  show(counts: ImportCounts, bytesRead: number): void {
    if (this.bar) {
      this.bar.update(Math.min(bytesRead, this.totalBytes), this.payload(counts));
      return;
    }
    const now = Date.now();
    if (now - this.lastShown < 5000) return;
    this.lastShown = now;
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    const fraction = this.totalBytes > 0 ? Math.min(bytesRead / this.totalBytes, 1) : 0;
    const eta = fraction > 0 ? Math.round((seconds * (1 - fraction)) / fraction) : undefined;
    process.stderr.write(
      `${(fraction * 100).toFixed(0).padStart(3)}% ${counts.read} rows, ${Math.round(counts.read / seconds)} rows/s, ETA ${eta === undefined ? '?' : `${eta} s`}` +
        ` | inserted ${counts.inserted}, updated ${counts.updated}, unchanged ${counts.unchanged}, refused ${counts.refused}\n`,
    );
  }

  /** Takes the bar away before the summary. */
  done(): void {
    this.bar?.stop();
  }
}
