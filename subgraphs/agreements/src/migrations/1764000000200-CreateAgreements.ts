import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const date = (name: string, isNullable = false) => ({ name, type: 'date', isNullable });

export class CreateAgreements1764000000200 implements MigrationInterface {
  name = 'CreateAgreements1764000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'agreement',
        columns: [
          id,
          text('code', 64),
          text('title', 300),
          text('title_fa', 300),
          text('status', 16),
          text('lead_agency_id', 36),
          text('region_id', 36),
          date('signed_on', true),
          date('starts_on'),
          date('ends_on'),
        ],
        indices: [
          { columnNames: ['code'], isUnique: true },
          { columnNames: ['status'] },
          { columnNames: ['lead_agency_id'] },
          { columnNames: ['region_id'] },
          { columnNames: ['ends_on'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'agreement_domain',
        columns: [
          { ...text('agreement_id', 36), isPrimary: true },
          { ...text('domain', 16), isPrimary: true },
        ],
        indices: [{ columnNames: ['domain'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'agreement_party',
        columns: [id, text('agreement_id', 36), text('agency_id', 36), text('role', 16), { name: 'position', type: 'integer' }],
        indices: [{ columnNames: ['agreement_id'] }, { columnNames: ['agency_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'commitment',
        columns: [
          id,
          text('party_id', 36),
          text('agreement_id', 36),
          text('description', 500),
          text('description_fa', 500),
          date('due_on', true),
          { name: 'position', type: 'integer' },
        ],
        indices: [{ columnNames: ['party_id'] }, { columnNames: ['agreement_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'target',
        columns: [
          id,
          text('agreement_id', 36),
          text('kind', 16),
          text('metric', 64),
          text('region_id', 36),
          date('period_from'),
          date('period_to'),
          { name: 'baseline', type: 'double' },
          { name: 'target', type: 'double' },
          text('direction', 16),
        ],
        indices: [{ columnNames: ['agreement_id'] }, { columnNames: ['region_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('target');
    await queryRunner.dropTable('commitment');
    await queryRunner.dropTable('agreement_party');
    await queryRunner.dropTable('agreement_domain');
    await queryRunner.dropTable('agreement');
  }
}
