import { In, type DataSource, type EntityManager } from 'typeorm';
import { existingIdsOf, type DateRange } from '@safety-graph/shared';
import { ProgramSession } from '../entities';
import { changingSessions } from './measures';

export class SessionStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The sessions of many programmes, oldest first; within the inclusive period when one is given. */
  findByProgramIds(programIds: readonly string[], period: DateRange | null): Promise<ProgramSession[]> {
    const query = this.dataSource
      .getRepository(ProgramSession)
      .createQueryBuilder('session')
      .where({ programId: In([...programIds]) });
    if (period) query.andWhere('session.heldOn BETWEEN :from AND :to', { from: period.from, to: period.to });
    return query.orderBy('session.heldOn', 'ASC').addOrderBy('session.id', 'ASC').getMany();
  }

  findById(id: string): Promise<ProgramSession | null> {
    return this.dataSource.getRepository(ProgramSession).findOneBy({ id });
  }

  /** Which of these ids are already taken (an import skips them). */
  existingIds(ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(this.dataSource.manager, ProgramSession, ids);
  }

  /** The first and last day a programme's sessions were held, or null when it has none; read in the writing transaction. */
  async heldRange(manager: EntityManager, programId: string): Promise<{ first: string; last: string } | null> {
    const row = await manager
      .createQueryBuilder(ProgramSession, 'session')
      .select('MIN(session.heldOn)', 'first')
      .addSelect('MAX(session.heldOn)', 'last')
      .where('session.programId = :programId', { programId })
      .getRawOne<{ first: string | Date | null; last: string | Date | null }>();
    const day = (value: string | Date | null | undefined) => (value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null));
    const first = day(row?.first);
    const last = day(row?.last);
    return first === null || last === null ? null : { first, last };
  }

  /** Read inside the writing transaction (a correction compares with it). */
  findForWrite(manager: EntityManager, id: string): Promise<ProgramSession | null> {
    return manager.findOneBy(ProgramSession, { id });
  }

  /** Rewrites a session (a correction), moving the rollups from what it counted to what it counts now. */
  async correct(manager: EntityManager, after: ProgramSession): Promise<void> {
    const { id, ...change } = after;
    await changingSessions(manager, [id], true, () => manager.update(ProgramSession, { id }, change));
  }

  async insert(manager: EntityManager, session: ProgramSession): Promise<void> {
    await changingSessions(manager, [session.id], false, () => manager.insert(ProgramSession, session));
  }
}
