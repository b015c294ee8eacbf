import { In, type DataSource } from 'typeorm';
import { RegionScope } from '@safety-graph/shared';
import { CounselingUnit } from '../entities';

export interface CounselingUnitFilter {
  regionId?: string | null;
}

export class CounselingUnitStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(CounselingUnit);
  }

  findByIds(ids: readonly string[]): Promise<CounselingUnit[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  findByHostAgencyIds(hostAgencyIds: readonly string[]): Promise<CounselingUnit[]> {
    return this.repository.find({ where: { hostAgencyId: In([...hostAgencyIds]) }, order: { code: 'ASC' } });
  }

  /** In code order; a region filter takes in the units of its sub-regions through the closure table. */
  list(filter: CounselingUnitFilter): Promise<CounselingUnit[]> {
    const query = this.repository.createQueryBuilder('unit').orderBy('unit.code', 'ASC');
    if (filter.regionId) {
      query.innerJoin(RegionScope, 'scope', 'scope.regionId = unit.regionId AND scope.scopeRegionId = :regionId', {
        regionId: filter.regionId,
      });
    }
    return query.getMany();
  }

  count(): Promise<number> {
    return this.repository.count();
  }
}
