import 'reflect-metadata';
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type EntityManager, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import type { StoreConfig } from '../config';
import { keepSqliteTransactionsInStep } from './sqliteTransactions';
import { statementSpan } from '../tracing';
import { asStorageUnavailable } from './storageErrors';
import { CreateStoreProbe1769000000000, probeWrite } from './storeProbe';
import { applyStatementTimeout } from './statementTimeout';

/**
 * Counts the SQL statements a store sends. Tests use it to prove that loaders
 * batch (the count for 10 parents equals the count for 200).
 */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  /** Marks each statement with a span (SQLite: no driver instrumentation sees it; MySQL's is the mysql2 instrumentation). */
  traceAs?: string;
  private readonly ignored = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET )/i;
  constructor(private readonly onError?: (error: unknown, query: string) => void) {}
  logQuery(query: string): void {
    if (!this.ignored.test(query.trim())) this.count += 1;
    if (this.traceAs) statementSpan(this.traceAs, query);
  }
  logQueryError(error: string | Error, query: string): void {
    this.onError?.(error, query);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(): number {
    const seen = this.count;
    this.count = 0;
    return seen;
  }
}

export interface OpenStoreOptions {
  config: StoreConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Run pending migrations before returning (what every service does on start). */
  migrate?: boolean;
}

export interface Store {
  dataSource: DataSource;
  statements: StatementCounter;
  kind: 'mysql' | 'sqlite';
  database: string;
  /**
   * Runs `work` in one transaction: all its rows or none. On SQLite every
   * request shares one connection, so write transactions take turns in this
   * process; MySQL/MariaDB runs them side by side under row locks.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /**
   * Writes and commits one row of the store's probe table: resolves only when
   * the store can write now (what `/ready` checks); rejects with a retryable
   * SERVICE_UNAVAILABLE otherwise.
   */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}

interface MysqlCredentials {
  host: string;
  port: number;
  username: string;
  password: string;
}

function mysqlCredentials(url: string): MysqlCredentials {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
  };
}

export type MysqlFlavor = 'mysql' | 'mariadb';

/**
 * Creates the store's database on first use (each service owns one, in utf8mb4
 * for Persian text) and tells MySQL from MariaDB, whose catalogues TypeORM
 * reads differently.
 */
async function ensureMysqlDatabase(credentials: MysqlCredentials, database: string): Promise<MysqlFlavor> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`Unsafe database name ${database}`);
  const connection = await createConnection({
    host: credentials.host,
    port: credentials.port,
    user: credentials.username,
    password: credentials.password,
  });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return String((rows as { version: string }[])[0].version).includes('MariaDB') ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

export function dataSourceOptions(
  options: OpenStoreOptions,
  logger: TypeOrmLogger,
  flavor: MysqlFlavor = options.config.url?.startsWith('mariadb:') ? 'mariadb' : 'mysql',
): DataSourceOptions {
  const { config } = options;
  const common = {
    entities: options.entities,
    // Every store gets the probe table `/ready` writes to.
    migrations: [...(Array.isArray(options.migrations) ? options.migrations : Object.values(options.migrations)), CreateStoreProbe1769000000000],
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logger,
  };
  if (config.url) {
    const primary = mysqlCredentials(config.url);
    const replicas = config.replicaUrls.map(mysqlCredentials);
    return {
      ...common,
      type: flavor,
      database: config.database,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: { decimalNumbers: true },
      ...(replicas.length > 0
        ? { replication: { master: primary, slaves: replicas, selector: 'RR' as const } }
        : primary),
    };
  }
  const file = privateSqliteFile(config.dataDir, `${config.database}.sqlite`);
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}

/** Owner-only permissions of the data directory and the SQLite files in it. */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

/**
 * The path of a SQLite file in `dataDir`, created owner-only (0600, in a 0700
 * directory) before SQLite opens it: SQLite gives the -wal and -shm files the
 * mode of the database file, and would create it 0644. Files and a directory
 * left wider by earlier versions are narrowed.
 */
export function privateSqliteFile(dataDir: string, name: string): string {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  if ((statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, DATA_DIR_MODE);
  const file = join(dataDir, name);
  closeSync(openSync(file, 'a', DATA_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, DATA_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return file;
}

/** Opens one service's store: MySQL/MariaDB when a URL is configured, else a SQLite file under the data dir. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const statements = new StatementCounter();
  const flavor = options.config.url
    ? await ensureMysqlDatabase(mysqlCredentials(options.config.url), options.config.database)
    : undefined;
  const dataSource = new DataSource(dataSourceOptions(options, statements, flavor));
  await dataSource.initialize();
  const kind = options.config.url ? 'mysql' : 'sqlite';
  if (kind === 'sqlite') keepSqliteTransactionsInStep(dataSource);
  if (kind === 'sqlite') statements.traceAs = 'sqlite';
  if (options.migrate ?? true) await dataSource.runMigrations({ transaction: 'each' });
  if (flavor) await applyStatementTimeout(dataSource, flavor, options.config.statementTimeoutMs ?? 0);
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    if (kind === 'mysql') return dataSource.transaction(work);
    const run = turn.then(() => dataSource.transaction(work));
    turn = run.catch(() => undefined);
    return run;
  };
  // A storage fault fails the request with a retryable SERVICE_UNAVAILABLE; the transaction is rolled back.
  const transaction = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
    inTurn(work).catch((error: unknown) => {
      throw asStorageUnavailable(error);
    });
  return {
    dataSource,
    statements,
    kind,
    database: options.config.database,
    transaction,
    probeWrite: () => transaction((manager) => probeWrite(manager)),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * Inserts many rows in multi-row statements; rows whose primary key is already
 * there are skipped, so a seed or an import can run twice and add nothing.
 */
export async function insertIgnoringExisting<T extends object>(
  dataSource: DataSource,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function,
  rows: T[],
  chunkSize = 500,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = dataSource.getMetadata(entity).columns.length;
  // SQLite allows at most 32766 bound parameters per statement.
  const size = Math.max(1, Math.min(chunkSize, Math.floor(30000 / Math.max(columns, 1))));
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < rows.length; start += size) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(start, start + size) as never)
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
  });
}
