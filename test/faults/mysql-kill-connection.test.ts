import { createConnection, type Connection } from 'mysql2/promise';
import { startStack, type Stack } from '@safety-graph/test-helpers';
import { reportFault } from './report';
import { expectNothingLost, readiness, reporterCrashCount, tally, WriteLoad } from './writeLoad';

// Fault 3: MariaDB connections of the stack's databases killed (KILL CONNECTION), mid-transaction among them, under a stream of writes.
const DATABASE_URL = process.env.FAULTS_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
let stack: Stack;
let admin: Connection;

beforeAll(async () => {
  // Writers retry at once: on a quiet machine they could pass the default 600 a minute, which would measure the rate limit.
  stack = await startStack('faultkill', { DATABASE_URL, RATE_LIMIT_PER_MINUTE: '1000000' });
  const url = new URL(DATABASE_URL);
  admin = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  });
}, 180_000);

afterAll(async () => {
  await admin?.end();
  await stack?.stop();
});

/** Kills every connection on the stack's databases; returns how many, and how many had a transaction open. */
async function killStackConnections(prefix: string): Promise<{ killed: number; inTransaction: number }> {
  const [rows] = await admin.query(
    `SELECT p.id AS id, t.trx_id AS trx FROM information_schema.processlist p
     LEFT JOIN information_schema.innodb_trx t ON t.trx_mysql_thread_id = p.id
     WHERE LEFT(p.db, ?) = ? AND p.id <> CONNECTION_ID()`,
    [prefix.length, prefix],
  );
  let killed = 0;
  let inTransaction = 0;
  for (const row of rows as { id: number; trx: string | null }[]) {
    try {
      await admin.query(`KILL CONNECTION ${Number(row.id)}`);
      killed += 1;
      if (row.trx) inTransaction += 1;
    } catch {
      // Gone already.
    }
  }
  return { killed, inTransaction };
}

test('connections killed mid-transaction: nothing acknowledged is lost, nothing is written twice, and the store recovers', async () => {
  const load = new WriteLoad(stack, 'kill');
  const before = await reporterCrashCount(stack.config);
  const kills = { killed: 0, inTransaction: 0 };
  let writing = true;
  // Every other round holds the traffic store's version row for a moment first: a reportCrash moves it by the last
  // statement of its transaction, so the writes caught there are killed with their transaction open, whatever the
  // machine's speed (on a quiet one, unheld transactions end before a kill comes).
  const versionRow = `${stack.config.databasePrefix}traffic`;
  let round = 0;
  const killer = (async () => {
    while (writing) {
      round += 1;
      const hold = round % 2 === 0;
      if (hold) {
        await admin.query('START TRANSACTION');
        await admin.query(`SELECT version FROM \`${versionRow}\`.store_version WHERE id = 1 FOR UPDATE`);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const killedNow = await killStackConnections(stack.config.databasePrefix);
      if (hold) await admin.query('ROLLBACK');
      kills.killed += killedNow.killed;
      kills.inTransaction += killedNow.inTransaction;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  })();
  // Four clients, each reporting its share once (a first attempt under the fault), then retrying what failed.
  const keys = 80;
  await Promise.all(
    [0, 1, 2, 3].map(async (worker) => {
      for (let index = worker; index < keys; index += 4) {
        await load.report(index);
        await load.read();
      }
    }),
  );
  writing = false;
  await killer;
  // Once the fault has cleared, every write not yet acknowledged must be within a retry or a few (the window
  // starts now: how long the first pass took under the kills depends on the machine's load, not on the store).
  const deadline = Date.now() + 30_000;
  for (let index = 0; index < keys; index += 1) {
    if (!load.acknowledged.has(load.key(index))) expect(await load.reportUntilAcknowledged(index, deadline)).toBe(true);
  }
  for (const index of [0, 1, 2, 3]) await load.report(index);

  const counts = await tally(stack.config, load, before);
  reportFault({
    store: 'mysql',
    fault: `KILL CONNECTION x${kills.killed} (${kills.inTransaction} mid-transaction) under writes; failures: ${[...load.failures.entries()].map(([code, n]) => `${code} ${n}`).join(', ')}`,
    ...counts,
  });

  expect(kills.killed).toBeGreaterThan(0);
  expect(kills.inTransaction).toBeGreaterThan(0);
  // Every failure a client saw was a retryable one.
  expect([...load.failures.keys()].every((code) => code === 'SERVICE_UNAVAILABLE')).toBe(true);
  expect(await readiness(stack)).toBe(200);
  expectNothingLost(counts, keys);
});
