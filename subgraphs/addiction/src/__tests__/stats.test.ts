import { countiesOf, referenceRegions, regionId, solarYearRange, statCacheOf, unitRange, type CalendarUnit, type DateRange } from '@safety-graph/shared';
// The harness module itself, not the helpers' index (which loads every subgraph): see addiction.test.ts.
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { addiction } from '../index';
import type { AddictionContext } from '../context';

let harness: SubgraphHarness<AddictionContext>;

beforeAll(async () => {
  harness = await subgraphHarness(addiction);
});
afterAll(() => harness?.close());

interface Stats {
  programs: number;
  sessions: number;
  peopleReached: number;
  exhibitionVisits: number;
  referralsToTreatment: number | null;
  treatmentAdmissions: number | null;
  suppressed: string[];
}
interface Bucket {
  start: string;
  end: string;
  label: string;
  stats: Stats;
}

const SMALL_COUNTS = ['referralsToTreatment', 'treatmentAdmissions'] as const;
const ACTIVITY = ['sessions', 'peopleReached', 'exhibitionVisits'] as const;
const STATS_FIELDS = 'programs sessions peopleReached exhibitionVisits referralsToTreatment treatmentAdmissions suppressed';

const year1404 = solarYearRange(1404);
const counties = countiesOf('IR-10');
const countyCodes = counties.map((county) => county.code);
const allRegionCodes = referenceRegions().map((region) => region.code);
const solarUnit = (kind: CalendarUnit['kind'], index: number): DateRange => unitRange({ calendar: 'SOLAR', kind, year: 1404, index });
const solarMonths = Array.from({ length: 12 }, (_, i) => solarUnit('MONTH', i + 1));
const solarQuarters = [1, 2, 3, 4].map((quarter) => solarUnit('QUARTER', quarter));

const representations = (codes: readonly string[]) => codes.map((code) => ({ __typename: 'Region', id: regionId(code) }));

/** `preventionStats` of each region for each period, in one `_entities` call (periods as aliases). */
async function statsOf(codes: readonly string[], periods: readonly DateRange[], caller = callerOf('BROADCASTING-IR-10')): Promise<Stats[][]> {
  const variables = Object.fromEntries(periods.map((period, index) => [`p${index}`, period]));
  const query = `query($r: [_Any!]!, ${periods.map((_, index) => `$p${index}: PeriodInput!`).join(', ')}) {
    _entities(representations: $r) { ... on Region { ${periods.map((_, index) => `s${index}: preventionStats(period: $p${index}) { ${STATS_FIELDS} }`).join(' ')} } } }`;
  const result = await harness.runAs<{ _entities: Record<string, Stats>[] }>(caller, query, { r: representations(codes), ...variables });
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((entity) => periods.map((_, index) => entity[`s${index}`]));
}

async function statsOne(code: string, period: DateRange): Promise<Stats> {
  return (await statsOf([code], [period]))[0][0];
}

