import DataLoader from 'dataloader';
import {
  bucketsOf,
  referenceRegionTree,
  suppressedTable,
  unitRange,
  wholeUnitOf,
  type Calendar,
  type CalendarUnit,
  type DateRange,
  type Granularity,
  type IsoDate,
  type SuppressedTable,
} from '@safety-graph/shared';
import type { Stores } from './store';
import type { IndividualCountMetric, SessionCounts } from './store/FamilyMetricStore';

/** `FamilyStats` of the API. */
export interface FamilyStats {
  counselingSessions: number;
  freeCounselingSessions: number;
  casesOpened: number | null;
  reconciliations: number | null;
  suppressed: string[];
}

/** A `FamilyBucket` of the API. */
export interface FamilyBucket {
  start: IsoDate;
  end: IsoDate;
  label: string;
  stats: FamilyStats;
}

/** Region.familyStats: a region over an inclusive (resolved) period. */
export interface StatsKey extends DateRange {
  regionId: string;
}

/** Region.familySeries: a region over a period, cut into buckets. */
export interface SeriesKey extends StatsKey {
  granularity: Granularity;
}

/** One suppression table: one metric over one calendar year. */
export interface TableKey {
  metric: IndividualCountMetric;
  calendar: Calendar;
  year: number;
}

/** The fields of FamilyStats that count individuals, in schema order, and what each counts. */
const INDIVIDUAL_COUNTS = [
  { field: 'casesOpened', metric: 'CASES_OPENED' },
  { field: 'reconciliations', metric: 'RECONCILIATIONS' },
] as const satisfies readonly { field: keyof FamilyStats; metric: IndividualCountMetric }[];

type Tables = ReadonlyMap<IndividualCountMetric, SuppressedTable>;

let leaves: string[] | undefined;

/** The regions records are kept in (the counties): the rows a suppression table is built from. */
function leafRegionIds(): string[] {
  const tree = referenceRegionTree();
  leaves ??= tree.filter((region) => !tree.some((child) => child.parentId === region.id)).map((region) => region.id);
  return leaves;
}

/** The 12 months of a calendar year in order. */
function monthsOf(calendar: Calendar, year: number): DateRange[] {
  const whole = unitRange({ calendar, kind: 'YEAR', year, index: 0 });
  return bucketsOf(whole, calendar === 'SOLAR' ? 'SOLAR_MONTH' : 'MONTH');
}

const isWhole = (range: DateRange, unit: CalendarUnit) => {
  const whole = unitRange(unit);
  return whole.from === range.from && whole.to === range.to;
};

/**
 * The figures of one region: sessions as counted, counts of individuals only
 * as the tables publish them for `unit` (none without a whole unit), every
 * unpublished one named in `suppressed`.
 */
function statsOf(regionId: string, sessions: SessionCounts, unit: CalendarUnit | null, tables: Tables | null): FamilyStats {
  const stats: FamilyStats = {
    counselingSessions: sessions.sessions,
    freeCounselingSessions: sessions.freeSessions,
    casesOpened: null,
    reconciliations: null,
    suppressed: [],
  };
  for (const { field, metric } of INDIVIDUAL_COUNTS) {
    const table = unit && tables?.get(metric);
    const value = table ? table.value({ regionId, kind: unit.kind, index: unit.index }) : null;
    stats[field] = value;
    if (value === null) stats.suppressed.push(field);
  }
  return stats;
}

/**
 * Suppression tables by (metric, calendar, year): one query of per-county
 * monthly counts each, however many regions, periods and series of the
 * request ask the same table. The table itself decides every cell at once.
 */
function tableLoader(stores: Stores, threshold: number): DataLoader<TableKey, SuppressedTable, string> {
  return new DataLoader<TableKey, SuppressedTable, string>(
    (keys) =>
      Promise.all(
        keys.map(async (key) => suppressedTable(await stores.metrics.monthlyCounts(key.metric, monthsOf(key.calendar, key.year), leafRegionIds()), threshold)),
      ),
    { cacheKeyFn: (key) => JSON.stringify([key.metric, key.calendar, key.year]) },
  );
}

