import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const integer = (name: string) => ({ name, type: 'integer' });
const date = (name: string) => ({ name, type: 'date' });
const datetime = (name: string) => ({ name, type: 'datetime' });

export class CreateTraffic1764000000300 implements MigrationInterface {
  name = 'CreateTraffic1764000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'crash',
        columns: [
          id,
          datetime('occurred_at'),
          date('occurred_on'),
          text('region_id', 36),
          text('severity', 32),
          integer('fatalities'),
          integer('injuries'),
          text('reported_by_id', 36),
          text('road_type', 16),
        ],
        indices: [
          { columnNames: ['occurred_at'] },
          { columnNames: ['occurred_on'] },
          { columnNames: ['region_id'] },
          { columnNames: ['severity'] },
          { columnNames: ['reported_by_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'crash_person',
        columns: [id, text('crash_id', 36), integer('position'), text('role', 16), text('injury', 1), text('fault_status', 16), text('age_band', 16, true)],
        indices: [{ columnNames: ['crash_id'] }, { columnNames: ['injury'] }, { columnNames: ['fault_status'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'violation',
        columns: [id, datetime('occurred_at'), date('occurred_on'), text('region_id', 36), text('type', 32), text('recorded_by_id', 36)],
        indices: [
          { columnNames: ['occurred_at'] },
          { columnNames: ['occurred_on'] },
          { columnNames: ['region_id'] },
          { columnNames: ['type'] },
          { columnNames: ['recorded_by_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'traffic_campaign',
        columns: [
          id,
          text('title', 200),
          text('title_fa', 200),
          text('agreement_id', 36),
          text('region_id', 36),
          date('starts_on'),
          date('ends_on'),
          text('channel', 32),
        ],
        indices: [{ columnNames: ['agreement_id'] }, { columnNames: ['region_id'] }, { columnNames: ['starts_on'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('traffic_campaign');
    await queryRunner.dropTable('violation');
    await queryRunner.dropTable('crash_person');
    await queryRunner.dropTable('crash');
  }
}