async function seriesOf(codes: readonly string[], period: DateRange, granularity: string): Promise<Bucket[][]> {
  const result = await harness.run<{ _entities: { preventionSeries: Bucket[] }[] }>(
    `query($r: [_Any!]!, $period: PeriodInput!, $granularity: Granularity!) { _entities(representations: $r) {
       ... on Region { preventionSeries(period: $period, granularity: $granularity) { start end label stats { ${STATS_FIELDS} } } } } }`,
    { r: representations(codes), period, granularity },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((entity) => entity.preventionSeries);
}

/** A target actual of the same region and period: the statistics share its SQL, so they must agree. */
async function targetActual(metric: string, code: string, period: DateRange): Promise<number | null> {
  const result = await harness.run<{ _entities: { actual: number | null }[] }>(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on PreventionTarget { actual } } }`,
    { r: [{ __typename: 'PreventionTarget', id: `target-${metric}`, metric, regionId: regionId(code), from: period.from, to: period.to }] },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].actual;
}

/** A small count is null exactly when it is named in `suppressed`, and a published one is 0 or at least the threshold. */
function expectSuppressionRules(stats: Stats): void {
  const threshold = harness.config.suppressionThreshold;
  for (const field of SMALL_COUNTS) {
    const value = stats[field];
    expect(stats.suppressed.includes(field)).toBe(value === null);
    if (value !== null) expect(value === 0 || value >= threshold).toBe(true);
  }
  expect(stats.suppressed.every((field) => (SMALL_COUNTS as readonly string[]).includes(field))).toBe(true);
}

describe('addiction subgraph: region prevention statistics', () => {
  it('reproduces the plan’s figures for IR-10 in 1404, agreeing with the target actuals', async () => {
    const stats = await statsOne('IR-10', year1404);
    expect(Math.abs(stats.peopleReached - 120_000)).toBeLessThanOrEqual(6_000);
    expect(Math.abs(stats.exhibitionVisits - 120_000)).toBeLessThanOrEqual(6_000);
    // The seed hits them exactly.
    expect(stats.peopleReached).toBe(120_000);
    expect(stats.exhibitionVisits).toBe(120_000);
    // 28 county school programmes, 4 province-wide education programmes and the exhibition.
    expect(stats.programs).toBe(33);
    expect(stats.sessions).toBe(await targetActual('PREVENTION_SESSIONS', 'IR-10', year1404));
    // A province-wide year is far above the threshold: published, and the same count the target measures.
    expect(stats.suppressed).toEqual([]);
    expect(stats.treatmentAdmissions).toBe(await targetActual('TREATMENT_ADMISSIONS', 'IR-10', year1404));
    expect(stats.referralsToTreatment).toBeGreaterThan(1_400);
    expect(stats.referralsToTreatment).toBeLessThan(1_700);
  });

  it('makes the province the sum of its counties for every published field (programmes: plus its own)', async () => {
    const periods = [year1404, ...solarQuarters, ...solarMonths];
    const [province, ...countyStats] = await statsOf(['IR-10', ...countyCodes], periods);
    const ownPrograms = await harness.run<{ preventionPrograms: { edges: { node: { region: { id: string }; startsOn: string; endsOn: string } }[] } }>(
      `{ preventionPrograms(first: 500) { edges { node { region { id } startsOn endsOn } } } }`,
    );
    const provinceWide = ownPrograms.data!.preventionPrograms.edges.map((edge) => edge.node).filter((node) => node.region.id === regionId('IR-10'));
    let comparedAcrossRegions = 0;
    periods.forEach((period, index) => {
      const sum = (field: keyof Stats) => countyStats.reduce((total, county) => total + (county[index][field] as number), 0);
      for (const field of ACTIVITY) expect(province[index][field]).toBe(sum(field));
      const ownActive = provinceWide.filter((program) => program.startsOn <= period.to && program.endsOn >= period.from).length;
      expect(province[index].programs).toBe(sum('programs') + ownActive);
      for (const field of SMALL_COUNTS) {
        if (province[index][field] === null || countyStats.some((county) => county[index][field] === null)) continue;
        expect(province[index][field]).toBe(sum(field));
        comparedAcrossRegions += 1;
      }
    });
    // In the demo some small county is hidden in every period, so the rule above may compare no
    // small count; the same additivity over time (a year is its quarters, a quarter its months)
    // is checked wherever all the parts are published.
    let comparedOverTime = 0;
    for (const region of [province, ...countyStats]) {
      const [year, quarters, months] = [region[0], region.slice(1, 5), region.slice(5)];
      const relations: [Stats, Stats[]][] = [
        [year, quarters],
        [year, months],
        ...quarters.map((quarter, q): [Stats, Stats[]] => [quarter, months.slice(q * 3, q * 3 + 3)]),
      ];
      for (const [total, parts] of relations) {
        for (const field of SMALL_COUNTS) {
          if (total[field] === null || parts.some((part) => part[field] === null)) continue;
          expect(total[field]).toBe(parts.reduce((sum, part) => sum + part[field]!, 0));
          comparedOverTime += 1;
        }
      }
    }
    expect(comparedAcrossRegions + comparedOverTime).toBeGreaterThan(0);
    expect(comparedOverTime).toBeGreaterThan(0);
    // The country holds only IR-10: the same figures.
    expect((await statsOf(['IR'], [year1404]))[0][0]).toEqual(province[0]);
  });

  it('publishes county small counts only as 0 or at least the threshold, naming every null in suppressed', async () => {
    const periods = [year1404, ...solarQuarters, ...solarMonths];
    const stats = await statsOf(countyCodes, periods);
    let hidden = 0;
    let published = 0;
    for (const county of stats) {
      for (const cell of county) {
        expectSuppressionRules(cell);
        hidden += cell.suppressed.length;
        published += SMALL_COUNTS.length - cell.suppressed.length;
      }
    }
    // The demo's small counties refer a few people a month: some cells are hidden, the large ones are not.
    expect(hidden).toBeGreaterThan(0);
    expect(published).toBeGreaterThan(0);
    // Most county months are hidden (the demo's small counties refer a few people a month), yet not all.
    const monthly = stats.flatMap((county) => county.slice(5));
    for (const field of SMALL_COUNTS) {
      const hiddenMonths = monthly.filter((cell) => cell[field] === null).length;
      expect(hiddenMonths).toBeGreaterThan(monthly.length / 2);
      expect(hiddenMonths).toBeLessThan(monthly.length);
    }
  });

  it('answers the same cell identically every time and whatever other regions are asked with it', async () => {
    const periods = [year1404, solarQuarters[1], solarMonths[0], solarMonths[7]];
    const alone = await Promise.all(countyCodes.map((code) => statsOf([code], periods).then((stats) => stats[0])));
    const together = await statsOf(allRegionCodes, periods);
    const again = await statsOf(allRegionCodes, periods);
    expect(again).toEqual(together);
    const countyIndexes = countyCodes.map((code) => allRegionCodes.indexOf(code));
    expect(countyIndexes.map((index) => together[index])).toEqual(alone);
    const fewTogether = await statsOf(countyCodes.slice(10, 13), periods);
    expect(fewTogether).toEqual(alone.slice(10, 13));
  });

  it('publishes no small count for a period that is no whole month, quarter or year, but all activity', async () => {
    const period = { from: '2025-04-02', to: '2025-05-01' };
    const [province, county] = (await statsOf(['IR-10', 'IR-10-01'], [period])).map((stats) => stats[0]);
    for (const stats of [province, county]) {
      expect(stats.referralsToTreatment).toBeNull();
      expect(stats.treatmentAdmissions).toBeNull();
      expect(stats.suppressed).toEqual(['referralsToTreatment', 'treatmentAdmissions']);
      for (const field of [...ACTIVITY, 'programs'] as const) expect(typeof stats[field]).toBe('number');
      expect(stats.sessions).toBeGreaterThan(0);
    }
    expect(province.peopleReached).toBe(await targetActual('PEOPLE_REACHED', 'IR-10', period));
    expect(province.exhibitionVisits).toBe(await targetActual('EXHIBITION_VISITS', 'IR-10', period));
    // Counts of individuals are published in the Solar Hijri calendar only: a whole Gregorian month publishes none.
    const april = await statsOne('IR-10', { from: '2025-04-01', to: '2025-04-30' });
    expect(april.suppressed).toEqual(['referralsToTreatment', 'treatmentAdmissions']);
    const ordibehesht = await statsOne('IR-10', { from: '2025-04-21', to: '2025-05-21' });
    expect(ordibehesht.suppressed).toEqual([]);
    expect(ordibehesht.treatmentAdmissions).toBeGreaterThan(0);
  });

  it('gives 12 solar-month buckets over 1404 that add up to the year and match the months asked alone', async () => {
    const [series] = await seriesOf(['IR-10-05'], year1404, 'SOLAR_MONTH');
    expect(series.map((bucket) => bucket.label)).toEqual(Array.from({ length: 12 }, (_, i) => `SH 1404-${String(i + 1).padStart(2, '0')}`));
    expect(series.map((bucket) => ({ from: bucket.start, to: bucket.end }))).toEqual(solarMonths);
    const [year, ...months] = (await statsOf(['IR-10-05'], [year1404, ...solarMonths]))[0];
    for (const field of ACTIVITY) expect(series.reduce((total, bucket) => total + bucket.stats[field], 0)).toBe(year[field]);
    for (const bucket of series) expect(bucket.stats.programs).toBeLessThanOrEqual(year.programs);
    // The same tables answer both: a month in a series is the month asked on its own.
    expect(series.map((bucket) => bucket.stats)).toEqual(months);
    for (const bucket of series) expectSuppressionRules(bucket.stats);

    const [province] = await seriesOf(['IR-10'], year1404, 'SOLAR_YEAR');
    expect(province).toHaveLength(1);
    expect(province[0]).toMatchObject({ start: year1404.from, end: year1404.to, label: 'SH 1404' });
    expect(province[0].stats).toEqual(await statsOne('IR-10', year1404));
  });

  it('cuts the first and last buckets to the period and publishes no small count in them, nor in any Gregorian bucket', async () => {
    const [series] = await seriesOf(['IR-10'], { from: '2025-04-02', to: '2025-07-15' }, 'MONTH');
    expect(series.map((bucket) => [bucket.label, bucket.start, bucket.end])).toEqual([
      ['2025-04', '2025-04-02', '2025-04-30'],
      ['2025-05', '2025-05-01', '2025-05-31'],
      ['2025-06', '2025-06-01', '2025-06-30'],
      ['2025-07', '2025-07-01', '2025-07-15'],
    ]);
    for (const bucket of series) {
      expect(bucket.stats.suppressed).toEqual(['referralsToTreatment', 'treatmentAdmissions']);
      expect(bucket.stats.sessions).toBeGreaterThan(0);
    }
    expect(series[1].stats).toEqual(await statsOne('IR-10', { from: '2025-05-01', to: '2025-05-31' }));
    const [solar] = await seriesOf(['IR-10'], { from: '2025-04-02', to: '2025-07-15' }, 'SOLAR_MONTH');
    expect(solar.map((bucket) => bucket.stats.suppressed.length)).toEqual([2, 0, 0, 2]);
    expect(solar[1].stats).toEqual(await statsOne('IR-10', { from: '2025-04-21', to: '2025-05-21' }));
    const whole = await statsOne('IR-10', { from: '2025-04-02', to: '2025-07-15' });
    for (const field of ACTIVITY) expect(series.reduce((total, bucket) => total + bucket.stats[field], 0)).toBe(whole[field]);
  });

  it('needs reports:read, not addiction:read', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { preventionStats(period: { solarYear: 1404 }) { sessions } } } }`;
    const withoutReports = await harness.runAs(callerOf('HEALTH-IR-10', ['addiction:read']), query, { r: representations(['IR-10']) });
    expect(withoutReports.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(withoutReports.errors?.[0].path).toEqual(['_entities', 0, 'preventionStats']);
    const reference = await harness.runAs(
      callerOf('HEALTH-IR-10', ['addiction:read']),
      `{ _entities(representations: [{ __typename: "Region", id: "${regionId('IR-10')}" }]) { ... on Region { id } } }`,
    );
    // The bare reference echoes its key and reads nothing: the refusal is on each figure's own path.
    expect(reference.errors).toBeUndefined();
    const series = await harness.runAs(
      callerOf('HEALTH-IR-10', ['addiction:read']),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { preventionSeries(period: { solarYear: 1404 }, granularity: SOLAR_MONTH) { label } } } }`,
      { r: representations(['IR-10']) },
    );
    expect(series.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const noCaller = await harness.runAs(null as never, query, { r: representations(['IR-10']) });
    expect(noCaller.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const reportsOnly = await harness.runAs<{ _entities: { preventionStats: { sessions: number } }[] }>(callerOf('HEALTH-IR-10', ['reports:read']), query, {
      r: representations(['IR-10']),
    });
    expect(reportsOnly.errors).toBeUndefined();
    expect(reportsOnly.data!._entities[0].preventionStats.sessions).toBeGreaterThan(3_000);
  });

  it('refuses a bad period with BAD_USER_INPUT naming the argument', async () => {
    const cases: [string, string][] = [
      [`preventionStats(period: { from: "2025-06-01", to: "2025-05-01" }) { sessions }`, 'period.from'],
      [`preventionStats(period: { from: "2025-06-01" }) { sessions }`, 'period'],
      [`preventionStats(period: { solarYear: 99 }) { sessions }`, 'period.solarYear'],
      [`preventionSeries(period: { from: "2025-06-01", solarYear: 1404 }, granularity: MONTH) { label }`, 'period'],
    ];
    for (const [field, argumentName] of cases) {
      const result = await harness.run(`{ _entities(representations: [{ __typename: "Region", id: "${regionId('IR-10')}" }]) { ... on Region { ${field} } } }`);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    }
  });

  it('costs as many SQL statements for 3 counties as for every region, for stats and for series', async () => {
    // Counted cold (nothing cached in process); the same request again reads
    // only the measures' versions: every answer comes from the cache.
    const count = async (run: () => Promise<unknown>) => {
      statCacheOf(harness.store.dataSource).clear();
      harness.store.statements.reset();
      await run();
      const cold = harness.store.statements.reset();
      await run();
      expect(harness.store.statements.reset()).toBe(1);
      return cold;
    };
    const few = countyCodes.slice(0, 3);
    const periods = [year1404, solarMonths[2]];
    // The versions, sessions of both periods (one query, a column each), programmes, the 1404 tables (one query).
    const statsFew = await count(() => statsOf(few, periods));
    expect(statsFew).toBe(4);
    expect(await count(() => statsOf(allRegionCodes, periods))).toBe(statsFew);
    // A non-whole period needs no table at all.
    expect(await count(() => statsOf(allRegionCodes, [{ from: '2025-04-02', to: '2025-05-01' }]))).toBe(3);

    // The versions, sessions, programmes, the 1404 tables.
    const seriesFew = await count(() => seriesOf(few, year1404, 'SOLAR_MONTH'));
    expect(seriesFew).toBe(4);
    expect(await count(() => seriesOf(allRegionCodes, year1404, 'SOLAR_MONTH'))).toBe(seriesFew);
    // Gregorian buckets publish no counts of individuals: no table at all.
    expect(await count(() => seriesOf(few, year1404, 'QUARTER'))).toBe(3);
    expect(await count(() => seriesOf(allRegionCodes, year1404, 'QUARTER'))).toBe(3);
    // A Solar monthly series over two Solar years with whole months in both: the tables of both years in one query.
    const twoYears = { from: '2025-02-19', to: '2025-04-20' };
    expect(await count(() => seriesOf(few, twoYears, 'SOLAR_MONTH'))).toBe(4);
    expect(await count(() => seriesOf(allRegionCodes, twoYears, 'SOLAR_MONTH'))).toBe(4);
  });
});
