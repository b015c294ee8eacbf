import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  agencyId,
  badUserInput,
  conflict,
  createOnce,
  failpoint,
  forbidden,
  requireCaller,
  requireCount,
  requireCounty,
  requireText,
  timeOrderedId,
} from '@safety-graph/shared';
import type { TrafficContext } from '../context';
import { crashOutcome, type InjuryLevel, type RoadType } from '../crashOutcome';
import type { Crash, CrashPerson } from '../entities';
import { iranDateOf } from '../iranTime';
import { changingCrashes, type CrashStore, type PreparedCrashes } from '../store';
import { requireOccurredAt, requirePersons, requireRoadType, validateCrashReport, type CrashPersonInput, type CrashReport, type PersonFacts } from './inputs';
import { forgetAggregates } from './refresh';

export interface ReportCrashInput {
  occurredAt: Date;
  regionId: string;
  roadType: RoadType;
  persons: CrashPersonInput[];
  idempotencyKey?: string | null;
}

export interface AmendCrashInput {
  crashId: string;
  occurredAt?: Date | null;
  regionId?: string | null;
  roadType?: RoadType | null;
  persons?: CrashPersonInput[] | null;
  reason: string;
  expectedVersion?: number | null;
}

/** Longest reason an amendment may give (characters, Persian or not). */
const MAX_REASON = 500;

function personRows(crashId: string, persons: readonly PersonFacts[]): CrashPerson[] {
  return persons.map((person, position) => ({ id: timeOrderedId(), crashId, position, ...person }));
}

/** A validated report with the id and reporter it is written under (and, imported, its import key). */
export interface NewCrash extends CrashReport {
  id: string;
  reportedById: string;
  importKey?: string;
}

/** New crashes made ready to write ahead of their transaction: their rows, their persons, and the store's statement data for both. */
export interface NewCrashes {
  ids: string[];
  crashRows: Crash[];
  persons: CrashPerson[];
  prepared: PreparedCrashes;
}

/**
 * The rows of new crashes: severity, fatalities and injuries from the persons
 * (crashOutcome), the local date from the instant (iranDateOf), as in the
 * seed; made ready to insert by the store. Reads nothing: the crash importer
 * prepares a batch while the batch before is written.
 */
export async function prepareNewCrashes(crashes: CrashStore, reports: readonly NewCrash[]): Promise<NewCrashes> {
  const crashRows: Crash[] = reports.map((report) => ({
    id: report.id,
    occurredAt: report.occurredAt,
    occurredOn: iranDateOf(report.occurredAt),
    regionId: report.regionId,
    roadType: report.roadType,
    ...crashOutcome(report.persons),
    reportedById: report.reportedById,
    version: 1,
    importKey: report.importKey ?? null,
  }));
  const persons = reports.flatMap((report) => personRows(report.id, report.persons));
  return { ids: crashRows.map((crash) => crash.id), crashRows, persons, prepared: await crashes.prepareCrashes(crashRows, persons) };
}

/**
 * Writes prepared crashes and their persons inside the caller's transaction,
 * the crash rows first, as few statements as the store allows; their
 * contributions to the rollups are counted from these rows, not read back.
 */
export async function writeNewCrashes(crashes: CrashStore, manager: EntityManager, batch: NewCrashes): Promise<void> {
  await changingCrashes(
    manager,
    batch.ids,
    false,
    () => crashes.insertPreparedCrashes(manager, batch.prepared, () => failpoint('traffic.reportCrash.after-first-insert')),
    { crashes: batch.crashRows, persons: batch.persons },
  );
}

/** Writes crashes and their persons inside the caller's transaction (prepareNewCrashes, then writeNewCrashes): reportCrash writes one, the crash importer a batch. */
export async function writeCrashes(crashes: CrashStore, manager: EntityManager, reports: readonly NewCrash[]): Promise<void> {
  await writeNewCrashes(crashes, manager, await prepareNewCrashes(crashes, reports));
}

/** Reports a crash for the caller's agency: the crash row and its persons in one transaction. */
export async function reportCrash(context: TrafficContext, input: ReportCrashInput): Promise<Crash> {
  const caller = requireCaller(context.caller);
  const report = validateCrashReport(input);
  const reportedById = agencyId(caller.agencyCode);
  const crashId = await createOnce(
    context.store,
    {
      agencyCode: caller.agencyCode,
      operation: 'reportCrash',
      key: input.idempotencyKey,
      // The validated report, so that a retry spelling the same crash differently (an offset, an omitted ageBand) is still a retry.
      input: report,
    },
    async (manager) => {
      const id = randomUUID();
      await writeCrashes(context.stores.crashes, manager, [{ id, reportedById, ...report }]);
      return id;
    },
  );
  return freshCrash(context, crashId);
}

/**
 * Corrects a crash the caller's agency reported. The version it replaces is
 * kept as a revision (its values and persons, who amended it, when and why);
 * the crash row becomes the next version, which is what statistics count.
 * Fields left out stay as they are.
 */
