import { In, MoreThan, type DataSource, type FindOptionsWhere } from 'typeorm';
import type { PageRequest } from '@safety-graph/shared';
import { Agency } from '../entities';

export interface AgencyFilter {
  kind?: string | null;
  regionId?: string | null;
}

/** Agencies are paged in code order; the cursor carries the last code seen. */
export class AgencyStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Agency);
  }

  findByIds(ids: readonly string[]): Promise<Agency[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  findByCodes(codes: readonly string[]): Promise<Agency[]> {
    return this.repository.findBy({ code: In([...codes]) });
  }

  findByRegionIds(regionIds: readonly string[]): Promise<Agency[]> {
    return this.repository.find({ where: { regionId: In([...regionIds]) }, order: { code: 'ASC' } });
  }

  findByParentIds(parentIds: readonly string[]): Promise<Agency[]> {
    return this.repository.find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }

  private where(filter: AgencyFilter): FindOptionsWhere<Agency> {
    const where: FindOptionsWhere<Agency> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.regionId) where.regionId = filter.regionId;
    return where;
  }

  /** One page plus one row, which tells whether there is a next page. */
  page(filter: AgencyFilter, page: PageRequest): Promise<Agency[]> {
    const where = this.where(filter);
    if (page.afterKey !== null) where.code = MoreThan(page.afterKey);
    return this.repository.find({ where, order: { code: 'ASC' }, take: page.first + 1 });
  }

  count(filter: AgencyFilter): Promise<number> {
    return this.repository.countBy(this.where(filter));
  }
}
