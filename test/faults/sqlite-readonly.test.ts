import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack, type Stack } from '@safety-graph/test-helpers';
import { reportFault } from './report';
import { expectNothingLost, readiness, reporterCrashCount, tally, WriteLoad, type Answer } from './writeLoad';

// Fault 1: the traffic store's SQLite files made read-only (immutable: we run as root, to whom a chmod means nothing) mid-stream, then restored.
let stack: Stack;
let files: string[] = [];

const chattr = (flag: '+i' | '-i') => execFileSync('chattr', [flag, ...files]);

beforeAll(async () => {
  stack = await startStack('faultro', { DATABASE_URL: '' });
  const base = join(stack.config.dataDir, `${stack.config.databasePrefix}traffic.sqlite`);
  // The database and its WAL; the -shm file stays writable (SQLite maps it: an immutable one kills the process with SIGBUS).
  files = [base, `${base}-wal`];
}, 120_000);

afterAll(async () => {
  if (files.length > 0) chattr('-i');
  await stack?.stop();
});

test('no write is acknowledged while the traffic files are read-only, and the next writes are stored once they are writable again', async () => {
  const load = new WriteLoad(stack, 'ro');
  const before = await reporterCrashCount(stack.config);
  expect(await readiness(stack)).toBe(200);
  const duringFault: Answer[] = [];
  let readyDuringFault = 0;
  for (let index = 0; index < 40; index += 1) {
    if (index === 10) {
      // An empty WAL, so that the next commit must write to the files.
      await stack.subgraphs.traffic.store.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      chattr('+i');
    }
    if (index === 25) {
      readyDuringFault = await readiness(stack);
      chattr('-i');
    }
    const answer = await load.report(index);
    if (index >= 10 && index < 25) duringFault.push(answer);
    else expect(answer.id).toBeDefined();
  }
  // The client retries what failed, with the same keys, and replays a few that were acknowledged.
  const deadline = Date.now() + 20_000;
  for (let index = 10; index < 25; index += 1) expect(await load.reportUntilAcknowledged(index, deadline)).toBe(true);
  for (const index of [0, 5, 12, 30]) await load.report(index);

  const counts = await tally(stack.config, load, before);
  reportFault({ store: 'sqlite', fault: 'traffic files read-only (chattr +i) mid-stream, restored', ...counts });

  expect(readyDuringFault).toBe(503);
  expect(await readiness(stack)).toBe(200);
  for (const answer of duringFault) {
    expect(answer.id).toBeUndefined();
    expect(answer).toMatchObject({ status: 200, code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(answer.errorRequestId).toBe(answer.requestId);
  }
  expectNothingLost(counts, 40);
});
