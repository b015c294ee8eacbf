import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Rows of several kinds (intent before execution, outcome after, import,
 * summary) and a detail column for what they count. Rows chained before this
 * migration carry plain SHA-256 hashes, which the keyed verifier reports as
 * re-chained: archive and verify an old log with the release that wrote it.
 */
export class AuditIntentRows1764000000910 implements MigrationInterface {
  name = 'AuditIntentRows1764000000910';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('audit_entry', new TableColumn({ name: 'kind', type: 'varchar', length: '16', default: "'request'" }));
    await queryRunner.addColumn('audit_entry', new TableColumn({ name: 'detail', type: 'varchar', length: '500', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('audit_entry', 'detail');
    await queryRunner.dropColumn('audit_entry', 'kind');
  }
}
