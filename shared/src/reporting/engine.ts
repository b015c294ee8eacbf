import DataLoader from 'dataloader';
import { isDateRange, solarYearRange, type DateRange, type IsoDate } from '../period';
import { bucketsOf, publishedUnitOf, type CalendarUnit, type Granularity } from './calendar';
import type { Measure, MeasureSet } from './measures';
import type { MeasureStore } from './MeasureStore';
import { suppressedTableOf, type SuppressedTable } from './suppression';

/**
 * The statistics engine: region statistics, series and target actuals of
 * traffic, addiction and divorce, from the measures each declares.
 *
 * - Keys asking the same question (a period, a series, a target period) of
 *   different regions are one query per measure source over all their
 *   regions: statements follow the number of distinct questions, never the
 *   number of regions or buckets.
 * - Counts of individuals are never read as figures: each comes from the
 *   suppression table of its measure and Solar Hijri year, and is published
 *   only for a whole Solar Hijri month, quarter or year (`publishedUnitOf`).
 *   Any other period or bucket (Gregorian ones included) gives null, named
 *   in `suppressed`; so does a cell the table hides.
 * - A target actual is its measure over the target's period, or for a count
 *   of individuals the same cell as the region statistics. A target whose
 *   period is not two dates in order, or whose metric the subgraph does not
 *   measure, has no actual (null), in every subgraph alike.
 */

/**
 * Keys one loader batch takes: every region of the country (510) for several
 * periods in one request stays one batch, so a question over the 478 counties
 * costs the statements it costs for three. Each batch is one query per distinct
 * question whatever its size (the region ids are its IN list); the gateway's
 * cost limit bounds how many keys a request can make.
 */
const MAX_BATCH_KEYS = 10_000;

/** A region over an inclusive (resolved) period. */
export interface StatsKey extends DateRange {
  regionId: string;
}

/** A region over a period, cut into buckets. */
export interface SeriesKey extends StatsKey {
  granularity: Granularity;
}

