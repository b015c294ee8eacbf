import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack, type Stack } from '@safety-graph/test-helpers';
import { reportFault } from './report';
import { expectNothingLost, readiness, reporterCrashCount, storeQuery, tally, WriteLoad, type Answer } from './writeLoad';

// The gateway's audit store on a read-only SQLite file: requests are refused, and nothing of them is executed.
let stack: Stack;
let files: string[] = [];

const chattr = (flag: '+i' | '-i') => execFileSync('chattr', [flag, ...files]);

beforeAll(async () => {
  stack = await startStack('faultaudit', { DATABASE_URL: '' });
  const base = join(stack.config.dataDir, `${stack.config.databasePrefix}audit.sqlite`);
  files = [base, `${base}-wal`];
}, 120_000);

afterAll(async () => {
  if (files.length > 0) chattr('-i');
  await stack?.stop();
});

test('with the audit store read-only, requests are refused and no write is executed; once writable, a retry writes once', async () => {
  const load = new WriteLoad(stack, 'audit');
  for (let index = 0; index < 5; index += 1) expect((await load.report(index)).id).toBeDefined();
  const before = await reporterCrashCount(stack.config);

  await storeQuery(stack.config, 'audit', 'PRAGMA wal_checkpoint(TRUNCATE)');
  chattr('+i');
  const refused: Answer[] = [];
  for (let index = 5; index < 15; index += 1) refused.push(await load.report(index));
  const crashesDuringFault = (await reporterCrashCount(stack.config)) - before;
  const keysDuringFault = await storeQuery<{ n: number }>(
    stack.config,
    'traffic',
    "SELECT COUNT(*) AS n FROM idempotency_key WHERE operation = 'reportCrash' AND idempotency_key LIKE 'audit-%'",
  );
  const readyDuringFault = await readiness(stack);
  chattr('-i');

  const deadline = Date.now() + 20_000;
  for (let index = 5; index < 15; index += 1) expect(await load.reportUntilAcknowledged(index, deadline)).toBe(true);
  const counts = await tally(stack.config, load, before - 5);
  reportFault({ store: 'sqlite', fault: `audit store read-only (chattr +i): ${crashesDuringFault} writes executed while refused`, ...counts });

  for (const answer of refused) {
    expect(answer.id).toBeUndefined();
    expect(answer).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  }
  expectNothingLost(counts, 15);
  // The audit part (issue 9): a request the audit log cannot record is refused before anything is executed,
  // and /ready checks that the audit store can write.
  expect(crashesDuringFault).toBe(0);
  expect(Number(keysDuringFault[0].n)).toBe(5);
  expect(readyDuringFault).toBe(503);
});
