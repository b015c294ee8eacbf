import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSubgraphStore, type Store } from '@safety-graph/shared';
import { dropTestDatabases, testConfig } from '@safety-graph/test-helpers';
import { traffic } from '@safety-graph/traffic';

// npm run import on files far larger than memory, and killed half-way: the
// CLI runs as a child process, as a data officer runs it.

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'cli', 'dist', 'commands', 'import.js');
/** The Node.js flags `npm run import` runs the command with (its heap limit), so that this is what a data officer runs. */
const NODE_FLAGS = (
  /node ((?:--\S+ )*)cli\/dist\/commands\/import\.js/.exec(
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.import,
  )?.[1] ?? ''
)
  .trim()
  .split(/\s+/)
  .filter((flag) => flag !== '');
const config = testConfig('importstream');
const AGENCY = 'POLICE-IR-10-12';
const TYPES = ['SPEEDING', 'RED_LIGHT', 'NO_SEATBELT', 'NO_HELMET'];

let store: Store;
beforeAll(async () => {
  store = await openSubgraphStore(traffic, config);
});
afterAll(async () => {
  await store?.close();
  await dropTestDatabases(config);
});

/** A violations export of `rows` rows, written as a stream (CRLF, quoted fields here and there, a BOM). */
async function violationsFile(name: string, rows: number): Promise<string> {
  const path = join(config.dataDir, name);
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('\uFEFFexternalId,occurredAt,regionCode,type\r\n');
  for (let row = 0; row < rows; row += 1) {
    const day = String(1 + (row % 28)).padStart(2, '0');
    const minute = String(row % 60).padStart(2, '0');
    const externalId = row % 7 === 0 ? `"CAM,${row}"` : `CAM-${row}`;
    await write(`${externalId},2025-04-${day}T10:${minute}:00+03:30,IR-10-12,"${TYPES[row % TYPES.length]}"\r\n`);
  }
  out.end();
  await once(out, 'finish');
  return path;
}

function startImport(file: string, ...options: string[]): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, CLI, 'traffic', file, '--agency', AGENCY, '--kind', 'violations', ...options], {
    env: { ...config.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The child's exit code and output, and its peak resident memory (VmHWM) read from /proc while it ran. */
async function finished(child: ChildProcess): Promise<{ status: number | null; stdout: string; stderr: string; peakRssKb: number }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakRssKb = 0;
  const sample = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakRssKb = Math.max(peakRssKb, Number(match[1]));
    } catch {
      // Gone: its last reading stands.
    }
  };
  const timer = setInterval(sample, 100);
  const [status] = (await once(child, 'exit')) as [number | null];
  clearInterval(timer);
  return { status, stdout, stderr, peakRssKb };
}

async function violationCount(): Promise<number> {
  const [row] = await store.dataSource.query('SELECT COUNT(*) AS n FROM violation');
  return Number(row.n);
}

describe('npm run import: large files and interrupted runs', () => {
  it('reads a 1,000,000-row CSV as a stream: every row checked (--dry-run), peak RSS under 300 MB', async () => {
    const rows = 1_000_000;
    const file = await violationsFile('million.csv', rows);
    const run = await finished(startImport(file, '--dry-run', '--batch-size', '2000'));
    expect({ status: run.status, stderr: run.stderr.replace(/^.*rows\/s.*\n/gm, '') }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`(dry run, nothing written): read ${rows}, inserted ${rows}, updated 0, unchanged 0, refused 0`);
    // Measured as the child's VmHWM; printed so that the figure is in the test log. The write path reads and holds batches alike.
    expect(NODE_FLAGS).toContain('--max-old-space-size=160');
    console.log(`import --dry-run of ${rows} rows: peak RSS ${Math.round(run.peakRssKb / 1024)} MB`);
    expect(run.peakRssKb).toBeGreaterThan(0);
    expect(run.peakRssKb).toBeLessThan(300 * 1024);
    expect(await violationCount()).toBe(0);
  }, 900_000);

  it('killed (SIGKILL) twice in the middle and run again: exactly one copy of every row', async () => {
    const rows = 40_000;
    const file = await violationsFile('interrupted.csv', rows);
    const killedAt: number[] = [];
    for (const fraction of [0.1, 0.5]) {
      const child = startImport(file, '--batch-size', '500');
      const exit = finished(child);
      // Kill it once some rows beyond the last run's are committed.
      const floor = killedAt.at(-1) ?? 0;
      for (let waited = 0; (await violationCount()) < Math.max(floor + 1, rows * fraction) && waited < 600; waited += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      child.kill('SIGKILL');
      const killed = await exit;
      expect(killed.status).toBeNull(); // killed, not finished
      killedAt.push(await violationCount());
    }
    expect(killedAt[0]).toBeGreaterThan(0);
    expect(killedAt[1]).toBeLessThan(rows);

    const rerun = await finished(startImport(file, '--batch-size', '500'));
    expect(rerun.status).toBe(0);
    const counts = /read (\d+), inserted (\d+), updated (\d+), unchanged (\d+), refused (\d+)/.exec(rerun.stdout)!.slice(1).map(Number);
    expect(counts[0]).toBe(rows);
    expect(counts[1] + counts[3]).toBe(rows);
    expect(counts[3]).toBe(killedAt[1]);
    expect(await violationCount()).toBe(rows);
    const [distinct] = await store.dataSource.query('SELECT COUNT(DISTINCT id) AS n FROM violation');
    expect(Number(distinct.n)).toBe(rows);
  }, 900_000);
});