export async function amendCrash(context: TrafficContext, input: AmendCrashInput): Promise<Crash> {
  const caller = requireCaller(context.caller);
  const crashId = requireText('input.crashId', input.crashId, 36);
  const occurredAt = input.occurredAt == null ? null : requireOccurredAt(input.occurredAt);
  const regionId = input.regionId == null ? null : requireCounty('input.regionId', input.regionId);
  const roadType = input.roadType == null ? null : requireRoadType(input.roadType);
  const persons = input.persons == null ? null : requirePersons(input.persons);
  if (occurredAt === null && regionId === null && roadType === null && persons === null) {
    throw badUserInput('input', 'name at least one of occurredAt, regionId, roadType or persons to correct');
  }
  const reason = requireText('input.reason', input.reason, MAX_REASON);
  const expectedVersion = input.expectedVersion == null ? null : requireCount('input.expectedVersion', input.expectedVersion, 2_147_483_647, 1);
  const amendedById = agencyId(caller.agencyCode);
  const { crashes } = context.stores;

  await context.store.transaction(async (manager) => {
    const [current] = await crashes.findByIds([crashId], manager);
    if (!current) throw badUserInput('input.crashId', 'is not a known crash');
    if (current.reportedById !== amendedById) throw forbidden('Only the agency that reported a crash may amend it');
    if (expectedVersion !== null && expectedVersion !== current.version) {
      throw conflict(`crash ${crashId} is at version ${current.version}, not ${expectedVersion}: read it again before amending`);
    }
    const currentPersons = await crashes.findPersonsByCrashIds([crashId], manager);
    await writeCrashAmendments(crashes, manager, [{ current, currentPersons, change: { occurredAt, regionId, roadType, persons } }], amendedById, reason);
  });
  return freshCrash(context, crashId);
}

/** What an amendment changes; null keeps the current value. */
export interface CrashChange {
  occurredAt: Date | null;
  regionId: string | null;
  roadType: RoadType | null;
  persons: PersonFacts[] | null;
}

/** A crash already read and checked, its persons, and what an amendment changes of it. */
export interface CrashAmendment {
  current: Crash;
  currentPersons: CrashPerson[];
  change: CrashChange;
}

/**
 * The write of amendments, inside the caller's transaction, of crashes
 * already read and checked: the version each replaces kept as a revision,
 * the crash rows advanced, the persons of those whose persons change
 * replaced, and the rollups moved by the difference (changingCrashes).
 * amendCrash writes one, the crash importer's corrections a batch.
 */
export async function writeCrashAmendments(
  crashes: CrashStore,
  manager: EntityManager,
  amendments: readonly CrashAmendment[],
  amendedById: string,
  reason: string,
): Promise<void> {
  if (amendments.length === 0) return;
  const amendedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  await changingCrashes(
    manager,
    amendments.map(({ current }) => current.id),
    true,
    async () => {
      for (const { current, currentPersons, change } of amendments) {
        const nextOccurredAt = change.occurredAt ?? current.occurredAt;
        const outcome = crashOutcome(change.persons ?? currentPersons.map((person) => ({ injury: person.injury as InjuryLevel })));
        const advanced = await crashes.advanceVersion(manager, current.id, current.version, {
          occurredAt: nextOccurredAt,
          occurredOn: iranDateOf(nextOccurredAt),
          regionId: change.regionId ?? current.regionId,
          roadType: change.roadType ?? current.roadType,
          ...outcome,
        });
        if (!advanced) throw conflict(`crash ${current.id} was amended by another request meanwhile: read it again before amending`);
      }
      await crashes.insertRevisions(
        manager,
        amendments.map(({ current, currentPersons }) => ({
          id: randomUUID(),
          crashId: current.id,
          version: current.version,
          amendedAt,
          amendedById,
          reason,
          occurredAt: current.occurredAt,
          occurredOn: current.occurredOn,
          regionId: current.regionId,
          roadType: current.roadType,
          severity: current.severity,
          fatalities: current.fatalities,
          injuries: current.injuries,
          persons: currentPersons,
        })),
      );
      failpoint('traffic.amendCrash.after-first-insert');
      const replaced = amendments.filter(({ change }) => change.persons !== null);
      await crashes.replacePersons(
        manager,
        replaced.map(({ current }) => current.id),
        replaced.flatMap(({ current, change }) => personRows(current.id, change.persons!)),
      );
    },
  );
}

/**
 * The crash as just written, read from the primary (a replica may not have it
 * yet), with its persons and revisions primed into this request's loaders;
 * figures the request may have cached are forgotten.
 */
async function freshCrash(context: TrafficContext, crashId: string): Promise<Crash> {
  const { crashes } = context.stores;
  const { crash, persons, revisions } = await context.store.transaction(async (manager) => ({
    crash: (await crashes.findByIds([crashId], manager))[0],
    persons: await crashes.findPersonsByCrashIds([crashId], manager),
    revisions: await crashes.findRevisionsByCrashIds([crashId], manager),
  }));
  const { loaders } = context;
  loaders.crashById.clear(crashId).prime(crashId, crash);
  loaders.personsByCrashId.clear(crashId).prime(crashId, persons);
  loaders.revisionsByCrashId.clear(crashId).prime(crashId, revisions);
  forgetAggregates(context);
  return crash;
}
