import { In, type DataSource, type EntityManager } from 'typeorm';
import type { DateRange } from '@safety-graph/shared';
import { ProgramSession } from '../entities';

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

  async insert(manager: EntityManager, session: ProgramSession): Promise<void> {
    await manager.insert(ProgramSession, session);
  }
}
