import { Column, Entity, Index, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The statistics engine's rollup: per measure × county × day × contributing
 * agency (empty when the measure counts no individuals), the measure's value
 * over the raw records of that key. Kept by every domain subgraph next to its
 * records, moved in the same transaction as every write that touches a key
 * by what the written records contributed before and contribute after it
 * (changeRollups, the one way a write keeps it; `rollups --check` compares it
 * with the records), and the only rows statistics read (lasting records, such
 * as programmes, excepted).
 */
@Entity({ name: 'stat_rollup' })
@Index(['measure', 'day'])
export class StatRollup {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  measure: string;

  @PrimaryColumn({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  /** `YYYY-MM-DD`, compared as text like every other date bound. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId: string;

  @Column({ type: 'bigint' })
  value: number;
}

export class CreateStatRollups1764000000003 implements MigrationInterface {
  name = 'CreateStatRollups1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'stat_rollup',
        columns: [
          { name: 'measure', type: 'varchar', length: '40', isPrimary: true },
          { name: 'region_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'agency_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'value', type: 'bigint' },
        ],
        indices: [{ columnNames: ['measure', 'day'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('stat_rollup');
  }
}

/**
 * The version of each measure's rollup: a fresh token written in the same
 * transaction as every rollup change (a write's `changeRollups`, `rebuild`,
 * seeds). Cached statistics remember the versions they were computed at and
 * are used only while those are still current, so replicas sharing a store
 * stay correct without talking to each other.
 */
@Entity({ name: 'stat_version' })
export class StatVersion {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  measure: string;

  @Column({ type: 'varchar', length: 36 })
  version: string;
}

export class CreateStatVersions1764000000004 implements MigrationInterface {
  name = 'CreateStatVersions1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'stat_version',
        columns: [
          { name: 'measure', type: 'varchar', length: '40', isPrimary: true },
          { name: 'version', type: 'varchar', length: '36' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('stat_version');
  }
}
