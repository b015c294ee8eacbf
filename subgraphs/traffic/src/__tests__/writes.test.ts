import { agencyId, armFailpoint, disarmFailpoints, regionId, MeasureStore } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import type { TrafficContext } from '../context';
import { traffic } from '../index';

let harness: SubgraphHarness<TrafficContext>;

beforeAll(async () => {
  harness = await subgraphHarness(traffic);
});
afterAll(() => harness?.close());
afterEach(() => disarmFailpoints());

const KASHAN = regionId('IR-10-12');
const NAJAFABAD = regionId('IR-10-13');
const PROVINCE = regionId('IR-10');

/** The Kashan traffic police: reports Kashan's crashes (the seed's reporter there). */
const KASHAN_POLICE = callerOf('POLICE-IR-10-12', ['traffic:read', 'traffic:write', 'reports:read']);
const PROVINCE_POLICE = callerOf('POLICE-IR-10', ['traffic:read', 'traffic:write', 'reports:read']);
const READER = callerOf('HEALTH-IR-10-12', ['traffic:read', 'reports:read']);

const CRASH_FIELDS = `id occurredAt severity fatalities injuries roadType version region { id } reportedBy { id }
  persons { role injury faultStatus ageBand }
  revisions { version amendedAt amendedBy { id } reason occurredAt regionId region { id } roadType severity fatalities injuries persons { role injury faultStatus ageBand } }`;

interface PersonNode {
  role: string;
  injury: string;
  faultStatus: string;
  ageBand: string | null;
}
interface RevisionNode {
  version: number;
  amendedAt: string;
  amendedBy: { id: string };
  reason: string;
  occurredAt: string;
  regionId: string;
  region: { id: string };
  roadType: string;
  severity: string;
  fatalities: number;
  injuries: number;
  persons: PersonNode[];
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
  persons: PersonNode[];
  revisions: RevisionNode[];
}

const REPORT_CRASH = `mutation($input: ReportCrashInput!) { reportCrash(input: $input) { ${CRASH_FIELDS} } }`;
const AMEND_CRASH = `mutation($input: AmendCrashInput!) { amendCrash(input: $input) { ${CRASH_FIELDS} } }`;
const RECORD_VIOLATION = `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { id occurredAt type region { id } recordedBy { id } } }`;

/** DateTime comes back as a Date in process: compare instants as ISO strings. */
const instant = (value: string | Date): string => new Date(value).toISOString();

const driver = (injury: string, faultStatus = 'AT_FAULT', ageBand: string | null = '25-34') => ({ role: 'DRIVER', injury, faultStatus, ageBand });
const pedestrian = (injury: string, faultStatus = 'NOT_AT_FAULT', ageBand: string | null = '65+') => ({ role: 'PEDESTRIAN', injury, faultStatus, ageBand });

/** A fatal crash in Kashan on 10 Khordad 1404 (31 May 2025): a driver unhurt, a pedestrian killed, a passenger hurt. */
const fatalReport = (overrides: Record<string, unknown> = {}) => ({
  occurredAt: '2025-05-31T18:40:00+03:30',
  regionId: KASHAN,
  roadType: 'URBAN',
  persons: [driver('O'), pedestrian('K'), { role: 'PASSENGER', injury: 'B', faultStatus: 'NOT_AT_FAULT', ageBand: null }],
  ...overrides,
});

const TABLES = ['crash', 'crash_person', 'crash_revision', 'violation', 'idempotency_key'] as const;
type Table = (typeof TABLES)[number];

