import { countiesOf, regionId, SCOPES, solarYearRange, statCacheOf } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { divorce } from '../index';
import type { DivorceContext } from '../context';

let harness: SubgraphHarness<DivorceContext>;
let threshold: number;

beforeAll(async () => {
  harness = await subgraphHarness(divorce);
  threshold = harness.config.suppressionThreshold;
});
afterAll(() => harness?.close());

interface FamilyStats {
  counselingSessions: number;
  freeCounselingSessions: number;
  casesOpened: number | null;
  reconciliations: number | null;
  suppressed: string[];
}
interface FamilyBucket {
  start: string;
  end: string;
  label: string;
  stats: FamilyStats;
}
interface Period {
  from?: string;
  to?: string;
  solarYear?: number;
}

const STATS_FIELDS = 'counselingSessions freeCounselingSessions casesOpened reconciliations suppressed';
const PUBLISHED_COUNTS = ['counselingSessions', 'freeCounselingSessions'] as const;
const INDIVIDUAL_COUNTS = ['casesOpened', 'reconciliations'] as const;

const STATS = `query($r: [_Any!]!, $period: PeriodInput!) { _entities(representations: $r) {
  ... on Region { id familyStats(period: $period) { ${STATS_FIELDS} } } } }`;
const SERIES = `query($r: [_Any!]!, $period: PeriodInput!, $granularity: Granularity!) { _entities(representations: $r) {
  ... on Region { id familySeries(period: $period, granularity: $granularity) { start end label stats { ${STATS_FIELDS} } } } } }`;

const PROVINCE = regionId('IR-10');
const COUNTRY = regionId('IR');
const COUNTIES = countiesOf('IR-10').map((county) => county.id);
const ALL_REGIONS = [COUNTRY, PROVINCE, ...COUNTIES];
const year1404 = solarYearRange(1404);
const regions = (ids: readonly string[]) => ids.map((id) => ({ __typename: 'Region', id }));

async function statsOf(regionIds: readonly string[], period: Period): Promise<Map<string, FamilyStats>> {
  const result = await harness.run<{ _entities: { id: string; familyStats: FamilyStats }[] }>(STATS, { r: regions(regionIds), period });
  expect(result.errors).toBeUndefined();
  return new Map(result.data!._entities.map((entity) => [entity.id, entity.familyStats]));
}

async function seriesOf(regionIds: readonly string[], period: Period, granularity: string): Promise<Map<string, FamilyBucket[]>> {
  const result = await harness.run<{ _entities: { id: string; familySeries: FamilyBucket[] }[] }>(SERIES, { r: regions(regionIds), period, granularity });
  expect(result.errors).toBeUndefined();
  return new Map(result.data!._entities.map((entity) => [entity.id, entity.familySeries]));
}

/** The contract of a suppressed count: published as 0 or at least the threshold, else null and named. */
function expectSuppressionRespected(stats: FamilyStats): void {
  for (const field of INDIVIDUAL_COUNTS) {
    const value = stats[field];
    if (value === null) expect(stats.suppressed).toContain(field);
    else {
      expect(value === 0 || value >= threshold).toBe(true);
      expect(stats.suppressed).not.toContain(field);
    }
  }
  expect(stats.suppressed.every((field) => stats[field as keyof FamilyStats] === null)).toBe(true);
}

