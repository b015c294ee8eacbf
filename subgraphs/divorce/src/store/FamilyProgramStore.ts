import { In, type DataSource } from 'typeorm';
import { RegionScope } from '@safety-graph/shared';
import { FamilyProgram } from '../entities';

export interface FamilyProgramFilter {
  regionId?: string | null;
}

export class FamilyProgramStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(FamilyProgram);
  }

  findByIds(ids: readonly string[]): Promise<FamilyProgram[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  /** Newest first; a region filter takes in the programmes of its sub-regions through the closure table. */
  list(filter: FamilyProgramFilter): Promise<FamilyProgram[]> {
    const query = this.repository.createQueryBuilder('program').orderBy('program.startsOn', 'DESC').addOrderBy('program.code', 'ASC');
    if (filter.regionId) {
      query.innerJoin(RegionScope, 'scope', 'scope.regionId = program.regionId AND scope.scopeRegionId = :regionId', {
        regionId: filter.regionId,
      });
    }
    return query.getMany();
  }

  count(): Promise<number> {
    return this.repository.count();
  }
}