/** The tables of both counts of individuals for one calendar year. */
async function tablesOf(tables: DataLoader<TableKey, SuppressedTable, string>, calendar: Calendar, year: number): Promise<Tables> {
  const loaded = await Promise.all(INDIVIDUAL_COUNTS.map(({ metric }) => tables.load({ metric, calendar, year })));
  return new Map(INDIVIDUAL_COUNTS.map(({ metric }, index) => [metric, loaded[index]]));
}

/**
 * Keys asking the same question (a period, a series) of different regions
 * become one answer over all their regions, so statements follow the
 * number of distinct questions, never the number of regions.
 */
function byQuestion<K extends { regionId: string }, V>(
  questionOf: (key: K) => string,
  answer: (sample: K, regionIds: string[]) => Promise<Map<string, V>>,
): (keys: readonly K[]) => Promise<V[]> {
  return async (keys) => {
    const questions = new Map<string, { sample: K; regionIds: Set<string> }>();
    for (const key of keys) {
      const question = questions.get(questionOf(key)) ?? { sample: key, regionIds: new Set<string>() };
      question.regionIds.add(key.regionId);
      questions.set(questionOf(key), question);
    }
    const answers = new Map<string, Map<string, V>>();
    await Promise.all([...questions].map(async ([question, { sample, regionIds }]) => answers.set(question, await answer(sample, [...regionIds]))));
    return keys.map((key) => answers.get(questionOf(key))!.get(key.regionId)!);
  };
}

/**
 * Region.familyStats and Region.familySeries for any number of regions: per
 * distinct period one grouped session query (per series, every bucket in it),
 * and the suppression tables the whole units among them need.
 */
export function familyStatsLoaders(stores: Stores, threshold: number) {
  const tables = tableLoader(stores, threshold);

  const familyStats = new DataLoader<StatsKey, FamilyStats, string>(
    byQuestion(
      (key) => JSON.stringify([key.from, key.to]),
      async (sample, regionIds) => {
        const period = { from: sample.from, to: sample.to };
        const unit = wholeUnitOf(period);
        const [sessions, unitTables] = await Promise.all([
          stores.metrics.sessionCounts(regionIds, [period]),
          unit ? tablesOf(tables, unit.calendar, unit.year) : null,
        ]);
        return new Map(regionIds.map((regionId) => [regionId, statsOf(regionId, sessions.get(regionId)![0], unit, unitTables)]));
      },
    ),
    { cacheKeyFn: (key) => JSON.stringify([key.regionId, key.from, key.to]), maxBatchSize: 1000 },
  );

  const familySeries = new DataLoader<SeriesKey, FamilyBucket[], string>(
    byQuestion(
      (key) => JSON.stringify([key.from, key.to, key.granularity]),
      async (sample, regionIds) => {
        const buckets = bucketsOf({ from: sample.from, to: sample.to }, sample.granularity);
        // A cut first or last bucket is no whole unit: its counts of individuals stay unpublished and need no table.
        const wholeUnits = buckets.map((bucket) => (isWhole(bucket, bucket.unit) ? bucket.unit : null));
        const years = new Map<string, { calendar: Calendar; year: number }>();
        for (const unit of wholeUnits) if (unit) years.set(`${unit.calendar}|${unit.year}`, { calendar: unit.calendar, year: unit.year });
        const [sessions, yearTables] = await Promise.all([
          stores.metrics.sessionCounts(regionIds, buckets),
          Promise.all([...years].map(async ([yearKey, { calendar, year }]) => [yearKey, await tablesOf(tables, calendar, year)] as const)).then(
            (entries) => new Map(entries),
          ),
        ]);
        return new Map(
          regionIds.map((regionId) => [
            regionId,
            buckets.map((bucket, index) => {
              const unit = wholeUnits[index];
              const unitTables = unit ? yearTables.get(`${unit.calendar}|${unit.year}`)! : null;
              return { start: bucket.from, end: bucket.to, label: bucket.label, stats: statsOf(regionId, sessions.get(regionId)![index], unit, unitTables) };
            }),
          ]),
        );
      },
    ),
    { cacheKeyFn: (key) => JSON.stringify([key.regionId, key.from, key.to, key.granularity]), maxBatchSize: 1000 },
  );

  return { familyStats, familySeries };
}
