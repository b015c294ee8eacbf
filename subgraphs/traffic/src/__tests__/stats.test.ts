import { bucketsOf, countiesOf, referenceRegions, regionId, solarYearRange, statCacheOf, type DateRange, type Granularity } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import type { TrafficContext } from '../context';
import { traffic } from '../index';

let harness: SubgraphHarness<TrafficContext>;

beforeAll(async () => {
  harness = await subgraphHarness(traffic);
});
afterAll(() => harness?.close());

const PROVINCE = regionId('IR-10');
const COUNTRY = regionId('IR');
const COUNTIES = countiesOf('IR-10');
const YEAR_1404 = solarYearRange(1404);

const FIELDS = ['crashes', 'fatalCrashes', 'fatalities', 'fatalitiesNotAtFault', 'injuries', 'violations'] as const;
type Stats = Record<(typeof FIELDS)[number], number>;
interface Bucket {
  start: string;
  end: string;
  label: string;
  stats: Stats;
}
type Period = { solarYear: number } | DateRange;

const STATS = `{ ${FIELDS.join(' ')} }`;
const regions = (ids: string[]) => ids.map((id) => ({ __typename: 'Region', id }));

async function statsOf(regionIds: string[], period: Period = { solarYear: 1404 }): Promise<Stats[]> {
  const result = await harness.run<{ _entities: { id: string; trafficStats: Stats }[] }>(
    `query($r: [_Any!]!, $period: PeriodInput!) { _entities(representations: $r) { ... on Region { id trafficStats(period: $period) ${STATS} } } }`,
    { r: regions(regionIds), period },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!._entities.map((entity) => entity.id)).toEqual(regionIds);
  return result.data!._entities.map((entity) => entity.trafficStats);
}

