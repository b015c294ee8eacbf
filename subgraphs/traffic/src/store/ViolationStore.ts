import { In, type DataSource, type EntityManager } from 'typeorm';
import { Violation } from '../entities';
import type { OccurrenceKey } from '../occurrenceCursor';
import { insertRows } from './insertRows';
import { pageAfter, whereOccurrence, type OccurrenceFilter } from './occurrenceQuery';
import { existingIdsOf } from '@safety-graph/shared';

export class ViolationStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Violation);
  }

  /** `manager`: a transaction's, when the write side reads back what it wrote (from the primary). */
  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Violation[]> {
    return manager.findBy(Violation, { id: In([...ids]) });
  }

  private filtered(filter: OccurrenceFilter) {
    return whereOccurrence(this.repository.createQueryBuilder('violation'), 'violation', filter);
  }

  page(filter: OccurrenceFilter, after: OccurrenceKey | null, first: number): Promise<Violation[]> {
    return pageAfter(this.filtered(filter), 'violation', after, first).getMany();
  }

  count(filter: OccurrenceFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  async insert(manager: EntityManager, violations: Violation[]): Promise<void> {
    await insertRows(manager, Violation, violations);
  }

  /** A correction of a violation's facts (an import of a corrected export), in the writer's transaction. */
  async correct(manager: EntityManager, id: string, change: Pick<Violation, 'occurredAt' | 'occurredOn' | 'regionId' | 'type'>): Promise<void> {
    await manager.update(Violation, { id }, change);
  }

  /** Which of these violation ids are taken (an import's records already there). */
  existingIds(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(manager, Violation, ids);
  }
}
