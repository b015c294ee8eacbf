import { In, type DataSource } from 'typeorm';
import { Crash, CrashPerson } from '../entities';
import type { OccurrenceKey } from '../occurrenceCursor';
import { pageAfter, whereOccurrence, type OccurrenceFilter } from './occurrenceQuery';

export interface CrashFilter extends OccurrenceFilter {
  severity?: string | null;
}

export class CrashStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Crash);
  }

  findByIds(ids: readonly string[]): Promise<Crash[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  findPersonsByCrashIds(crashIds: readonly string[]): Promise<CrashPerson[]> {
    return this.dataSource
      .getRepository(CrashPerson)
      .find({ where: { crashId: In([...crashIds]) }, order: { crashId: 'ASC', position: 'ASC' } });
  }

  private filtered(filter: CrashFilter) {
    const query = whereOccurrence(this.repository.createQueryBuilder('crash'), 'crash', filter);
    if (filter.severity) query.andWhere('crash.severity = :severity', { severity: filter.severity });
    return query;
  }

  page(filter: CrashFilter, after: OccurrenceKey | null, first: number): Promise<Crash[]> {
    return pageAfter(this.filtered(filter), 'crash', after, first).getMany();
  }

  count(filter: CrashFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }
}
