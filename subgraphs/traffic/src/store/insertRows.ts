import type { EntityManager } from 'typeorm';

/** SQLite allows at most 32766 bound parameters per statement; MySQL 65535. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows inside the caller's transaction, as few statements as the
 * parameter limit allows (an import writes thousands of crashes at once);
 * every column is given, so nothing is read back. The statement is one
 * `INSERT … VALUES (?, …), …` over the entity's columns, each value converted
 * as TypeORM converts it (the driver's preparePersistentValue): its insert
 * builder spends more time naming thousands of parameters than the database
 * spends storing the rows.
 */
export async function insertRows<T extends object>(manager: EntityManager, entity: new () => T, rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const { columns } = metadata;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(columns.length, 1)));
  const into = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size);
    await manager.query(
      into + chunk.map(() => tuple).join(', '),
      chunk.flatMap((row) => columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column) as unknown)),
    );
  }
}