async function seriesOf(regionIds: string[], period: Period, granularity: Granularity): Promise<Bucket[][]> {
  const result = await harness.run<{ _entities: { trafficSeries: Bucket[] }[] }>(
    `query($r: [_Any!]!, $period: PeriodInput!, $granularity: Granularity!) { _entities(representations: $r) {
       ... on Region { trafficSeries(period: $period, granularity: $granularity) { start end label stats ${STATS} } } } }`,
    { r: regions(regionIds), period, granularity },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((entity) => entity.trafficSeries);
}

/** One region's stats over many periods in one request, each computed on its own (not through a series). */
async function statsOverPeriods(id: string, periods: DateRange[]): Promise<Stats[]> {
  const fields = periods.map((period, index) => `p${index}: trafficStats(period: { from: "${period.from}", to: "${period.to}" }) ${STATS}`).join(' ');
  const result = await harness.run<{ _entities: Record<string, Stats>[] }>(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { ${fields} } } }`,
    { r: regions([id]) },
  );
  expect(result.errors).toBeUndefined();
  return periods.map((_, index) => result.data!._entities[0][`p${index}`]);
}

function sum(stats: Stats[]): Stats {
  const total = Object.fromEntries(FIELDS.map((field) => [field, 0])) as Stats;
  for (const figures of stats) for (const field of FIELDS) total[field] += figures[field];
  return total;
}

const ZERO = sum([]);

/** What a bucket must look like: exactly what the shared calendar gives. */
const expectedBuckets = (period: DateRange, granularity: Granularity) =>
  bucketsOf(period, granularity).map((bucket) => ({ start: bucket.from, end: bucket.to, label: bucket.label }));
const shape = (buckets: Bucket[]) => buckets.map(({ start, end, label }) => ({ start, end, label }));

describe('Region.trafficStats and Region.trafficSeries', () => {
  it("measures the plan figures for IR-10 in 1404: 600 road deaths, 300 of them not at fault, within the contract's 5%", async () => {
    const [province] = await statsOf([PROVINCE]);
    expect(province.fatalities).toBe(600);
    expect(province.fatalitiesNotAtFault).toBe(300);
    expect(Math.abs(province.fatalities - 600)).toBeLessThanOrEqual(600 * 0.05);
    expect(Math.abs(province.fatalitiesNotAtFault / province.fatalities - 0.5)).toBeLessThanOrEqual(0.05);
    expect(province.violations).toBe(12300);

    // The same figures the record lists and the target actuals give.
    const listed = await harness.run<{ crashes: { totalCount: number }; fatal: { totalCount: number }; violations: { totalCount: number } }>(
      `query($region: ID) {
         crashes(regionId: $region, period: { solarYear: 1404 }) { totalCount }
         fatal: crashes(regionId: $region, period: { solarYear: 1404 }, severity: FATAL) { totalCount }
         violations(regionId: $region, period: { solarYear: 1404 }) { totalCount } }`,
      { region: PROVINCE },
    );
    expect(listed.errors).toBeUndefined();
    expect(province.crashes).toBe(listed.data!.crashes.totalCount);
    expect(province.fatalCrashes).toBe(listed.data!.fatal.totalCount);
    expect(province.violations).toBe(listed.data!.violations.totalCount);
    expect(province.fatalCrashes).toBeGreaterThan(500);
    expect(province.fatalCrashes).toBeLessThan(province.fatalities);

    const injuries = await harness.run<{ _entities: { actual: number }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on TrafficTarget { actual } } }`,
      { r: [{ __typename: 'TrafficTarget', id: 'injuries', metric: 'ROAD_INJURIES', regionId: PROVINCE, ...YEAR_1404 }] },
    );
    expect(province.injuries).toBe(injuries.data!._entities[0].actual);
    expect(province.injuries).toBeGreaterThan(4000);

    // 1403 is its own year, and the plan's earlier figures.
    const [year1403] = await statsOf([PROVINCE], { solarYear: 1403 });
    expect([year1403.fatalities, year1403.fatalitiesNotAtFault]).toEqual([640, 325]);
  });

  it('counts a province as the sum of its 28 counties in every figure, the country as its province, an unknown region as zeros', async () => {
    const ids = [...COUNTIES.map((county) => county.id), PROVINCE, COUNTRY, 'no-such-region'];
    const stats = await statsOf(ids);
    const counties = stats.slice(0, COUNTIES.length);
    const [province, country, unknown] = stats.slice(COUNTIES.length);
    expect(counties).toHaveLength(28);
    expect(counties.every((county) => county.crashes > 0 && county.violations > 0)).toBe(true);
    expect(sum(counties)).toEqual(province);
    expect(country).toEqual(province);
    expect(unknown).toEqual(ZERO);
    expect(await statsOf([PROVINCE], { from: '2030-01-01', to: '2030-12-31' })).toEqual([ZERO]);
    expect(await statsOf([PROVINCE], YEAR_1404)).toEqual([province]);
  });

  it('cuts 1404 into the 12 Solar Hijri months of the shared calendar, each equal to its own period, summing to the year', async () => {
    const [year] = await statsOf([PROVINCE]);
    const [series] = await seriesOf([PROVINCE], { solarYear: 1404 }, 'SOLAR_MONTH');
    expect(series).toHaveLength(12);
    expect(shape(series)).toEqual(expectedBuckets(YEAR_1404, 'SOLAR_MONTH'));
    expect(series[0]).toMatchObject({ start: '2025-03-21', end: '2025-04-20', label: 'SH 1404-01' });
    expect(series[11]).toMatchObject({ end: '2026-03-20', label: 'SH 1404-12' });
    expect(series.every((bucket) => bucket.stats.crashes > 0)).toBe(true);
    expect(sum(series.map((bucket) => bucket.stats))).toEqual(year);
    // Each bucket measured on its own: a record on a month's first or last day lands in that month.
    expect(
      await statsOverPeriods(
        PROVINCE,
        series.map((bucket) => ({ from: bucket.start, to: bucket.end })),
      ),
    ).toEqual(series.map((bucket) => bucket.stats));

    const [whole] = await seriesOf([PROVINCE], { solarYear: 1404 }, 'SOLAR_YEAR');
    expect(whole).toEqual([{ start: YEAR_1404.from, end: YEAR_1404.to, label: 'SH 1404', stats: year }]);
  });

  it('starts a MONTH series at a period cut mid-month, ends it at the period end, and gives zeros for months without records', async () => {
    const period = { from: '2025-04-10', to: '2025-07-05' };
    const [series] = await seriesOf([PROVINCE], period, 'MONTH');
    expect(shape(series)).toEqual(expectedBuckets(period, 'MONTH'));
    expect(shape(series)).toEqual([
      { start: '2025-04-10', end: '2025-04-30', label: '2025-04' },
      { start: '2025-05-01', end: '2025-05-31', label: '2025-05' },
      { start: '2025-06-01', end: '2025-06-30', label: '2025-06' },
      { start: '2025-07-01', end: '2025-07-05', label: '2025-07' },
    ]);
    expect(sum(series.map((bucket) => bucket.stats))).toEqual((await statsOf([PROVINCE], period))[0]);
    expect(
      await statsOverPeriods(
        PROVINCE,
        series.map((bucket) => ({ from: bucket.start, to: bucket.end })),
      ),
    ).toEqual(series.map((bucket) => bucket.stats));

    // The demo ends with 1404 (2026-03-20): later months are there, with zeros.
    const [tail] = await seriesOf([PROVINCE], { from: '2026-01-15', to: '2026-06-30' }, 'MONTH');
    expect(tail.map((bucket) => bucket.label)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(tail.slice(0, 3).every((bucket) => bucket.stats.crashes > 0)).toBe(true);
    expect(tail.slice(3).map((bucket) => bucket.stats)).toEqual([ZERO, ZERO, ZERO]);

    // Quarters over both demo years add up to the two years.
    const both = { from: solarYearRange(1403).from, to: YEAR_1404.to };
    const [quarters] = await seriesOf([PROVINCE, COUNTRY], both, 'QUARTER');
    expect(shape(quarters)).toEqual(expectedBuckets(both, 'QUARTER'));
    expect(quarters[0].start).toBe(both.from);
    expect(sum(quarters.map((bucket) => bucket.stats))).toEqual((await statsOf([PROVINCE], both))[0]);
  });

  it('gives the province series as the sum of its counties series, bucket by bucket', async () => {
    const ids = [...COUNTIES.map((county) => county.id), PROVINCE];
    const series = await seriesOf(ids, { solarYear: 1404 }, 'SOLAR_MONTH');
    const province = series[series.length - 1];
    const counties = series.slice(0, COUNTIES.length);
    province.forEach((bucket, index) => {
      expect(sum(counties.map((county) => county[index].stats))).toEqual(bucket.stats);
    });
  });

  it('shows region figures to reports:read only, FORBIDDEN on that path otherwise', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
      trafficStats(period: { solarYear: 1404 }) { fatalities } trafficSeries(period: { solarYear: 1404 }, granularity: SOLAR_YEAR) { label } } } }`;
    const variables = { r: regions([PROVINCE]) };

    const reporter = await harness.runAs<{ _entities: unknown[] }>(callerOf('WELFARE-IR-10', ['reports:read']), query, variables);
    expect(reporter.errors).toBeUndefined();
    expect(reporter.data!._entities).toEqual([{ trafficStats: { fatalities: 600 }, trafficSeries: [{ label: 'SH 1404' }] }]);

    const reader = await harness.runAs(callerOf('ROADS-IR-10', ['traffic:read']), query, variables);
    expect(reader.errors?.length).toBeGreaterThan(0);
    // The bare Region reference reads nothing and answers; each figure is refused on its own path.
    expect(reader.errors!.map((error) => [error.extensions?.code, error.path])).toEqual([
      ['FORBIDDEN', ['_entities', 0, 'trafficStats']],
      ['FORBIDDEN', ['_entities', 0, 'trafficSeries']],
    ]);
    expect(reader.data).toEqual({ _entities: [{ trafficStats: null, trafficSeries: null }] });
  });

  it('refuses a bad period with BAD_USER_INPUT naming it, and a granularity outside the enum in validation', async () => {
    const cases: [string, string][] = [
      ['trafficStats(period: {}) { crashes }', 'period'],
      ['trafficStats(period: { from: "2025-03-21" }) { crashes }', 'period'],
      ['trafficStats(period: { solarYear: 1404, from: "2025-03-21", to: "2025-04-01" }) { crashes }', 'period'],
      ['trafficStats(period: { from: "2025-05-01", to: "2025-04-01" }) { crashes }', 'period.from'],
      ['trafficStats(period: { solarYear: 9999 }) { crashes }', 'period.solarYear'],
      ['trafficSeries(period: { from: "2010-01-01", to: "2024-01-01" }, granularity: MONTH) { label }', 'period'],
      ['trafficSeries(period: {}, granularity: YEAR) { label }', 'period'],
    ];
    for (const [field, argumentName] of cases) {
      const result = await harness.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { ${field} } } }`, {
        r: regions([PROVINCE]),
      });
      expect({ field, extensions: result.errors?.[0].extensions }).toEqual({ field, extensions: { code: 'BAD_USER_INPUT', argumentName } });
    }

    const literal = await harness.run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { trafficSeries(period: { solarYear: 1404 }, granularity: WEEK) { label } } } }`,
      { r: regions([PROVINCE]) },
    );
    expect(literal.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.data).toBeUndefined();
    const variable = await harness.run(
      `query($r: [_Any!]!, $granularity: Granularity!) { _entities(representations: $r) { ... on Region { trafficSeries(period: { solarYear: 1404 }, granularity: $granularity) { label } } } }`,
      { r: regions([PROVINCE]), granularity: 'WEEK' },
    );
    expect(variable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0].message).toMatch(/granularity/);
  });

  it('answers stats and series of 3 counties or of all 478, the 31 provinces and the country with the same number of SQL statements', async () => {
    const few = COUNTIES.slice(0, 3).map((county) => county.id);
    const all = referenceRegions().map((region) => region.id);
    expect(all).toHaveLength(1 + 31 + 478);
    // Counted cold (nothing cached in process) and warm (the same request again).
    const run = async (ids: string[], selection: string) => {
      const result = await harness.run<{ _entities: unknown[] }>(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { ${selection} } } }`, {
        r: regions(ids),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toHaveLength(ids.length);
    };
    const measure = async (ids: string[], selection: string) => {
      statCacheOf(harness.store.dataSource).clear();
      harness.store.statements.reset();
      await run(ids, selection);
      const cold = harness.store.statements.reset();
      await run(ids, selection);
      // A repeated request reads the measures' versions, and every answer from the cache.
      expect(harness.store.statements.reset()).toBe(1);
      return cold;
    };
    const stats = `trafficStats(period: { solarYear: 1404 }) ${STATS}`;
    const series = `trafficSeries(period: { solarYear: 1404 }, granularity: SOLAR_MONTH) { label stats ${STATS} }`;
    const twoPeriods = `${stats} earlier: trafficStats(period: { solarYear: 1403 }) ${STATS}`;

    // The versions, and one grouped query over the rollup rows of every traffic measure.
    expect(await measure(few, stats)).toBe(2);
    expect(await measure(all, stats)).toBe(2);
    // Every bucket in the same query.
    expect(await measure(few, series)).toBe(2);
    expect(await measure(all, series)).toBe(2);
    // Both periods of the stats in one query (a column each), the series in another, whatever the number of regions.
    expect(await measure(few, `${twoPeriods} ${series}`)).toBe(3);
    expect(await measure(all, `${twoPeriods} ${series}`)).toBe(3);
  });
});
