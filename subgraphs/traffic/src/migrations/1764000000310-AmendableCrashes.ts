import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
const integer = (name: string) => ({ name, type: 'integer' });
const datetime = (name: string) => ({ name, type: 'datetime' });

/** Crash corrections: a version on each crash, and the superseded versions kept in crash_revision. */
export class AmendableCrashes1764000000310 implements MigrationInterface {
  name = 'AmendableCrashes1764000000310';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every crash reported so far is its first version.
    await queryRunner.addColumn('crash', new TableColumn({ name: 'version', type: 'integer', default: 1 }));
    await queryRunner.createTable(
      new Table({
        name: 'crash_revision',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          text('crash_id', 36),
          integer('version'),
          datetime('amended_at'),
          text('amended_by_id', 36),
          text('reason', 500),
          datetime('occurred_at'),
          { name: 'occurred_on', type: 'date' },
          text('region_id', 36),
          text('road_type', 16),
          text('severity', 32),
          integer('fatalities'),
          integer('injuries'),
          { name: 'persons', type: 'text' },
        ],
        indices: [{ columnNames: ['crash_id', 'version'], isUnique: true }, { columnNames: ['amended_by_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('crash_revision');
    await queryRunner.dropColumn('crash', 'version');
  }
}
