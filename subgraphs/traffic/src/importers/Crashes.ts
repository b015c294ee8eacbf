import { badUserInput, timeOrderedId, type Importer } from '@safety-graph/shared';
import { AGE_BANDS, FAULT_STATUSES, INJURY_LEVELS, PERSON_ROLES, ROAD_TYPES } from '../crashOutcome';
import { MAX_PERSONS, validateCrashReport, type CrashReport, type PersonFacts } from '../writes/inputs';
import type { EntityManager } from 'typeorm';
import type { CrashPerson } from '../entities';
import type { Stores } from '../store';
import { prepareNewCrashes, writeCrashAmendments, writeCrashes, writeNewCrashes, type CrashAmendment, type NewCrash } from '../writes/Crash';
import { importTraffic, instantOf, regionIdOf, textOf, type TrafficImport } from './rows';

/** `persons`: a JSON array in a CSV cell, or the array itself in JSON Lines. */
function personsOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw badUserInput('input.persons', 'must be a JSON array of persons, each {"role", "injury", "faultStatus", "ageBand"}');
  }
}

const crashKind: TrafficImport<CrashReport> = {
  kind: 'crashes',
  action: 'report crashes',
  validate: (row) =>
    validateCrashReport({
      occurredAt: instantOf(row.occurredAt),
      regionId: regionIdOf(row),
      roadType: textOf(row.roadType),
      persons: personsOf(row.persons),
    }),
  // A crash is found by its import key (the engine's id of the row); its own id is time-ordered.
  existingIds: (stores, manager, keys) => stores.crashes.existingImportKeys(manager, keys),
  write: (stores, manager, rows, recorderId) => writeCrashes(stores.crashes, manager, newCrashes(rows, recorderId)),
  // The batch's crash and person rows and their statements' data built while the batch before is written; rows found there meanwhile (another import's) are left out.
  prepare: async (stores, rows, recorderId) => {
    const reports = newCrashes(rows, recorderId);
    const batch = await prepareNewCrashes(stores.crashes, reports);
    return (manager, keys) =>
      keys.size === reports.length
        ? writeNewCrashes(stores.crashes, manager, batch)
        : writeCrashes(
            stores.crashes,
            manager,
            reports.filter((report) => keys.has(report.importKey!)),
          );
  },
  // The batch's crashes and persons read at once; only those that differ are amended.
  updateMany: async (stores, manager, rows, recorderId) => {
    const amendments = await amendmentsOf(stores, manager, rows);
    await writeCrashAmendments(stores.crashes, manager, amendments, recorderId, "corrected by an import of the agency's export");
    return amendments.length;
  },
  differing: async (stores, manager, rows) => (await amendmentsOf(stores, manager, rows)).map(({ current }) => current.importKey!),
};

/** Imported rows as new crashes: time-ordered ids, the row's key as import key, reported by the importing agency. */
const newCrashes = (rows: readonly { id: string; record: CrashReport }[], recorderId: string): NewCrash[] =>
  rows.map(({ id: importKey, record }) => ({ id: timeOrderedId(), importKey, reportedById: recorderId, ...record }));

/** What each row (keyed by import key) changes of its crash, already there (one read of the crashes and one of their persons): only those that differ. */
async function amendmentsOf(stores: Stores, manager: EntityManager, rows: readonly { id: string; record: CrashReport }[]): Promise<CrashAmendment[]> {
  const crashes = new Map(
    (
      await stores.crashes.findByImportKeys(
        rows.map((row) => row.id),
        manager,
      )
    ).map((crash) => [crash.importKey!, crash]),
  );
  const personsOf = new Map<string, CrashPerson[]>();
  for (const person of await stores.crashes.findPersonsByCrashIds(
    [...crashes.values()].map((crash) => crash.id),
    manager,
  )) {
    const persons = personsOf.get(person.crashId);
    if (persons) persons.push(person);
    else personsOf.set(person.crashId, [person]);
  }
  const amendments: CrashAmendment[] = [];
  for (const { id: importKey, record: report } of rows) {
    const current = crashes.get(importKey)!;
    const currentPersons = (personsOf.get(current.id) ?? []).sort((first, second) => first.position - second.position);
    const change = {
      // The store keeps whole seconds.
      occurredAt: Math.floor(current.occurredAt.getTime() / 1000) === Math.floor(report.occurredAt.getTime() / 1000) ? null : report.occurredAt,
      regionId: current.regionId === report.regionId ? null : report.regionId,
      roadType: current.roadType === report.roadType ? null : report.roadType,
      persons: samePeople(currentPersons, report.persons) ? null : report.persons,
    };
    if (Object.values(change).some((value) => value !== null)) amendments.push({ current, currentPersons, change });
  }
  return amendments;
}

/** The persons of a crash as stored and as a row gives them, in order. */
function samePeople(stored: readonly { role: string; injury: string; faultStatus: string; ageBand: string | null }[], given: readonly PersonFacts[]): boolean {
  const facts = (person: { role: string; injury: string; faultStatus: string; ageBand: string | null }) =>
    [person.role, person.injury, person.faultStatus, person.ageBand ?? null].join('|');
  return stored.length === given.length && stored.every((person, index) => facts(person) === facts(given[index]));
}

/** `npm run import -- traffic FILE --agency CODE --kind crashes`: crash reports of a police (or roads, or municipal) system, checked and written as reportCrash checks and writes them. */
export const crashImporter: Importer = {
  description:
    'Crash reports, checked and written as reportCrash does, reported by the importing agency (which must hold traffic:write: police, roads, municipality). ' +
    "externalId: the agency system's id of the report (1-100 characters). occurredAt: an ISO instant with offset, such as 2025-05-31T18:40:00+03:30, not in the future. " +
    `regionId (the county's id) or regionCode (its code, such as IR-10-12). roadType: ${ROAD_TYPES.join('|')}. ` +
    `persons: a JSON array of 1-${MAX_PERSONS} persons, each {"role": ${PERSON_ROLES.join('|')}, "injury": ${INJURY_LEVELS.join('|')}, ` +
    `"faultStatus": ${FAULT_STATUSES.join('|')}, "ageBand": ${AGE_BANDS.join('|')} or null}. ` +
    'Severity, fatalities and injuries are derived from the persons. A report already imported is compared: when it differs it is corrected as amendCrash corrects (the previous version kept in revisions), otherwise it is unchanged.',
  columns: ['externalId', 'occurredAt', 'regionId', 'regionCode', 'roadType', 'persons'],
  importRows: (rows, lines, context) => importTraffic(crashKind, rows, lines, context),
};
