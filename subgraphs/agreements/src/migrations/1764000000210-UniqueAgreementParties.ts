import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** One signature per agency and MOU, now that addParty writes parties concurrently. */
export class UniqueAgreementParties1764000000210 implements MigrationInterface {
  name = 'UniqueAgreementParties1764000000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('agreement_party', new TableIndex({ columnNames: ['agreement_id', 'agency_id'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('agreement_party');
    const index = table?.indices.find((candidate) => candidate.isUnique && candidate.columnNames.join() === 'agreement_id,agency_id');
    if (index) await queryRunner.dropIndex('agreement_party', index);
  }
}
