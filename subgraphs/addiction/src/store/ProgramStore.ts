import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { existingIdsOf, RegionScope, type PageRequest } from '@safety-graph/shared';
import { PreventionProgram, ProgramSession } from '../entities';
import { changingSessions, touchLastingRecords } from './measures';

export interface ProgramFilter {
  regionId?: string | null;
  kind?: string | null;
}

/** Programmes are paged in code order; the cursor carries the last code seen. */
export class ProgramStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(PreventionProgram);
  }

  findByIds(ids: readonly string[]): Promise<PreventionProgram[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  findByCodes(codes: readonly string[]): Promise<PreventionProgram[]> {
    return this.repository.findBy({ code: In([...codes]) });
  }

  findByAgreementIds(agreementIds: readonly string[]): Promise<PreventionProgram[]> {
    return this.repository.find({ where: { agreementId: In([...agreementIds]) }, order: { code: 'ASC' } });
  }

  /** "In a region" includes the region's counties, through the closure table. */
  private filtered(filter: ProgramFilter): SelectQueryBuilder<PreventionProgram> {
    const query = this.repository.createQueryBuilder('program');
    if (filter.regionId) {
      query.innerJoin(RegionScope, 'scope', 'scope.regionId = program.regionId AND scope.scopeRegionId = :regionId', {
        regionId: filter.regionId,
      });
    }
    if (filter.kind) query.andWhere('program.kind = :kind', { kind: filter.kind });
    return query;
  }

  /** One page plus one row, which tells whether there is a next page. */
  page(filter: ProgramFilter, page: PageRequest): Promise<PreventionProgram[]> {
    const query = this.filtered(filter);
    if (page.afterKey !== null) query.andWhere('program.code > :afterCode', { afterCode: page.afterKey });
    // limit, not take: the join matches at most one scope row per programme, so no de-duplicating subquery is needed.
    return query
      .orderBy('program.code', 'ASC')
      .limit(page.first + 1)
      .getMany();
  }

  count(filter: ProgramFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /** Read inside the writing transaction, so a session is checked against the programme as it is committed with. */
  findById(manager: EntityManager, id: string): Promise<PreventionProgram | null> {
    return manager.findOneBy(PreventionProgram, { id });
  }

  async codeTaken(manager: EntityManager, code: string): Promise<boolean> {
    return (await manager.countBy(PreventionProgram, { code })) > 0;
  }

  /**
   * Rewrites a programme's facts (a correction). Programmes are read from their
   * rows, no rollup holds them, but their sessions count by the programme's
   * kind (people reached, or an exhibition's visits): their rollups move with it.
   */
  async correct(manager: EntityManager, id: string, change: Omit<PreventionProgram, 'id'>): Promise<void> {
    const sessions = await manager.find(ProgramSession, { select: { id: true }, where: { programId: id } });
    await changingSessions(
      manager,
      sessions.map((session) => session.id),
      true,
      () => manager.update(PreventionProgram, { id }, change),
    );
    await touchLastingRecords(manager);
  }

  /** Which of these ids are already taken (an import compares them). */
  existingIds(ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(this.dataSource.manager, PreventionProgram, ids);
  }

  async insert(manager: EntityManager, program: PreventionProgram): Promise<void> {
    await manager.insert(PreventionProgram, program);
    await touchLastingRecords(manager);
  }
}