async function rowCounts(): Promise<Record<Table, number>> {
  const counts = {} as Record<Table, number>;
  for (const table of TABLES) {
    const [row] = await harness.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

async function report(input: Record<string, unknown>, caller = KASHAN_POLICE): Promise<CrashNode> {
  const result = await harness.runAs<{ reportCrash: CrashNode }>(caller, REPORT_CRASH, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.reportCrash;
}

async function amend(input: Record<string, unknown>, caller = KASHAN_POLICE): Promise<CrashNode> {
  const result = await harness.runAs<{ amendCrash: CrashNode }>(caller, AMEND_CRASH, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.amendCrash;
}

interface Stats {
  crashes: number;
  fatalCrashes: number;
  fatalities: number;
  fatalitiesNotAtFault: number;
  injuries: number;
  violations: number;
}

/** Region.trafficStats of each region over one inclusive period, read as the gateway would (reports:read). */
async function stats(regionIds: string[], from: string, to = from): Promise<Stats[]> {
  const result = await harness.runAs<{ _entities: { trafficStats: Stats }[] }>(
    READER,
    `query($representations: [_Any!]!, $period: PeriodInput!) { _entities(representations: $representations) {
       ... on Region { trafficStats(period: $period) { crashes fatalCrashes fatalities fatalitiesNotAtFault injuries violations } } } }`,
    { representations: regionIds.map((id) => ({ __typename: 'Region', id })), period: { from, to } },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((entity) => entity.trafficStats);
}

async function readCrash(id: string): Promise<CrashNode | null> {
  const result = await harness.runAs<{ crash: CrashNode | null }>(READER, `query($id: ID!) { crash(id: $id) { ${CRASH_FIELDS} } }`, { id });
  expect(result.errors).toBeUndefined();
  return result.data!.crash;
}

/** A seeded crash reported by the Kashan police, with its persons. */
async function seededKashanCrash(severity: string): Promise<CrashNode> {
  const result = await harness.runAs<{ crashes: { edges: { node: CrashNode }[] } }>(
    READER,
    `query($regionId: ID, $severity: CrashSeverity) { crashes(regionId: $regionId, severity: $severity, period: { solarYear: 1403 }, first: 1) {
       edges { node { ${CRASH_FIELDS} } } } }`,
    { regionId: KASHAN, severity },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.crashes.edges[0].node;
}

describe('reportCrash', () => {
  it("stores the crash and its persons for the caller's agency, deriving severity and counts from the persons, and reads it back", async () => {
    const before = await rowCounts();
    const crash = await report(fatalReport());
    expect(crash).toMatchObject({
      severity: 'FATAL',
      fatalities: 1,
      injuries: 1,
      roadType: 'URBAN',
      version: 1,
      region: { id: KASHAN },
      reportedBy: { id: agencyId('POLICE-IR-10-12') },
      revisions: [],
    });
    expect(instant(crash.occurredAt)).toBe('2025-05-31T15:10:00.000Z');
    expect(crash.persons).toEqual([
      { role: 'DRIVER', injury: 'O', faultStatus: 'AT_FAULT', ageBand: '25-34' },
      { role: 'PEDESTRIAN', injury: 'K', faultStatus: 'NOT_AT_FAULT', ageBand: '65+' },
      { role: 'PASSENGER', injury: 'B', faultStatus: 'NOT_AT_FAULT', ageBand: null },
    ]);
    expect(await rowCounts()).toEqual({ ...before, crash: before.crash + 1, crash_person: before.crash_person + 3 });

    expect(await readCrash(crash.id)).toEqual(crash);
    const entities = await harness.runAs<{ _entities: { id: string; severity: string; persons: PersonNode[] }[] }>(
      READER,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Crash { id severity persons { role } } } }`,
      { r: [{ __typename: 'Crash', id: crash.id }] },
    );
    expect(entities.data?._entities).toEqual([
      { id: crash.id, severity: 'FATAL', persons: [{ role: 'DRIVER' }, { role: 'PEDESTRIAN' }, { role: 'PASSENGER' }] },
    ]);
    const listed = await harness.runAs<{ crashes: { edges: { node: { id: string } }[] } }>(
      READER,
      `{ crashes(regionId: "${KASHAN}", period: { from: "2025-05-31", to: "2025-05-31" }, severity: FATAL, first: 500) { edges { node { id } } } }`,
    );
    expect(listed.data!.crashes.edges.map((edge) => edge.node.id)).toContain(crash.id);
  });

  it('derives every severity from the worst injury, and takes up to 50 persons', async () => {
    const cases: [string[], string, number, number][] = [
      [['O', 'O'], 'PROPERTY_DAMAGE_ONLY', 0, 0],
      [['O', 'C'], 'POSSIBLE_INJURY', 0, 1],
      [['C', 'B', 'O'], 'MINOR_INJURY', 0, 2],
      [['B', 'A'], 'SERIOUS_INJURY', 0, 2],
      [['A', 'K', 'K'], 'FATAL', 2, 1],
    ];
    for (const [injuries, severity, fatalities, injured] of cases) {
      const crash = await report(fatalReport({ persons: injuries.map((injury) => driver(injury)) }));
      expect([injuries, crash.severity, crash.fatalities, crash.injuries]).toEqual([injuries, severity, fatalities, injured]);
    }
    const bus = await report(
      fatalReport({
        roadType: 'INTERURBAN',
        persons: [driver('A'), ...Array.from({ length: 49 }, () => ({ role: 'PASSENGER', injury: 'C', faultStatus: 'NOT_AT_FAULT' }))],
      }),
    );
    expect(bus).toMatchObject({ severity: 'SERIOUS_INJURY', injuries: 50, roadType: 'INTERURBAN' });
    expect(bus.persons).toHaveLength(50);
    expect(bus.persons[49].ageBand).toBeNull();
  });

  it('raises the statistics of its county and province on its date in Iran, not on its UTC date', async () => {
    const [county, province, other] = await stats([KASHAN, PROVINCE, NAJAFABAD], '2025-05-31');
    await report(fatalReport());
    const [countyAfter, provinceAfter, otherAfter] = await stats([KASHAN, PROVINCE, NAJAFABAD], '2025-05-31');
    const added = { crashes: 1, fatalCrashes: 1, fatalities: 1, fatalitiesNotAtFault: 1, injuries: 1, violations: 0 };
    const plus = (base: Stats) => Object.fromEntries(Object.entries(base).map(([field, value]) => [field, value + added[field as keyof Stats]]));
    expect(countyAfter).toEqual(plus(county));
    expect(provinceAfter).toEqual(plus(province));
    expect(otherAfter).toEqual(other);

    // 21:00 UTC on 20 March 2025 is 00:30 on 21 March in Iran: Nowruz, the first day of 1404.
    const [lastDay1403] = await stats([KASHAN], '2025-03-20');
    const [firstDay1404] = await stats([KASHAN], '2025-03-21');
    const nowruz = await report(fatalReport({ occurredAt: '2025-03-20T21:00:00Z' }));
    expect((await stats([KASHAN], '2025-03-20'))[0]).toEqual(lastDay1403);
    expect((await stats([KASHAN], '2025-03-21'))[0].crashes).toBe(firstDay1404.crashes + 1);
    const [row] = await harness.store.dataSource.query('SELECT occurred_on FROM crash WHERE id = ?', [nowruz.id]);
    expect(String(row.occurred_on instanceof Date ? row.occurred_on.toISOString() : row.occurred_on).slice(0, 10)).toBe('2025-03-21');
  });

  it('sees its own crash in the figures asked for later in the same request', async () => {
    const period = '{ from: "2025-06-02", to: "2025-06-02" }';
    const result = await harness.runAs<Record<'first' | 'second', { region: { trafficStats: Stats } }>>(
      KASHAN_POLICE,
      `mutation($input: ReportCrashInput!) {
         first: reportCrash(input: $input) { region { trafficStats(period: ${period}) { fatalities } } }
         second: reportCrash(input: $input) { region { trafficStats(period: ${period}) { fatalities } } } }`,
      { input: fatalReport({ occurredAt: '2025-06-02T09:00:00+03:30' }) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.second.region.trafficStats.fatalities).toBe(result.data!.first.region.trafficStats.fatalities + 1);
  });

  it('refuses bad reports with BAD_USER_INPUT naming the argument, and writes nothing', async () => {
    const before = await rowCounts();
    const tooMany = Array.from({ length: 51 }, () => driver('O'));
    const cases: [Record<string, unknown>, string][] = [
      [fatalReport({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'input.occurredAt'],
      [fatalReport({ occurredAt: '1989-12-31T12:00:00Z' }), 'input.occurredAt'],
      [fatalReport({ regionId: PROVINCE }), 'input.regionId'],
      [fatalReport({ regionId: 'no-such-region' }), 'input.regionId'],
      [fatalReport({ persons: [] }), 'input.persons'],
      [fatalReport({ persons: tooMany }), 'input.persons'],
      [fatalReport({ persons: [driver('O'), pedestrian('K', 'NOT_AT_FAULT', 'elderly')] }), 'input.persons[1].ageBand'],
      [fatalReport({ idempotencyKey: 'k'.repeat(129) }), 'input.idempotencyKey'],
    ];
    for (const [input, argumentName] of cases) {
      const result = await harness.runAs(KASHAN_POLICE, REPORT_CRASH, { input });
      expect({ argumentName, extensions: result.errors?.[0].extensions }).toEqual({ argumentName, extensions: { code: 'BAD_USER_INPUT', argumentName } });
    }
    const outsideEnum = await harness.runAs(KASHAN_POLICE, REPORT_CRASH, { input: fatalReport({ persons: [driver('X')] }) });
    expect(outsideEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts()).toEqual(before);
  });

  it('needs traffic:write: FORBIDDEN for a reader, and nothing written', async () => {
    const before = await rowCounts();
    const result = await harness.runAs(READER, REPORT_CRASH, { input: fatalReport() });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ path: ['reportCrash'], extensions: { code: 'FORBIDDEN' } });
    expect(await rowCounts()).toEqual(before);
  });

  it('returns the first crash for a retry with the same key, CONFLICT for the same key with another report, keys scoped by agency', async () => {
    const before = await rowCounts();
    const first = await report(fatalReport({ idempotencyKey: 'kashan-2025-05-31-0042' }));
    // The same report spelled differently (UTC instead of Iran's offset, an absent age band as null) is still a retry.
    const spelledDifferently = fatalReport({
      idempotencyKey: 'kashan-2025-05-31-0042',
      occurredAt: '2025-05-31T15:10:00Z',
      persons: [driver('O'), pedestrian('K'), { role: 'PASSENGER', injury: 'B', faultStatus: 'NOT_AT_FAULT' }],
    });
    expect((await report(spelledDifferently)).id).toBe(first.id);
    expect(await rowCounts()).toEqual({
      ...before,
      crash: before.crash + 1,
      crash_person: before.crash_person + 3,
      idempotency_key: before.idempotency_key + 1,
    });

    const other = await harness.runAs(KASHAN_POLICE, REPORT_CRASH, { input: fatalReport({ idempotencyKey: 'kashan-2025-05-31-0042', roadType: 'RURAL' }) });
    expect(other.errors?.[0].extensions).toEqual({ code: 'CONFLICT' });
    expect(other.errors?.[0].message).toContain('kashan-2025-05-31-0042');

    // Another agency's key of the same name is its own.
    const najafabad = await report(fatalReport({ idempotencyKey: 'kashan-2025-05-31-0042', regionId: NAJAFABAD }), callerOf('POLICE-IR-10-13'));
    expect(najafabad.id).not.toBe(first.id);
    expect(await rowCounts()).toEqual({
      ...before,
      crash: before.crash + 2,
      crash_person: before.crash_person + 6,
      idempotency_key: before.idempotency_key + 2,
    });
  });

  it('writes one crash for concurrent retries with the same key', async () => {
    const before = await rowCounts();
    const input = fatalReport({ idempotencyKey: 'concurrent-report' });
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        harness.runAs<{ reportCrash: { id: string } }>(KASHAN_POLICE, `mutation($input: ReportCrashInput!) { reportCrash(input: $input) { id } }`, { input }),
      ),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((result) => result.data!.reportCrash.id)).size).toBe(1);
    expect(await rowCounts()).toEqual({
      ...before,
      crash: before.crash + 1,
      crash_person: before.crash_person + 3,
      idempotency_key: before.idempotency_key + 1,
    });
  });

  it('leaves no row behind when it fails after the crash row, key or no key', async () => {
    for (const idempotencyKey of [undefined, 'interrupted-report']) {
      const before = await rowCounts();
      armFailpoint('traffic.reportCrash.after-first-insert');
      const result = await harness.runAs(KASHAN_POLICE, REPORT_CRASH, { input: fatalReport({ idempotencyKey }) });
      expect(result.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.errors?.[0].message).toBe('Internal server error');
      expect(await rowCounts()).toEqual(before);
    }
    // The key was not spent: the retry goes through.
    const retried = await report(fatalReport({ idempotencyKey: 'interrupted-report' }));
    expect(retried.persons).toHaveLength(3);
  });
});

describe('recordViolation', () => {
  const violation = (overrides: Record<string, unknown> = {}) => ({
    occurredAt: '2025-07-01T08:15:00+03:30',
    regionId: KASHAN,
    type: 'MOBILE_PHONE',
    ...overrides,
  });

  it("records a violation for the caller's agency, readable and counted in its county's statistics", async () => {
    const [before] = await stats([KASHAN], '2025-07-01');
    const result = await harness.runAs<{
      recordViolation: { id: string; occurredAt: string; type: string; region: { id: string }; recordedBy: { id: string } };
    }>(PROVINCE_POLICE, RECORD_VIOLATION, { input: violation() });
    expect(result.errors).toBeUndefined();
    const recorded = result.data!.recordViolation;
    expect(recorded).toMatchObject({ type: 'MOBILE_PHONE', region: { id: KASHAN }, recordedBy: { id: agencyId('POLICE-IR-10') } });
    expect(instant(recorded.occurredAt)).toBe('2025-07-01T04:45:00.000Z');
    const [after] = await stats([KASHAN], '2025-07-01');
    expect(after).toEqual({ ...before, violations: before.violations + 1 });
    const entities = await harness.runAs<{ _entities: unknown[] }>(
      READER,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Violation { id type recordedBy { id } } } }`,
      { r: [{ __typename: 'Violation', id: recorded.id }] },
    );
    expect(entities.data?._entities).toEqual([{ id: recorded.id, type: 'MOBILE_PHONE', recordedBy: { id: agencyId('POLICE-IR-10') } }]);
  });

  it('refuses bad input with BAD_USER_INPUT, a reader with FORBIDDEN, and writes nothing', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [violation({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'input.occurredAt'],
      [violation({ regionId: PROVINCE }), 'input.regionId'],
      [violation({ idempotencyKey: '' }), 'input.idempotencyKey'],
    ];
    for (const [input, argumentName] of cases) {
      const result = await harness.runAs(KASHAN_POLICE, RECORD_VIOLATION, { input });
      expect({ argumentName, extensions: result.errors?.[0].extensions }).toEqual({ argumentName, extensions: { code: 'BAD_USER_INPUT', argumentName } });
    }
    const forbidden = await harness.runAs(READER, RECORD_VIOLATION, { input: violation() });
    expect(forbidden.errors?.[0]).toMatchObject({ path: ['recordViolation'], extensions: { code: 'FORBIDDEN' } });
    expect(await rowCounts()).toEqual(before);
  });

  it('returns the first violation for a retry with the same key and CONFLICT for another body', async () => {
    const before = await rowCounts();
    const record = (input: Record<string, unknown>) => harness.runAs<{ recordViolation: { id: string } }>(KASHAN_POLICE, RECORD_VIOLATION, { input });
    const first = await record(violation({ idempotencyKey: 'camera-7-frame-1001' }));
    const retry = await record(violation({ idempotencyKey: 'camera-7-frame-1001' }));
    expect(retry.data!.recordViolation.id).toBe(first.data!.recordViolation.id);
    const other = await record(violation({ idempotencyKey: 'camera-7-frame-1001', type: 'SPEEDING' }));
    expect(other.errors?.[0].extensions).toEqual({ code: 'CONFLICT' });
    // The same key names another operation's request independently.
    const crash = await report(fatalReport({ idempotencyKey: 'camera-7-frame-1001' }));
    expect(crash.id).not.toBe(first.data!.recordViolation.id);
    expect(await rowCounts()).toEqual({
      ...before,
      violation: before.violation + 1,
      crash: before.crash + 1,
      crash_person: before.crash_person + 3,
      idempotency_key: before.idempotency_key + 2,
    });
  });
});

describe('amendCrash', () => {
  const PERSIAN_REASON = 'اصلاح گزارش: عابر پیاده پس از انتقال به بیمارستان زنده ماند؛ گواهی پزشکی‌قانونی شماره ۱۴۰۴/۲۳۷';

  it('keeps the reported version as a revision, moves the crash to the next version, and the statistics follow', async () => {
    const reported = await report(fatalReport({ occurredAt: '2025-08-10T07:30:00+03:30' }));
    const [kashanBefore, najafabadBefore, provinceBefore] = await stats([KASHAN, NAJAFABAD, PROVINCE], '2025-08-10');
    const [najafabadEveBefore, provinceEveBefore] = await stats([NAJAFABAD, PROVINCE], '2025-08-09');
    const before = await rowCounts();

    // The pedestrian survived with serious injuries: no longer a fatal crash.
    const survived = [driver('O'), pedestrian('A'), { role: 'PASSENGER', injury: 'B', faultStatus: 'NOT_AT_FAULT', ageBand: null }];
    const amended = await amend({ crashId: reported.id, persons: survived, reason: PERSIAN_REASON });
    expect(amended).toMatchObject({
      id: reported.id,
      version: 2,
      severity: 'SERIOUS_INJURY',
      fatalities: 0,
      injuries: 2,
      region: { id: KASHAN },
      reportedBy: reported.reportedBy,
    });
    expect(amended.persons.map((person) => person.injury)).toEqual(['O', 'A', 'B']);
    expect(amended.revisions).toHaveLength(1);
    const [revision] = amended.revisions;
    expect(revision).toMatchObject({
      version: 1,
      amendedBy: { id: agencyId('POLICE-IR-10-12') },
      reason: PERSIAN_REASON,
      regionId: KASHAN,
      region: { id: KASHAN },
      roadType: 'URBAN',
      severity: 'FATAL',
      fatalities: 1,
      injuries: 1,
      persons: reported.persons,
    });
    expect(instant(revision.occurredAt)).toBe(instant(reported.occurredAt));
    expect(Math.abs(new Date(revision.amendedAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await rowCounts()).toEqual({ ...before, crash_revision: before.crash_revision + 1 });
    const [stored] = await harness.store.dataSource.query('SELECT reason FROM crash_revision WHERE crash_id = ?', [reported.id]);
    expect(stored.reason).toBe(PERSIAN_REASON);

    const [kashanAmended] = await stats([KASHAN], '2025-08-10');
    expect(kashanAmended).toEqual({
      ...kashanBefore,
      fatalCrashes: kashanBefore.fatalCrashes - 1,
      fatalities: kashanBefore.fatalities - 1,
      fatalitiesNotAtFault: kashanBefore.fatalitiesNotAtFault - 1,
      injuries: kashanBefore.injuries + 1,
    });

    // It happened the evening before, across the county line, on an interurban road.
    const moved = await amend({
      crashId: reported.id,
      regionId: NAJAFABAD,
      occurredAt: '2025-08-09T21:30:00+03:30',
      roadType: 'INTERURBAN',
      reason: 'Location corrected from the patrol log',
      expectedVersion: 2,
    });
    expect(moved).toMatchObject({ version: 3, region: { id: NAJAFABAD }, roadType: 'INTERURBAN', severity: 'SERIOUS_INJURY' });
    expect(moved.persons).toEqual(amended.persons);
    expect(moved.revisions.map((each) => [each.version, each.regionId, each.roadType, each.severity, each.reason])).toEqual([
      [1, KASHAN, 'URBAN', 'FATAL', PERSIAN_REASON],
      [2, KASHAN, 'URBAN', 'SERIOUS_INJURY', 'Location corrected from the patrol log'],
    ]);
    expect(moved.revisions[1].persons).toEqual(amended.persons);
    expect(await readCrash(reported.id)).toEqual(moved);

    const [kashanMoved, najafabadMoved, provinceMoved] = await stats([KASHAN, NAJAFABAD, PROVINCE], '2025-08-10');
    expect(kashanMoved).toEqual({ ...kashanAmended, crashes: kashanAmended.crashes - 1, injuries: kashanAmended.injuries - 2 });
    expect(najafabadMoved).toEqual(najafabadBefore);
    expect(provinceMoved).toEqual({
      ...provinceBefore,
      crashes: provinceBefore.crashes - 1,
      fatalCrashes: provinceBefore.fatalCrashes - 1,
      fatalities: provinceBefore.fatalities - 1,
      fatalitiesNotAtFault: provinceBefore.fatalitiesNotAtFault - 1,
      injuries: provinceBefore.injuries - 1,
    });
    const [najafabadEve, provinceEve] = await stats([NAJAFABAD, PROVINCE], '2025-08-09');
    expect(najafabadEve).toEqual({ ...najafabadEveBefore, crashes: najafabadEveBefore.crashes + 1, injuries: najafabadEveBefore.injuries + 2 });
    expect(provinceEve).toEqual({ ...provinceEveBefore, crashes: provinceEveBefore.crashes + 1, injuries: provinceEveBefore.injuries + 2 });
    const listed = await harness.runAs<{ crashes: { edges: { node: { id: string } }[] } }>(
      READER,
      `{ crashes(regionId: "${NAJAFABAD}", period: { from: "2025-08-09", to: "2025-08-09" }, first: 500) { edges { node { id } } } }`,
    );
    expect(listed.data!.crashes.edges.map((edge) => edge.node.id)).toContain(reported.id);
  });

  it('amends a seeded crash for the agency that reported it, and refuses every other agency with FORBIDDEN', async () => {
    const seeded = await seededKashanCrash('MINOR_INJURY');
    expect(seeded.reportedBy.id).toBe(agencyId('POLICE-IR-10-12'));
    const before = await rowCounts();
    for (const caller of [PROVINCE_POLICE, callerOf('POLICE-IR-10-13'), callerOf('ROADS-IR-10')]) {
      const result = await harness.runAs(caller, AMEND_CRASH, { input: { crashId: seeded.id, roadType: 'RURAL', reason: 'not ours to correct' } });
      expect(result.errors?.[0]).toMatchObject({ path: ['amendCrash'], extensions: { code: 'FORBIDDEN' } });
    }
    const reader = await harness.runAs(READER, AMEND_CRASH, { input: { crashId: seeded.id, roadType: 'RURAL', reason: 'a reader cannot write' } });
    expect(reader.errors?.[0]).toMatchObject({ path: ['amendCrash'], extensions: { code: 'FORBIDDEN' } });
    expect(await rowCounts()).toEqual(before);
    expect(await readCrash(seeded.id)).toEqual(seeded);

    const amended = await amend({ crashId: seeded.id, roadType: seeded.roadType === 'RURAL' ? 'URBAN' : 'RURAL', reason: 'Road type corrected' });
    expect(amended).toMatchObject({ version: 2, severity: seeded.severity, fatalities: seeded.fatalities, injuries: seeded.injuries, persons: seeded.persons });
  });

  it('refuses bad corrections with BAD_USER_INPUT naming the argument, and writes nothing', async () => {
    const reported = await report(fatalReport());
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ crashId: reported.id, reason: 'nothing named' }, 'input'],
      [{ crashId: 'no-such-crash', roadType: 'RURAL', reason: 'unknown crash' }, 'input.crashId'],
      [{ crashId: reported.id, roadType: 'RURAL', reason: '   ' }, 'input.reason'],
      [{ crashId: reported.id, roadType: 'RURAL', reason: 'ب'.repeat(501) }, 'input.reason'],
      [{ crashId: reported.id, occurredAt: new Date(Date.now() + 3_600_000).toISOString(), reason: 'future' }, 'input.occurredAt'],
      [{ crashId: reported.id, regionId: PROVINCE, reason: 'a province' }, 'input.regionId'],
      [{ crashId: reported.id, persons: [], reason: 'no one' }, 'input.persons'],
      [{ crashId: reported.id, persons: [driver('O', 'AT_FAULT', '30')], reason: 'bad band' }, 'input.persons[0].ageBand'],
      [{ crashId: reported.id, roadType: 'RURAL', reason: 'bad version', expectedVersion: 0 }, 'input.expectedVersion'],
    ];
    for (const [input, argumentName] of cases) {
      const result = await harness.runAs(KASHAN_POLICE, AMEND_CRASH, { input });
      expect({ argumentName, extensions: result.errors?.[0].extensions }).toEqual({ argumentName, extensions: { code: 'BAD_USER_INPUT', argumentName } });
    }
    expect(await rowCounts()).toEqual(before);
    expect((await readCrash(reported.id))!.version).toBe(1);
  });

  it('refuses a correction made against an older version with CONFLICT naming the current one; of two at once, one wins', async () => {
    const reported = await report(fatalReport());
    await amend({ crashId: reported.id, roadType: 'RURAL', reason: 'first correction', expectedVersion: 1 });
    const before = await rowCounts();
    const stale = await harness.runAs(KASHAN_POLICE, AMEND_CRASH, {
      input: { crashId: reported.id, roadType: 'INTERURBAN', reason: 'made against version 1', expectedVersion: 1 },
    });
    expect(stale.errors?.[0].extensions).toEqual({ code: 'CONFLICT' });
    expect(stale.errors?.[0].message).toContain('version 2');
    expect(await rowCounts()).toEqual(before);

    const racing = await Promise.all(
      ['URBAN', 'INTERURBAN'].map((roadType) =>
        harness.runAs<{ amendCrash: { version: number } }>(KASHAN_POLICE, `mutation($input: AmendCrashInput!) { amendCrash(input: $input) { version } }`, {
          input: { crashId: reported.id, roadType, reason: `race to ${roadType}`, expectedVersion: 2 },
        }),
      ),
    );
    expect(racing.filter((result) => result.errors === undefined).map((result) => result.data!.amendCrash.version)).toEqual([3]);
    expect(racing.filter((result) => result.errors !== undefined).map((result) => result.errors![0].extensions!.code)).toEqual(['CONFLICT']);
    const crash = await readCrash(reported.id);
    expect(crash!.revisions.map((revision) => revision.version)).toEqual([1, 2]);
  });

  it('leaves the crash, its persons and its revisions as they were when it fails after the revision row', async () => {
    const reported = await report(fatalReport());
    const before = await rowCounts();
    armFailpoint('traffic.amendCrash.after-first-insert');
    const result = await harness.runAs(KASHAN_POLICE, AMEND_CRASH, {
      input: { crashId: reported.id, persons: [driver('O')], regionId: NAJAFABAD, reason: 'interrupted' },
    });
    expect(result.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await rowCounts()).toEqual(before);
    expect(await readCrash(reported.id)).toEqual(reported);
  });

  it('shows each amendment to the next field of the same request', async () => {
    const reported = await report(fatalReport());
    const result = await harness.runAs<Record<'first' | 'second', { version: number; revisions: { version: number }[] }>>(
      KASHAN_POLICE,
      `mutation($id: ID!) {
         first: amendCrash(input: { crashId: $id, roadType: RURAL, reason: "one" }) { version revisions { version } }
         second: amendCrash(input: { crashId: $id, roadType: URBAN, reason: "two" }) { version revisions { version } } }`,
      { id: reported.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ first: { version: 2, revisions: [{ version: 1 }] }, second: { version: 3, revisions: [{ version: 1 }, { version: 2 }] } });
  });
});

it('has migrations that match its entities exactly, write tables included', async () => {
  const pending = await harness.store.dataSource.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  expect(await rowCounts()).toEqual(expect.objectContaining({ crash_revision: expect.any(Number), idempotency_key: expect.any(Number) }));
});

describe('traffic subgraph: statistics rollups after every write above', () => {
  it('match the raw records, key by key (what npm run rollups -- --check compares)', async () => {
    expect(await new MeasureStore(harness.store.dataSource).differences(traffic.measures!)).toEqual([]);
  });
});
