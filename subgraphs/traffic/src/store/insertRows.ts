import type { EntityManager } from 'typeorm';

/** SQLite allows at most 32766 bound parameters per statement; MySQL 65535. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows inside the caller's transaction, as few statements as the
 * parameter limit allows (an import writes hundreds of crashes at once);
 * every column is given, so nothing is read back.
 */
export async function insertRows<T extends object>(manager: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  const columns = manager.connection.getMetadata(entity).columns.length;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(columns, 1)));
  for (let start = 0; start < rows.length; start += size) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(start, start + size) as never)
      .updateEntity(false)
      .execute();
  }
}
