import { startStack, type Stack } from '@safety-graph/test-helpers';
import { PrivateMariadb } from './privateMariadb';
import { reportFault } from './report';
import { expectNothingLost, readiness, reporterCrashCount, tally, WriteLoad } from './writeLoad';

// Fault 4: the MariaDB server (a private one: the shared server on 3306 is never restarted) stopped and started again under mixed reads and writes.
let server: PrivateMariadb;
let stack: Stack;

beforeAll(async () => {
  server = await PrivateMariadb.create();
  // The readers ask back to back: on a quiet machine they pass the default 600 a minute, which would measure the rate limit.
  stack = await startStack('faultrestart', { DATABASE_URL: server.url, RATE_LIMIT_PER_MINUTE: '1000000' });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await server?.destroy();
});

test('a MariaDB restart under load: writes fail retryably while it is down, nothing acknowledged is lost or doubled', async () => {
  const load = new WriteLoad(stack, 'restart');
  const before = await reporterCrashCount(stack.config);
  const keys = 60;
  const deadline = Date.now() + 45_000;
  let next = 0;
  let running = true;
  const writers = [0, 1, 2].map(async () => {
    while (next < keys) {
      const index = next;
      next += 1;
      await load.reportUntilAcknowledged(index, deadline, 200);
    }
  });
  const readers = [0, 1].map(async () => {
    while (running) await load.read();
  });
  let readyWhileDown = 0;
  const restart = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await server.stop();
    readyWhileDown = await readiness(stack);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await server.start();
  })();
  await Promise.all([...writers, restart]);
  running = false;
  await Promise.all(readers);
  for (const index of [0, 1, 2, 30]) await load.report(index);

  const counts = await tally(stack.config, load, before);
  const writeFailures = [...load.failures.entries()].map(([code, n]) => `${code} ${n}`).join(', ');
  reportFault({ store: 'mysql', fault: `server restarted (SIGTERM, 2 s down) under reads+writes; failures: ${writeFailures || 'none'}`, ...counts });

  expect(readyWhileDown).toBe(503);
  expect(await readiness(stack)).toBe(200);
  expect(load.failures.get('SERVICE_UNAVAILABLE') ?? 0).toBeGreaterThan(0);
  expect([...load.failures.keys()].every((code) => code === 'SERVICE_UNAVAILABLE')).toBe(true);
  expect(load.reads.ok).toBeGreaterThan(0);
  expectNothingLost(counts, keys);
});
