import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const date = (name: string, isNullable = false) => ({ name, type: 'date', isNullable });

export class CreateDivorce1764000000500 implements MigrationInterface {
  name = 'CreateDivorce1764000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'counseling_unit',
        columns: [id, text('code', 80), text('name', 200), text('name_fa', 200), text('host_agency_id', 36), text('host_kind', 32), text('region_id', 36)],
        indices: [
          { columnNames: ['code'], isUnique: true },
          { columnNames: ['host_agency_id'] },
          { columnNames: ['host_kind'] },
          { columnNames: ['region_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'counseling_case',
        columns: [
          id,
          text('unit_id', 36),
          text('region_id', 36),
          text('subject_pseudonym', 64),
          date('opened_on'),
          text('status', 16),
          text('topic', 64),
          date('closed_on', true),
          text('outcome', 16, true),
        ],
        indices: [
          { columnNames: ['unit_id'] },
          { columnNames: ['region_id'] },
          { columnNames: ['subject_pseudonym'] },
          { columnNames: ['opened_on'] },
          { columnNames: ['closed_on'] },
          { columnNames: ['outcome'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'counseling_session',
        columns: [id, text('case_id', 36), text('unit_id', 36), text('region_id', 36), date('held_on'), text('mode', 16), { name: 'free', type: 'boolean' }],
        indices: [
          { columnNames: ['case_id'] },
          { columnNames: ['unit_id'] },
          { columnNames: ['region_id'] },
          { columnNames: ['held_on'] },
          { columnNames: ['free'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'family_program',
        columns: [
          id,
          text('code', 80),
          text('title', 200),
          text('title_fa', 200),
          text('kind', 32),
          text('region_id', 36),
          text('lead_agency_id', 36),
          date('starts_on'),
          date('ends_on'),
          { name: 'participants', type: 'integer' },
        ],
        indices: [{ columnNames: ['code'], isUnique: true }, { columnNames: ['kind'] }, { columnNames: ['region_id'] }, { columnNames: ['lead_agency_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('family_program');
    await queryRunner.dropTable('counseling_session');
    await queryRunner.dropTable('counseling_case');
    await queryRunner.dropTable('counseling_unit');
  }
}
