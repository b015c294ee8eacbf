import DataLoader from 'dataloader';
import {
  bucketsOf,
  loaderByKey,
  loaderGroupedByKey,
  suppressedTable,
  unitRange,
  wholeUnitOf,
  type Bucket,
  type Calendar,
  type CalendarUnit,
  type DateRange,
  type Granularity,
  type IsoDate,
  type SuppressedTable,
} from '@safety-graph/shared';
import type { ProgramSession, TreatmentReferral } from './entities';
import { isAddictionMetric } from './store/MetricStore';
import { SMALL_COUNTS, type ActivityFigures, type SmallCount, type Stores } from './store';

/** The sessions of one programme, in one period or (null) all of them. */
export interface SessionsKey {
  programId: string;
  period: DateRange | null;
}

/** What a PreventionTarget representation carries for its `actual`. */
export interface TargetActualKey {
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

/** Region.preventionStats: a region over an inclusive (resolved) period. */
export interface StatsKey extends DateRange {
  regionId: string;
}

/** Region.preventionSeries: a region over a period, cut into buckets. */
export interface SeriesKey extends StatsKey {
  granularity: Granularity;
}

/** `PreventionStats` of the API: a small count is null, and named in `suppressed`, unless its table publishes it. */
export interface PreventionStats extends ActivityFigures {
  referralsToTreatment: number | null;
  treatmentAdmissions: number | null;
  suppressed: SmallCount[];
}

/** `PreventionBucket` of the API. */
export interface PreventionBucket {
  start: IsoDate;
  end: IsoDate;
  label: string;
  stats: PreventionStats;
}

/** The suppressed tables of one calendar year, one per small count. */
type YearTables = Record<SmallCount, SuppressedTable>;

const sessionsKeyString = (programId: string, period: DateRange | null): string =>
  `${programId}|${period?.from ?? ''}|${period?.to ?? ''}`;

const targetKeyString = (key: TargetActualKey): string => `${key.metric}|${key.regionId}|${key.from}|${key.to}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Groups keys by a part they share, so that each group is one query however many keys it holds. */
function groupBy<K>(keys: readonly K[], groupOf: (key: K) => string): K[][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const name = groupOf(key);
    const group = groups.get(name);
    if (group) group.push(key);
    else groups.set(name, [key]);
  }
  return [...groups.values()];
}

const statsKeyString = (key: StatsKey): string => `${key.regionId}|${key.from}|${key.to}`;
const seriesKeyString = (key: SeriesKey): string => `${statsKeyString(key)}|${key.granularity}`;

const isWholeUnit = (bucket: Bucket & { unit: CalendarUnit }): boolean => {
  const exact = unitRange(bucket.unit);
  return exact.from === bucket.from && exact.to === bucket.to;
};

/**
 * A region's figures: the activity as measured, each small count read from
 * its table when the period is a whole unit (`unit`), else null. A count the
 * table hides is null too; either way its name goes into `suppressed`.
 */
function statsOf(activity: ActivityFigures, regionId: string, unit: CalendarUnit | null, tables: YearTables | null): PreventionStats {
  const stats: PreventionStats = { ...activity, referralsToTreatment: null, treatmentAdmissions: null, suppressed: [] };
  for (const metric of SMALL_COUNTS) {
    const value = unit && tables ? tables[metric].value({ regionId, kind: unit.kind, index: unit.index }) : null;
    stats[metric] = value;
    if (value === null) stats.suppressed.push(metric);
  }
  return stats;
}

/**
 * The region statistics loaders. Keys asking the same question (period, or
 * period and granularity) become one pair of grouped activity queries over all
 * their regions; small counts come from per-request suppressed tables, one
 * query per (metric, calendar, year) however many regions and buckets use it.
 */
function statsLoaders(stores: Stores, suppressionThreshold: number) {
  const tables = new DataLoader<{ metric: SmallCount; calendar: Calendar; year: number }, SuppressedTable, string>(
    (keys) =>
      Promise.all(keys.map(async (key) => suppressedTable(await stores.stats.monthlyCounts(key.metric, key.calendar, key.year), suppressionThreshold))),
    { cacheKeyFn: (key) => `${key.metric}|${key.calendar}|${key.year}` },
  );
  const tablesOfYear = async (calendar: Calendar, year: number): Promise<YearTables> => {
    const loaded = await Promise.all(SMALL_COUNTS.map((metric) => tables.load({ metric, calendar, year })));
    return Object.fromEntries(SMALL_COUNTS.map((metric, index) => [metric, loaded[index]])) as YearTables;
  };

  const preventionStats = new DataLoader<StatsKey, PreventionStats, string>(
    async (keys) => {
      const answers = new Map<string, PreventionStats>();
      await Promise.all(
        groupBy(keys, (key) => `${key.from}|${key.to}`).map(async (group) => {
          const period: DateRange = { from: group[0].from, to: group[0].to };
          const unit = wholeUnitOf(period);
          const [activity, yearTables] = await Promise.all([
            stores.stats.activity([...new Set(group.map((key) => key.regionId))], [period]),
            unit ? tablesOfYear(unit.calendar, unit.year) : null,
          ]);
          for (const key of group) answers.set(statsKeyString(key), statsOf(activity.get(key.regionId)![0], key.regionId, unit, yearTables));
        }),
      );
      return keys.map((key) => answers.get(statsKeyString(key))!);
    },
    { cacheKeyFn: statsKeyString, maxBatchSize: 1000 },
  );

  const preventionSeries = new DataLoader<SeriesKey, PreventionBucket[], string>(
    async (keys) => {
      const answers = new Map<string, PreventionBucket[]>();
      await Promise.all(
        groupBy(keys, (key) => `${key.from}|${key.to}|${key.granularity}`).map(async (group) => {
          const buckets = bucketsOf({ from: group[0].from, to: group[0].to }, group[0].granularity);
          // A cut first or last bucket is no whole unit: its small counts stay unpublished and need no table.
          const years = new Map<string, { calendar: Calendar; year: number }>();
          for (const bucket of buckets.filter(isWholeUnit)) years.set(`${bucket.unit.calendar}|${bucket.unit.year}`, bucket.unit);
          const [activity, ...loadedTables] = await Promise.all([
            stores.stats.activity([...new Set(group.map((key) => key.regionId))], buckets),
            ...[...years.values()].map((year) => tablesOfYear(year.calendar, year.year)),
          ]);
          const tablesByYear = new Map([...years.keys()].map((name, index) => [name, loadedTables[index] as YearTables]));
          for (const key of group) {
            const figures = activity.get(key.regionId)!;
            answers.set(
              seriesKeyString(key),
              buckets.map((bucket, index) => {
                const unit = isWholeUnit(bucket) ? bucket.unit : null;
                const yearTables = unit ? tablesByYear.get(`${unit.calendar}|${unit.year}`)! : null;
                return { start: bucket.from, end: bucket.to, label: bucket.label, stats: statsOf(figures[index], key.regionId, unit, yearTables) };
              }),
            );
          }
        }),
      );
      return keys.map((key) => answers.get(seriesKeyString(key))!);
    },
    { cacheKeyFn: seriesKeyString, maxBatchSize: 1000 },
  );

  return { suppressedTables: tables, preventionStats, preventionSeries };
}

/**
 * Per-request loaders: every lookup by id or code and every list relation is
 * one batched query. Referrals are looked up only among those the caller's
 * agency is party to; without a caller there is nothing to look up.
 */
export function createLoaders(stores: Stores, callerAgencyId: string | null, suppressionThreshold: number) {
  const loaders = {
    ...statsLoaders(stores, suppressionThreshold),

    programById: loaderByKey((ids: readonly string[]) => stores.programs.findByIds(ids), (program) => program.id),
    programByCode: loaderByKey((codes: readonly string[]) => stores.programs.findByCodes(codes), (program) => program.code),
    // Rows found by agreement id always have one, hence the cast.
    programsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.programs.findByAgreementIds(ids),
      (program) => program.agreementId as string,
    ),

    sessionsByProgram: new DataLoader<SessionsKey, ProgramSession[], string>(
      async (keys) => {
        const byProgramAndPeriod = new Map<string, ProgramSession[]>();
        // One query per distinct period: a page of programmes asked with the same period is one query.
        for (const group of groupBy(keys, (key) => sessionsKeyString('', key.period))) {
          const period = group[0].period;
          const sessions = await stores.sessions.findByProgramIds(group.map((key) => key.programId), period);
          for (const session of sessions) {
            const name = sessionsKeyString(session.programId, period);
            const list = byProgramAndPeriod.get(name);
            if (list) list.push(session);
            else byProgramAndPeriod.set(name, [session]);
          }
        }
        return keys.map((key) => byProgramAndPeriod.get(sessionsKeyString(key.programId, key.period)) ?? []);
      },
      { cacheKeyFn: (key) => sessionsKeyString(key.programId, key.period), maxBatchSize: 1000 },
    ),

    referralById: loaderByKey(
      async (ids: readonly string[]): Promise<TreatmentReferral[]> =>
        callerAgencyId === null ? [] : stores.referrals.findVisibleByIds(ids, callerAgencyId),
      (referral) => referral.id,
    ),

    targetActual: new DataLoader<TargetActualKey, number | null, string>(
      async (keys) => {
        const actualOf = new Map<string, number>();
        const computable = keys.filter((key) => isAddictionMetric(key.metric) && ISO_DATE.test(key.from) && ISO_DATE.test(key.to));
        // One grouped query per (metric, period), over all the regions asked for it.
        for (const group of groupBy(computable, (key) => `${key.metric}|${key.from}|${key.to}`)) {
          const { metric, from, to } = group[0];
          if (!isAddictionMetric(metric)) continue;
          const byRegion = await stores.metrics.actuals(metric, [...new Set(group.map((key) => key.regionId))], { from, to });
          for (const key of group) actualOf.set(targetKeyString(key), byRegion.get(key.regionId) ?? 0);
        }
        return keys.map((key) => actualOf.get(targetKeyString(key)) ?? null);
      },
      { cacheKeyFn: targetKeyString, maxBatchSize: 1000 },
    ),
  };
  return {
    ...loaders,
    /** After a write: every figure (region statistics, suppressed tables, target actuals) is read again. */
    forgetFigures(): void {
      loaders.suppressedTables.clearAll();
      loaders.preventionStats.clearAll();
      loaders.preventionSeries.clearAll();
      loaders.targetActual.clearAll();
    },
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
