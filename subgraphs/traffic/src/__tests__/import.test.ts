import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  agencyId,
  armFailpoint,
  disarmFailpoints,
  isDuplicateKeyError,
  loadSecrets,
  pseudonymOf,
  regionId,
  stableId,
  timeOrderedId,
  type ImportContext,
  MeasureStore,
} from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import type { TrafficContext } from '../context';
import { traffic } from '../index';
import { createStores } from '../store';

let harness: SubgraphHarness<TrafficContext>;

beforeAll(async () => {
  harness = await subgraphHarness(traffic);
});
afterAll(() => harness?.close());
afterEach(() => disarmFailpoints());

const KASHAN = regionId('IR-10-12');
const NAJAFABAD = regionId('IR-10-13');
const READER = callerOf('HEALTH-IR-10-12', ['traffic:read', 'reports:read']);

const crashImporter = traffic.importers!.crashes;
const violationImporter = traffic.importers!.violations;

function importContext(agencyCode: string): ImportContext {
  const { pseudonymKey } = loadSecrets(harness.config);
  return {
    store: harness.store,
    config: harness.config,
    agencyCode,
    pseudonymize: (nationalId, argument) => pseudonymOf(pseudonymKey, nationalId, argument),
  };
}

/** The id of the crash imported from this agency's external id (found by its import key; its id is time-ordered), null when none was. */
async function crashId(agencyCode: string, externalId: string): Promise<string | null> {
  const key = stableId('import:traffic:crashes', `${agencyCode}:${externalId}`);
  const rows: { id: string }[] = await harness.store.dataSource.query('SELECT id FROM crash WHERE import_key = ?', [key]);
  return rows.length === 0 ? null : rows[0].id;
}
const TIME_ORDERED = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const violationId = (agencyCode: string, externalId: string) => stableId('import:traffic:violations', `${agencyCode}:${externalId}`);

/** Rows as a CSV file gives them: every value a string, persons as JSON in one cell. */
const crashRow = (externalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  externalId,
  occurredAt: '2025-06-02T07:30:00+03:30',
  regionCode: 'IR-10-12',
  roadType: 'INTERURBAN',
  persons: JSON.stringify([
    { role: 'DRIVER', injury: 'A', faultStatus: 'AT_FAULT', ageBand: '18-24' },
    { role: 'PASSENGER', injury: 'K', faultStatus: 'NOT_AT_FAULT', ageBand: null },
  ]),
  ...overrides,
});
const violationRow = (externalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  externalId,
  occurredAt: '2025-06-03T22:10:00+03:30',
  regionCode: 'IR-10-12',
  type: 'RED_LIGHT',
  ...overrides,
});
/** File lines of a batch: the CSV header is line 1. */
const linesOf = (rows: unknown[]) => rows.map((_, index) => index + 2);

const TABLES = ['crash', 'crash_person', 'violation'] as const;
async function rowCounts(): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const [row] = await harness.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

interface CrashNode {
  id: string;
  occurredAt: string;
  severity: string;
  fatalities: number;
  injuries: number;
  roadType: string;
  version: number;
  region: { id: string };
  reportedBy: { id: string };
  persons: { role: string; injury: string; faultStatus: string; ageBand: string | null }[];
}

