import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from '@safety-graph/test-helpers';
import { reportFault } from './report';
import { expectNothingLost, readiness, reporterCrashCount, storeQuery, tally, WriteLoad, type Answer } from './writeLoad';

// Fault 2: every store of the stack (the audit store too) on a small tmpfs of the test's own, filled up mid-stream, then freed.
let stack: Stack | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'safety-graph-full-'));
let mounted = false;

function usedBytes(): number {
  const out = execFileSync('df', ['--output=used', '-B1', dataDir]).toString().trim().split('\n');
  return Number(out[out.length - 1]);
}

/** Writes a filler file until the filesystem refuses (ENOSPC). */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 4096, 512]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m,mode=0700', 'tmpfs', dataDir]);
  mounted = true;
  stack = await startStack('faultfull', { DATABASE_URL: '', DATA_DIR: dataDir });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (mounted) execFileSync('umount', ['-l', dataDir]);
  rmSync(dataDir, { recursive: true, force: true });
});

test('no write is acknowledged while the data directory is full, and the next writes are stored once space is freed', async () => {
  const current = stack as Stack;
  const load = new WriteLoad(current, 'full');
  const before = await reporterCrashCount(current.config);
  for (let index = 0; index < 10; index += 1) expect((await load.report(index)).id).toBeDefined();

  // Empty WALs (so that the next commits must grow a file), a filesystem 32 MB larger than what is used (room for the WALs of five stores and the audit log to grow once freed), then filled.
  await current.subgraphs.traffic.store.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  await storeQuery(current.config, 'audit', 'PRAGMA wal_checkpoint(TRUNCATE)');
  execFileSync('mount', ['-o', `remount,size=${usedBytes() + (32 << 20)}`, dataDir]);
  const filler = join(dataDir, 'filler');
  fill(filler);
  expect(readdirSync(dataDir)).toContain('filler');

  const duringFault: Answer[] = [];
  for (let index = 10; index < 25; index += 1) duringFault.push(await load.report(index));
  for (let index = 0; index < 10; index += 1) await load.read();
  const readyDuringFault = await readiness(current);

  rmSync(filler);
  const deadline = Date.now() + 20_000;
  for (let index = 10; index < 40; index += 1) expect(await load.reportUntilAcknowledged(index, deadline)).toBe(true);
  for (const index of [0, 12, 30]) await load.report(index);

  const counts = await tally(current.config, load, before);
  reportFault({ store: 'sqlite', fault: 'data dir on tmpfs filled up (ENOSPC) mid-stream, freed', ...counts });

  expect(readyDuringFault).toBe(503);
  expect(await readiness(current)).toBe(200);
  for (const answer of duringFault) {
    expect(answer.id).toBeUndefined();
    expect(answer.code).toBe('SERVICE_UNAVAILABLE');
  }
  expectNothingLost(counts, 40);
});
