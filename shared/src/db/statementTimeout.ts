import type { DataSource } from 'typeorm';

/** The code of an operation whose SQL ran past `STATEMENT_TIMEOUT_MS` (CONTRACT.md); retrying later may succeed. */
export const STATEMENT_TIMEOUT = 'STATEMENT_TIMEOUT';

/** MariaDB's ER_STATEMENT_TIMEOUT and MySQL's ER_QUERY_TIMEOUT. */
const TIMEOUT_ERRNOS = new Set([1969, 3024]);

/** True for the driver error of a statement the server stopped at the session's time limit. */
export function isStatementTimeout(error: unknown): boolean {
  const candidate = error as { errno?: unknown; driverError?: { errno?: unknown } } | null;
  const errno = candidate?.errno ?? candidate?.driverError?.errno;
  return typeof errno === 'number' && TIMEOUT_ERRNOS.has(errno);
}

/**
 * The session setting that makes the server stop a statement after `ms`:
 * MariaDB's `max_statement_time` (seconds, every statement), MySQL's
 * `max_execution_time` (milliseconds, read-only SELECTs).
 */
export function statementTimeoutSql(flavor: 'mysql' | 'mariadb', ms: number): string {
  return flavor === 'mariadb' ? `SET SESSION max_statement_time = ${(ms / 1000).toFixed(3)}` : `SET SESSION max_execution_time = ${Math.round(ms)}`;
}

interface PoolConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}
interface Pool {
  on(event: 'connection', listener: (connection: PoolConnection) => void): void;
  _freeConnections?: { length: number; get(index: number): PoolConnection };
}

/**
 * Bounds every statement of a MySQL/MariaDB store: each pooled connection
 * (primary and replicas) gets the session limit when it is made, and those
 * already open get it now. Runs after migrations, which may take longer.
 * A statement stopped this way fails its request with STATEMENT_TIMEOUT and
 * leaves the connection usable. SQLite (better-sqlite3) has no per-statement
 * limit; there the gateway's cost limit and concurrency caps bound the work.
 */
export async function applyStatementTimeout(dataSource: DataSource, flavor: 'mysql' | 'mariadb', ms: number): Promise<void> {
  if (ms <= 0) return;
  const sql = statementTimeoutSql(flavor, ms);
  const driver = dataSource.driver as unknown as { pool?: Pool; poolCluster?: { _nodes?: Record<string, { pool: Pool }> } };
  const pools = [driver.pool, ...Object.values(driver.poolCluster?._nodes ?? {}).map((node) => node.pool)].filter((pool): pool is Pool => !!pool);
  const set = (connection: PoolConnection) => new Promise<void>((resolve, reject) => connection.query(sql, (error) => (error ? reject(error) : resolve())));
  for (const pool of pools) {
    // mysql2 queues commands per connection: the SET runs before the query that asked for the connection.
    pool.on('connection', (connection) => void set(connection).catch(() => undefined));
    const free = pool._freeConnections;
    for (let index = 0; free && index < free.length; index += 1) await set(free.get(index));
  }
}
