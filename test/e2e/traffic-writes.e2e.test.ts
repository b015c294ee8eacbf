import { agencyId, armFailpoint, disarmFailpoints, regionId } from '@safety-graph/shared';
import { startStack, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('trafficwrites');
}, 180_000);
afterAll(() => stack?.stop());
afterEach(() => disarmFailpoints());

const KASHAN = regionId('IR-10-12');
const NAJAFABAD = regionId('IR-10-13');

/** The Kashan police report Kashan's crashes (default POLICE scopes: traffic:read and traffic:write among them). */
const KASHAN_POLICE = { agency: 'POLICE-IR-10-12' };
/** A reporter that sees only the joint figures. */
const REPORTER = { agency: 'HEALTH-IR-10', scopes: ['agencies:read', 'reports:read'] };

const CRASH_FIELDS = `id occurredAt severity fatalities injuries roadType version
  region { id code nameFa } reportedBy { id code }
  persons { role injury faultStatus ageBand }
  revisions { version amendedAt amendedBy { code } reason occurredAt regionId region { code } roadType severity fatalities injuries persons { injury } }`;

const REPORT_CRASH = `mutation($input: ReportCrashInput!) { reportCrash(input: $input) { ${CRASH_FIELDS} } }`;
const AMEND_CRASH = `mutation($input: AmendCrashInput!) { amendCrash(input: $input) { ${CRASH_FIELDS} } }`;
const RECORD_VIOLATION = `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { id occurredAt type region { code } recordedBy { code } } }`;

interface CrashNode {
  id: string;
  occurredAt: string;
  severity: string;
  fatalities: number;
  injuries: number;
  roadType: string;
  version: number;
  region: { id: string; code: string; nameFa: string };
  reportedBy: { id: string; code: string };
  persons: { role: string; injury: string; faultStatus: string; ageBand: string | null }[];
  revisions: {
    version: number;
    amendedAt: string;
    amendedBy: { code: string };
    reason: string;
    occurredAt: string;
    regionId: string;
    region: { code: string };
    roadType: string;
    severity: string;
    fatalities: number;
    injuries: number;
    persons: { injury: string }[];
  }[];
}

interface Stats {
  crashes: number;
  fatalCrashes: number;
  fatalities: number;
  fatalitiesNotAtFault: number;
  injuries: number;
  violations: number;
}

/** A fatal crash in Kashan on 10 Khordad 1404 (31 May 2025): a pedestrian killed, the driver unhurt. */
const fatalReport = (overrides: Record<string, unknown> = {}) => ({
  occurredAt: '2025-05-31T18:40:00+03:30',
  regionId: KASHAN,
  roadType: 'URBAN',
  persons: [
    { role: 'DRIVER', injury: 'O', faultStatus: 'AT_FAULT', ageBand: '25-34' },
    { role: 'PEDESTRIAN', injury: 'K', faultStatus: 'NOT_AT_FAULT', ageBand: '65+' },
  ],
  ...overrides,
});

const instant = (value: string): string => new Date(value).toISOString();

/** The code and argument of an answer's first error (the gateway adds a requestId beside them). */
function failure(answer: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }): { code: unknown; argumentName?: unknown } {
  const extensions = answer.errors?.[0].extensions ?? {};
  return 'argumentName' in extensions ? { code: extensions.code, argumentName: extensions.argumentName } : { code: extensions.code };
}

async function reportCrash(input: Record<string, unknown>): Promise<CrashNode> {
  const answer = await stack.query<{ reportCrash: CrashNode }>(REPORT_CRASH, { input }, KASHAN_POLICE);
  expect(answer.errors).toBeUndefined();
  return answer.data!.reportCrash;
}

async function readCrash(id: string): Promise<CrashNode> {
  const answer = await stack.query<{ crash: CrashNode }>(`query($id: ID!) { crash(id: $id) { ${CRASH_FIELDS} } }`, { id }, { agency: 'HEALTH-IR-10-12' });
  expect(answer.errors).toBeUndefined();
  return answer.data!.crash;
}

