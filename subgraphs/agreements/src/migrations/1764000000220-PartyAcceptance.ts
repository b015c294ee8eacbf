import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A party's consent: `status` (PENDING until the agency accepts, ACCEPTED) and
 * `accepted_at`. Rows written before consent was recorded were taken as
 * agreed when they were written, so they become ACCEPTED, with no time (it
 * was never recorded); new rows default to PENDING, so that a row written
 * without a status binds nobody.
 */
export class PartyAcceptance1764000000220 implements MigrationInterface {
  name = 'PartyAcceptance1764000000220';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('agreement_party', [
      new TableColumn({ name: 'status', type: 'varchar', length: '16', isNullable: false, default: "'PENDING'" }),
      new TableColumn({ name: 'accepted_at', type: 'datetime', isNullable: true }),
    ]);
    await queryRunner.query(`UPDATE agreement_party SET status = 'ACCEPTED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('agreement_party', 'accepted_at');
    await queryRunner.dropColumn('agreement_party', 'status');
  }
}
