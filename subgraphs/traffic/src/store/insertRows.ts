import type { EntityManager } from 'typeorm';
import { checkLoaded, forgetLocalInfile, infileField, localInfileData, persistentValueOf } from '@safety-graph/shared';

/** SQLite allows at most 32766 bound parameters per statement; MySQL 65535. */
const MAX_PARAMETERS = 30_000;

/** Rows from which a MySQL/MariaDB write goes as LOAD DATA rather than INSERT (below, one INSERT is as cheap). */
const LOAD_DATA_FROM = 50;

/**
 * Inserts rows inside the caller's transaction, as few statements as the
 * store allows (an import writes thousands of crashes at once); every column
 * is given, so nothing is read back. Each value is converted as TypeORM
 * converts it (the driver's preparePersistentValue, read straight from the
 * property for plain columns: persistentValueOf); TypeORM's insert builder
 * spends more time naming thousands of parameters than the database spends
 * storing the rows.
 *
 * MySQL/MariaDB, from 50 rows: one `LOAD DATA LOCAL INFILE` of the rows as
 * tab-separated text handed over from memory (localInfile.ts), which the
 * server parses far faster than an INSERT of as many literals. It is checked
 * to have stored every row without a warning (else it throws and the
 * transaction rolls back: a key already there throws as a duplicate key, as
 * an INSERT would). Fewer rows, and SQLite: multi-row `INSERT … VALUES (?, …)`.
 */
export async function insertRows<T extends object>(manager: EntityManager, entity: new () => T, rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const { columns } = metadata;
  const converters = columns.map((column) => persistentValueOf(driver, column));
  const value = (row: T, index: number) => converters[index](row);
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  if (['mysql', 'mariadb'].includes(manager.connection.options.type) && rows.length >= LOAD_DATA_FROM) {
    const lines: string[] = new Array<string>(rows.length);
    const fields: string[] = new Array<string>(columns.length);
    rows.forEach((row, at) => {
      for (let index = 0; index < columns.length; index += 1) fields[index] = infileField(value(row, index));
      lines[at] = fields.join('\t');
    });
    const file = localInfileData(`${lines.join('\n')}\n`);
    // IGNORE says what LOCAL does anyway (the server cannot stop the transfer): checkLoaded turns skipped rows and warnings back into errors.
    const statement =
      `LOAD DATA LOCAL INFILE '${file}' IGNORE INTO TABLE ${driver.escape(metadata.tableName)} CHARACTER SET utf8mb4 ` +
      `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${names})`;
    try {
      checkLoaded(statement, await manager.query(statement), rows.length);
    } finally {
      forgetLocalInfile(file);
    }
    return;
  }
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(columns.length, 1)));
  const into = `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size);
    await manager.query(
      into + chunk.map(() => tuple).join(', '),
      chunk.flatMap((row) => columns.map((_, index) => value(row, index))),
    );
  }
}
