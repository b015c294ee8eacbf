import { In, type DataSource } from 'typeorm';
import { Violation } from '../entities';
import type { OccurrenceKey } from '../occurrenceCursor';
import { pageAfter, whereOccurrence, type OccurrenceFilter } from './occurrenceQuery';

export class ViolationStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Violation);
  }

  findByIds(ids: readonly string[]): Promise<Violation[]> {
    return this.repository.findBy({ id: In([...ids]) });
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
}
