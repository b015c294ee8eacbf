import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const recorder = () => new TableColumn({ name: 'recorded_by_agency_id', type: 'varchar', length: '36', isNullable: true });
const topic = (length: number) => new TableColumn({ name: 'topic', type: 'varchar', length: String(length) });

/**
 * The write side: a case's topic becomes free text of up to 200 characters
 * (it held a topic code), and cases and sessions record the agency that
 * entered them. The recorder is nullable because rows already stored have
 * none to give.
 */
export class CounselingWrites1764000000510 implements MigrationInterface {
  name = 'CounselingWrites1764000000510';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn('counseling_case', 'topic', topic(200));
    await queryRunner.addColumn('counseling_case', recorder());
    await queryRunner.addColumn('counseling_session', recorder());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('counseling_session', 'recorded_by_agency_id');
    await queryRunner.dropColumn('counseling_case', 'recorded_by_agency_id');
    await queryRunner.changeColumn('counseling_case', 'topic', topic(64));
  }
}
