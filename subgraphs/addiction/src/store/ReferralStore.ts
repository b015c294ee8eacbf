import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { existingIdsOf, badUserInput, type PageRequest } from '@safety-graph/shared';
import { TreatmentReferral } from '../entities';
import { changingReferrals } from './measures';

/** The cursor key of a referral: its date and id, the stable unique order referrals are paged in. */
export function referralSortKey(referral: TreatmentReferral): string {
  return `${referral.referredOn}|${referral.id}`;
}

function parseSortKey(key: string): { referredOn: string; id: string } {
  const match = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f-]{36})$/.exec(key);
  if (!match) throw badUserInput('after', 'is not a cursor of this connection');
  return { referredOn: match[1], id: match[2] };
}

/**
 * Every read is restricted to the referrals an agency is party to, as the
 * referring or the receiving agency: the store offers no unrestricted read.
 */
export class ReferralStore {
  constructor(private readonly dataSource: DataSource) {}

  private visibleTo(agencyId: string, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<TreatmentReferral> {
    return manager
      .getRepository(TreatmentReferral)
      .createQueryBuilder('referral')
      .where('(referral.fromAgencyId = :agencyId OR referral.toAgencyId = :agencyId)', { agencyId });
  }

  findVisibleByIds(ids: readonly string[], agencyId: string): Promise<TreatmentReferral[]> {
    return this.visibleTo(agencyId)
      .andWhere({ id: In([...ids]) })
      .getMany();
  }

  /** One page plus one row, oldest first, after the cursor's (date, id). */
  page(agencyId: string, page: PageRequest): Promise<TreatmentReferral[]> {
    const query = this.visibleTo(agencyId);
    if (page.afterKey !== null) {
      const after = parseSortKey(page.afterKey);
      query.andWhere('(referral.referredOn > :afterDate OR (referral.referredOn = :afterDate AND referral.id > :afterId))', {
        afterDate: after.referredOn,
        afterId: after.id,
      });
    }
    return query
      .orderBy('referral.referredOn', 'ASC')
      .addOrderBy('referral.id', 'ASC')
      .limit(page.first + 1)
      .getMany();
  }

  count(agencyId: string): Promise<number> {
    return this.visibleTo(agencyId).getCount();
  }

  /** One referral the agency is party to, read inside the writing transaction; null for any other. */
  findVisibleById(manager: EntityManager, id: string, agencyId: string): Promise<TreatmentReferral | null> {
    return this.visibleTo(agencyId, manager).andWhere('referral.id = :id', { id }).getOne();
  }

  async insert(manager: EntityManager, referral: TreatmentReferral): Promise<void> {
    await changingReferrals(manager, [referral.id], false, () => manager.insert(TreatmentReferral, referral));
  }

  /** Rewrites a referral's facts (a correction), moving the rollups from what it counted to what it counts now. */
  async correct(
    manager: EntityManager,
    before: TreatmentReferral,
    change: Pick<TreatmentReferral, 'subjectPseudonym' | 'referredOn' | 'regionId' | 'toAgencyId'>,
  ): Promise<void> {
    await changingReferrals(manager, [before.id], true, () => manager.update(TreatmentReferral, { id: before.id }, change));
  }

  /** Which of these ids are already taken, whoever made them (an import compares them). */
  existingIds(ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(this.dataSource.manager, TreatmentReferral, ids);
  }

  /**
   * Moves a referral from `fromStatus` on, only if it is still in it: two
   * concurrent steps cannot both apply. Returns false when another step came first.
   */
  async changeStatus(
    manager: EntityManager,
    id: string,
    fromStatus: string,
    change: Pick<TreatmentReferral, 'status'> & Partial<Pick<TreatmentReferral, 'admittedOn'>>,
  ): Promise<boolean> {
    const result = await changingReferrals(manager, [id], true, () =>
      manager.createQueryBuilder().update(TreatmentReferral).set(change).where('id = :id AND status = :fromStatus', { id, fromStatus }).execute(),
    );
    return (result.affected ?? 0) === 1;
  }
}