const ACTUALS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on FamilyTarget { actual } } }`;

async function actualOf(metric: string, regionIdValue: string, period: { from: string; to: string }): Promise<number> {
  const result = await harness.run<{ _entities: { actual: number }[] }>(ACTUALS, {
    r: [{ __typename: 'FamilyTarget', id: metric, metric, regionId: regionIdValue, from: period.from, to: period.to }],
  });
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].actual;
}

describe('divorce subgraph: Region.familyStats', () => {
  it('reproduces the plan’s 36,000 free counselling sessions for IR-10 in solar year 1404, the same figures as the target actuals', async () => {
    const province = (await statsOf([PROVINCE], { solarYear: 1404 })).get(PROVINCE)!;
    expect(Math.abs(province.freeCounselingSessions - 36_000)).toBeLessThanOrEqual(36_000 * 0.05);
    expect(province.freeCounselingSessions).toBe(36_000);
    expect(province.counselingSessions).toBeGreaterThan(province.freeCounselingSessions);
    expect(province.counselingSessions).toBe(await actualOf('COUNSELING_SESSIONS', PROVINCE, year1404));
    expect(province.freeCounselingSessions).toBe(await actualOf('FREE_COUNSELING_SESSIONS', PROVINCE, year1404));
    // A province-year is far above the threshold: published, and the same count the target actual gives.
    expect(province.suppressed).toEqual([]);
    expect(province.reconciliations).toBe(await actualOf('RECONCILIATIONS', PROVINCE, year1404));
    expect(province.casesOpened).toBeGreaterThan(1_000);
    // The country holds only Isfahan in the demo.
    expect((await statsOf([COUNTRY], { solarYear: 1404 })).get(COUNTRY)).toEqual(province);
  });

  it('makes the province the sum of its counties for every published field wherever no county is hidden', async () => {
    const periods: Period[] = [{ solarYear: 1404 }, { solarYear: 1403 }, { from: '2025-04-01', to: '2025-06-30' }, { from: '2025-04-21', to: '2025-05-21' }];
    let individualSumsChecked = 0;
    for (const period of periods) {
      const stats = await statsOf([PROVINCE, ...COUNTIES], period);
      const counties = COUNTIES.map((id) => stats.get(id)!);
      for (const field of PUBLISHED_COUNTS) {
        expect(stats.get(PROVINCE)![field]).toBe(counties.reduce((sum, county) => sum + county[field], 0));
      }
      for (const field of INDIVIDUAL_COUNTS) {
        if (stats.get(PROVINCE)![field] === null || counties.some((county) => county[field] === null)) continue;
        expect(stats.get(PROVINCE)![field]).toBe(counties.reduce((sum, county) => sum + county[field]!, 0));
        individualSumsChecked += 1;
      }
    }
    // The checks above must not all be skipped: a Gregorian quarter's cases opened are large in every county.
    expect(individualSumsChecked).toBeGreaterThan(0);
  });

  it('never publishes a county’s yearly or monthly count of individuals between 1 and the threshold, and names every hidden one', async () => {
    const yearly = await statsOf(COUNTIES, { solarYear: 1404 });
    for (const stats of yearly.values()) expectSuppressionRespected(stats);
    const monthly = await seriesOf(COUNTIES, { solarYear: 1404 }, 'SOLAR_MONTH');
    let hidden = 0;
    for (const buckets of monthly.values()) {
      for (const bucket of buckets) {
        expectSuppressionRespected(bucket.stats);
        hidden += bucket.stats.suppressed.length;
      }
    }
    // The demo's small counties have months with a handful of reconciliations: some cells must be hidden.
    expect(hidden).toBeGreaterThan(0);
    expect(hidden).toBeLessThan(COUNTIES.length * 12 * INDIVIDUAL_COUNTS.length);
  });

  it('gives identical answers to the same question asked twice and to the same cell asked among different regions', async () => {
    const month = { from: '2025-04-21', to: '2025-05-21' }; // Ordibehesht 1404, a whole Solar Hijri month
    const alone = await statsOf([COUNTIES[14]], month);
    expect(await statsOf([COUNTIES[14]], month)).toEqual(alone);
    const among = await statsOf(ALL_REGIONS, month);
    expect(among.get(COUNTIES[14])).toEqual(alone.get(COUNTIES[14]));
    const fewer = await statsOf([COUNTIES[3], COUNTIES[14], PROVINCE], month);
    for (const id of fewer.keys()) expect(fewer.get(id)).toEqual(among.get(id));
    // The same cell asked through a series: the same table answers.
    const series = await seriesOf([COUNTIES[14]], { solarYear: 1404 }, 'SOLAR_MONTH');
    expect(series.get(COUNTIES[14])![1]).toMatchObject({ start: month.from, end: month.to, stats: alone.get(COUNTIES[14]) });
  });

  it('publishes counts of individuals only for whole units: a period that is not one gives nulls named in suppressed, sessions still counted', async () => {
    const stats = await statsOf([PROVINCE, COUNTIES[0]], { from: '2025-04-02', to: '2025-05-01' });
    for (const id of [PROVINCE, COUNTIES[0]]) {
      const figures = stats.get(id)!;
      expect(figures.casesOpened).toBeNull();
      expect(figures.reconciliations).toBeNull();
      expect(figures.suppressed).toEqual(['casesOpened', 'reconciliations']);
      expect(figures.counselingSessions).toBeGreaterThan(0);
      expect(figures.freeCounselingSessions).toBeGreaterThan(0);
    }
    expect(stats.get(PROVINCE)!.counselingSessions).toBe(await actualOf('COUNSELING_SESSIONS', PROVINCE, { from: '2025-04-02', to: '2025-05-01' }));
    // Counts of individuals are published in the Solar Hijri calendar only: a whole Gregorian month, quarter or year publishes none.
    for (const period of [
      { from: '2025-04-01', to: '2025-04-30' },
      { from: '2025-04-01', to: '2025-06-30' },
      { from: '2025-01-01', to: '2025-12-31' },
    ]) {
      expect((await statsOf([PROVINCE], period)).get(PROVINCE)!.suppressed).toEqual(['casesOpened', 'reconciliations']);
    }
    // A whole Solar Hijri month, quarter and year publish them.
    for (const period of [{ from: '2025-04-21', to: '2025-05-21' }, { from: '2025-03-21', to: '2025-06-21' }, { solarYear: 1404 }]) {
      expect((await statsOf([PROVINCE], period)).get(PROVINCE)!.suppressed).toEqual([]);
    }
  });

  it('gives a region outside the hierarchy zero sessions and unpublished counts', async () => {
    expect((await statsOf(['no-such-region'], { solarYear: 1404 })).get('no-such-region')).toEqual({
      counselingSessions: 0,
      freeCounselingSessions: 0,
      casesOpened: null,
      reconciliations: null,
      suppressed: ['casesOpened', 'reconciliations'],
    });
  });
});

describe('divorce subgraph: Region.familySeries', () => {
  it('cuts solar year 1404 into its 12 Solar Hijri months, whose sessions add up to the year', async () => {
    const year = (await statsOf([PROVINCE], { solarYear: 1404 })).get(PROVINCE)!;
    const buckets = (await seriesOf([PROVINCE], { solarYear: 1404 }, 'SOLAR_MONTH')).get(PROVINCE)!;
    expect(buckets.map((bucket) => bucket.label)).toEqual(Array.from({ length: 12 }, (_, i) => `SH 1404-${String(i + 1).padStart(2, '0')}`));
    expect(buckets[0].start).toBe(year1404.from);
    expect(buckets[11].end).toBe(year1404.to);
    for (const field of PUBLISHED_COUNTS) expect(buckets.reduce((sum, bucket) => sum + bucket.stats[field], 0)).toBe(year[field]);
    // A province-month is large: published, and its months add up to the year as well.
    for (const field of INDIVIDUAL_COUNTS) expect(buckets.reduce((sum, bucket) => sum + bucket.stats[field]!, 0)).toBe(year[field]);
    const wholeYear = (await seriesOf([PROVINCE], { solarYear: 1404 }, 'SOLAR_YEAR')).get(PROVINCE)!;
    expect(wholeYear).toEqual([{ start: year1404.from, end: year1404.to, label: 'SH 1404', stats: year }]);
  });

  it('leaves counts of individuals unpublished in Gregorian buckets, whole or cut, and sessions counted in each', async () => {
    const buckets = (await seriesOf([PROVINCE], { from: '2025-04-02', to: '2025-07-15' }, 'MONTH')).get(PROVINCE)!;
    expect(buckets.map((bucket) => [bucket.label, bucket.start, bucket.end])).toEqual([
      ['2025-04', '2025-04-02', '2025-04-30'],
      ['2025-05', '2025-05-01', '2025-05-31'],
      ['2025-06', '2025-06-01', '2025-06-30'],
      ['2025-07', '2025-07-01', '2025-07-15'],
    ]);
    for (const bucket of buckets)
      expect(bucket.stats).toMatchObject({ casesOpened: null, reconciliations: null, suppressed: ['casesOpened', 'reconciliations'] });
    expect(buckets[1].stats).toEqual((await statsOf([PROVINCE], { from: '2025-05-01', to: '2025-05-31' })).get(PROVINCE));
    // A cut Solar month publishes none; the whole ones beside it are read from the tables.
    const solar = (await seriesOf([PROVINCE], { from: '2025-04-02', to: '2025-07-15' }, 'SOLAR_MONTH')).get(PROVINCE)!;
    expect(solar.map((bucket) => bucket.stats.suppressed.length)).toEqual([2, 0, 0, 2]);
    expect(buckets.reduce((sum, bucket) => sum + bucket.stats.counselingSessions, 0)).toBe(
      (await statsOf([PROVINCE], { from: '2025-04-02', to: '2025-07-15' })).get(PROVINCE)!.counselingSessions,
    );
  });
});

describe('divorce subgraph: region figures access and arguments', () => {
  const withoutReports = callerOf(
    'POLICE-IR-10',
    SCOPES.filter((scope) => scope !== 'reports:read'),
  );

  it('refuses the figures without reports:read (FORBIDDEN) and gives them with reports:read alone', async () => {
    const stats = await harness.runAs(withoutReports, STATS, { r: regions([PROVINCE]), period: { solarYear: 1404 } });
    expect(stats.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(stats.errors?.[0].path).toEqual(['_entities', 0, 'familyStats']);
    const series = await harness.runAs(withoutReports, SERIES, { r: regions([PROVINCE]), period: { solarYear: 1404 }, granularity: 'SOLAR_MONTH' });
    expect(series.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reference = await harness.runAs(withoutReports, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { id } } }`, {
      r: regions([PROVINCE]),
    });
    // The bare reference echoes its key and reads nothing: the refusal is on each figure's own path.
    expect(reference.errors).toBeUndefined();
    const reportsOnly = await harness.runAs<{ _entities: { familyStats: FamilyStats }[] }>(callerOf('HEALTH-IR-10', ['reports:read']), STATS, {
      r: regions([PROVINCE]),
      period: { solarYear: 1404 },
    });
    expect(reportsOnly.errors).toBeUndefined();
    expect(reportsOnly.data!._entities[0].familyStats.freeCounselingSessions).toBe(36_000);
  });

  it('refuses a bad period or granularity with BAD_USER_INPUT naming the argument', async () => {
    for (const period of [
      {},
      { solarYear: 1404, from: '2025-04-01', to: '2025-04-30' },
      { from: '2025-05-01', to: '2025-04-01' },
      { solarYear: 99 },
      { from: '2025-04-01' },
    ]) {
      const result = await harness.run(STATS, { r: regions([PROVINCE]), period });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(String(result.errors?.[0].extensions?.argumentName)).toMatch(/^period/);
    }
    const series = await harness.run(SERIES, { r: regions([PROVINCE]), period: { from: '2025-05-01', to: '2025-04-01' }, granularity: 'MONTH' });
    expect(series.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'period.from' });
    const granularity = await harness.run(SERIES, { r: regions([PROVINCE]), period: { solarYear: 1404 }, granularity: 'WEEK' });
    expect(granularity.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('divorce subgraph: region figures batching', () => {
  // Counted cold (nothing cached in process); the same request again reads
  // only the measures' versions: every answer comes from the cache.
  const count = async (run: () => Promise<{ errors?: unknown }>) => {
    statCacheOf(harness.store.dataSource).clear();
    harness.store.statements.reset();
    const result = await run();
    expect(result.errors).toBeUndefined();
    const cold = harness.store.statements.reset();
    await run();
    expect(harness.store.statements.reset()).toBe(1);
    return cold;
  };

  it('answers familyStats for 3 counties or all regions with the same statements: one session query per period, one per table', async () => {
    const period = { solarYear: 1404 };
    const few = await count(() => harness.run(STATS, { r: regions(COUNTIES.slice(0, 3)), period }));
    // The versions, sessions (one grouped query), the tables of cases opened and reconciliations (one query).
    expect(few).toBe(3);
    expect(await count(() => harness.run(STATS, { r: regions(ALL_REGIONS), period }))).toBe(few);
    // A period that is no whole unit needs no table.
    expect(await count(() => harness.run(STATS, { r: regions(ALL_REGIONS), period: { from: '2025-04-02', to: '2025-05-01' } }))).toBe(2);
  });

  it('answers familySeries for 3 counties or all regions with the same statements: one session query per series, one per table', async () => {
    const variables = (ids: readonly string[]) => ({ r: regions(ids), period: { solarYear: 1404 }, granularity: 'SOLAR_MONTH' });
    const few = await count(() => harness.run(SERIES, variables(COUNTIES.slice(0, 3))));
    expect(few).toBe(3);
    expect(await count(() => harness.run(SERIES, variables(ALL_REGIONS)))).toBe(few);
    // Gregorian buckets publish no counts of individuals: no table is read.
    const gregorian = { r: regions(ALL_REGIONS), period: { from: '2024-12-01', to: '2025-01-31' }, granularity: 'MONTH' };
    expect(await count(() => harness.run(SERIES, gregorian))).toBe(2);
    // Solar buckets over two Solar years need the tables of both: read in one query.
    const acrossYears = { r: regions(ALL_REGIONS), period: { from: '2025-02-19', to: '2025-04-20' }, granularity: 'SOLAR_MONTH' };
    expect(await count(() => harness.run(SERIES, acrossYears))).toBe(3);
  });

  it('shares the tables between familyStats and familySeries of one request', async () => {
    const both = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
      familyStats(period: { solarYear: 1404 }) { casesOpened }
      familySeries(period: { solarYear: 1404 }, granularity: SOLAR_MONTH) { stats { casesOpened } } } } }`;
    // Stats and series: one session query each, the versions once, the tables once.
    expect(await count(() => harness.run(both, { r: regions(ALL_REGIONS) }))).toBe(4);
  });
});
