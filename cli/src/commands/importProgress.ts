/**
 * What a long import shows while it runs, on stderr: on a terminal one line
 * redrawn at most four times a second (rows/s, ETA from the bytes read, counts),
 * otherwise a line every five seconds, so that logs stay readable.
 */
export class ImportProgress {
  private readonly startedAt = Date.now();
  private lastShown = this.startedAt;
  private shown = false;
  private readonly terminal = process.stderr.isTTY === true;

  constructor(private readonly totalBytes: number) {}

  show(counts: { read: number; inserted: number; updated: number; unchanged: number; refused: number }, bytesRead: number): void {
    const now = Date.now();
    if (now - this.lastShown < (this.terminal ? 250 : 5000)) return;
    this.lastShown = now;
    this.shown = true;
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    const rate = Math.round(counts.read / seconds);
    const fraction = this.totalBytes > 0 ? Math.min(bytesRead / this.totalBytes, 1) : 0;
    const eta = fraction > 0 ? Math.round((seconds * (1 - fraction)) / fraction) : undefined;
    const line =
      `${(fraction * 100).toFixed(0).padStart(3)}% ${counts.read} rows, ${rate} rows/s, ETA ${eta === undefined ? '?' : `${eta} s`}` +
      ` | inserted ${counts.inserted}, updated ${counts.updated}, unchanged ${counts.unchanged}, refused ${counts.refused}`;
    if (this.terminal) process.stderr.write(`\r${line}\u001b[K`);
    else process.stderr.write(`${line}\n`);
  }

  /** Clears the terminal line before the summary. */
  done(): void {
    if (this.terminal && this.shown) process.stderr.write('\r\u001b[K');
  }
}
