import { GraphQLError } from 'graphql';
import { storeConfig } from '../config';
import { isStatementTimeout, openStore, STATEMENT_TIMEOUT, type Store } from '../db';
import { maskErrors } from '../server/maskErrors';
// The config helper alone: the helpers' index starts whole stacks, which this file never needs.
import { dropTestDatabases, testConfig } from '../../../test/helpers/config';

// better-sqlite3 has no per-statement limit (docs/ARCHITECTURE.md): this runs on MySQL/MariaDB only.
const onMysql = process.env.DATABASE_URL ? describe : describe.skip;

onMysql('statement timeout (STATEMENT_TIMEOUT_MS)', () => {
  const config = testConfig('stmttimeout', { STATEMENT_TIMEOUT_MS: '300' });
  let store: Store;

  beforeAll(async () => {
    store = await openStore({ config: storeConfig(config, 'traffic'), entities: [], migrations: [] });
  });
  afterAll(async () => {
    await store?.close();
    await dropTestDatabases(config);
  });

  // A statement that takes seconds on any server: a cross join counted row by row.
  const slow = 'SELECT COUNT(*) AS n FROM information_schema.COLUMNS a, information_schema.COLUMNS b, information_schema.COLUMNS c';

  it('stops a long statement on every pooled connection, old and new, with an error mapped to retryable STATEMENT_TIMEOUT', async () => {
    const started = Date.now();
    // Three at once: the pool opens new connections, which must get the limit too.
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => store.dataSource.query(slow)));
    expect(Date.now() - started).toBeLessThan(5000);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason;
      expect(isStatementTimeout(error)).toBe(true);
      // As a resolver's error reaches formatError: wrapped, with its path.
      const wrapped = new GraphQLError(error.message, { originalError: error, path: ['crashes'] });
      const formatted = maskErrors(() => 'request-1')({ message: wrapped.message, path: ['crashes'], extensions: {} }, wrapped);
      expect(formatted.extensions).toEqual({ code: STATEMENT_TIMEOUT, retryable: true, requestId: 'request-1' });
      expect(formatted.message).not.toMatch(/SELECT|information_schema/);
    }
    // The connections stay usable.
    const rows = await Promise.all([1, 2, 3].map(() => store.dataSource.query('SELECT 1 AS one')));
    expect(rows.map((row) => Number(row[0].one))).toEqual([1, 1, 1]);
  });

  it('leaves short statements alone', async () => {
    await expect(store.dataSource.query('SELECT SLEEP(0.1) AS slept')).resolves.toEqual([{ slept: expect.anything() }]);
  });
});

describe('statement timeout errors', () => {
  it('are told from other driver errors by their number', () => {
    expect(isStatementTimeout({ errno: 1969 })).toBe(true);
    expect(isStatementTimeout({ driverError: { errno: 3024 } })).toBe(true);
    expect(isStatementTimeout({ errno: 1062 })).toBe(false);
    expect(isStatementTimeout(new Error('boom'))).toBe(false);
    expect(isStatementTimeout(null)).toBe(false);
  });
});
