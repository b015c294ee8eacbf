import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { badUserInput, type PageRequest } from '@safety-graph/shared';
import { TreatmentReferral } from '../entities';

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

  private visibleTo(agencyId: string): SelectQueryBuilder<TreatmentReferral> {
    return this.dataSource
      .getRepository(TreatmentReferral)
      .createQueryBuilder('referral')
      .where('(referral.fromAgencyId = :agencyId OR referral.toAgencyId = :agencyId)', { agencyId });
  }

  findVisibleByIds(ids: readonly string[], agencyId: string): Promise<TreatmentReferral[]> {
    return this.visibleTo(agencyId).andWhere({ id: In([...ids]) }).getMany();
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
    return query.orderBy('referral.referredOn', 'ASC').addOrderBy('referral.id', 'ASC').limit(page.first + 1).getMany();
  }

  count(agencyId: string): Promise<number> {
    return this.visibleTo(agencyId).getCount();
  }
}
