import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { NATIONAL_ROAD_DEATHS, provinceRoadDeaths } from '@safety-graph/shared';
import { startStack, type Stack } from '@safety-graph/test-helpers';

/**
 * The whole country at a fiftieth of the national demo volume (every province
 * seeded, `npm run seed -- --national` scaled down so that the stack starts in
 * a test's time): about 340 road deaths, Isfahan's 12.
 */
const SCALE = 0.02;

let stack: Stack;

beforeAll(async () => {
  // Correctness, not speed, is asserted here (speed is `npm run bench`'s): deciding a suppression table over
  // 478 counties takes seconds on a loaded machine, longer than the gateway's default subgraph timeout.
  stack = await startStack(
    'national',
    {
      SUBGRAPH_TIMEOUT_MS: '120000',
      // Counts the plan's own SQL statements: no answer from the gateway's memory, no store version reads (test/e2e/answer-cache tests those).
      ANSWER_CACHE_MB: '0',
    },
    { seed: { scale: SCALE, national: true } },
  );
}, 600_000);
// Each test may be the first to decide a year's suppression tables over 510 regions.
jest.setTimeout(300_000);
afterAll(() => stack?.stop());

const STATS = `
  trafficStats(period: $period) { crashes fatalCrashes fatalities fatalitiesNotAtFault injuries violations }
  preventionStats(period: $period) { sessions peopleReached exhibitionVisits referralsToTreatment treatmentAdmissions suppressed }
  familyStats(period: $period) { counselingSessions freeCounselingSessions casesOpened reconciliations suppressed }`;

type Group = 'trafficStats' | 'preventionStats' | 'familyStats';
type Stats = Record<Group, Record<string, number | null | string[]>>;
type Region = Stats & { code: string; parent: { code: string } | null };

const GROUPS: Group[] = ['trafficStats', 'preventionStats', 'familyStats'];

/** Every figure of `parent` that nothing hides equals the sum of its parts; returns how many were compared. */
function expectSumOfParts(parent: Stats, parts: Stats[]): number {
  let compared = 0;
  for (const group of GROUPS) {
    for (const [field, total] of Object.entries(parent[group])) {
      if (field === 'suppressed') continue;
      const values = parts.map((part) => part[group][field] as number | null);
      if (total === null || values.some((value) => value === null)) continue;
      expect([group, field, values.reduce((sum: number, value) => sum + (value as number), 0)]).toEqual([group, field, total]);
      compared += 1;
    }
  }
  return compared;
}

