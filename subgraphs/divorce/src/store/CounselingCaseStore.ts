import type { DataSource, EntityManager } from 'typeorm';
import { existingIdsOf, type PageRequest } from '@safety-graph/shared';
import { CounselingCase, CounselingUnit } from '../entities';
import { changingCases } from './measures';

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
    return this.hostedBy(hostAgencyId)
      .andWhere('counselingCase.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  /** One page plus one row, which tells whether there is a next page (LIMIT, not take: take with a join costs a second query). */
  pageHostedBy(hostAgencyId: string, filter: CounselingCaseFilter, page: PageRequest): Promise<CounselingCase[]> {
    const query = this.hostedBy(hostAgencyId, filter)
      .orderBy('counselingCase.id', 'ASC')
      .limit(page.first + 1);
    if (page.afterKey !== null) query.andWhere('counselingCase.id > :afterKey', { afterKey: page.afterKey });
    return query.getMany();
  }

  countHostedBy(hostAgencyId: string, filter: CounselingCaseFilter): Promise<number> {
    return this.hostedBy(hostAgencyId, filter).getCount();
  }

  /** Which of these ids are already taken, whoever hosts them (an import skips them). */
  existingIds(ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(this.dataSource.manager, CounselingCase, ids);
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(CounselingCase).count();
  }

  /**
   * A case about to change, read in the writing transaction. On MySQL/MariaDB
   * the row stays locked until the transaction ends, so that a session and the
   * case's closing, or two closings, cannot both pass the OPEN check; SQLite
   * has no row locks and needs none (its write transactions take turns).
   * Any case, whoever hosts it: the caller decides what it may see.
   */
  findForWrite(manager: EntityManager, id: string): Promise<CounselingCase | null> {
    const rowLocks = ['mysql', 'mariadb'].includes(this.dataSource.options.type);
    return manager.findOne(CounselingCase, { where: { id }, ...(rowLocks ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insert(manager: EntityManager, row: CounselingCase): Promise<void> {
    await changingCases(manager, [row.id], false, () => manager.insert(CounselingCase, row));
  }

  /** Rewrites a case's facts (a correction), moving the rollups from what it counted to what it counts now. */
  async correct(manager: EntityManager, before: CounselingCase, change: Pick<CounselingCase, 'subjectPseudonym' | 'openedOn' | 'topic'>): Promise<void> {
    await changingCases(manager, [before.id], true, () => manager.update(CounselingCase, { id: before.id }, change));
  }

  /** OPEN to CLOSED; false when the case was not OPEN (any more). */
  async close(manager: EntityManager, id: string, closedOn: string, outcome: string): Promise<boolean> {
    const result = await changingCases(manager, [id], true, () =>
      manager.update(CounselingCase, { id, status: 'OPEN' }, { status: 'CLOSED', closedOn, outcome }),
    );
    return (result.affected ?? 0) === 1;
  }
}
