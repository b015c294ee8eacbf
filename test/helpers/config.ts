import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '@safety-graph/shared';

let counter = 0;

/**
 * A configuration of its own for one test file: a fresh SQLite folder, or on
 * MySQL/MariaDB (`DATABASE_URL`) databases with a prefix no other file uses, so
 * test files can run in parallel without seeing each other's rows.
 */
export function testConfig(label: string, overrides: NodeJS.ProcessEnv = {}): Config {
  counter += 1;
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 12);
  const prefix = `sgt_${safeLabel}_${process.pid % 100000}_${counter}_`;
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), `safety-graph-${safeLabel}-`)),
    DATABASE_PREFIX: prefix,
    ...overrides,
  });
}

/** A connection of the test's own to the MySQL server of `DATABASE_URL` (a config's), optionally in one database. */
export async function mysqlConnection(url: string, database?: string): Promise<Connection> {
  const parsed = new URL(url);
  return createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
  });
}

/** Drops the MySQL databases a test config created; SQLite folders live in the OS temp dir. */
export async function dropTestDatabases(config: Config, extra: string[] = []): Promise<void> {
  const url = config.env.DATABASE_URL;
  if (!url) return;
  const connection = await mysqlConnection(url);
  try {
    for (const name of [...SUBGRAPH_NAMES, 'audit', ...extra]) {
      await connection.query(`DROP DATABASE IF EXISTS \`${config.databasePrefix}${name}\``);
    }
  } finally {
    await connection.end();
  }
}

export const storeLabel = (): string => (process.env.DATABASE_URL ? 'mysql' : 'sqlite');
