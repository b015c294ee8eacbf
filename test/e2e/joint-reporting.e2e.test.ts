import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startStack, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('reporting', {
    // Counts the plan's own SQL statements: no answer from the gateway's memory, no store version reads (test/e2e/answer-cache tests those).
    ANSWER_CACHE_MB: '0',
  });
}, 180_000);
afterAll(() => stack?.stop());

const STATS = `
  trafficStats(period: $period) { crashes fatalCrashes fatalities fatalitiesNotAtFault injuries violations }
  preventionStats(period: $period) { programs sessions peopleReached exhibitionVisits referralsToTreatment treatmentAdmissions suppressed }
  familyStats(period: $period) { counselingSessions freeCounselingSessions casesOpened reconciliations suppressed }`;

type Stats = Record<'trafficStats' | 'preventionStats' | 'familyStats', Record<string, number | null | string[]>>;
const within = (value: number, expected: number, tolerance: number) => Math.abs(value - expected) <= expected * tolerance;

describe('joint reporting through the gateway', () => {
  it("reproduces the plan's figures for Isfahan province in the last full Solar Hijri year", async () => {
    const answer = await stack.query<{ region: Stats }>(`query($period: PeriodInput!) { region(code: "IR-10") { ${STATS} } }`, { period: { solarYear: 1404 } });
    expect(answer.errors).toBeUndefined();
    const { trafficStats, preventionStats, familyStats } = answer.data!.region;
    const deaths = trafficStats.fatalities as number;
    expect(within(deaths, 600, 0.05)).toBe(true);
    expect(Math.abs((trafficStats.fatalitiesNotAtFault as number) / deaths - 0.5)).toBeLessThanOrEqual(0.05);
    expect(within(preventionStats.peopleReached as number, 120_000, 0.05)).toBe(true);
    expect(within(preventionStats.exhibitionVisits as number, 120_000, 0.05)).toBe(true);
    expect(within(familyStats.freeCounselingSessions as number, 36_000, 0.05)).toBe(true);
  });

  it('makes the province the sum of its counties wherever nothing is suppressed, and publishes no small count', async () => {
    const answer = await stack.query<{ region: Stats & { children: (Stats & { code: string })[] } }>(
      `query($period: PeriodInput!) { region(code: "IR-10") { ${STATS} children { code ${STATS} } } }`,
      { period: { solarYear: 1404 } },
    );
    expect(answer.errors).toBeUndefined();
    const province = answer.data!.region;
    const counties = province.children;
    expect(counties).toHaveLength(28);
    let compared = 0;
    for (const group of ['trafficStats', 'preventionStats', 'familyStats'] as const) {
      for (const [field, total] of Object.entries(province[group])) {
        if (field === 'suppressed' || field === 'programs') continue;
        const values = counties.map((county) => county[group][field] as number | null);
        for (const value of values)
          if (value !== null)
            expect(
              value === 0 ||
                value >= stack.config.suppressionThreshold ||
                !['referralsToTreatment', 'treatmentAdmissions', 'casesOpened', 'reconciliations'].includes(field),
            ).toBe(true);
        if (total === null || values.some((value) => value === null)) continue;
        expect([group, field, values.reduce((sum: number, value) => sum + (value as number), 0)]).toEqual([group, field, total]);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    for (const county of counties) {
      for (const group of ['preventionStats', 'familyStats'] as const) {
        const hidden = Object.entries(county[group])
          .filter(([field, value]) => field !== 'suppressed' && value === null)
          .map(([field]) => field);
        expect((county[group].suppressed as string[]).sort()).toEqual(hidden.sort());
      }
    }
  });

  it('costs the same SQL statements for three counties as for all of them', async () => {
    const report = (codes: string[] | null) =>
      stack.query(`query($period: PeriodInput!, $codes: [String!]) { regions(codes: $codes, kind: ${codes ? 'null' : 'COUNTY'}) { code ${STATS} } }`, {
        period: { solarYear: 1404 },
        codes,
      });
    await report(null); // the suppression tables are decided once per data set and remembered
    stack.statements();
    const three = await report(['IR-10-01', 'IR-10-12', 'IR-10-19']);
    expect(three.errors).toBeUndefined();
    const forThree = stack.statements();
    const all = await report(null);
    expect(all.errors).toBeUndefined();
    expect((all.data as { regions: unknown[] }).regions).toHaveLength(478);
    expect(stack.statements()).toBe(forThree);
  });

  it('answers an MOU scorecard with attainment in the metric’s direction', async () => {
    const answer = await stack.query<{
      agreement: { targets: { metric: string; from: string; direction: string; baseline: number; target: number; actual: number; attainment: number }[] };
    }>(`{ agreement(code: "MOU-IR-10-TRAFFIC-1403") { targets { metric from direction baseline target actual attainment } } }`);
    expect(answer.errors).toBeUndefined();
    const deaths = answer.data!.agreement.targets.find((target) => target.metric === 'ROAD_DEATHS' && target.from === '2025-03-21')!;
    expect(deaths.direction).toBe('DECREASE');
    expect(deaths.actual).toBe(600);
    expect(deaths.attainment).toBeCloseTo((deaths.baseline - 600) / (deaths.baseline - deaths.target), 3);
  });

  it('runs the standard reports with npm run report', async () => {
    // Asynchronously: the gateway answering the command runs in this very process.
    const run = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(__dirname, '..', '..', 'cli', 'dist', 'commands', 'report.js'), ...args],
          {
            env: { ...process.env, GATEWAY_URL: stack.gateway.url, DATA_DIR: stack.config.dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' },
            encoding: 'utf8',
          },
          (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        );
      });
    const overview = await run(['province-year-overview', '--solar-year', '1404', '--format', 'csv']);
    expect(overview.stderr).toBe('');
    expect(overview.status).toBe(0);
    const [header, row] = overview.stdout.trim().split('\n');
    const fatalities = header.split(',').indexOf('region.trafficStats.fatalities');
    expect(fatalities).toBeGreaterThan(0);
    expect(row.split(',')[fatalities]).toBe('600');
    const months = await run(['counties-by-month', '--solar-year', '1404']);
    expect(months.status).toBe(0);
    expect(months.stdout.trim().split('\n')).toHaveLength(2 + 28 * 12);
    const scorecards = await run(['mou-scorecards', '--format', 'json']);
    expect(scorecards.status).toBe(0);
    expect(JSON.parse(scorecards.stdout).agreements.edges.length).toBeGreaterThan(0);
    expect((await run(['no-such-report'])).status).toBe(2);
    expect((await run(['province-year-overview', '--from', '2025-05-01', '--to', '2025-04-01'])).status).toBe(2);
  });
});
