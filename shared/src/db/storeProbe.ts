import { Table, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';

/** One row per store, rewritten by each readiness check: proof that the store can write and commit now. */
const PROBE_TABLE = 'store_probe';

export class CreateStoreProbe1769000000000 implements MigrationInterface {
  name = 'CreateStoreProbe1769000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: PROBE_TABLE,
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'checked_at', type: 'varchar', length: '30' },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(PROBE_TABLE, true);
  }
}

/** Rewrites the probe row inside the caller's transaction (the same two statements on SQLite and MySQL). */
export async function probeWrite(manager: EntityManager): Promise<void> {
  await manager.query(`DELETE FROM ${PROBE_TABLE} WHERE id = 1`);
  await manager.query(`INSERT INTO ${PROBE_TABLE} (id, checked_at) VALUES (1, ?)`, [new Date().toISOString()]);
}
