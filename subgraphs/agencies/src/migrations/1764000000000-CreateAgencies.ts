import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

export class CreateAgencies1764000000000 implements MigrationInterface {
  name = 'CreateAgencies1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'region',
        columns: [
          id,
          text('code', 32),
          text('name', 200),
          text('name_fa', 200),
          text('kind', 16),
          text('parent_id', 36, true),
          { name: 'population', type: 'integer', isNullable: true },
        ],
        indices: [{ columnNames: ['code'], isUnique: true }, { columnNames: ['parent_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'agency',
        columns: [id, text('code', 64), text('name', 200), text('name_fa', 200), text('kind', 32), text('region_id', 36), text('parent_id', 36, true)],
        indices: [{ columnNames: ['code'], isUnique: true }, { columnNames: ['kind'] }, { columnNames: ['region_id'] }, { columnNames: ['parent_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'liaison',
        columns: [id, text('agency_id', 36), text('name', 200), text('name_fa', 200), text('role', 100), text('email', 200, true), text('phone', 40, true)],
        indices: [{ columnNames: ['agency_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('liaison');
    await queryRunner.dropTable('agency');
    await queryRunner.dropTable('region');
  }
}
