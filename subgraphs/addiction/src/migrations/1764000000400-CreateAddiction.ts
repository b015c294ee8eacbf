import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const date = (name: string, isNullable = false) => ({ name, type: 'date', isNullable });

export class CreateAddiction1764000000400 implements MigrationInterface {
  name = 'CreateAddiction1764000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'prevention_program',
        columns: [
          id,
          text('code', 64),
          text('title', 200),
          text('title_fa', 200),
          text('kind', 32),
          text('agreement_id', 36, true),
          text('lead_agency_id', 36),
          text('region_id', 36),
          date('starts_on'),
          date('ends_on'),
        ],
        indices: [{ columnNames: ['code'], isUnique: true }, { columnNames: ['kind'] }, { columnNames: ['agreement_id'] }, { columnNames: ['region_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'program_session',
        columns: [
          id,
          text('program_id', 36),
          date('held_on'),
          text('region_id', 36),
          { name: 'attendance', type: 'integer' },
          text('recorded_by_agency_id', 36),
        ],
        indices: [{ columnNames: ['program_id'] }, { columnNames: ['held_on'] }, { columnNames: ['region_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'treatment_referral',
        columns: [
          id,
          text('subject_pseudonym', 64),
          date('referred_on'),
          text('region_id', 36),
          text('from_agency_id', 36),
          text('to_agency_id', 36),
          text('status', 16),
          date('admitted_on', true),
        ],
        indices: [
          { columnNames: ['subject_pseudonym'] },
          { columnNames: ['referred_on'] },
          { columnNames: ['region_id'] },
          { columnNames: ['from_agency_id'] },
          { columnNames: ['to_agency_id'] },
          { columnNames: ['admitted_on'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('treatment_referral');
    await queryRunner.dropTable('program_session');
    await queryRunner.dropTable('prevention_program');
  }
}
