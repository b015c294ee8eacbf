import { In, type DataSource, type EntityManager } from 'typeorm';
import { Crash, CrashPerson, CrashRevision } from '../entities';
import type { OccurrenceKey } from '../occurrenceCursor';
import { insertPrepared, insertRows, preparedRows, type PreparedRows } from './insertRows';
import { pageAfter, whereOccurrence, type OccurrenceFilter } from './occurrenceQuery';

export interface CrashFilter extends OccurrenceFilter {
  severity?: string | null;
}

/** What an amendment may change on the crash row; severity, fatalities and injuries follow its persons. */
export type CrashCorrection = Pick<Crash, 'occurredAt' | 'occurredOn' | 'regionId' | 'roadType' | 'severity' | 'fatalities' | 'injuries'>;

/** A person as a revision's JSON snapshot keeps it (the CrashPerson of the API). */
export type PersonSnapshot = Pick<CrashPerson, 'id' | 'role' | 'injury' | 'faultStatus' | 'ageBand'>;

/** Crash and person rows made ready to insert (CrashStore.prepareCrashes). */
export interface PreparedCrashes {
  crashes: PreparedRows<Crash>;
  persons: PreparedRows<CrashPerson>;
}

/**
 * Reads take an optional manager: the write side reads inside its transaction
 * (and so from the primary, never from a replica that may lag behind its own
 * write); the loaders read through the data source.
 */
export class CrashStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Crash);
  }

  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Crash[]> {
    return manager.findBy(Crash, { id: In([...ids]) });
  }

  /**
   * The persons of these crashes, by crash and in reported order. Sorted
   * here, not by the query: with `ORDER BY crash_id, position` MariaDB read
   * and sorted every person of the store for a few hundred crashes (a full
   * scan chosen over the crash_id index), which made an import's comparison
   * of 5,000 crashes take seconds per batch.
   */
  async findPersonsByCrashIds(crashIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CrashPerson[]> {
    const persons = await manager.find(CrashPerson, { where: { crashId: In([...crashIds]) } });
    return persons.sort((first, second) => byCrash(first, second) || first.position - second.position);
  }

  /** The superseded versions of each crash, oldest first (sorted here, as the persons are). */
  async findRevisionsByCrashIds(crashIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CrashRevision[]> {
    const revisions = await manager.find(CrashRevision, { where: { crashId: In([...crashIds]) } });
    return revisions.sort((first, second) => byCrash(first, second) || first.version - second.version);
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

  async insertCrashes(manager: EntityManager, crashes: Crash[]): Promise<void> {
    await insertRows(manager, Crash, crashes);
  }

  /** New crashes and their persons made ready to insert ahead of their transaction (insertPreparedCrashes). */
  async prepareCrashes(crashes: readonly Crash[], persons: readonly CrashPerson[]): Promise<PreparedCrashes> {
    return { crashes: await preparedRows(this.dataSource, Crash, crashes), persons: await preparedRows(this.dataSource, CrashPerson, persons) };
  }

  /** Inserts prepared crashes; `between` runs after the crash rows, before the persons. */
  async insertPreparedCrashes(manager: EntityManager, prepared: PreparedCrashes, between?: () => void): Promise<void> {
    await insertPrepared(manager, prepared.crashes);
    between?.();
    await insertPrepared(manager, prepared.persons);
  }

  /** Which of these import keys are taken (an import's crashes already there). */
  async existingImportKeys(manager: EntityManager, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    // Plain SQL: an import asks this for thousands of keys per batch, and the entity manager's find cost more than the lookup.
    const escape = (name: string) => manager.connection.driver.escape(name);
    const rows = (await manager.query(
      `SELECT ${escape('import_key')} AS ${escape('key')} FROM ${escape('crash')} WHERE ${escape('import_key')} IN (${keys.map(() => '?').join(', ')})`,
      [...keys],
    )) as { key: string }[];
    return new Set(rows.map((row) => row.key));
  }

  /** The crashes imported under these keys (those there). */
  findByImportKeys(keys: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Crash[]> {
    return manager.findBy(Crash, { importKey: In([...keys]) });
  }

  async insertPersons(manager: EntityManager, persons: CrashPerson[]): Promise<void> {
    await insertRows(manager, CrashPerson, persons);
  }

  /** Replaces all persons of these crashes with `persons` (their earlier lists live on in the revisions' snapshots). */
  async replacePersons(manager: EntityManager, crashIds: readonly string[], persons: CrashPerson[]): Promise<void> {
    if (crashIds.length === 0) return;
    await manager.delete(CrashPerson, { crashId: In([...crashIds]) });
    await this.insertPersons(manager, persons);
  }

  /**
   * Moves a crash from `fromVersion` to the next version with the corrected
   * values. False when the crash is no longer at `fromVersion`: someone else
   * amended it since it was read (on MySQL/MariaDB the update waits for their
   * row lock, then finds the new version).
   */
  async advanceVersion(manager: EntityManager, crashId: string, fromVersion: number, correction: CrashCorrection): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Crash)
      .set({ ...correction, version: fromVersion + 1 })
      .where('id = :crashId AND version = :fromVersion', { crashId, fromVersion })
      .execute();
    return result.affected === 1;
  }

  async insertRevisions(
    manager: EntityManager,
    revisions: readonly (Omit<CrashRevision, 'persons'> & { persons: readonly PersonSnapshot[] })[],
  ): Promise<void> {
    await insertRows(
      manager,
      CrashRevision,
      revisions.map((revision) => ({
        ...revision,
        persons: JSON.stringify(revision.persons.map(({ id, role, injury, faultStatus, ageBand }) => ({ id, role, injury, faultStatus, ageBand }))),
      })),
    );
  }
}

/** Rows in their crash ids' order (binary, as the keys are ASCII). */
const byCrash = (first: { crashId: string }, second: { crashId: string }): number =>
  first.crashId < second.crashId ? -1 : first.crashId > second.crashId ? 1 : 0;

/** The persons of a revision's snapshot, in the order they were reported. */
export function snapshotPersons(revision: CrashRevision): PersonSnapshot[] {
  return JSON.parse(revision.persons) as PersonSnapshot[];
}
