import { Brackets, In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { existingIdsOf, type PageRequest } from '@safety-graph/shared';
import { Agreement, AgreementDomain, AgreementParty } from '../entities';
import { statusCondition, todayIso, type AgreementStatus } from '../status';

export interface AgreementFilter {
  status?: AgreementStatus | null;
  domain?: string | null;
  /** The lead agency or any party. */
  partyAgencyId?: string | null;
}

/** An MOU an agency takes part in, with that agency's id (one MOU has several). */
export interface AgencyAgreement {
  agencyId: string;
  agreement: Agreement;
}

/** MOUs are paged in code order; the cursor carries the last code seen. */
export class AgreementStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Agreement);
  }

  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Agreement[]> {
    return manager.getRepository(Agreement).findBy({ id: In([...ids]) });
  }

  /**
   * The MOU a write is about to change, read in the write's transaction. On
   * MySQL/MariaDB its row stays locked until the transaction ends, so that
   * writes to one MOU (a party added while it is terminated) take turns;
   * SQLite writes take turns anyway and cannot lock a row.
   */
  findForWrite(manager: EntityManager, id: string): Promise<Agreement | null> {
    const query = manager.getRepository(Agreement).createQueryBuilder('agreement').where('agreement.id = :id', { id });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  async codeTaken(manager: EntityManager, code: string): Promise<boolean> {
    return (await manager.getRepository(Agreement).countBy({ code })) > 0;
  }

  async insert(manager: EntityManager, agreement: Agreement): Promise<void> {
    await manager.getRepository(Agreement).insert(agreement);
  }

  /** Rewrites a draft's facts (an import's correction). */
  async correct(manager: EntityManager, id: string, change: Pick<Agreement, 'title' | 'titleFa' | 'startsOn' | 'endsOn' | 'signedOn'>): Promise<void> {
    await manager.getRepository(Agreement).update({ id }, change);
  }

  /** Which of these MOU ids are taken (an import compares them). */
  existingIds(ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(this.dataSource.manager, Agreement, ids);
  }

  /** Records `to` if the MOU is still recorded as `from`; false when another write changed it first. */
  async changeStatus(manager: EntityManager, id: string, from: string, to: string): Promise<boolean> {
    const result = await manager.createQueryBuilder().update(Agreement).set({ status: to }).where('id = :id AND status = :from', { id, from }).execute();
    return result.affected === 1;
  }

  findByCodes(codes: readonly string[]): Promise<Agreement[]> {
    return this.repository.findBy({ code: In([...codes]) });
  }

  /** MOUs made for the given regions, in code order. */
  findByRegionIds(regionIds: readonly string[], status: AgreementStatus | null): Promise<Agreement[]> {
    const query = this.repository.createQueryBuilder('agreement').where('agreement.regionId IN (:...regionIds)', { regionIds: [...regionIds] });
    this.whereStatus(query, status);
    return query.orderBy('agreement.code', 'ASC').getMany();
  }

  /**
   * MOUs the given agencies lead or are party to, in code order: one query for
   * who takes part in what, one for the MOUs themselves.
   */
  async findByAgencyIds(agencyIds: readonly string[], status: AgreementStatus | null): Promise<AgencyAgreement[]> {
    const ids = [...agencyIds];
    const query = this.dataSource
      .createQueryBuilder()
      .select('agreement.id', 'agreementId')
      .addSelect('agreement.leadAgencyId', 'leadAgencyId')
      .addSelect('party.agencyId', 'partyAgencyId')
      .from(Agreement, 'agreement')
      .leftJoin(AgreementParty, 'party', 'party.agreementId = agreement.id AND party.agencyId IN (:...ids)', { ids })
      .where(new Brackets((either) => either.where('party.id IS NOT NULL').orWhere('agreement.leadAgencyId IN (:...ids)', { ids })));
    this.whereStatus(query, status);
    const rows = await query.orderBy('agreement.code', 'ASC').getRawMany<{ agreementId: string; leadAgencyId: string; partyAgencyId: string | null }>();
    if (rows.length === 0) return [];
    const byId = new Map((await this.findByIds([...new Set(rows.map((row) => row.agreementId))])).map((agreement) => [agreement.id, agreement]));
    const wanted = new Set(ids);
    const seen = new Set<string>();
    const result: AgencyAgreement[] = [];
    for (const row of rows) {
      const agreement = byId.get(row.agreementId);
      if (!agreement) continue;
      for (const agencyId of [row.partyAgencyId, row.leadAgencyId]) {
        const pair = `${agencyId}#${row.agreementId}`;
        if (agencyId === null || !wanted.has(agencyId) || seen.has(pair)) continue;
        seen.add(pair);
        result.push({ agencyId, agreement });
      }
    }
    return result;
  }

  /** One page plus one row, which tells whether there is a next page. */
  page(filter: AgreementFilter, page: PageRequest): Promise<Agreement[]> {
    const query = this.filtered(filter);
    if (page.afterKey !== null) query.andWhere('agreement.code > :afterKey', { afterKey: page.afterKey });
    return query
      .orderBy('agreement.code', 'ASC')
      .limit(page.first + 1)
      .getMany();
  }

  count(filter: AgreementFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(filter: AgreementFilter): SelectQueryBuilder<Agreement> {
    const query = this.repository.createQueryBuilder('agreement');
    this.whereStatus(query, filter.status ?? null);
    if (filter.domain) {
      const covers = query
        .subQuery()
        .select('1')
        .from(AgreementDomain, 'covered')
        .where('covered.agreementId = agreement.id')
        .andWhere('covered.domain = :domain')
        .getQuery();
      query.andWhere(`EXISTS ${covers}`, { domain: filter.domain });
    }
    if (filter.partyAgencyId) {
      const signs = query
        .subQuery()
        .select('1')
        .from(AgreementParty, 'signatory')
        .where('signatory.agreementId = agreement.id')
        .andWhere('signatory.agencyId = :partyAgencyId')
        .getQuery();
      query.andWhere(new Brackets((either) => either.where('agreement.leadAgencyId = :partyAgencyId').orWhere(`EXISTS ${signs}`)), {
        partyAgencyId: filter.partyAgencyId,
      });
    }
    return query;
  }

  /** The rule of ../status.ts as SQL: a row qualifies when one of the alternatives holds. */
  private whereStatus<T extends object>(query: SelectQueryBuilder<T>, status: AgreementStatus | null): void {
    if (!status) return;
    const today = todayIso();
    query.andWhere(
      new Brackets((any) => {
        statusCondition(status).forEach((alternative, index) => {
          const recorded = `recordedStatuses${index}`;
          let condition = `agreement.status IN (:...${recorded})`;
          if (alternative.ended === true) condition += ' AND agreement.endsOn < :today';
          if (alternative.ended === false) condition += ' AND agreement.endsOn >= :today';
          any.orWhere(`(${condition})`, { [recorded]: [...alternative.recorded], today });
        });
      }),
    );
  }
}
