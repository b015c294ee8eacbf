import type { DataSource, EntityManager } from 'typeorm';
import { CounselingSession, CounselingUnit } from '../entities';
import { changingSessions } from './measures';
import { existingIdsOf } from '@safety-graph/shared';

/** Sessions belong to cases and are as sensitive: only those of units the asking agency hosts. */
export class CounselingSessionStore {
  constructor(private readonly dataSource: DataSource) {}

  findByCaseIdsHostedBy(caseIds: readonly string[], hostAgencyId: string): Promise<CounselingSession[]> {
    return this.dataSource
      .getRepository(CounselingSession)
      .createQueryBuilder('session')
      .innerJoin(CounselingUnit, 'unit', 'unit.id = session.unitId AND unit.hostAgencyId = :hostAgencyId', { hostAgencyId })
      .where('session.caseId IN (:...caseIds)', { caseIds: [...caseIds] })
      .orderBy('session.heldOn', 'ASC')
      .addOrderBy('session.id', 'ASC')
      .getMany();
  }

  findByIdsHostedBy(ids: readonly string[], hostAgencyId: string): Promise<CounselingSession[]> {
    return this.dataSource
      .getRepository(CounselingSession)
      .createQueryBuilder('session')
      .innerJoin(CounselingUnit, 'unit', 'unit.id = session.unitId AND unit.hostAgencyId = :hostAgencyId', { hostAgencyId })
      .where('session.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  /** Which of these ids are already taken, whoever hosts them (an import skips them). */
  existingIds(ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(this.dataSource.manager, CounselingSession, ids);
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(CounselingSession).count();
  }

  async insert(manager: EntityManager, row: CounselingSession): Promise<void> {
    await changingSessions(manager, [row.id], false, () => manager.insert(CounselingSession, row));
  }

  /** A session about to be corrected, read in the writing transaction. */
  findForWrite(manager: EntityManager, id: string): Promise<CounselingSession | null> {
    return manager.findOneBy(CounselingSession, { id });
  }

  /** Rewrites a session's facts (a correction), moving the rollups from what it counted to what it counts now. */
  async correct(manager: EntityManager, before: CounselingSession, change: Pick<CounselingSession, 'heldOn' | 'mode' | 'free'>): Promise<void> {
    await changingSessions(manager, [before.id], true, () => manager.update(CounselingSession, { id: before.id }, change));
  }

  /** The date of the case's earliest session, or null when it has none; read in the writing transaction. */
  async firstHeldOn(manager: EntityManager, caseId: string): Promise<string | null> {
    const row = await manager
      .createQueryBuilder(CounselingSession, 'session')
      .select('MIN(session.heldOn)', 'firstHeldOn')
      .where('session.caseId = :caseId', { caseId })
      .getRawOne<{ firstHeldOn: string | Date | null }>();
    const value = row?.firstHeldOn ?? null;
    return value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }

  /** The date of the case's latest session, or null when it has none; read in the writing transaction. */
  async lastHeldOn(manager: EntityManager, caseId: string): Promise<string | null> {
    const row = await manager
      .createQueryBuilder(CounselingSession, 'session')
      .select('MAX(session.heldOn)', 'lastHeldOn')
      .where('session.caseId = :caseId', { caseId })
      .getRawOne<{ lastHeldOn: string | Date | null }>();
    const value = row?.lastHeldOn ?? null;
    // A raw MAX over a date column comes back as a string on SQLite and may be a Date on MySQL.
    return value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
}