/** The county's and the province's traffic figures over one day, through the gateway with a reports:read token. */
async function dayStats(countyCode: string, day: string): Promise<{ county: Stats; province: Stats }> {
  const answer = await stack.query<{ county: { trafficStats: Stats }; province: { trafficStats: Stats } }>(
    `query($county: String!, $period: PeriodInput!) {
       county: region(code: $county) { trafficStats(period: $period) { crashes fatalCrashes fatalities fatalitiesNotAtFault injuries violations } }
       province: region(code: "IR-10") { trafficStats(period: $period) { crashes fatalCrashes fatalities fatalitiesNotAtFault injuries violations } } }`,
    { county: countyCode, period: { from: day, to: day } },
    REPORTER,
  );
  expect(answer.errors).toBeUndefined();
  return { county: answer.data!.county.trafficStats, province: answer.data!.province.trafficStats };
}

async function trafficRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['crash', 'crash_person', 'crash_revision', 'violation', 'idempotency_key']) {
    const [row] = await stack.subgraphs.traffic.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('traffic writes through the gateway', () => {
  it("reports a crash for the caller's agency and reads it back across subgraphs", async () => {
    const crash = await reportCrash(fatalReport());
    expect(crash).toMatchObject({
      severity: 'FATAL',
      fatalities: 1,
      injuries: 0,
      version: 1,
      region: { id: KASHAN, code: 'IR-10-12' },
      reportedBy: { id: agencyId('POLICE-IR-10-12'), code: 'POLICE-IR-10-12' },
      revisions: [],
    });
    expect(crash.region.nameFa).toMatch(/[\u0600-\u06FF]/);
    expect(instant(crash.occurredAt)).toBe('2025-05-31T15:10:00.000Z');
    expect(await readCrash(crash.id)).toEqual(crash);
  });

  it('raises the fatalities of the county and its province for that day, read with a reports:read token', async () => {
    // 01:30 on 6 June in Iran is still 5 June in UTC: the figures count it on 6 June.
    const before = await dayStats('IR-10-12', '2025-06-06');
    const utcDay = await dayStats('IR-10-12', '2025-06-05');
    const crash = await reportCrash(fatalReport({ occurredAt: '2025-06-06T01:30:00+03:30' }));
    expect(crash.fatalities).toBe(1);
    const after = await dayStats('IR-10-12', '2025-06-06');
    for (const level of ['county', 'province'] as const) {
      expect(after[level]).toEqual({
        ...before[level],
        crashes: before[level].crashes + 1,
        fatalCrashes: before[level].fatalCrashes + 1,
        fatalities: before[level].fatalities + 1,
        fatalitiesNotAtFault: before[level].fatalitiesNotAtFault + 1,
      });
    }
    expect(await dayStats('IR-10-12', '2025-06-05')).toEqual(utcDay);
  });

  it('records a violation, read back in its county and counted in its figures', async () => {
    const before = await dayStats('IR-10-13', '2025-07-01');
    const answer = await stack.query<{
      recordViolation: { id: string; occurredAt: string; type: string; region: { code: string }; recordedBy: { code: string } };
    }>(RECORD_VIOLATION, { input: { occurredAt: '2025-07-01T08:15:00+03:30', regionId: NAJAFABAD, type: 'RED_LIGHT' } }, { agency: 'ROADS-IR-10' });
    expect(answer.errors).toBeUndefined();
    const violation = answer.data!.recordViolation;
    expect(violation).toMatchObject({ type: 'RED_LIGHT', region: { code: 'IR-10-13' }, recordedBy: { code: 'ROADS-IR-10' } });
    const listed = await stack.query<{ violations: { edges: { node: { id: string; recordedBy: { code: string } } }[] } }>(
      `{ violations(regionId: "${NAJAFABAD}", period: { from: "2025-07-01", to: "2025-07-01" }, first: 500) { edges { node { id recordedBy { code } } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.violations.edges.map((edge) => edge.node)).toContainEqual({ id: violation.id, recordedBy: { code: 'ROADS-IR-10' } });
    const after = await dayStats('IR-10-13', '2025-07-01');
    expect(after.county).toEqual({ ...before.county, violations: before.county.violations + 1 });
    expect(after.province.violations).toBe(before.province.violations + 1);
  });

  it('amends a crash for its reporter only, keeps the earlier version with its Persian reason, and the figures follow', async () => {
    const crash = await reportCrash(fatalReport({ occurredAt: '2025-08-10T07:30:00+03:30' }));
    const before = await dayStats('IR-10-12', '2025-08-10');

    const stranger = await stack.query(AMEND_CRASH, { input: { crashId: crash.id, roadType: 'RURAL', reason: 'not ours' } }, { agency: 'POLICE-IR-10-13' });
    expect(stranger.errors?.[0]).toMatchObject({ path: ['amendCrash'], extensions: { code: 'FORBIDDEN' } });
    const reader = await stack.query(AMEND_CRASH, { input: { crashId: crash.id, roadType: 'RURAL', reason: 'no write scope' } }, { agency: 'HEALTH-IR-10-12' });
    expect(reader.errors?.[0]).toMatchObject({ path: ['amendCrash'], extensions: { code: 'FORBIDDEN' } });

    const reason = 'عابر پیاده زنده ماند؛ اصلاح بر پایهٔ گزارش بیمارستان کاشان (۱۴۰۴/۰۵/۱۹)';
    const survived = [
      { role: 'DRIVER', injury: 'O', faultStatus: 'AT_FAULT', ageBand: '25-34' },
      { role: 'PEDESTRIAN', injury: 'A', faultStatus: 'NOT_AT_FAULT', ageBand: '65+' },
    ];
    const answer = await stack.query<{ amendCrash: CrashNode }>(
      AMEND_CRASH,
      { input: { crashId: crash.id, persons: survived, reason, expectedVersion: 1 } },
      KASHAN_POLICE,
    );
    expect(answer.errors).toBeUndefined();
    const amended = answer.data!.amendCrash;
    expect(amended).toMatchObject({ id: crash.id, version: 2, severity: 'SERIOUS_INJURY', fatalities: 0, injuries: 1 });
    expect(amended.revisions).toHaveLength(1);
    expect(amended.revisions[0]).toMatchObject({
      version: 1,
      amendedBy: { code: 'POLICE-IR-10-12' },
      reason,
      regionId: KASHAN,
      region: { code: 'IR-10-12' },
      severity: 'FATAL',
      fatalities: 1,
      injuries: 0,
      persons: [{ injury: 'O' }, { injury: 'K' }],
    });
    expect(await readCrash(crash.id)).toEqual(amended);

    const after = await dayStats('IR-10-12', '2025-08-10');
    for (const level of ['county', 'province'] as const) {
      expect(after[level]).toEqual({
        ...before[level],
        fatalCrashes: before[level].fatalCrashes - 1,
        fatalities: before[level].fatalities - 1,
        fatalitiesNotAtFault: before[level].fatalitiesNotAtFault - 1,
        injuries: before[level].injuries + 1,
      });
    }

    const stale = await stack.query(
      AMEND_CRASH,
      { input: { crashId: crash.id, roadType: 'RURAL', reason: 'made against version 1', expectedVersion: 1 } },
      KASHAN_POLICE,
    );
    expect(failure(stale)).toEqual({ code: 'CONFLICT' });
    expect(stale.errors?.[0].message).toContain('version 2');
  });

  it('names the bad argument with BAD_USER_INPUT and refuses writers without traffic:write, writing nothing', async () => {
    const before = await trafficRows();
    const crash = await readCrash(
      (await stack.query<{ crashes: { edges: { node: { id: string } }[] } }>(`{ crashes(first: 1) { edges { node { id } } } }`)).data!.crashes.edges[0].node.id,
    );
    const cases: [string, Record<string, unknown>, string][] = [
      [REPORT_CRASH, fatalReport({ occurredAt: '2099-01-01T00:00:00Z' }), 'input.occurredAt'],
      [REPORT_CRASH, fatalReport({ regionId: regionId('IR-10') }), 'input.regionId'],
      [REPORT_CRASH, fatalReport({ persons: [] }), 'input.persons'],
      [REPORT_CRASH, fatalReport({ persons: [{ role: 'DRIVER', injury: 'O', faultStatus: 'AT_FAULT', ageBand: 'teen' }] }), 'input.persons[0].ageBand'],
      [RECORD_VIOLATION, { occurredAt: '2025-07-01T08:15:00Z', regionId: 'IR-10-13', type: 'SPEEDING' }, 'input.regionId'],
      [AMEND_CRASH, { crashId: 'no-such-crash', roadType: 'RURAL', reason: 'unknown' }, 'input.crashId'],
      [AMEND_CRASH, { crashId: crash.id, reason: 'nothing to correct' }, 'input'],
      [AMEND_CRASH, { crashId: crash.id, roadType: 'RURAL', reason: '' }, 'input.reason'],
    ];
    for (const [mutation, input, argumentName] of cases) {
      const answer = await stack.query(mutation, { input }, KASHAN_POLICE);
      expect({ argumentName, failure: failure(answer) }).toEqual({ argumentName, failure: { code: 'BAD_USER_INPUT', argumentName } });
    }
    for (const options of [{ agency: 'HEALTH-IR-10-12' }, { agency: 'POLICE-IR-10-12', scopes: ['traffic:read', 'agencies:read'] }]) {
      const report = await stack.query(REPORT_CRASH, { input: fatalReport() }, options);
      expect(report.errors?.[0]).toMatchObject({ path: ['reportCrash'], extensions: { code: 'FORBIDDEN' } });
      const violation = await stack.query(RECORD_VIOLATION, { input: { occurredAt: '2025-07-01T08:15:00Z', regionId: KASHAN, type: 'SPEEDING' } }, options);
      expect(violation.errors?.[0]).toMatchObject({ path: ['recordViolation'], extensions: { code: 'FORBIDDEN' } });
    }
    expect(await trafficRows()).toEqual(before);
  });

  it('returns the first crash for a retry with the same key and CONFLICT for the same key with another report', async () => {
    const before = await trafficRows();
    const first = await reportCrash(fatalReport({ idempotencyKey: 'kashan-police/1404/0915' }));
    const retry = await reportCrash(fatalReport({ idempotencyKey: 'kashan-police/1404/0915' }));
    expect(retry.id).toBe(first.id);
    expect(await trafficRows()).toEqual({
      ...before,
      crash: before.crash + 1,
      crash_person: before.crash_person + 2,
      idempotency_key: before.idempotency_key + 1,
    });
    const other = await stack.query(REPORT_CRASH, { input: fatalReport({ idempotencyKey: 'kashan-police/1404/0915', roadType: 'INTERURBAN' }) }, KASHAN_POLICE);
    expect(failure(other)).toEqual({ code: 'CONFLICT' });

    const violation = { occurredAt: '2025-07-02T10:00:00+03:30', regionId: KASHAN, type: 'NO_SEATBELT', idempotencyKey: 'checkpoint-3/771' };
    const recorded = await Promise.all(
      [1, 2].map(() => stack.query<{ recordViolation: { id: string } }>(RECORD_VIOLATION, { input: violation }, KASHAN_POLICE)),
    );
    expect(recorded.map((answer) => answer.errors)).toEqual([undefined, undefined]);
    expect(recorded[1].data!.recordViolation.id).toBe(recorded[0].data!.recordViolation.id);
    const otherViolation = await stack.query(RECORD_VIOLATION, { input: { ...violation, type: 'SPEEDING' } }, KASHAN_POLICE);
    expect(failure(otherViolation)).toEqual({ code: 'CONFLICT' });
    expect(await trafficRows()).toEqual({
      ...before,
      crash: before.crash + 1,
      crash_person: before.crash_person + 2,
      violation: before.violation + 1,
      idempotency_key: before.idempotency_key + 2,
    });
  });

  it('leaves zero rows when a report or an amendment fails half-way, and masks the failure', async () => {
    const crash = await reportCrash(fatalReport());
    const before = await trafficRows();
    armFailpoint('traffic.reportCrash.after-first-insert');
    const report = await stack.query(REPORT_CRASH, { input: fatalReport({ idempotencyKey: 'interrupted' }) }, KASHAN_POLICE);
    expect(report.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(report.errors)).not.toMatch(/failure injected|INSERT|crash_person/);
    expect(await trafficRows()).toEqual(before);

    armFailpoint('traffic.amendCrash.after-first-insert');
    const amendment = await stack.query(
      AMEND_CRASH,
      { input: { crashId: crash.id, regionId: NAJAFABAD, persons: [{ role: 'DRIVER', injury: 'O', faultStatus: 'AT_FAULT' }], reason: 'interrupted' } },
      KASHAN_POLICE,
    );
    expect(amendment.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await trafficRows()).toEqual(before);
    expect(await readCrash(crash.id)).toEqual(crash);
  });
});
