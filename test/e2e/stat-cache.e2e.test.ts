import { nationalId, startStack, type Stack } from '@safety-graph/test-helpers';
import { regionId, stableId } from '@safety-graph/shared';

/**
 * Statistics answers are cached in each domain subgraph until a write
 * changes its measures' versions (in the write's own transaction): a figure
 * read, read again (from the cache), then written to must show the write in
 * the very next answer, for stats, series and target actuals alike.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack('statcache');
}, 180_000);
afterAll(() => stack?.stop());

const KASHAN = regionId('IR-10-12');
const KASHAN_POLICE_UNIT = stableId('counseling-unit', 'POLICE-IR-10-12');
const ANALYST = { agency: 'HEALTH-IR-10', scopes: ['agencies:read', 'agreements:read', 'reports:read'] };
/** 10 Khordad 1404: the third Solar month of 1404. */
const DAY = '2025-05-31';

interface Report {
  region: {
    trafficStats: { crashes: number; fatalities: number };
    trafficSeries: { label: string; stats: { fatalities: number } }[];
    preventionStats: { programs: number; sessions: number; peopleReached: number };
    preventionSeries: { stats: { sessions: number } }[];
    familyStats: { counselingSessions: number };
    familySeries: { stats: { counselingSessions: number } }[];
  };
  province: { familyStats: { casesOpened: number | null } };
  agreements: { edges: { node: { targets: { metric: string; region: { code: string }; from: string; to: string; actual: number | null }[] } }[] };
}

const REPORT = `query($period: PeriodInput!) {
  region(code: "IR-10-12") {
    trafficStats(period: $period) { crashes fatalities }
    trafficSeries(period: $period, granularity: SOLAR_MONTH) { label stats { fatalities } }
    preventionStats(period: $period) { programs sessions peopleReached }
    preventionSeries(period: $period, granularity: SOLAR_MONTH) { stats { sessions } }
    familyStats(period: $period) { counselingSessions }
    familySeries(period: $period, granularity: SOLAR_MONTH) { stats { counselingSessions } }
  }
  province: region(code: "IR-10") { familyStats(period: $period) { casesOpened } }
  agreements(status: ACTIVE, first: 50) { edges { node { targets { metric region { code } from to actual } } } }
}`;

async function report(): Promise<Report> {
  const answer = await stack.query<Report>(REPORT, { period: { solarYear: 1404 } }, ANALYST);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

async function write<T>(mutation: string, input: Record<string, unknown>, agency: string): Promise<T> {
  const answer = await stack.query<T>(mutation, { input }, { agency });
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

const targetsOf = (answer: Report) => answer.agreements.edges.flatMap((edge) => edge.node.targets);
const MONTH = 2; // Khordad, the index of DAY's bucket

describe('statistics answers after a write', () => {
  it('show each write in the next answer, though the answers before came from the cache', async () => {
    const before = await report();
    // Asked again: the same answer (from the cache).
    expect(await report()).toEqual(before);

    await write(
      `mutation($input: ReportCrashInput!) { reportCrash(input: $input) { id } }`,
      {
        occurredAt: `${DAY}T18:40:00+03:30`,
        regionId: KASHAN,
        roadType: 'URBAN',
        persons: [
          { role: 'DRIVER', injury: 'O', faultStatus: 'AT_FAULT', ageBand: '25-34' },
          { role: 'PEDESTRIAN', injury: 'K', faultStatus: 'NOT_AT_FAULT', ageBand: '65+' },
        ],
      },
      'POLICE-IR-10-12',
    );
    const { createPreventionProgram: program } = await write<{ createPreventionProgram: { id: string } }>(
      `mutation($input: CreatePreventionProgramInput!) { createPreventionProgram(input: $input) { id } }`,
      {
        code: 'PREV-E2E-CACHE-IR-10-12',
        title: 'Cache check workshops',
        titleFa: 'کارگاه آزمون',
        kind: 'PUBLIC_EDUCATION',
        regionId: KASHAN,
        startsOn: '2025-05-01',
        endsOn: '2025-07-01',
        agreementId: null,
      },
      'WELFARE-IR-10',
    );
    await write(
      `mutation($input: RecordProgramSessionInput!) { recordProgramSession(input: $input) { id } }`,
      { programId: program.id, heldOn: DAY, regionId: KASHAN, attendance: 64 },
      'WELFARE-IR-10',
    );
    const { openCounselingCase: opened } = await write<{ openCounselingCase: { id: string } }>(
      `mutation($input: OpenCounselingCaseInput!) { openCounselingCase(input: $input) { id } }`,
      { unitId: KASHAN_POLICE_UNIT, subjectNationalId: nationalId('561209334'), openedOn: DAY, topic: 'Communication' },
      'POLICE-IR-10-12',
    );
    await write(
      `mutation($input: RecordCounselingSessionInput!) { recordCounselingSession(input: $input) { id } }`,
      { caseId: opened.id, heldOn: DAY, mode: 'IN_PERSON', free: true },
      'POLICE-IR-10-12',
    );

    const after = await report();
    const region = before.region;
    expect(after.region.trafficStats).toEqual({ crashes: region.trafficStats.crashes + 1, fatalities: region.trafficStats.fatalities + 1 });
    expect(after.region.trafficSeries.map((bucket) => bucket.stats.fatalities)).toEqual(
      region.trafficSeries.map((bucket, index) => bucket.stats.fatalities + (index === MONTH ? 1 : 0)),
    );
    expect(after.region.preventionStats).toEqual({
      programs: region.preventionStats.programs + 1,
      sessions: region.preventionStats.sessions + 1,
      peopleReached: region.preventionStats.peopleReached + 64,
    });
    expect(after.region.preventionSeries.map((bucket) => bucket.stats.sessions)).toEqual(
      region.preventionSeries.map((bucket, index) => bucket.stats.sessions + (index === MONTH ? 1 : 0)),
    );
    expect(after.region.familyStats.counselingSessions).toBe(region.familyStats.counselingSessions + 1);
    expect(after.region.familySeries.map((bucket) => bucket.stats.counselingSessions)).toEqual(
      region.familySeries.map((bucket, index) => bucket.stats.counselingSessions + (index === MONTH ? 1 : 0)),
    );
    expect(before.province.familyStats.casesOpened).toEqual(expect.any(Number));
    expect(after.province.familyStats.casesOpened).toBe(before.province.familyStats.casesOpened! + 1);

    // Every target over Kashan, its province or the country (national MOUs) whose period holds the day moves by what was
    // written; no other target moves.
    const written: Record<string, number> = {
      ROAD_DEATHS: 1,
      ROAD_DEATHS_NOT_AT_FAULT: 1,
      FATAL_CRASHES: 1,
      PREVENTION_SESSIONS: 1,
      PEOPLE_REACHED: 64,
      COUNSELING_SESSIONS: 1,
      FREE_COUNSELING_SESSIONS: 1,
    };
    const delta = (target: ReturnType<typeof targetsOf>[number]) =>
      ['IR', 'IR-10', 'IR-10-12'].includes(target.region.code) && target.from <= DAY && DAY <= target.to ? (written[target.metric] ?? 0) : 0;
    const beforeTargets = targetsOf(before);
    expect(beforeTargets.filter((target) => delta(target) > 0).map((target) => target.metric)).toEqual(
      expect.arrayContaining(['ROAD_DEATHS', 'PEOPLE_REACHED', 'FREE_COUNSELING_SESSIONS']),
    );
    expect(targetsOf(after)).toEqual(beforeTargets.map((target) => (delta(target) > 0 ? { ...target, actual: target.actual! + delta(target) } : target)));
  });
});
