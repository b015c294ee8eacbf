import type { EntityManager } from 'typeorm';

/** Inserts rows in one statement inside the caller's transaction; every column is given, so nothing is read back. */
export async function insertRows<T extends object>(manager: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.createQueryBuilder().insert().into(entity).values(rows as never).updateEntity(false).execute();
}
