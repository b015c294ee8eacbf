import { Entity, Index, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { regionClosure } from '../reference';
import { insertIgnoringExisting, type Store } from './store';

/**
 * The region hierarchy as a closure table, kept by each domain subgraph next
 * to its records (subgraphs never call each other). A statistic for any set of
 * regions is one query: join records on `region_id`, group by `scope_region_id`.
 */
@Entity({ name: 'region_scope' })
export class RegionScope {
  @PrimaryColumn({ name: 'scope_region_id', type: 'varchar', length: 36 })
  scopeRegionId: string;

  @PrimaryColumn({ name: 'region_id', type: 'varchar', length: 36 })
  @Index()
  regionId: string;
}

export class CreateRegionScope1764000000001 implements MigrationInterface {
  name = 'CreateRegionScope1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'region_scope',
        columns: [
          { name: 'scope_region_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'region_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ columnNames: ['region_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('region_scope');
  }
}

/** Fills the closure table from the reference regions; idempotent. */
export async function seedRegionScope(store: Store): Promise<number> {
  const pairs = regionClosure();
  await insertIgnoringExisting(store.dataSource, RegionScope, pairs);
  return pairs.length;
}
