import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

export class CreateAudit1764000000900 implements MigrationInterface {
  name = 'CreateAudit1764000000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          text('at', 30),
          text('request_id', 36),
          text('agency_code', 64, true),
          text('subject', 200, true),
          text('operation_name', 200, true),
          text('operation_type', 16, true),
          text('document_hash', 64, true),
          text('variables_hash', 64, true),
          text('subgraphs', 200),
          text('outcome', 32),
          { name: 'http_status', type: 'integer' },
          { name: 'duration_ms', type: 'integer' },
          text('prev_hash', 64),
          text('hash', 64),
        ],
        indices: [{ columnNames: ['at'] }, { columnNames: ['request_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_head',
        columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'seq', type: 'bigint' }, text('hash', 64)],
      }),
    );
    // The head exists from the start so that the first writers lock an existing
    // row (InnoDB would otherwise take gap locks and deadlock them).
    const escape = (name: string) => queryRunner.connection.driver.escape(name);
    await queryRunner.query(`INSERT INTO ${escape('audit_head')} (${escape('id')}, ${escape('seq')}, ${escape('hash')}) VALUES (1, 0, '${'0'.repeat(64)}')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_head');
    await queryRunner.dropTable('audit_entry');
  }
}