function runReport(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // Asynchronously: the gateway answering the command runs in this very process.
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(__dirname, '..', '..', 'cli', 'dist', 'commands', 'report.js'), ...args],
      {
        env: { ...process.env, GATEWAY_URL: stack.gateway.url, DATA_DIR: stack.config.dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the whole country through the gateway', () => {
  it('answers the joint report of all 31 provinces and all 478 counties for a Solar year, each the sum of its parts', async () => {
    const answer = await stack.query<{ country: Region; provinces: Region[]; counties: Region[] }>(
      `query($period: PeriodInput!) {
         country: region(code: "IR") { code parent { code } ${STATS} }
         provinces: regions(kind: PROVINCE) { code parent { code } ${STATS} }
         counties: regions(kind: COUNTY) { code parent { code } ${STATS} } }`,
      { period: { solarYear: 1404 } },
    );
    expect(answer.errors).toBeUndefined();
    const { country, provinces, counties } = answer.data!;
    expect(provinces).toHaveLength(31);
    expect(counties).toHaveLength(478);

    // Each province's road deaths are its share of the country's 17,000 (README), at this scale.
    const deaths = provinceRoadDeaths();
    for (const province of provinces) {
      expect([province.code, province.trafficStats.fatalities]).toEqual([province.code, Math.round(deaths.get(province.code)! * SCALE)]);
      expect(province.preventionStats.peopleReached).toBeGreaterThan(0);
      expect(province.familyStats.freeCounselingSessions).toBeGreaterThan(0);
    }
    const countryDeaths = country.trafficStats.fatalities as number;
    expect(Math.abs(countryDeaths - NATIONAL_ROAD_DEATHS * SCALE)).toBeLessThanOrEqual(provinces.length / 2);
    expect(Math.abs((country.trafficStats.fatalitiesNotAtFault as number) / countryDeaths - 0.5)).toBeLessThanOrEqual(0.05);

    expect(expectSumOfParts(country, provinces)).toBeGreaterThanOrEqual(10);
    let compared = 0;
    for (const province of provinces) {
      const own = counties.filter((county) => county.parent?.code === province.code);
      expect(own.length).toBeGreaterThan(0);
      compared += expectSumOfParts(province, own);
    }
    expect(compared).toBeGreaterThanOrEqual(31 * 8);
    // Whatever is hidden is named, and no small count of individuals is published anywhere.
    const small = (value: number | null | string[]) => typeof value === 'number' && value > 0 && value < stack.config.suppressionThreshold;
    for (const region of [country, ...provinces, ...counties]) {
      for (const group of ['preventionStats', 'familyStats'] as const) {
        const hidden = Object.entries(region[group])
          .filter(([field, value]) => field !== 'suppressed' && value === null)
          .map(([field]) => field);
        expect([region.code, (region[group].suppressed as string[]).sort()]).toEqual([region.code, hidden.sort()]);
        for (const field of ['referralsToTreatment', 'treatmentAdmissions', 'casesOpened', 'reconciliations']) {
          if (field in region[group]) expect([region.code, field, small(region[group][field])]).toEqual([region.code, field, false]);
        }
      }
    }
  });

  it('costs as many SQL statements for the 478 counties as for the 31 provinces', async () => {
    const report = (kind: string) => stack.query(`query($period: PeriodInput!) { regions(kind: ${kind}) { code ${STATS} } }`, { period: { solarYear: 1404 } });
    // The suppression tables are decided once per data set and remembered.
    await report('PROVINCE');
    await report('COUNTY');
    stack.statements();
    expect((await report('PROVINCE')).errors).toBeUndefined();
    const provinces = stack.statements();
    expect((await report('COUNTY')).errors).toBeUndefined();
    expect(stack.statements()).toBe(provinces);
  });

  it('scores the national MOUs on the whole country', async () => {
    const answer = await stack.query<{
      country: { trafficStats: { fatalities: number } };
      agreement: {
        leadAgency: { code: string };
        region: { code: string };
        targets: { metric: string; from: string; region: { code: string }; actual: number; attainment: number }[];
      };
    }>(
      `{ country: region(code: "IR") { trafficStats(period: { solarYear: 1404 }) { fatalities } }
         agreement(code: "MOU-IR-TRAFFIC-1404") { leadAgency { code } region { code } targets { metric from region { code } actual attainment } } }`,
      {},
      { agency: 'TRAFFIC-POLICE-IR' },
    );
    expect(answer.errors).toBeUndefined();
    const { country, agreement } = answer.data!;
    expect(agreement.leadAgency.code).toBe('TRAFFIC-POLICE-IR');
    expect(agreement.region.code).toBe('IR');
    const deaths = agreement.targets.find((target) => target.metric === 'ROAD_DEATHS' && target.from === '2025-03-21')!;
    expect(deaths.region.code).toBe('IR');
    expect(deaths.actual).toBe(country.trafficStats.fatalities);
    expect(typeof deaths.attainment).toBe('number');
  });

  it('lets agencies of every level read as their own agency', async () => {
    for (const agency of ['HEALTH-IR', 'POLICE-IR-07', 'POLICE-IR-07-35', 'WELFARE-IR-23-15', 'DRUG-CONTROL-IR-09']) {
      const answer = await stack.query<{ agency: { code: string } }>(`query($code: String) { agency(code: $code) { code } }`, { code: agency }, { agency });
      expect([agency, answer.status, answer.errors, answer.data?.agency.code]).toEqual([agency, 200, undefined, agency]);
    }
  });

  it('runs province-year-overview for any province, country-year-overview and national scorecards with npm run report', async () => {
    const fars = await runReport(['province-year-overview', '--region', 'IR-07', '--solar-year', '1404', '--format', 'json']);
    expect(fars.stderr).toBe('');
    expect(fars.status).toBe(0);
    const farsRegion = JSON.parse(fars.stdout).region;
    expect(farsRegion.code).toBe('IR-07');
    expect(farsRegion.trafficStats.fatalities).toBe(Math.round(provinceRoadDeaths().get('IR-07')! * SCALE));

    const country = await runReport(['country-year-overview', '--solar-year', '1404', '--format', 'json']);
    expect(country.stderr).toBe('');
    expect(country.status).toBe(0);
    const overview = JSON.parse(country.stdout);
    expect(overview.country.code).toBe('IR');
    expect(overview.provinces.map((province: { code: string }) => province.code)).toEqual(
      Array.from({ length: 31 }, (_, i) => `IR-${String(i).padStart(2, '0')}`),
    );
    expect(overview.provinces.reduce((sum: number, province: Stats) => sum + (province.trafficStats.fatalities as number), 0)).toBe(
      overview.country.trafficStats.fatalities,
    );
    const csv = await runReport(['country-year-overview', '--solar-year', '1404', '--format', 'csv']);
    expect(csv.status).toBe(0);
    // A header and one row per province, each carrying the country's figures beside its own.
    expect(csv.stdout.trim().split('\n')).toHaveLength(1 + 31);

    const scorecards = await runReport(['mou-scorecards', '--format', 'json', '--agency', 'DRUG-CONTROL-IR']);
    expect(scorecards.status).toBe(0);
    const codes = JSON.parse(scorecards.stdout).agreements.edges.map((edge: { node: { code: string } }) => edge.node.code);
    expect(codes).toEqual(expect.arrayContaining(['MOU-IR-TRAFFIC-1404', 'MOU-IR-ADDICTION-1404', 'MOU-IR-FAMILY-1404', 'MOU-IR-07-TRAFFIC-1404']));
  });
});