async function readCrash(id: string | null): Promise<CrashNode | null> {
  if (id === null) return null;
  const result = await harness.runAs<{ crash: CrashNode | null }>(
    READER,
    `query($id: ID!) { crash(id: $id) { id occurredAt severity fatalities injuries roadType version region { id } reportedBy { id } persons { role injury faultStatus ageBand } } }`,
    { id },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.crash;
}

async function readViolations(ids: string[]) {
  const result = await harness.runAs<{
    _entities: ({ id: string; occurredAt: string; type: string; region: { id: string }; recordedBy: { id: string } } | null)[];
  }>(READER, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Violation { id occurredAt type region { id } recordedBy { id } } } }`, {
    r: ids.map((id) => ({ __typename: 'Violation', id })),
  });
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

async function fatalitiesIn(region: string, date: string): Promise<{ crashes: number; fatalities: number; injuries: number; violations: number }> {
  const result = await harness.runAs<{ _entities: { trafficStats: { crashes: number; fatalities: number; injuries: number; violations: number } }[] }>(
    READER,
    `query($r: [_Any!]!, $period: PeriodInput!) { _entities(representations: $r) { ... on Region { trafficStats(period: $period) { crashes fatalities injuries violations } } } }`,
    { r: [{ __typename: 'Region', id: region }], period: { from: date, to: date } },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].trafficStats;
}

describe('crash importer', () => {
  it('writes a batch as reportCrash would, reported by the importing agency and readable through GraphQL; the same batch again writes nothing', async () => {
    const agency = 'POLICE-IR-10-12';
    const statsBefore = await fatalitiesIn(KASHAN, '2025-06-02');
    const before = await rowCounts();
    const rows = [
      crashRow('KSH-1404-000101'),
      // regionId instead of regionCode; a JSON Lines row carries persons as an array and may omit ageBand.
      crashRow('KSH-1404-000102', {
        regionCode: undefined,
        regionId: NAJAFABAD,
        roadType: 'URBAN',
        occurredAt: '2025-06-02T01:15:00Z',
        persons: [{ role: 'PEDESTRIAN', injury: 'C', faultStatus: 'UNDETERMINED' }],
      }),
      // Both given and agreeing is fine.
      crashRow('KSH-1404-000103', {
        regionId: KASHAN,
        persons: JSON.stringify([{ role: 'MOTORCYCLIST', injury: 'O', faultStatus: 'AT_FAULT', ageBand: '65+' }]),
      }),
    ];
    const result = await crashImporter.importRows(rows, linesOf(rows), importContext(agency));
    expect(result).toEqual({ inserted: 3, skipped: 0, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 3, crash_person: before.crash_person + 4 });

    const first = await readCrash(await crashId(agency, 'KSH-1404-000101'));
    expect(first).toMatchObject({
      severity: 'FATAL',
      fatalities: 1,
      injuries: 1,
      roadType: 'INTERURBAN',
      version: 1,
      region: { id: KASHAN },
      reportedBy: { id: agencyId(agency) },
      persons: [
        { role: 'DRIVER', injury: 'A', faultStatus: 'AT_FAULT', ageBand: '18-24' },
        { role: 'PASSENGER', injury: 'K', faultStatus: 'NOT_AT_FAULT', ageBand: null },
      ],
    });
    expect(new Date(first!.occurredAt).toISOString()).toBe('2025-06-02T04:00:00.000Z');
    expect(await readCrash(await crashId(agency, 'KSH-1404-000102'))).toMatchObject({
      severity: 'POSSIBLE_INJURY',
      region: { id: NAJAFABAD },
      roadType: 'URBAN',
      persons: [{ role: 'PEDESTRIAN', injury: 'C', faultStatus: 'UNDETERMINED', ageBand: null }],
    });
    expect(await readCrash(await crashId(agency, 'KSH-1404-000103'))).toMatchObject({ severity: 'PROPERTY_DAMAGE_ONLY', fatalities: 0, injuries: 0 });
    // Counted in Kashan's figures of that day in Iran, like a reported crash.
    expect(await fatalitiesIn(KASHAN, '2025-06-02')).toEqual({
      ...statsBefore,
      crashes: statsBefore.crashes + 2,
      fatalities: statsBefore.fatalities + 1,
      injuries: statsBefore.injuries + 1,
    });

    const again = await crashImporter.importRows(rows, linesOf(rows), importContext(agency));
    expect(again).toEqual({ inserted: 0, skipped: 3, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 3, crash_person: before.crash_person + 4 });
  });

  it('refuses each bad row with its line and argument, writing nothing of it, while the good rows of the batch go in', async () => {
    const agency = 'POLICE-IR-10-13';
    const person = { role: 'DRIVER', injury: 'B', faultStatus: 'AT_FAULT', ageBand: '25-34' };
    const bad: [Record<string, unknown>, string][] = [
      [crashRow(''), 'externalId'],
      [crashRow('x'.repeat(101)), 'externalId'],
      [crashRow('bad-date', { occurredAt: '2025-06-02' }), 'occurredAt'],
      [crashRow('no-offset', { occurredAt: '2025-06-02T07:30:00' }), 'occurredAt'],
      [crashRow('future', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'occurredAt'],
      [crashRow('ancient', { occurredAt: '1989-12-31T12:00:00Z' }), 'occurredAt'],
      [crashRow('no-region', { regionCode: '' }), 'regionId'],
      [crashRow('province-id', { regionCode: undefined, regionId: regionId('IR-10') }), 'regionId'],
      [crashRow('province-code', { regionCode: 'IR-10' }), 'regionCode'],
      [crashRow('unknown-code', { regionCode: 'IR-99-01' }), 'regionCode'],
      [crashRow('disagreeing', { regionId: NAJAFABAD }), 'regionCode'],
      [crashRow('road', { roadType: 'HIGHWAY' }), 'roadType'],
      [crashRow('lower-case-road', { roadType: 'urban' }), 'roadType'],
      [crashRow('not-json', { persons: '[{role: DRIVER}' }), 'persons'],
      [crashRow('no-persons', { persons: '[]' }), 'persons'],
      [crashRow('missing-persons', { persons: '' }), 'persons'],
      [crashRow('too-many', { persons: JSON.stringify(Array.from({ length: 51 }, () => person)) }), 'persons'],
      [crashRow('not-a-list', { persons: JSON.stringify(person) }), 'persons'],
      [crashRow('not-an-object', { persons: JSON.stringify([person, 'DRIVER']) }), 'persons[1]'],
      [crashRow('role', { persons: JSON.stringify([person, { ...person, role: 'PILOT' }]) }), 'persons[1].role'],
      [crashRow('injury', { persons: JSON.stringify([{ ...person, injury: 'X' }]) }), 'persons[0].injury'],
      [crashRow('fault', { persons: JSON.stringify([{ ...person, faultStatus: 'GUILTY' }]) }), 'persons[0].faultStatus'],
      [crashRow('age', { persons: JSON.stringify([{ ...person, ageBand: '30-40' }]) }), 'persons[0].ageBand'],
    ];
    const good = [crashRow('good-1'), crashRow('good-2', { persons: JSON.stringify(Array.from({ length: 50 }, () => person)) })];
    // Good rows first, last and between the bad ones.
    const rows = [good[0], ...bad.map(([row]) => row), good[1]];
    const lines = rows.map((_, index) => 10 + index);
    const before = await rowCounts();

    const result = await crashImporter.importRows(rows, lines, importContext(agency));

    expect(result.inserted).toBe(2);
    expect(result.skipped).toBe(0);
    expect(result.errors.map(({ line, argument }) => ({ line, argument }))).toEqual(bad.map(([, argument], index) => ({ line: 11 + index, argument })));
    for (const error of result.errors) expect(error.message).not.toMatch(/^input\.|SQL|QueryFailed/);
    expect(result.errors.find((error) => error.argument === 'roadType')?.message).toBe('must be one of URBAN, INTERURBAN, RURAL');
    expect(result.errors[0].message).toBe('is required');
    expect(result.errors[1].message).toBe('must be 1 to 100 printable characters');
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 2, crash_person: before.crash_person + 52 });
    for (const [row] of bad) {
      if (row.externalId) expect(await readCrash(await crashId(agency, String(row.externalId)))).toBeNull();
    }
    expect((await readCrash(await crashId(agency, 'good-2')))!.persons).toHaveLength(50);
  });

  it('keeps Persian external ids as they are: up to 100 Persian characters, the record found again by them', async () => {
    const agency = 'POLICE-IR-10-12';
    const persian = 'گزارش-تصادف-۱۴۰۴/۰۳/۱۲-کاشان';
    const longest = 'ت'.repeat(100);
    const rows = [crashRow(persian), crashRow(longest), crashRow('ت'.repeat(101))];
    const result = await crashImporter.importRows(rows, linesOf(rows), importContext(agency));
    expect(result).toEqual({ inserted: 2, skipped: 0, errors: [{ line: 4, argument: 'externalId', message: 'must be 1 to 100 printable characters' }] });
    expect(await readCrash(await crashId(agency, persian))).toMatchObject({ id: expect.stringMatching(TIME_ORDERED), region: { id: KASHAN } });
    expect(await readCrash(await crashId(agency, longest))).not.toBeNull();
    // The same Persian id again is the same record.
    expect(await crashImporter.importRows([crashRow(persian)], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 1, errors: [] });
  });

  it('takes an external id twice in one batch as one record, and the same external id from two agencies as two', async () => {
    const before = await rowCounts();
    const rows = [crashRow('shared-7'), crashRow('shared-7', { roadType: 'RURAL' })];
    expect(await crashImporter.importRows(rows, linesOf(rows), importContext('POLICE-IR-10-12'))).toEqual({ inserted: 1, skipped: 1, errors: [] });
    expect(await crashImporter.importRows([crashRow('shared-7')], [2], importContext('ROADS-IR-10'))).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await readCrash(await crashId('POLICE-IR-10-12', 'shared-7'))).toMatchObject({
      roadType: 'INTERURBAN',
      reportedBy: { id: agencyId('POLICE-IR-10-12') },
    });
    expect(await readCrash(await crashId('ROADS-IR-10', 'shared-7'))).toMatchObject({ reportedBy: { id: agencyId('ROADS-IR-10') } });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 2, crash_person: before.crash_person + 4 });
  });

  it('refuses every row of an agency that may not report crashes (no traffic:write), writing nothing', async () => {
    const before = await rowCounts();
    for (const agency of ['HEALTH-IR-10-12', 'JUDICIARY-IR-10', 'NO-SUCH-AGENCY']) {
      const rows = [crashRow('health-1'), crashRow('health-2')];
      const result = await crashImporter.importRows(rows, linesOf(rows), importContext(agency));
      expect(result.inserted).toBe(0);
      expect(result.errors.map((error) => error.line)).toEqual([2, 3]);
      expect(result.errors[0].message).toContain(`${agency} may not report crashes`);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('leaves nothing of a batch behind when writing fails after the crash rows, so a retry writes it whole', async () => {
    const agency = 'POLICE-IR-10-12';
    const rows = [crashRow('interrupted-1'), crashRow('interrupted-2')];
    const before = await rowCounts();
    armFailpoint('traffic.reportCrash.after-first-insert');
    await expect(crashImporter.importRows(rows, linesOf(rows), importContext(agency))).rejects.toThrow();
    expect(await rowCounts()).toEqual(before);
    disarmFailpoints();
    expect(await crashImporter.importRows(rows, linesOf(rows), importContext(agency))).toEqual({ inserted: 2, skipped: 0, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 2, crash_person: before.crash_person + 4 });
  });
  it('writes a batch large enough for the bulk path (LOAD DATA on MySQL/MariaDB) as a single row is written; a crash already there fails such a write as a duplicate key, leaving nothing', async () => {
    const agency = 'POLICE-IR-10-12';
    const rows = Array.from({ length: 60 }, (_, index) => crashRow(`bulk-${index}`));
    const before = await rowCounts();
    expect(await crashImporter.importRows(rows, linesOf(rows), importContext(agency))).toEqual({ inserted: 60, skipped: 0, errors: [] });
    expect(await crashImporter.importRows([crashRow('bulk-single')], [2], importContext(agency))).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 61, crash_person: before.crash_person + 122 });
    const { id: bulkId, ...bulk } = (await readCrash(await crashId(agency, 'bulk-7')))!;
    const { id: singleId, ...single } = (await readCrash(await crashId(agency, 'bulk-single')))!;
    expect(bulkId).toMatch(TIME_ORDERED);
    expect(singleId).toMatch(TIME_ORDERED);
    expect(bulk).toEqual(single);

    // Written as likely all new (no read of which are there first) while some are there: rolled back and written again after reading them.
    const mixed = Array.from({ length: 60 }, (_, index) => crashRow(`bulk-${index + 30}`));
    const likelyNew = { ...importContext(agency), likelyNew: () => true };
    expect(await crashImporter.importRows(mixed, linesOf(mixed), likelyNew)).toEqual({ inserted: 30, skipped: 30, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 91, crash_person: before.crash_person + 182 });
    const fresh60 = Array.from({ length: 60 }, (_, index) => crashRow(`bulk-new-${index}`));
    expect(await crashImporter.importRows(fresh60, linesOf(fresh60), likelyNew)).toEqual({ inserted: 60, skipped: 0, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 151, crash_person: before.crash_person + 302 });

    // Another import committed this crash first: the whole write fails as a duplicate key (which the engine retries), nothing of it stays.
    const stores = createStores(harness.store.dataSource);
    const [taken] = await stores.crashes.findByIds([bulkId]);
    const fresh = Array.from({ length: 59 }, () => ({ ...taken, id: timeOrderedId(), importKey: null }));
    const counts = await rowCounts();
    const failure = await harness.store.transaction((manager) => stores.crashes.insertCrashes(manager, [...fresh, taken])).catch((error: unknown) => error);
    expect(isDuplicateKeyError(failure)).toBe(true);
    expect(await rowCounts()).toEqual(counts);
  });
});

describe('crash importer: corrected exports', () => {
  it('updates a crash whose row differs as amendCrash does (previous version in revisions, statistics follow); an identical row is unchanged', async () => {
    const agency = 'POLICE-IR-10-12';
    const day = '2025-07-09';
    const row = (injury: string, roadType = 'URBAN') =>
      crashRow('corrected-1', {
        occurredAt: `${day}T09:00:00+03:30`,
        roadType,
        persons: JSON.stringify([{ role: 'DRIVER', injury, faultStatus: 'AT_FAULT', ageBand: '35-44' }]),
      });
    const before = await fatalitiesIn(KASHAN, day);
    expect(await crashImporter.importRows([row('B')], [2], importContext(agency))).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await fatalitiesIn(KASHAN, day)).toEqual({ ...before, crashes: before.crashes + 1, injuries: before.injuries + 1 });

    // The same row again: unchanged, nothing written.
    expect(await crashImporter.importRows([row('B')], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 1, errors: [] });
    expect(await readCrash(await crashId(agency, 'corrected-1'))).toMatchObject({ version: 1 });

    // The driver died in hospital: the corrected export upgrades B to K.
    const counts = await rowCounts();
    expect(await crashImporter.importRows([row('K', 'RURAL')], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 0, updated: 1, errors: [] });
    expect(await rowCounts()).toEqual(counts);
    const result = await harness.runAs<{
      crash: {
        version: number;
        severity: string;
        roadType: string;
        revisions: { version: number; severity: string; roadType: string; amendedBy: { id: string } }[];
      };
    }>(READER, `query($id: ID!) { crash(id: $id) { version severity roadType revisions { version severity roadType amendedBy { id } } } }`, {
      id: await crashId(agency, 'corrected-1'),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.crash).toEqual({
      version: 2,
      severity: 'FATAL',
      roadType: 'RURAL',
      revisions: [{ version: 1, severity: 'MINOR_INJURY', roadType: 'URBAN', amendedBy: { id: agencyId(agency) } }],
    });
    expect(await fatalitiesIn(KASHAN, day)).toEqual({ ...before, crashes: before.crashes + 1, fatalities: before.fatalities + 1 });

    // Corrected again to the same values: unchanged, still version 2.
    expect(await crashImporter.importRows([row('K', 'RURAL')], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 1, errors: [] });
    expect(await readCrash(await crashId(agency, 'corrected-1'))).toMatchObject({ version: 2 });
  });

  it('finds a crash imported before ids were time-ordered (its id the derived key, which the migration made its key) and corrects it under that id', async () => {
    const agency = 'POLICE-IR-10-12';
    const row = crashRow('legacy-1', { occurredAt: '2025-05-20T09:00:00+03:30' });
    expect(await crashImporter.importRows([row], [2], importContext(agency))).toEqual({ inserted: 1, skipped: 0, errors: [] });
    // As an earlier version stored it: the id derived from agency and external id.
    const legacyId = stableId('import:traffic:crashes', `${agency}:legacy-1`);
    const newId = (await crashId(agency, 'legacy-1'))!;
    expect(newId).toMatch(TIME_ORDERED);
    await harness.store.dataSource.query('UPDATE crash_person SET crash_id = ? WHERE crash_id = ?', [legacyId, newId]);
    await harness.store.dataSource.query('UPDATE crash SET id = ? WHERE id = ?', [legacyId, newId]);

    const counts = await rowCounts();
    expect(await crashImporter.importRows([row], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 1, errors: [] });
    expect(await crashImporter.importRows([{ ...row, roadType: 'RURAL' }], [2], importContext(agency))).toEqual({
      inserted: 0,
      skipped: 0,
      updated: 1,
      errors: [],
    });
    expect(await rowCounts()).toEqual(counts);
    expect(await readCrash(legacyId)).toMatchObject({ id: legacyId, roadType: 'RURAL', version: 2 });
  });
});

describe('violation importer', () => {
  it('writes a batch as recordViolation would, readable through GraphQL and counted; again it skips them all', async () => {
    const agency = 'MUNICIPALITY-IR-10-01';
    const statsBefore = await fatalitiesIn(KASHAN, '2025-06-03');
    const rows = [
      violationRow('CAM-7-1001'),
      violationRow('CAM-7-1002', { type: 'SPEEDING', regionCode: undefined, regionId: KASHAN, occurredAt: '2025-06-03T19:05:00Z' }),
      violationRow('CAM-7-1003', { type: 'NO_HELMET', regionCode: 'IR-10-13' }),
    ];
    const before = await rowCounts();
    expect(await violationImporter.importRows(rows, linesOf(rows), importContext(agency))).toEqual({ inserted: 3, skipped: 0, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, violation: before.violation + 3 });
    const read = await readViolations(rows.map((row) => violationId(agency, String(row.externalId))));
    expect(read.map((violation) => violation && { type: violation.type, region: violation.region.id, recordedBy: violation.recordedBy.id })).toEqual([
      { type: 'RED_LIGHT', region: KASHAN, recordedBy: agencyId(agency) },
      { type: 'SPEEDING', region: KASHAN, recordedBy: agencyId(agency) },
      { type: 'NO_HELMET', region: NAJAFABAD, recordedBy: agencyId(agency) },
    ]);
    expect(new Date(read[0]!.occurredAt).toISOString()).toBe('2025-06-03T18:40:00.000Z');
    // 19:05 UTC on 3 June is 22:35 in Iran, still 3 June there.
    expect(await fatalitiesIn(KASHAN, '2025-06-03')).toEqual({ ...statsBefore, violations: statsBefore.violations + 2 });

    expect(await violationImporter.importRows(rows, linesOf(rows), importContext(agency))).toEqual({ inserted: 0, skipped: 3, errors: [] });
    expect(await rowCounts()).toEqual({ ...before, violation: before.violation + 3 });
  });

  it('refuses bad rows with their line and argument and an agency without traffic:write, writing the good rows only', async () => {
    const agency = 'POLICE-IR-10-12';
    const bad: [Record<string, unknown>, string][] = [
      [violationRow(''), 'externalId'],
      [violationRow('v-date', { occurredAt: 'yesterday' }), 'occurredAt'],
      [violationRow('v-future', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'occurredAt'],
      [violationRow('v-region', { regionCode: 'IR-10' }), 'regionCode'],
      [violationRow('v-no-region', { regionCode: undefined }), 'regionId'],
      [violationRow('v-type', { type: 'PARKING' }), 'type'],
      [violationRow('v-no-type', { type: '' }), 'type'],
    ];
    const rows = [...bad.map(([row]) => row), violationRow('v-good')];
    const before = await rowCounts();
    const result = await violationImporter.importRows(rows, linesOf(rows), importContext(agency));
    expect(result.inserted).toBe(1);
    expect(result.errors.map(({ line, argument }) => ({ line, argument }))).toEqual(bad.map(([, argument], index) => ({ line: 2 + index, argument })));
    expect(await rowCounts()).toEqual({ ...before, violation: before.violation + 1 });

    const refused = await violationImporter.importRows([violationRow('v-health')], [2], importContext('HEALTH-IR-10-12'));
    expect(refused).toMatchObject({ inserted: 0, skipped: 0, errors: [{ line: 2 }] });
    expect(refused.errors[0].message).toContain('may not record violations');
    expect(await readViolations([violationId('HEALTH-IR-10-12', 'v-health')])).toEqual([null]);
  });
});

describe('violation importer: corrected exports', () => {
  it('corrects a violation whose row differs (type, county, time), statistics following; an identical row is unchanged; another source keeps its own ids', async () => {
    const agency = 'POLICE-IR-10-12';
    const day = '2025-07-12';
    const before = { kashan: await fatalitiesIn(KASHAN, day), najafabad: await fatalitiesIn(NAJAFABAD, day) };
    const row = violationRow('v-corr', { occurredAt: `${day}T10:00:00+03:30` });
    expect(await violationImporter.importRows([row], [2], importContext(agency))).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await violationImporter.importRows([row], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 1, errors: [] });
    const moved = { ...row, type: 'SPEEDING', regionCode: 'IR-10-13', occurredAt: `${day}T11:30:00+03:30` };
    expect(await violationImporter.importRows([moved], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 0, updated: 1, errors: [] });
    const [read] = await readViolations([violationId(agency, 'v-corr')]);
    expect(read).toMatchObject({ type: 'SPEEDING', region: { id: NAJAFABAD } });
    expect(new Date(read!.occurredAt).toISOString()).toBe(`${day}T08:00:00.000Z`);
    expect(await fatalitiesIn(KASHAN, day)).toEqual(before.kashan);
    expect(await fatalitiesIn(NAJAFABAD, day)).toEqual({ ...before.najafabad, violations: before.najafabad.violations + 1 });

    const otherSource = await violationImporter.importRows([moved], [2], { ...importContext(agency), source: 'CAMERA-NET' });
    expect(otherSource).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await readViolations([stableId('import:traffic:violations', `${agency}@CAMERA-NET:v-corr`)])).toEqual([
      expect.objectContaining({ type: 'SPEEDING' }),
    ]);
  });
});

describe('campaign importer', () => {
  it('writes campaigns run under an MOU, readable through GraphQL; corrects a differing one; refuses bad rows by column', async () => {
    const agency = 'POLICE-IR-10';
    const agreementId = stableId('agreement', 'MOU-IMPORT-TEST');
    const campaign = (externalId: string, overrides: Record<string, unknown> = {}) => ({
      externalId,
      title: 'Helmets On',
      titleFa: 'کلاه ایمنی',
      agreementId,
      regionCode: 'IR-10',
      startsOn: '2025-04-01',
      endsOn: '2025-05-15',
      channel: 'RADIO',
      ...overrides,
    });
    const importer = traffic.importers!.campaigns;
    const rows = [campaign('C-1'), campaign('C-2', { channel: 'FAX' }), campaign('C-3', { endsOn: '2025-03-01' }), campaign('C-4', { regionCode: 'IR' })];
    const result = await importer.importRows(rows, linesOf(rows), importContext(agency));
    expect(result.inserted).toBe(1);
    expect(result.errors.map(({ line, argument }) => ({ line, argument }))).toEqual([
      { line: 3, argument: 'channel' },
      { line: 4, argument: 'endsOn' },
      { line: 5, argument: 'regionId' },
    ]);
    expect(await importer.importRows([campaign('C-1')], [2], importContext(agency))).toEqual({ inserted: 0, skipped: 1, errors: [] });
    expect(await importer.importRows([campaign('C-1', { channel: 'TV', endsOn: '2025-05-30' })], [2], importContext(agency))).toEqual({
      inserted: 0,
      skipped: 0,
      updated: 1,
      errors: [],
    });
    const answer = await harness.runAs<{ trafficCampaigns: { id: string; title: string; channel: string; endsOn: string; agreement: { id: string } }[] }>(
      READER,
      'query($regionId: ID) { trafficCampaigns(regionId: $regionId) { id title channel endsOn agreement { id } } }',
      { regionId: regionId('IR-10') },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.trafficCampaigns.filter((found) => found.id === stableId('import:traffic:campaigns', `${agency}:C-1`))).toEqual([
      { id: stableId('import:traffic:campaigns', `${agency}:C-1`), title: 'Helmets On', channel: 'TV', endsOn: '2025-05-30', agreement: { id: agreementId } },
    ]);
    const refused = await importer.importRows([campaign('C-9')], [2], importContext('HEALTH-IR-10'));
    expect(refused.errors[0].message).toContain('may not run traffic campaigns');
  });
});

describe('npm run import -- traffic', () => {
  const cli = resolve(__dirname, '../../../../cli/dist/commands/import.js');

  function runImport(file: string, agency: string, kind: string, ...options: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [cli, 'traffic', file, '--agency', agency, '--kind', kind, ...options], {
      env: { ...harness.config.env, DATA_DIR: harness.config.dataDir, DATABASE_PREFIX: harness.config.databasePrefix },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('imports a CSV file (BOM, Persian ids, persons as JSON) with exit 0, again with nothing new, and exit 1 naming the line of a refused row', async () => {
    expect(existsSync(cli)).toBe(true); // built by `npx tsc -b`
    const folder = mkdtempSync(join(tmpdir(), 'traffic-import-'));
    const persons = JSON.stringify([{ role: 'DRIVER', injury: 'K', faultStatus: 'AT_FAULT', ageBand: '35-44' }]).replace(/"/g, '""');
    const good = join(folder, 'crashes.csv');
    writeFileSync(
      good,
      '\uFEFFexternalId,occurredAt,regionCode,roadType,persons\n' +
        `پرونده-۹۰۱,2025-06-05T10:00:00+03:30,IR-10-12,RURAL,"${persons}"\n` +
        `پرونده-۹۰۲,2025-06-05T11:00:00+03:30,IR-10-13,URBAN,"${persons}"\n`,
      'utf8',
    );
    const agency = 'POLICE-IR-10-12';
    const before = await rowCounts();

    const first = runImport(good, agency, 'crashes');
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout).toContain('traffic crashes: read 2, inserted 2, updated 0, unchanged 0, refused 0');
    expect(await readCrash(await crashId(agency, 'پرونده-۹۰۱'))).toMatchObject({ severity: 'FATAL', roadType: 'RURAL', region: { id: KASHAN } });
    expect(await readCrash(await crashId(agency, 'پرونده-۹۰۲'))).toMatchObject({ region: { id: NAJAFABAD } });

    const second = runImport(good, agency, 'crashes');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('inserted 0, updated 0, unchanged 2, refused 0');
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 2, crash_person: before.crash_person + 2 });

    // A corrected export: the second crash was on a rural road after all.
    writeFileSync(good, readFileSync(good, 'utf8').replace('IR-10-13,URBAN', 'IR-10-13,RURAL'), 'utf8');
    const corrected = runImport(good, agency, 'crashes');
    expect({ status: corrected.status, stderr: corrected.stderr }).toEqual({ status: 0, stderr: '' });
    expect(corrected.stdout).toContain('traffic crashes: read 2, inserted 0, updated 1, unchanged 1, refused 0');
    expect(await readCrash(await crashId(agency, 'پرونده-۹۰۲'))).toMatchObject({ roadType: 'RURAL', version: 2 });
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 2, crash_person: before.crash_person + 2 });

    const mixed = join(folder, 'violations.csv');
    writeFileSync(
      mixed,
      'externalId,occurredAt,regionCode,type\ncli-v-1,2025-06-05T09:00:00+03:30,IR-10-12,SPEEDING\ncli-v-2,2025-06-05T09:05:00+03:30,IR-10-12,PARKING\n',
      'utf8',
    );
    const refused = runImport(mixed, agency, 'violations');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 3 (type): must be one of');
    expect(refused.stdout).toContain('traffic violations: read 2, inserted 1, updated 0, unchanged 0, refused 1');
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 2, crash_person: before.crash_person + 2, violation: before.violation + 1 });
  });
  it('--dry-run checks every row and writes nothing; --rejects keeps each refused row (line, reason, original) while the good rows go in', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'traffic-rejects-'));
    const file = join(folder, 'violations.csv');
    const rows = [
      'externalId,occurredAt,regionCode,type',
      'rej-1,2025-06-06T09:00:00+03:30,IR-10-12,SPEEDING',
      'rej-2,2025-06-06T09:05:00+03:30,IR-10-12,"PARK,ING"',
      'rej-3,2025-06-06T09:10:00+03:30,IR-99-01,RED_LIGHT',
      'rej-4,2025-06-06T09:15:00+03:30,IR-10-12,NO_HELMET',
    ];
    writeFileSync(file, rows.join('\r\n') + '\r\n', 'utf8');
    const agency = 'POLICE-IR-10-12';
    const before = await rowCounts();

    const dry = runImport(file, agency, 'violations', '--dry-run');
    expect(dry.status).toBe(1);
    expect(dry.stdout).toContain('traffic violations (dry run, nothing written): read 4, inserted 2, updated 0, unchanged 0, refused 2');
    expect(await rowCounts()).toEqual(before);

    const rejects = join(folder, 'rejects.csv');
    const real = runImport(file, agency, 'violations', '--rejects', rejects, '--batch-size', '1');
    expect(real.status).toBe(1);
    expect(real.stdout).toContain('read 4, inserted 2, updated 0, unchanged 0, refused 2');
    expect(await rowCounts()).toEqual({ ...before, violation: before.violation + 2 });
    const lines = readFileSync(rejects, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('line,reason,original');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^3,"type: must be one of [^"]*","rej-2,2025-06-06T09:05:00\+03:30,IR-10-12,""PARK,ING"""$/),
      '4,"regionCode: must be the code of a county, such as IR-10-12","rej-3,2025-06-06T09:10:00+03:30,IR-99-01,RED_LIGHT"',
    ]);
    expect(await readViolations([violationId(agency, 'rej-1'), violationId(agency, 'rej-4')])).toEqual([
      expect.objectContaining({ type: 'SPEEDING' }),
      expect.objectContaining({ type: 'NO_HELMET' }),
    ]);

    expect(runImport(file, agency, 'violations', '--batch-size', '0').status).toBe(2);

    // A semicolon-separated export (as spreadsheet programs in many locales write it).
    const semicolons = join(folder, 'semicolons.csv');
    writeFileSync(semicolons, 'externalId;occurredAt;regionCode;type\nsemi-1;2025-06-06T10:00:00+03:30;IR-10-12;"NO_SEATBELT"\n', 'utf8');
    const semi = runImport(semicolons, agency, 'violations', '--delimiter', ';');
    expect({ status: semi.status, stderr: semi.stderr }).toEqual({ status: 0, stderr: '' });
    expect(await readViolations([violationId(agency, 'semi-1')])).toEqual([expect.objectContaining({ type: 'NO_SEATBELT' })]);
    expect(runImport(semicolons, agency, 'violations', '--delimiter', 'x').status).toBe(2);
  });

  it('--dry-run reports what a real run would do (inserted, updated, unchanged, refused) against the rows already there, writing nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'traffic-dry-'));
    const persons = (injury: string) => JSON.stringify([{ role: 'DRIVER', injury, faultStatus: 'AT_FAULT', ageBand: null }]).replace(/"/g, '""');
    const header = 'externalId,occurredAt,regionCode,roadType,persons\n';
    const first = join(folder, 'first.csv');
    writeFileSync(
      first,
      header + `dry-1,2025-06-08T10:00:00+03:30,IR-10-12,URBAN,"${persons('B')}"\n` + `dry-2,2025-06-08T11:00:00+03:30,IR-10-12,URBAN,"${persons('C')}"\n`,
    );
    const agency = 'POLICE-IR-10-12';
    expect(runImport(first, agency, 'crashes').status).toBe(0);
    const before = await rowCounts();
    const statsBefore = await fatalitiesIn(KASHAN, '2025-06-08');

    // dry-1 corrected (B becomes K), dry-2 identical, dry-3 new, dry-4 refused (no such road type).
    const second = join(folder, 'second.csv');
    writeFileSync(
      second,
      header +
        `dry-1,2025-06-08T10:00:00+03:30,IR-10-12,URBAN,"${persons('K')}"\n` +
        `dry-2,2025-06-08T11:00:00+03:30,IR-10-12,URBAN,"${persons('C')}"\n` +
        `dry-3,2025-06-08T12:00:00+03:30,IR-10-12,URBAN,"${persons('O')}"\n` +
        `dry-4,2025-06-08T13:00:00+03:30,IR-10-12,AUTOBAHN,"${persons('O')}"\n`,
    );
    const dry = runImport(second, agency, 'crashes', '--dry-run');
    expect(dry.status).toBe(1);
    expect(dry.stderr).toContain('line 5 (roadType)');
    expect(dry.stdout).toContain('traffic crashes (dry run, nothing written): read 4, inserted 1, updated 1, unchanged 1, refused 1');
    expect(await rowCounts()).toEqual(before);
    expect(await readCrash(await crashId(agency, 'dry-1'))).toMatchObject({ version: 1, severity: 'MINOR_INJURY' });
    expect(await fatalitiesIn(KASHAN, '2025-06-08')).toEqual(statsBefore);

    // The same through JSON Lines without the refused row: exit 0; then for real, the same counts.
    const lines = join(folder, 'second.jsonl');
    const jsonRow = (externalId: string, at: string, injury: string) =>
      JSON.stringify({
        externalId,
        occurredAt: `2025-06-08T${at}:00+03:30`,
        regionCode: 'IR-10-12',
        roadType: 'URBAN',
        persons: [{ role: 'DRIVER', injury, faultStatus: 'AT_FAULT', ageBand: null }],
      });
    writeFileSync(lines, [jsonRow('dry-1', '10:00', 'K'), jsonRow('dry-2', '11:00', 'C'), jsonRow('dry-3', '12:00', 'O')].join('\n') + '\n');
    const clean = runImport(lines, agency, 'crashes', '--dry-run');
    expect({ status: clean.status, stderr: clean.stderr }).toEqual({ status: 0, stderr: '' });
    expect(clean.stdout).toContain('(dry run, nothing written): read 3, inserted 1, updated 1, unchanged 1, refused 0');
    const real = runImport(lines, agency, 'crashes');
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('traffic crashes: read 3, inserted 1, updated 1, unchanged 1, refused 0');
    expect(await readCrash(await crashId(agency, 'dry-1'))).toMatchObject({ version: 2, severity: 'FATAL' });
  });
});

describe('traffic subgraph: statistics rollups after every write above', () => {
  it('match the raw records, key by key (what npm run rollups -- --check compares)', async () => {
    expect(await new MeasureStore(harness.store.dataSource).differences(traffic.measures!)).toEqual([]);
  });
});
