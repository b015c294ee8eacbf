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
 * costs the statements it costs for three. Each batch is one query whatever its
 * size (periods are its columns, region ids its IN list); the gateway's cost
 * limit bounds how many keys a request can make.
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
      [...questions].map(async ([question, group]) => answers.set(question, await answer(group[0], [...new Set(group.map((key) => key.regionId))], group))),
    );
    return keys.map((key) => answers.get(questionOf(key))!.get(key.regionId)!);
  };
}

const monthsOfSolarYear = (year: number) => bucketsOf(solarYearRange(year), 'SOLAR_MONTH');

/** The figures a cached answer holds, roughly: what its share of the cache's size limit is counted as. */
const figuresIn = (value: Figures | FiguresBucket[] | number | null): number =>
  Array.isArray(value)
    ? value.reduce((sum, bucket) => sum + Object.keys(bucket.stats).length, 0)
    : value && typeof value === 'object'
      ? Object.keys(value).length
      : 1;

/**
 * Per-request loaders over one subgraph's measures.
 *
 * Answers are cached across requests in the store's `StatCache`, keyed by
 * what they are (loader, suppression threshold, question, region or target)
 * and valid only while the versions of the subgraph's measures are those
 * they were computed at: a request reads the versions once (one statement)
 * and asks the rollups only for what the cache lacks. A write bumps the
 * versions in its own transaction, so the first request after its commit
 * computes afresh. The caller is not part of the key: what is published
 * (suppression included) is decided from the records alone, the same for
 * every caller, and who may ask is checked before the loaders.
 */