/** What a target representation carries for its actual (`@requires`). */
export interface ActualKey {
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

/** A region's figures: one per measure (null when unpublished) and the names of the unpublished ones. */
export type Figures = Record<string, number | null> & { suppressed: string[] };

export interface FiguresBucket {
  start: IsoDate;
  end: IsoDate;
  label: string;
  stats: Figures;
}

/** One suppression table: a count of individuals over one Solar Hijri year. */
export interface TableKey {
  measure: string;
  year: number;
}

/**
 * A batch function over keys that each name a region and a question about it:
 * keys with the same question are answered together over all their regions.
 */
function byQuestion<K extends { regionId: string }, V>(
  questionOf: (key: K) => string,
  answer: (sample: K, regionIds: string[], keys: K[]) => Promise<Map<string, V>>,
): (keys: readonly K[]) => Promise<V[]> {
  return async (keys) => {
    const questions = new Map<string, K[]>();
    for (const key of keys) questions.set(questionOf(key), [...(questions.get(questionOf(key)) ?? []), key]);
    const answers = new Map<string, Map<string, V>>();
    await Promise.all(
      [...questions].map(async ([question, group]) =>
        answers.set(question, await answer(group[0], [...new Set(group.map((key) => key.regionId))], group)),
      ),
    );
    return keys.map((key) => answers.get(questionOf(key))!.get(key.regionId)!);
  };
}

const monthsOfSolarYear = (year: number) => bucketsOf(solarYearRange(year), 'SOLAR_MONTH');

/**
 * Per-request loaders over one subgraph's measures. Suppression tables are
 * loaded once per (measure, Solar year) in a request, whatever asks them.
 */
export function statisticsLoaders(store: MeasureStore, set: MeasureSet, threshold: number) {
  const individuals = set.measures.filter((measure) => measure.individuals);
  const counted = set.measures.filter((measure) => !measure.individuals);
  const measureByName = new Map(set.measures.map((measure) => [measure.name, measure]));

  // The versions of the counts of individuals, read once per request (one
  // statement); a suppression table is taken from the store's cache while its
  // measure's version is unchanged, and built (and cached) otherwise.
  let versions: Promise<Map<string, string>> | null = null;
  const versionsOnce = () => (versions ??= store.versions(individuals));

  const tables = new DataLoader<TableKey, SuppressedTable, string>(
    async (keys) => {
      const current = await versionsOnce();
      return Promise.all(
        keys.map(async (key) => {
          const cacheKey = `table|${threshold}|${key.measure}|${key.year}`;
          const version = current.get(key.measure) ?? '0';
          const cached = store.cache.get<SuppressedTable>(cacheKey, version);
          if (cached) return cached;
          const table = suppressedTableOf(await store.contributions(measureByName.get(key.measure)!, monthsOfSolarYear(key.year)), threshold);
          store.cache.set(cacheKey, version, table);
          return table;
        }),
      );
    },
    { cacheKeyFn: (key) => `${key.measure}|${key.year}` },
  );

  /** The published cells of every count of individuals for one unit (none without a unit). */
  async function individualCells(unit: CalendarUnit | null, wanted: readonly Measure[] = individuals): Promise<Map<string, SuppressedTable> | null> {
    if (!unit) return null;
    const loaded = await Promise.all(wanted.map((measure) => tables.load({ measure: measure.name, year: unit.year })));
    return new Map(wanted.map((measure, index) => [measure.name, loaded[index]]));
  }

  function figuresOf(regionId: string, counts: Map<string, Map<string, number[]>>, index: number, unit: CalendarUnit | null, unitTables: Map<string, SuppressedTable> | null): Figures {
    const figures = { suppressed: [] as string[] } as Figures;
    for (const measure of set.measures) {
      if (!measure.individuals) {
        figures[measure.name] = counts.get(measure.name)!.get(regionId)![index];
        continue;
      }
      const value = unit && unitTables ? unitTables.get(measure.name)!.value({ regionId, kind: unit.kind, index: unit.index }) : null;
      figures[measure.name] = value;
      if (value === null) figures.suppressed.push(measure.name);
    }
    return figures;
  }

  const stats = new DataLoader<StatsKey, Figures, string>(
    byQuestion(
      (key) => `${key.from}|${key.to}`,
      async (sample, regionIds) => {
        const period: DateRange = { from: sample.from, to: sample.to };
        const unit = publishedUnitOf(period);
        const [counts, unitTables] = await Promise.all([store.figures(counted, regionIds, [period]), individualCells(unit)]);
        return new Map(regionIds.map((regionId) => [regionId, figuresOf(regionId, counts, 0, unit, unitTables)]));
      },
    ),
    { cacheKeyFn: (key) => `${key.regionId}|${key.from}|${key.to}`, maxBatchSize: MAX_BATCH_KEYS },
  );

  const series = new DataLoader<SeriesKey, FiguresBucket[], string>(
    byQuestion(
      (key) => `${key.from}|${key.to}|${key.granularity}`,
      async (sample, regionIds) => {
        const buckets = bucketsOf({ from: sample.from, to: sample.to }, sample.granularity);
        // A cut first or last bucket, or a Gregorian one, is no published unit: it needs no table.
        const units = buckets.map((bucket) => publishedUnitOf(bucket));
        const years = [...new Set(units.filter((unit) => unit !== null).map((unit) => unit.year))];
        const [counts, yearTables] = await Promise.all([
          store.figures(counted, regionIds, buckets),
          Promise.all(years.map(async (year) => [year, await individualCells({ calendar: 'SOLAR', kind: 'YEAR', year, index: 0 })] as const)).then(
            (entries) => new Map(entries),
          ),
        ]);
        return new Map(
          regionIds.map((regionId) => [
            regionId,
            buckets.map((bucket, index) => {
              const unit = units[index];
              return {
                start: bucket.from,
                end: bucket.to,
                label: bucket.label,
                stats: figuresOf(regionId, counts, index, unit, unit ? yearTables.get(unit.year)! : null),
              };
            }),
          ]),
        );
      },
    ),
    { cacheKeyFn: (key) => `${key.regionId}|${key.from}|${key.to}|${key.granularity}`, maxBatchSize: MAX_BATCH_KEYS },
  );

  const measureOfTarget = (metric: string): Measure | null => {
    const name = Object.hasOwn(set.targets, metric) ? set.targets[metric] : undefined;
    return name === undefined ? null : measureByName.get(name)!;
  };

  const actual = new DataLoader<ActualKey, number | null, string>(
    async (keys) => {
      const answerable = keys.filter((key) => measureOfTarget(key.metric) && typeof key.regionId === 'string' && isDateRange(key));
      const values = new Map<string, number | null>();
      const byPeriod = new Map<string, ActualKey[]>();
      for (const key of answerable) byPeriod.set(`${key.from}|${key.to}`, [...(byPeriod.get(`${key.from}|${key.to}`) ?? []), key]);
      await Promise.all(
        [...byPeriod.values()].map(async (group) => {
          const period: DateRange = { from: group[0].from, to: group[0].to };
          const measures = [...new Set(group.map((key) => measureOfTarget(key.metric)!))];
          const regionIds = [...new Set(group.map((key) => key.regionId))];
          const unit = publishedUnitOf(period);
          const [counts, unitTables] = await Promise.all([
            store.figures(
              measures.filter((measure) => !measure.individuals),
              regionIds,
              [period],
            ),
            individualCells(
              unit,
              measures.filter((measure) => measure.individuals),
            ),
          ]);
          for (const key of group) {
            const measure = measureOfTarget(key.metric)!;
            const value = measure.individuals
              ? unit && unitTables
                ? unitTables.get(measure.name)!.value({ regionId: key.regionId, kind: unit.kind, index: unit.index })
                : null
              : counts.get(measure.name)!.get(key.regionId)![0];
            values.set(actualKeyString(key), value);
          }
        }),
      );
      return keys.map((key) => values.get(actualKeyString(key)) ?? null);
    },
    { cacheKeyFn: actualKeyString, maxBatchSize: MAX_BATCH_KEYS },
  );

  return {
    stats,
    series,
    actual,
    suppressedTables: tables,
    /** After a write: every figure, table and actual is read again. */
    forget(): void {
      versions = null;
      tables.clearAll();
      stats.clearAll();
      series.clearAll();
      actual.clearAll();
    },
  };
}
export type StatisticsLoaders = ReturnType<typeof statisticsLoaders>;

function actualKeyString(key: ActualKey): string {
  return JSON.stringify([key.metric, key.regionId, key.from, key.to]);
}
