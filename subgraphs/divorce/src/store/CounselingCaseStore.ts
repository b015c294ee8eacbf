import type { DataSource } from 'typeorm';
import type { PageRequest } from '@safety-graph/shared';
import { CounselingCase, CounselingUnit } from '../entities';

export interface CounselingCaseFilter {
  /** OPEN or CLOSED. */
  status?: string | null;
}

/**
 * Cases are sensitive: every read here takes the agency asking and returns
 * only the cases of the units that agency hosts. Pages run in id order; the
 * cursor carries the last id seen.
 */
export class CounselingCaseStore {
  constructor(private readonly dataSource: DataSource) {}

  private hostedBy(hostAgencyId: string, filter: CounselingCaseFilter = {}) {
    const query = this.dataSource
      .getRepository(CounselingCase)
      .createQueryBuilder('counselingCase')
      .innerJoin(CounselingUnit, 'unit', 'unit.id = counselingCase.unitId AND unit.hostAgencyId = :hostAgencyId', { hostAgencyId })
      .where('1 = 1');
    if (filter.status) query.andWhere('counselingCase.status = :status', { status: filter.status });
    return query;
  }

  findByIdsHostedBy(ids: readonly string[], hostAgencyId: string): Promise<CounselingCase[]> {
    return this.hostedBy(hostAgencyId).andWhere('counselingCase.id IN (:...ids)', { ids: [...ids] }).getMany();
  }

  /** One page plus one row, which tells whether there is a next page (LIMIT, not take: take with a join costs a second query). */
  pageHostedBy(hostAgencyId: string, filter: CounselingCaseFilter, page: PageRequest): Promise<CounselingCase[]> {
    const query = this.hostedBy(hostAgencyId, filter).orderBy('counselingCase.id', 'ASC').limit(page.first + 1);
    if (page.afterKey !== null) query.andWhere('counselingCase.id > :afterKey', { afterKey: page.afterKey });
    return query.getMany();
  }

  countHostedBy(hostAgencyId: string, filter: CounselingCaseFilter): Promise<number> {
    return this.hostedBy(hostAgencyId, filter).getCount();
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(CounselingCase).count();
  }
}
