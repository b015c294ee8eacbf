import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Imported crashes are found by an import key instead of their id, so that
 * their ids can be time-ordered: a crash id derived from the agency's external
 * id put every new crash on a random page of the primary key, of every crash
 * index ending with it and of crash_person's crash index. Every crash there
 * before keeps its id and gets it as its key: an imported one is found again
 * as before (its id was the derived key), and the id of any other (a random
 * UUID, or a seed's id derived from another natural key) is never an import's key.
 */
export class CrashImportKeys1764000000320 implements MigrationInterface {
  name = 'CrashImportKeys1764000000320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('crash', new TableColumn({ name: 'import_key', type: 'varchar', length: '36', isNullable: true }));
    await queryRunner.query('UPDATE crash SET import_key = id');
    await queryRunner.createIndex('crash', new TableIndex({ columnNames: ['import_key'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('crash');
    const index = table?.indices.find((candidate) => candidate.columnNames.length === 1 && candidate.columnNames[0] === 'import_key');
    if (index) await queryRunner.dropIndex('crash', index);
    await queryRunner.dropColumn('crash', 'import_key');
  }
}