export function statisticsLoaders(store: MeasureStore, set: MeasureSet, threshold: number) {
  const individuals = set.measures.filter((measure) => measure.individuals);
  const counted = set.measures.filter((measure) => !measure.individuals);
  const measureByName = new Map(set.measures.map((measure) => [measure.name, measure]));

  // The versions of every measure, read once per request (one statement).
  let versions: Promise<{ byMeasure: Map<string, string>; all: string }> | null = null;
  const versionsOnce = () =>
    (versions ??= store
      .versions(set.measures)
      .then((byMeasure) => ({ byMeasure, all: [...byMeasure].map(([measure, version]) => `${measure}=${version}`).join(',') })));

  /**
   * A batch function answering from the cache what it can and computing the
   * rest with `compute` (keys in, answers in the same order out).
   */
  function cachedAnswers<K, V extends Figures | FiguresBucket[] | number | null>(
    loader: string,
    keyString: (key: K) => string,
    compute: (keys: readonly K[]) => Promise<V[]>,
  ): (keys: readonly K[]) => Promise<V[]> {
    return async (keys) => {
      const { all } = await versionsOnce();
      const cacheKey = (key: K) => `${loader}|${threshold}|${keyString(key)}`;
      const answers: V[] = new Array(keys.length);
      const missing: number[] = [];
      keys.forEach((key, index) => {
        const hit = store.cache.get<{ value: V }>(cacheKey(key), all);
        if (hit) answers[index] = hit.value;
        else missing.push(index);
      });
      if (missing.length === 0) return answers;
      const computed = await compute(missing.map((index) => keys[index]));
      missing.forEach((index, position) => {
        answers[index] = computed[position];
        store.cache.set(cacheKey(keys[index]), all, { value: computed[position] }, figuresIn(computed[position]));
      });
      return answers;
    };
  }

  // A suppression table is cached by its own measure's version: it is also
  // what every answer holding one of its cells was computed from.
  const tables = new DataLoader<TableKey, SuppressedTable, string>(
    async (keys) => {
      const { byMeasure } = await versionsOnce();
      const cacheKeyOf = (key: TableKey) => `table|${threshold}|${key.measure}|${key.year}`;
      const versionOf = (key: TableKey) => byMeasure.get(key.measure) ?? '0';
      const found = keys.map((key) => store.cache.get<SuppressedTable>(cacheKeyOf(key), versionOf(key)));
      const missing = keys.filter((_, index) => !found[index]);
      const contributions = await store.contributionsOfTables(
        missing.map((key) => ({ measure: measureByName.get(key.measure)!, year: key.year })),
        monthsOfSolarYear,
      );
      missing.forEach((key, index) => {
        const table = suppressedTableOf(contributions[index], threshold);
        store.cache.set(cacheKeyOf(key), versionOf(key), table, table.weight);
        found[keys.indexOf(key)] = table;
      });
      return found as SuppressedTable[];
    },
    { cacheKeyFn: (key) => `${key.measure}|${key.year}` },
  );

  /** The published cells of every count of individuals for one unit (none without a unit). */
  async function individualCells(unit: CalendarUnit | null, wanted: readonly Measure[] = individuals): Promise<Map<string, SuppressedTable> | null> {
    if (!unit) return null;
    const loaded = await Promise.all(wanted.map((measure) => tables.load({ measure: measure.name, year: unit.year })));
    return new Map(wanted.map((measure, index) => [measure.name, loaded[index]]));
  }

  function figuresOf(
    regionId: string,
    counts: Map<string, Map<string, number[]>>,
    index: number,
    unit: CalendarUnit | null,
    unitTables: Map<string, SuppressedTable> | null,
  ): Figures {
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

  // Every period asked of any region in one go: each period is a column of one query.
  const stats = new DataLoader<StatsKey, Figures, string>(
    cachedAnswers('stats', statsKeyString, async (keys) => {
      const periods = [...new Map(keys.map((key) => [`${key.from}|${key.to}`, { from: key.from, to: key.to }])).values()];
      const periodIndex = new Map(periods.map((period, index) => [`${period.from}|${period.to}`, index]));
      const regionIds = [...new Set(keys.map((key) => key.regionId))];
      const units = periods.map((period) => publishedUnitOf(period));
      const [counts, unitTables] = await Promise.all([
        store.figuresOverPeriods(counted, regionIds, periods),
        Promise.all(units.map((unit) => individualCells(unit))),
      ]);
      return keys.map((key) => {
        const index = periodIndex.get(`${key.from}|${key.to}`)!;
        return figuresOf(key.regionId, counts, index, units[index], unitTables[index]);
      });
    }),
    { cacheKeyFn: statsKeyString, maxBatchSize: MAX_BATCH_KEYS },
  );

  const series = new DataLoader<SeriesKey, FiguresBucket[], string>(
    cachedAnswers(
      'series',
      seriesKeyString,
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
    ),
    { cacheKeyFn: seriesKeyString, maxBatchSize: MAX_BATCH_KEYS },
  );

  const measureOfTarget = (metric: string): Measure | null => {
    const name = Object.hasOwn(set.targets, metric) ? set.targets[metric] : undefined;
    return name === undefined ? null : measureByName.get(name)!;
  };

  /**
   * Target actuals: every answerable key in one go whatever their periods
   * (each period a column of one query, not a query of its own), counts of
   * individuals from their tables.
   */
  const actual = new DataLoader<ActualKey, number | null, string>(
    cachedAnswers('actual', actualKeyString, async (keys) => {
      const answerable = keys.filter((key) => measureOfTarget(key.metric) && typeof key.regionId === 'string' && isDateRange(key));
      const values = new Map<string, number | null>();
      const periods = [...new Map(answerable.map((key) => [`${key.from}|${key.to}`, { from: key.from, to: key.to }])).values()];
      const periodIndex = new Map(periods.map((period, index) => [`${period.from}|${period.to}`, index]));
      const measures = [...new Set(answerable.map((key) => measureOfTarget(key.metric)!))];
      const regionIds = [...new Set(answerable.map((key) => key.regionId))];
      const units = periods.map((period) => publishedUnitOf(period));
      const years = [...new Set(units.filter((unit) => unit !== null).map((unit) => unit.year))];
      const wantedIndividuals = measures.filter((measure) => measure.individuals);
      const [counts, yearTables] = await Promise.all([
        store.figuresOverPeriods(
          measures.filter((measure) => !measure.individuals),
          regionIds,
          periods,
        ),
        Promise.all(
          years.map(async (year) => [year, await individualCells({ calendar: 'SOLAR', kind: 'YEAR', year, index: 0 }, wantedIndividuals)] as const),
        ).then((entries) => new Map(entries)),
      ]);
      for (const key of answerable) {
        const measure = measureOfTarget(key.metric)!;
        const index = periodIndex.get(`${key.from}|${key.to}`)!;
        const unit = units[index];
        const value = measure.individuals
          ? unit
            ? yearTables.get(unit.year)!.get(measure.name)!.value({ regionId: key.regionId, kind: unit.kind, index: unit.index })
            : null
          : counts.get(measure.name)!.get(key.regionId)![index];
        values.set(actualKeyString(key), value);
      }
      return keys.map((key) => values.get(actualKeyString(key)) ?? null);
    }),
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

function statsKeyString(key: StatsKey): string {
  return `${key.regionId}|${key.from}|${key.to}`;
}

function seriesKeyString(key: SeriesKey): string {
  return `${key.regionId}|${key.from}|${key.to}|${key.granularity}`;
}

function actualKeyString(key: ActualKey): string {
  return JSON.stringify([key.metric, key.regionId, key.from, key.to]);
}
