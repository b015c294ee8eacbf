import type { DataSource, EntityManager } from 'typeorm';
import { checkLoaded, forgetLocalInfile, infileField, isLocalInfileRefused, localInfileData, persistentValueOf } from '@safety-graph/shared';

/** SQLite allows at most 32766 bound parameters per statement; MySQL 65535. */
const MAX_PARAMETERS = 30_000;

/** Rows from which a MySQL/MariaDB write goes as LOAD DATA rather than INSERT (below, one INSERT is as cheap). */
const LOAD_DATA_FROM = 50;

/**
 * Stores whose server refused LOAD DATA LOCAL (local_infile OFF, as MySQL 8
 * ships): from the first refusal on they are written with INSERTs, slower
 * but the same rows.
 */
const loadDataRefused = new WeakSet<DataSource>();

/**
 * Rows of one entity made ready to insert (preparedRows) before the
 * transaction that inserts them (insertPrepared): an import builds the next
 * batch's statement data while the batch before is written.
 */
export interface PreparedRows<T> {
  entity: new () => T;
  rows: readonly T[];
  /** MySQL/MariaDB, 50 rows or more: the rows as LOAD DATA's tab-separated text. */
  text?: string;
}

/**
 * Converts each value as TypeORM converts it (the driver's
 * preparePersistentValue, read straight from the property for plain columns:
 * persistentValueOf); TypeORM's insert builder spends more time naming
 * thousands of parameters than the database spends storing the rows. Every
 * column is given, so nothing is read back.
 *
 * MySQL/MariaDB, from 50 rows: the rows become the text of one
 * `LOAD DATA LOCAL INFILE` (tab-separated, handed to the driver from memory:
 * localInfile.ts), which the server parses far faster than an INSERT of as
 * many literals. Fewer rows, and SQLite: multi-row `INSERT … VALUES (?, …)`.
 */
export async function preparedRows<T extends object>(dataSource: DataSource, entity: new () => T, rows: readonly T[]): Promise<PreparedRows<T>> {
  if (!['mysql', 'mariadb'].includes(dataSource.options.type) || rows.length < LOAD_DATA_FROM || loadDataRefused.has(dataSource)) return { entity, rows };
  const { columns } = dataSource.getMetadata(entity);
  const converters = columns.map((column) => persistentValueOf(dataSource.driver, column));
  const lines: string[] = new Array<string>(rows.length);
  const fields: string[] = new Array<string>(columns.length);
  for (let at = 0; at < rows.length; at += 1) {
    // An import prepares while the batch before is written: the event loop is let go now and then, so that write's statements go out in time.
    if (at > 0 && at % PREPARED_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    for (let index = 0; index < converters.length; index += 1) fields[index] = infileField(converters[index](rows[at]));
    lines[at] = fields.join('\t');
  }
  return { entity, rows, text: `${lines.join('\n')}\n` };
}

/** Rows written out between two turns of the event loop. */
const PREPARED_CHUNK = 2_000;

/**
 * Inserts prepared rows inside the caller's transaction. A LOAD DATA is
 * checked to have stored every row without a warning (else it throws and the
 * transaction rolls back: a key already there throws as a duplicate key, as
 * an INSERT would).
 */
export async function insertPrepared<T extends object>(manager: EntityManager, prepared: PreparedRows<T>): Promise<void> {
  const { entity, rows, text } = prepared;
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const { columns } = metadata;
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  if (text !== undefined) {
    const file = localInfileData(text);
    // IGNORE says what LOCAL does anyway (the server cannot stop the transfer): checkLoaded turns skipped rows and warnings back into errors.
    const statement =
      `LOAD DATA LOCAL INFILE '${file}' IGNORE INTO TABLE ${driver.escape(metadata.tableName)} CHARACTER SET utf8mb4 ` +
      `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${names})`;
    try {
      checkLoaded(statement, await manager.query(statement), rows.length);
      return;
    } catch (error) {
      // Refused before anything was read (a failed statement leaves the transaction open on MySQL): INSERTs below.
      if (!isLocalInfileRefused(error)) throw error;
      loadDataRefused.add(manager.connection);
    } finally {
      forgetLocalInfile(file);
    }
  }
  const converters = columns.map((column) => persistentValueOf(driver, column));
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(columns.length, 1)));
  const into = `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size);
    await manager.query(
      into + chunk.map(() => tuple).join(', '),
      chunk.flatMap((row) => converters.map((value) => value(row))),
    );
  }
}

/** Inserts rows inside the caller's transaction, as few statements as the store allows (preparedRows, then insertPrepared). */
export async function insertRows<T extends object>(manager: EntityManager, entity: new () => T, rows: readonly T[]): Promise<void> {
  await insertPrepared(manager, await preparedRows(manager.connection, entity, rows));
}
