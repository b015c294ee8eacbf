import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The single-column indexes this migration drops: table and column. */
const DROPPED: readonly [string, string][] = [
  ['crash', 'reported_by_id'],
  ['crash_person', 'injury'],
  ['crash_person', 'fault_status'],
];

/**
 * Drops indexes no query needs, which every crash written paid for (an
 * import writes hundreds of thousands): crash `reported_by_id` (no query
 * filters or orders by it: the reporter is read with the crash), crash_person
 * `injury` and `fault_status` (a handful of values each; only the full
 * rollup rebuild and `rollups --check` read persons by them, through a merge
 * of the two, and a scan of the persons serves those as well; every other
 * read of persons goes by `crash_id`).
 */
export class FewerCrashIndexes1764000000330 implements MigrationInterface {
  name = 'FewerCrashIndexes1764000000330';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [tableName, column] of DROPPED) {
      const table = await queryRunner.getTable(tableName);
      const index = table?.indices.find((candidate) => !candidate.isUnique && candidate.columnNames.length === 1 && candidate.columnNames[0] === column);
      if (index) await queryRunner.dropIndex(tableName, index);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [tableName, column] of DROPPED) await queryRunner.createIndex(tableName, new TableIndex({ columnNames: [column] }));
  }
}
