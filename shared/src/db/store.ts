import 'reflect-metadata';
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import {
  DataSource,
  In,
  type DataSourceOptions,
  type EntityManager,
  type EntityTarget,
  type EntityMetadata,
  type QueryRunner,
  type Logger as TypeOrmLogger,
  type MixedList,
  type EntitySchema,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { StoreConfig } from '../config';
import { keepSqliteTransactionsInStep } from './sqliteTransactions';
import { statementSpan } from '../tracing';
import { asStorageUnavailable } from './storageErrors';
import { CreateStoreProbe1769000000000, probeWrite } from './storeProbe';
import { CreateStoreVersion1770000000000, noteStatement, readStoreVersion, StoreVersionSubscriber, VERSION_READ, versionWrites } from './storeVersion';
import { applyStatementTimeout } from './statementTimeout';
import { localInfileStream } from './localInfile';

/**
 * Counts the SQL statements a store sends. Tests use it to prove that loaders
 * batch (the count for 10 parents equals the count for 200).
 */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  /**
   * Reads of the store's version (`GET /version`, storeVersion.ts), counted
   * apart: how often the gateway asks depends on its freshness window, not on
   * what a request computes, which `count` measures.
   */
  versionReads = 0;
  /** Marks each statement with a span (SQLite: no driver instrumentation sees it; MySQL's is the mysql2 instrumentation). */
  traceAs?: string;
  private readonly ignored = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET )/i;
  constructor(private readonly onError?: (error: unknown, query: string) => void) {}
  logQuery(query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    noteStatement(query, queryRunner);
    if (query.startsWith(VERSION_READ)) this.versionReads += 1;
    else if (!this.ignored.test(query.trim())) this.count += 1;
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
  /** The store's version: moved by every committed write transaction, from any process (see storeVersion.ts). */
  version(): Promise<string>;
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
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
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
    // Every store gets the probe table `/ready` writes to, and the version its writes move.
    migrations: [
      ...(Array.isArray(options.migrations) ? options.migrations : Object.values(options.migrations)),
      CreateStoreProbe1769000000000,
      CreateStoreVersion1770000000000,
    ],
    subscribers: [StoreVersionSubscriber],
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
      // Bulk writes hand LOAD DATA LOCAL INFILE their rows from memory, never from a file (localInfile.ts).
      extra: { decimalNumbers: true, infileStreamFactory: localInfileStream },
      ...(replicas.length > 0 ? { replication: { master: primary, slaves: replicas, selector: 'RR' as const } } : primary),
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
  const flavor = options.config.url ? await ensureMysqlDatabase(mysqlCredentials(options.config.url), options.config.database) : undefined;
  const dataSource = new DataSource(dataSourceOptions(options, statements, flavor));
  await dataSource.initialize();
  const kind = options.config.url ? 'mysql' : 'sqlite';
  if (kind === 'sqlite') keepSqliteTransactionsInStep(dataSource);
  if (kind === 'sqlite') statements.traceAs = 'sqlite';
  if (options.migrate ?? true) await dataSource.runMigrations({ transaction: 'each' });
  // Writes move the version once its table is there (a store opened without migrating may predate it).
  if (
    await readStoreVersion(dataSource).then(
      () => true,
      () => false,
    )
  )
    versionWrites(dataSource);
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
    version: () => readStoreVersion(dataSource),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Rows per multi-row INSERT on MySQL/MariaDB (a few hundred kB per statement, far below `max_allowed_packet`). */
const MYSQL_ROWS_PER_STATEMENT = 2_000;

/**
 * Inserts many rows in multi-row statements; rows whose primary key is already
 * there are skipped, so a seed or an import can run twice and add nothing.
 *
 * Built for bulk loads (seeds of millions of rows): the statements are written
 * here from the entity's column metadata rather than by TypeORM's insert
 * builder, whose per-value parameter bookkeeping cost more than the database;
 * rows go in primary-key order, so InnoDB fills its clustered index page by
 * page instead of at random places. On MySQL/MariaDB a load of many rows into
 * an empty table drops the table's non-unique indexes first and adds them
 * back after (built by sorting, instead of every row going into every index
 * at a random place: with a buffer pool smaller than the indexes, that was
 * most of a national-volume seed); an index a load interrupted before it
 * could add it back is added by the next load. SQLite does the same inside
 * the load's transaction. A column no row sets is left to its default.
 */
/**
 * Which of `ids` are already rows of `entity` (by its `id` column): one
 * SELECT of those ids, none when there are none. What an import asks before
 * it writes a batch.
 */
export async function existingIdsOf(manager: EntityManager, entity: EntityTarget<{ id: string }>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await manager.find(entity, { select: { id: true }, where: { id: In([...ids]) } });
  return new Set(rows.map((row) => row.id));
}

export async function insertIgnoringExisting<T extends object>(
  dataSource: DataSource,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function,
  rows: T[],
  rowsPerStatement = MYSQL_ROWS_PER_STATEMENT,
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = dataSource.getMetadata(entity);
  const driver = dataSource.driver;
  const mysql = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
  const columns = metadata.columns.filter((column) => rows.some((row) => column.getEntityValue(row) !== undefined));
  const values = columns.map((column) => persistentValueOf(driver, column));
  const sorted = inKeyOrder(rows, metadata);
  const size = mysql ? rowsPerStatement : SQLITE_ROWS_PER_STATEMENT;
  const table = driver.escape(metadata.tableName);
  const head = `${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO ${table} (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statement = (count: number) => head + Array.from({ length: count }, () => tuple).join(', ');
  /** The parameters of `count` rows from `start`, column by column. */
  const parametersOf = (start: number, count: number, into: unknown[] = new Array<unknown>(count * columns.length)) => {
    let at = 0;
    for (let index = start; index < start + count; index += 1) for (const value of values) into[at++] = value(sorted[index]);
    return into;
  };
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.connect();
    const reindex = mysql ? await dropIndexesForBulkLoad(runner, metadata, rows.length) : [];
    try {
      await runner.startTransaction();
      try {
        if (mysql) {
          for (let start = 0; start < sorted.length; start += size) {
            const count = Math.min(size, sorted.length - start);
            await runner.query(statement(count), parametersOf(start, count));
          }
        } else {
          await withBulkPageCache(dataSource, async () => {
            // SQLite's DDL is transactional: its indexes are dropped and created again in the load's own transaction.
            const recreate = await dropSqliteIndexesForBulkLoad(runner, metadata, rows.length);
            // better-sqlite3 is synchronous and in this transaction: one statement prepared once and run chunk after chunk, instead of TypeORM preparing each.
            const connection = (driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
            const full = connection.prepare(statement(size));
            const parameters = new Array<unknown>(size * columns.length);
            let start = 0;
            for (; start + size <= sorted.length; start += size) full.run(parametersOf(start, size, parameters));
            if (start < sorted.length) connection.prepare(statement(sorted.length - start)).run(parametersOf(start, sorted.length - start));
            for (const index of recreate) await runner.query(index);
          });
        }
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      if (reindex.length > 0) await runner.query(`ALTER TABLE ${table} ${reindex.map((index) => `ADD INDEX ${index}`).join(', ')}`);
    }
  } finally {
    await runner.release();
  }
}

/** The part of a better-sqlite3 connection a bulk load uses. */
interface SqliteConnection {
  prepare(sql: string): { run(parameters: unknown[]): unknown };
  pragma(statement: string, options?: { simple: boolean }): unknown;
}

/** Page cache of a SQLite connection during bulk work, in KiB (pages are taken only as they are used). */
const BULK_PAGE_CACHE_KIB = 256 * 1024;

/**
 * Runs bulk work (a seed's load, a rollup rebuild) on SQLite with a page cache
 * of up to 256 MB instead of the default 2 MB, then gives the old size back:
 * index builds and GROUP BY sorts of millions of rows spill to temporary
 * files when their sort outgrows the cache, and a big transaction writes its
 * pages out before the commit. MySQL/MariaDB: the work as it is.
 */
export async function withBulkPageCache<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return work();
  const connection = (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  const before = Number(connection.pragma('cache_size', { simple: true }));
  connection.pragma(`cache_size = -${BULK_PAGE_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    connection.pragma(`cache_size = ${before}`);
  }
}

/** Rows per prepared multi-row INSERT on SQLite (below its 32766 bound parameters at any width). */
const SQLITE_ROWS_PER_STATEMENT = 200;

/** Column types whose strings and numbers both drivers store as they are. */
const PLAIN_TYPES = new Set(['varchar', 'char', 'text', 'int', 'integer', 'bigint', 'smallint', 'tinyint', 'float', 'double', 'real', 'decimal', 'date']);

/**
 * How a column's value of a row is sent to the driver: what TypeORM's
 * `preparePersistentValue` gives, read straight from the property for plain
 * columns (a bulk load sends millions of values, and the general path cost
 * more than the database).
 */
export function persistentValueOf(driver: DataSource['driver'], column: ColumnMetadata): (row: object) => unknown {
  const general = (row: object) => driver.preparePersistentValue(column.getEntityValue(row) ?? null, column);
  if (column.transformer || column.embeddedMetadata || column.relationMetadata) return general;
  const property = column.propertyName;
  const read = (row: object) => (row as Record<string, unknown>)[property];
  if (column.type === 'boolean' || column.type === Boolean) {
    return (row) => {
      const value = read(row);
      return value === undefined || value === null ? null : value === true ? 1 : 0;
    };
  }
  if (typeof column.type !== 'string' || !PLAIN_TYPES.has(column.type)) return general;
  return (row) => {
    const value = read(row);
    if (value === undefined || value === null) return null;
    return typeof value === 'string' || typeof value === 'number' ? value : general(row);
  };
}

/**
 * The rows in primary-key order (InnoDB then fills its clustered index, SQLite
 * its key index, page by page); a copy. Millions of string comparisons
 * through the rows were seconds of cache misses: the keys are compared by a
 * number made of their first characters, and as strings only where those
 * are the same.
 */
function inKeyOrder<T extends object>(rows: readonly T[], metadata: EntityMetadata): T[] {
  const primary = metadata.primaryColumns;
  const property = primary.length === 1 && !primary[0].embeddedMetadata ? primary[0].propertyName : undefined;
  // Primary key columns joined by a separator below every character they hold.
  const keys = rows.map((row) =>
    property !== undefined ? String((row as Record<string, unknown>)[property]) : primary.map((column) => String(column.getEntityValue(row))).join('\u0000'),
  );
  const prefixes = new Float64Array(keys.length);
  keys.forEach((key, index) => (prefixes[index] = orderPrefix(key)));
  const order = Array.from(keys.keys()).sort(
    (first, second) => prefixes[first] - prefixes[second] || (keys[first] < keys[second] ? -1 : keys[first] > keys[second] ? 1 : 0),
  );
  return order.map((index) => rows[index]);
}

/** Characters in a key's order prefix: 7 of 7 bits each stay exact in a double. */
const PREFIX_CHARACTERS = 7;

/**
 * A number that orders keys as their strings do, except that keys whose first
 * characters are the same get the same number: those characters' codes in
 * base 128, a code of 127 or more standing for itself and everything after it.
 */
function orderPrefix(key: string): number {
  let prefix = 0;
  for (let position = 0; position < PREFIX_CHARACTERS; position += 1) {
    const code = position < key.length ? key.charCodeAt(position) : 0;
    if (code >= 127) return (prefix * 128 + 127) * 128 ** (PREFIX_CHARACTERS - 1 - position);
    prefix = prefix * 128 + code;
  }
  return prefix;
}

/** Below this many rows a load keeps its table's indexes: rebuilding them would cost more than it saves. */
const BULK_LOAD_ROWS = 20_000;

/**
 * Before a bulk load on SQLite, inside its transaction: when the table is
 * empty and the load large, drops its non-unique indexes and returns the
 * statements that create them again (each then built by one sort instead of
 * every row going into it at a random place, through a page cache of a few
 * megabytes). Otherwise nothing.
 */
async function dropSqliteIndexesForBulkLoad(runner: QueryRunner, metadata: EntityMetadata, rowCount: number): Promise<string[]> {
  if (rowCount < BULK_LOAD_ROWS) return [];
  const escape = (name: string) => runner.connection.driver.escape(name);
  const empty = ((await runner.query(`SELECT 1 FROM ${escape(metadata.tableName)} LIMIT 1`)) as unknown[]).length === 0;
  if (!empty) return [];
  // Indexes SQLite makes for PRIMARY KEY and UNIQUE constraints have no SQL; those and unique indexes stay.
  const indexes = (await runner.query(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, [
    metadata.tableName,
  ])) as { name: string; sql: string }[];
  const dropped = indexes.filter((index) => !/^\s*CREATE\s+UNIQUE\b/i.test(index.sql));
  for (const index of dropped) await runner.query(`DROP INDEX ${escape(index.name)}`);
  return dropped.map((index) => index.sql);
}

/**
 * Before a bulk load on MySQL/MariaDB: when the table is empty and the load
 * large, drops its non-unique indexes (primary and unique keys stay, so
 * existing rows are still skipped) and returns their definitions to add back
 * after the load, together with any index of the entity missing from the
 * table (left out by a load that was interrupted). Otherwise only the missing ones.
 */
async function dropIndexesForBulkLoad(runner: QueryRunner, metadata: EntityMetadata, rowCount: number): Promise<string[]> {
  const escape = (name: string) => runner.connection.driver.escape(name);
  const table = escape(metadata.tableName);
  const shown = (await runner.query(`SHOW INDEX FROM ${table}`)) as {
    Key_name: string;
    Column_name: string;
    Non_unique: number | string;
    Seq_in_index: number | string;
  }[];
  const present = new Map<string, string[]>();
  for (const row of [...shown].sort((a, b) => Number(a.Seq_in_index) - Number(b.Seq_in_index))) {
    if (Number(row.Non_unique) !== 1) continue;
    present.set(row.Key_name, [...(present.get(row.Key_name) ?? []), row.Column_name]);
  }
  const presentColumns = new Set([...present.values()].map((columns) => columns.join(',')));
  const definition = (name: string, columns: readonly string[]) => `${escape(name)} (${columns.map(escape).join(', ')})`;
  const missing = metadata.indices
    .filter((index) => !index.isUnique && !index.isSpatial && !index.isFulltext && index.name)
    .map((index) => ({ name: index.name, columns: index.columns.map((column) => column.databaseName) }))
    .filter((index) => !present.has(index.name) && !presentColumns.has(index.columns.join(',')))
    .map((index) => definition(index.name, index.columns));
  const empty = ((await runner.query(`SELECT 1 FROM ${table} LIMIT 1`)) as unknown[]).length === 0;
  if (!empty || rowCount < BULK_LOAD_ROWS || present.size === 0) return missing;
  await runner.query(`ALTER TABLE ${table} ${[...present.keys()].map((name) => `DROP INDEX ${escape(name)}`).join(', ')}`);
  return [...missing, ...[...present].map(([name, columns]) => definition(name, columns))];
}
