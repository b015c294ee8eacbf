import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RegionScope } from '../db/regionScope';
import { withBulkPageCache } from '../db/store';
import type { DateRange } from '../period';
import type { Measure, MeasureSet, MeasureSource } from './measures';
import { randomUUID } from 'node:crypto';
import { StatRollup, StatVersion } from './rollups';
import { statCacheOf, type StatCache } from './statCache';
import { appendAll } from './arrays';
import type { Contribution } from './suppression';

/** A rollup row as the raw records give it, or as stored. */
export interface RollupRow {
  measure: string;
  regionId: string;
  day: string;
  agencyId: string;
  value: number;
}

/** Measures with a day rollup: every one but those of lasting records. */
export const rolledUp = (measures: readonly Measure[]): Measure[] => measures.filter((measure) => !measure.source.endDate);

/** MySQL gives DATE columns as Date objects (UTC, `timezone: 'Z'`), SQLite as text. */
const dayOf = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

const rollupKeyString = (row: Omit<RollupRow, 'value'>) => `${row.measure}|${row.regionId}|${row.day}|${row.agencyId}`;

const KEYS_PER_STATEMENT = 200;
const ROWS_PER_INSERT = 2_000;

/** Per measure name, per region id, one figure per bucket. */
export type FiguresByMeasure = Map<string, Map<string, number[]>>;

/** SUM over no rows is NULL, and MariaDB returns sums (DECIMAL) and some counts as strings. */
const integer = (value: unknown): number => Number(value ?? 0);

type Row = Record<string, unknown>;

/**
 * The engine's SQL, the same for every subgraph: each source's measures in
 * one grouped query over any number of regions and buckets (records join the
 * region closure table, so a province's row holds its counties'), and the
 * per county × month × agency contributions a suppression table is built from.
 */
export class MeasureStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The in-process cache of answers computed from this store (shared by every request). */
  get cache(): StatCache {
    return statCacheOf(this.dataSource);
  }

  /**
   * The current version of each measure, `measure=version` joined in the
   * order given (a measure never written has version `0`): one statement.
   */
  async versions(measures: readonly Measure[]): Promise<Map<string, string>> {
    const versions = new Map(measures.map((measure) => [measure.name, '0']));
    if (measures.length === 0) return versions;
    const rows = await this.dataSource
      .createQueryBuilder()
      .from(StatVersion, 'version')
      .select('version.measure', 'measure')
      .addSelect('version.version', 'version')
      .where('version.measure IN (:...measures)', { measures: measures.map((measure) => measure.name) })
      .getRawMany<Row>();
    for (const row of rows) versions.set(String(row.measure), String(row.version));
    return versions;
  }

  /**
   * Every measure for every region in each of `buckets` (contiguous, in order,
   * as bucketsOf gives them; a plain period is one bucket): one query per
   * source, a region or bucket without records giving zeros.
   */
  async figures(measures: readonly Measure[], regionIds: readonly string[], buckets: readonly DateRange[]): Promise<FiguresByMeasure> {
    const figures: FiguresByMeasure = new Map(measures.map((measure) => [measure.name, new Map(regionIds.map((id) => [id, buckets.map(() => 0)]))]));
    if (regionIds.length === 0 || buckets.length === 0) return figures;
    const bySource = new Map<MeasureSource, Measure[]>();
    for (const measure of measures) if (measure.source.endDate) bySource.set(measure.source, [...(bySource.get(measure.source) ?? []), measure]);
    const daily = rolledUp(measures);
    await Promise.all([
      ...[...bySource].map(async ([source, ofSource]) => {
        const rows = await this.lastingQuery(source, ofSource, regionIds, buckets).getRawMany<Row>();
        for (const row of rows) {
          ofSource.forEach((measure, m) => {
            const values = figures.get(measure.name)!.get(String(row.regionId))!;
            buckets.forEach((_, b) => (values[b] = integer(row[`m${m}_${b}`])));
          });
        }
      }),
      (async () => {
        if (daily.length === 0) return;
        const rows = await this.rollupQuery(daily, regionIds, buckets).getRawMany<Row>();
        for (const row of rows) {
          daily.forEach((measure, m) => (figures.get(measure.name)!.get(String(row.regionId))![integer(row.bucket)] = integer(row[`m${m}`])));
        }
      })(),
    ]);
    return figures;
  }

  /**
   * Every measure for every region over each of `periods`, which may overlap
   * or leave gaps (target periods): one query per source whatever the number
   * of periods, each period a column of its own rather than a group.
   */
  async figuresOverPeriods(measures: readonly Measure[], regionIds: readonly string[], periods: readonly DateRange[]): Promise<FiguresByMeasure> {
    const figures: FiguresByMeasure = new Map(measures.map((measure) => [measure.name, new Map(regionIds.map((id) => [id, periods.map(() => 0)]))]));
    if (regionIds.length === 0 || periods.length === 0) return figures;
    const bySource = new Map<MeasureSource, Measure[]>();
    for (const measure of measures) if (measure.source.endDate) bySource.set(measure.source, [...(bySource.get(measure.source) ?? []), measure]);
    const daily = rolledUp(measures);
    const readColumns = (rows: Row[], ofSource: readonly Measure[]) => {
      for (const row of rows) {
        ofSource.forEach((measure, m) => {
          const values = figures.get(measure.name)!.get(String(row.regionId))!;
          periods.forEach((_, p) => (values[p] = integer(row[`m${m}_${p}`])));
        });
      }
    };
    await Promise.all([
      ...[...bySource].map(async ([source, ofSource]) =>
        readColumns(await this.lastingQuery(source, ofSource, regionIds, periods).getRawMany<Row>(), ofSource),
      ),
      (async () => {
        if (daily.length === 0) return;
        const query = this.rollupRows(daily, regionIds, spanOf(periods));
        periods.forEach((period, p) => query.setParameters({ [`periodFrom${p}`]: period.from, [`periodTo${p}`]: period.to }));
        daily.forEach((measure, m) => {
          query.setParameter(`measure${m}`, measure.name);
          periods.forEach((_, p) =>
            query.addSelect(
              `SUM(CASE WHEN rollup.measure = :measure${m} AND rollup.day BETWEEN :periodFrom${p} AND :periodTo${p} THEN rollup.value ELSE 0 END)`,
              `m${m}_${p}`,
            ),
          );
        });
        readColumns(await query.getRawMany<Row>(), daily);
      })(),
    ]);
    return figures;
  }

  /**
   * The records behind several suppression tables (each a count of
   * individuals over the 12 months of one Solar Hijri year, `monthsOf(year)`)
   * in one query: per table, county, month (1-12) and contributing agency.
   * Records keep their county, so no closure join is needed.
   */
  async contributionsOfTables(
    tables: readonly { measure: Measure; year: number }[],
    monthsOf: (year: number) => readonly DateRange[],
  ): Promise<Contribution[][]> {
    if (tables.length === 0) return [];
    for (const { measure } of tables) if (!measure.individuals) throw new Error(`measure ${measure.name} counts no individuals`);
    const years = [...new Set(tables.map((table) => table.year))].sort((a, b) => a - b);
    // Every month from the first year's to the last's, contiguous (years between unasked included), so one CASE buckets them.
    const months: DateRange[] = [];
    for (let year = years[0]; year <= years[years.length - 1]; year += 1) months.push(...monthsOf(year));
    const query = this.dataSource
      .createQueryBuilder()
      .from(StatRollup, 'rollup')
      .select('rollup.measure', 'measure')
      .addSelect('rollup.regionId', 'regionId')
      .addSelect('rollup.agencyId', 'agencyId')
      .addSelect('SUM(rollup.value)', 'count')
      .where('rollup.measure IN (:...measures)', { measures: [...new Set(tables.map((table) => table.measure.name))] })
      .andWhere(
        `(${years.map((_, y) => `rollup.day BETWEEN :yearFrom${y} AND :yearTo${y}`).join(' OR ')})`,
        Object.fromEntries(
          years.flatMap((year, y) => {
            const ofYear = monthsOf(year);
            return [
              [`yearFrom${y}`, ofYear[0].from],
              [`yearTo${y}`, ofYear[ofYear.length - 1].to],
            ];
          }),
        ),
      )
      .groupBy('rollup.measure')
      .addGroupBy('rollup.regionId')
      .addGroupBy('rollup.agencyId');
    const rows = await inBuckets(query, 'rollup.day', months).getRawMany<Row>();
    const index = new Map(tables.map((table, t) => [`${table.measure.name}|${table.year}`, t]));
    const result: Contribution[][] = tables.map(() => []);
    for (const row of rows) {
      const bucket = integer(row.bucket);
      const year = years[0] + Math.floor(bucket / 12);
      const t = index.get(`${String(row.measure)}|${year}`);
      const count = integer(row.count);
      if (t === undefined || count === 0) continue;
      result[t].push({ regionId: String(row.regionId), agencyId: String(row.agencyId), month: (bucket % 12) + 1, count });
    }
    return result;
  }

  /** Rollup rows of the day measures within `span`, grouped by requested region (a province's counties under it). */
  private rollupRows(measures: readonly Measure[], regionIds: readonly string[], span: { spanFrom: string; spanTo: string }) {
    return this.dataSource
      .createQueryBuilder()
      .from(StatRollup, 'rollup')
      .innerJoin(RegionScope, 'scope', 'scope.regionId = rollup.regionId')
      .select('scope.scopeRegionId', 'regionId')
      .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
      .andWhere('rollup.measure IN (:...measures)', { measures: measures.map((measure) => measure.name) })
      .andWhere('rollup.day BETWEEN :spanFrom AND :spanTo', span)
      .groupBy('scope.scopeRegionId');
  }

  /** Rollup rows of the day measures in the buckets' span, grouped by requested region and bucket: one query for all of them. */
  private rollupQuery(measures: readonly Measure[], regionIds: readonly string[], buckets: readonly DateRange[]) {
    const query = this.rollupRows(measures, regionIds, { spanFrom: buckets[0].from, spanTo: buckets[buckets.length - 1].to });
    measures.forEach((measure, m) =>
      query.addSelect(`SUM(CASE WHEN rollup.measure = :measure${m} THEN rollup.value ELSE 0 END)`, `m${m}`).setParameter(`measure${m}`, measure.name),
    );
    return inBuckets(query, 'rollup.day', buckets);
  }

  /**
   * Every rollup row of the day measures rebuilt from the raw rows, in one
   * transaction: one INSERT … SELECT … GROUP BY per measure, so the rows never
   * leave the database (what a seed at national volume needs). Returns how
   * many rollup rows there are.
   */
  async rebuild(set: MeasureSet): Promise<number> {
    const measures = rolledUp(set.measures);
    return withBulkPageCache(this.dataSource, () =>
      this.dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .delete()
          .from(StatRollup)
          .where('measure IN (:...measures)', { measures: measures.map((measure) => measure.name) })
          .execute();
        // Measures of one source counting by one agency column share their scan of the records.
        const shared = new Map<string, Measure[]>();
        for (const measure of measures) {
          const key = `${measure.source.name}\u0000${measure.individuals?.agency ?? ''}`;
          shared.set(key, [...(shared.get(key) ?? []), measure]);
        }
        for (const group of shared.values()) await insertRollupsOf(manager, group);
        await bumpVersions(manager, set.measures);
        const counted = await manager
          .createQueryBuilder()
          .from(StatRollup, 'rollup')
          .select('COUNT(*)', 'count')
          .where('rollup.measure IN (:...measures)', { measures: measures.map((measure) => measure.name) })
          .getRawOne<Row>();
        return integer(counted?.count);
      }),
    );
  }

  /** Where the stored rollup differs from the raw rows: one line per differing key (empty when they agree). */
  async differences(set: MeasureSet): Promise<string[]> {
    const measures = rolledUp(set.measures);
    const expected = new Map((await this.rawRollup(this.dataSource.manager, measures)).map((row) => [rollupKeyString(row), row.value]));
    const stored = await this.dataSource
      .createQueryBuilder()
      .from(StatRollup, 'rollup')
      .select('rollup.measure', 'measure')
      .addSelect('rollup.regionId', 'regionId')
      .addSelect('rollup.day', 'day')
      .addSelect('rollup.agencyId', 'agencyId')
      .addSelect('rollup.value', 'value')
      .where('rollup.measure IN (:...measures)', { measures: measures.map((measure) => measure.name) })
      .getRawMany<Row>();
    const differences: string[] = [];
    for (const row of stored) {
      const key = rollupKeyString({ measure: String(row.measure), regionId: String(row.regionId), day: String(row.day), agencyId: String(row.agencyId) });
      const want = expected.get(key) ?? 0;
      if (want !== integer(row.value)) differences.push(`${key}: rollup ${integer(row.value)}, records ${want}`);
      expected.delete(key);
    }
    for (const [key, want] of expected) differences.push(`${key}: rollup missing, records ${want}`);
    return differences.sort();
  }

  private async rawRollup(manager: EntityManager, measures: readonly Measure[]): Promise<RollupRow[]> {
    const rows: RollupRow[] = [];
    for (const measure of measures) appendAll(rows, rollupRowsOf(measure, await rawRollupQuery(manager, measure).getRawMany<Row>()));
    return rows;
  }

  /**
   * Lasting records meeting the span, grouped by requested region. A record
   * counts in every bucket it overlaps, so each bucket is a column of its own
   * (one row per region) rather than a group.
   */
  private lastingQuery(source: MeasureSource, measures: readonly Measure[], regionIds: readonly string[], buckets: readonly DateRange[]) {
    const query = this.scoped(source, regionIds).andWhere(`${source.date} <= :spanTo AND ${source.endDate} >= :spanFrom`, spanOf(buckets));
    buckets.forEach((bucket, b) => query.setParameters({ [`bucketFrom${b}`]: bucket.from, [`bucketTo${b}`]: bucket.to }));
    measures.forEach((measure, m) => {
      const condition = measure.condition ? ` AND (${measure.condition})` : '';
      buckets.forEach((_, b) =>
        query.addSelect(
          `SUM(CASE WHEN ${source.date} <= :bucketTo${b} AND ${source.endDate} >= :bucketFrom${b}${condition} THEN ${measure.value} ELSE 0 END)`,
          `m${m}_${b}`,
        ),
      );
      if (measure.parameters) query.setParameters(measure.parameters);
    });
    return query;
  }

  private scoped(source: MeasureSource, regionIds: readonly string[]): SelectQueryBuilder<ObjectLiteral> {
    return source
      .rows(this.dataSource.manager)
      .innerJoin(RegionScope, 'scope', `scope.regionId = ${source.region}`)
      .select('scope.scopeRegionId', 'regionId')
      .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
      .groupBy('scope.scopeRegionId');
  }
}

/** The first and last day of some periods, in any order. */
function spanOf(periods: readonly DateRange[]): { spanFrom: string; spanTo: string } {
  let spanFrom = periods[0].from;
  let spanTo = periods[0].to;
  for (const period of periods) {
    if (period.from < spanFrom) spanFrom = period.from;
    if (period.to > spanTo) spanTo = period.to;
  }
  return { spanFrom, spanTo };
}

/**
 * Adds the index of the bucket a record's date falls in, selected and grouped
 * as `bucket`. The buckets are contiguous and in order, so a date's bucket is
 * the last one starting on or before it: a CASE over the start dates, latest
 * first. Rows outside the buckets must already be filtered out.
 */
function inBuckets<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, dateColumn: string, buckets: readonly DateRange[]): SelectQueryBuilder<T> {
  const parameters: Record<string, string> = {};
  const branches: string[] = [];
  for (let index = buckets.length - 1; index > 0; index -= 1) {
    parameters[`bucketStart${index}`] = buckets[index].from;
    branches.push(`WHEN ${dateColumn} >= :bucketStart${index} THEN ${index}`);
  }
  // A single bucket is the whole period: nothing more to group by (and SQLite refuses to group by a constant).
  if (branches.length === 0) return query.addSelect('0', 'bucket');
  return query
    .addSelect(`CASE ${branches.join(' ')} ELSE 0 END`, 'bucket')
    .addGroupBy('bucket')
    .setParameters(parameters);
}

function rollupRowsOf(measure: Measure, rows: readonly Row[]): RollupRow[] {
  return rows
    .map((row) => ({
      measure: measure.name,
      regionId: String(row.regionId),
      day: dayOf(row.day),
      agencyId: String(row.agencyId ?? ''),
      value: integer(row.value),
    }))
    .filter((row) => row.value !== 0);
}

/** How many record ids one contribution query names. */
const IDS_PER_STATEMENT = 5_000;

/**
 * Runs `write`, which inserts or changes the records named by `ids`
 * (`existing`: they are there before it, and it changes them; else it inserts
 * them), inside the writer's transaction (`manager`), and moves every day
 * rollup of `sources` by exactly what it changed: what those records
 * contributed before (read first, when they exist) subtracted, what they
 * contribute after it added, with one `value = value + delta` upsert per key.
 * This is the one way a write keeps the rollups. A record read by several
 * sources (a referral counted on the day it is referred and on the day it is
 * admitted) names them all, so each of its days moves. A mutation is a batch
 * of one, an import batch thousands: the same few statements per source
 * either way, never a recount of the day. The measures' versions are bumped
 * once, so cached answers are not used again.
 *
 * `contributions`: what the records contribute after the write, per measure,
 * county, day and agency, as the writer computed them from the rows it holds
 * (an import's batch of new records), instead of read back with one grouped
 * query per source. The writer must compute exactly what the measures'
 * queries give (`npm run rollups -- --check` compares the rollups with them).
 */
export async function changeRollups<T>(
  manager: EntityManager,
  set: MeasureSet,
  change: { sources: readonly MeasureSource[]; ids: readonly string[]; existing: boolean; contributions?: readonly RollupRow[] },
  write: () => Promise<T>,
): Promise<T> {
  const bySource = change.sources.map((source) => rolledUp(set.measures).filter((measure) => measure.source === source));
  const ids = [...new Set(change.ids)];
  if (ids.length === 0) return write();
  const contributions = async () => {
    const rows: RollupRow[] = [];
    for (const measures of bySource) appendAll(rows, await contributionsOf(manager, measures, ids));
    return rows;
  };
  const before = change.existing ? await contributions() : [];
  const written = await write();
  const after = change.contributions ?? (await contributions());
  const deltas = new Map<string, RollupRow>();
  const add = (row: RollupRow, sign: number) => {
    const key = rollupKeyString(row);
    const delta = deltas.get(key);
    if (delta) delta.value += sign * row.value;
    else deltas.set(key, { ...row, value: sign * row.value });
  };
  for (const row of before) add(row, -1);
  for (const row of after) add(row, 1);
  await addToRollups(
    manager,
    [...deltas]
      .filter(([, row]) => row.value !== 0)
      .sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0))
      .map(([, row]) => row),
  );
  await bumpVersions(manager, set.measures);
  return written;
}

/**
 * What these records of one source contribute to each of its day measures,
 * per county, day and agency: one grouped query per chunk of ids for all the
 * measures (a measure's condition a CASE, each counting agency a group).
 */
async function contributionsOf(manager: EntityManager, measures: readonly Measure[], ids: readonly string[]): Promise<RollupRow[]> {
  if (measures.length === 0) return [];
  const { source } = measures[0];
  if (!source.id) throw new Error(`measure source ${source.name} has day measures but names no id column`);
  const agencies = [...new Set(measures.flatMap((measure) => (measure.individuals ? [measure.individuals.agency] : [])))];
  const rows: RollupRow[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
    const chunk = ids.slice(start, start + IDS_PER_STATEMENT);
    const query = source
      .rows(manager, chunk)
      .select(source.region, 'regionId')
      .addSelect(source.date, 'day')
      .where(`${source.date} IS NOT NULL`)
      .andWhere(`${source.id} IN (:...recordIds)`, { recordIds: chunk })
      .groupBy(source.region)
      .addGroupBy(source.date);
    agencies.forEach((agency, a) => query.addSelect(agency, `agency${a}`).addGroupBy(agency));
    measures.forEach((measure, m) => {
      query.addSelect(`SUM(${measure.condition ? `CASE WHEN ${measure.condition} THEN ${measure.value} ELSE 0 END` : measure.value})`, `m${m}`);
      if (measure.parameters) query.setParameters(measure.parameters);
    });
    for (const row of await query.getRawMany<Row>()) {
      measures.forEach((measure, m) => {
        const value = integer(row[`m${m}`]);
        if (value === 0) return;
        const agencyId = measure.individuals ? String(row[`agency${agencies.indexOf(measure.individuals.agency)}`] ?? '') : '';
        rows.push({ measure: measure.name, regionId: String(row.regionId), day: dayOf(row.day), agencyId, value });
      });
    }
  }
  return rows;
}

/**
 * Adds each row's value to its rollup row (created at that value when absent),
 * in key order so that concurrent writers lock rows in the same order; rows
 * that fall to zero are removed, as a rebuild would not have them.
 */
async function addToRollups(manager: EntityManager, deltas: readonly RollupRow[]): Promise<void> {
  if (deltas.length === 0) return;
  const escape = (name: string) => manager.connection.driver.escape(name);
  const mysql = ['mysql', 'mariadb'].includes(manager.connection.options.type);
  const columns = ['measure', 'region_id', 'day', 'agency_id', 'value'].map(escape).join(', ');
  const value = escape('value');
  const upsert = mysql
    ? `ON DUPLICATE KEY UPDATE ${value} = ${value} + VALUES(${value})`
    : `ON CONFLICT (${['measure', 'region_id', 'day', 'agency_id'].map(escape).join(', ')}) DO UPDATE SET ${value} = ${value} + excluded.${value}`;
  for (let start = 0; start < deltas.length; start += ROWS_PER_INSERT) {
    const chunk = deltas.slice(start, start + ROWS_PER_INSERT);
    await manager.query(
      `INSERT INTO ${escape('stat_rollup')} (${columns}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')} ${upsert}`,
      chunk.flatMap((row) => [row.measure, row.regionId, row.day, row.agencyId, row.value]),
    );
  }
  const lowered = deltas.filter((row) => row.value < 0);
  for (let start = 0; start < lowered.length; start += KEYS_PER_STATEMENT) {
    const chunk = lowered.slice(start, start + KEYS_PER_STATEMENT);
    await manager.query(
      `DELETE FROM ${escape('stat_rollup')} WHERE ${value} = 0 AND (${chunk
        .map(() => `(${['measure', 'region_id', 'day', 'agency_id'].map((column) => `${escape(column)} = ?`).join(' AND ')})`)
        .join(' OR ')})`,
      chunk.flatMap((row) => [row.measure, row.regionId, row.day, row.agencyId]),
    );
  }
}

/**
 * Writes the rollup rows (per county, day and contributing agency, non-zero
 * values only) of measures that read one source and count by one agency
 * column (or none) from the raw rows with one INSERT … SELECT: the records
 * are read and grouped once for all of them (a measure's condition a CASE),
 * each group then gives one row per measure, and the rows never reach the
 * process. For rebuilds only (a seed, `rollups --rebuild`): it locks the
 * records it reads until the transaction ends.
 */
async function insertRollupsOf(manager: EntityManager, measures: readonly Measure[]): Promise<void> {
  const { source, individuals } = measures[0];
  const day = `SUBSTR(CAST(${source.date} AS CHAR), 1, 10)`;
  const agency = individuals ? `COALESCE(${individuals.agency}, '')` : "''";
  const query = source
    .rows(manager)
    .select(source.region, 'regionId')
    .addSelect(day, 'day')
    .addSelect(agency, 'agencyId')
    .where(`${source.date} IS NOT NULL`)
    .groupBy(source.region)
    .addGroupBy(day)
    .addGroupBy(agency);
  measures.forEach((measure, m) => {
    query.addSelect(`SUM(${measure.condition ? `CASE WHEN ${measure.condition} THEN ${measure.value} ELSE 0 END` : measure.value})`, `m${m}`);
    if (measure.parameters) query.setParameters(measure.parameters);
  });
  const [select, parameters] = query.getQueryAndParameters();
  const escape = (name: string) => manager.connection.driver.escape(name);
  const columns = ['measure', 'region_id', 'day', 'agency_id', 'value'].map(escape).join(', ');
  // One row per measure (its position and name) to pair with every group; the builder may order its select list as it likes, so the outer SELECT names each column.
  const names = measures.map((_, m) => `SELECT ${m} AS ${escape('position')}, ? AS ${escape('name')}`).join(' UNION ALL ');
  const value = `CASE picked.${escape('position')} ${measures.map((_, m) => `WHEN ${m} THEN grouped.${escape(`m${m}`)}`).join(' ')} END`;
  const picked = ['regionId', 'day', 'agencyId'].map((alias) => `grouped.${escape(alias)}`).join(', ');
  // Measure by measure, each in its groups' order (SQLite keeps a CROSS JOIN's order): the primary key's order.
  await manager.query(
    `INSERT INTO ${escape('stat_rollup')} (${columns}) SELECT picked.${escape('name')}, ${picked}, ${value} ` +
      `FROM (${names}) picked CROSS JOIN (${select}) grouped WHERE ${value} <> 0`,
    [...measures.map((measure) => measure.name), ...parameters],
  );
}

/** A measure's value per county, day and contributing agency, from the raw rows. */
function rawRollupQuery(manager: EntityManager, measure: Measure): SelectQueryBuilder<ObjectLiteral> {
  const { source } = measure;
  const query = source
    .rows(manager)
    .select(source.region, 'regionId')
    .addSelect(source.date, 'day')
    .addSelect(measure.individuals ? measure.individuals.agency : "''", 'agencyId')
    .addSelect(`SUM(${measure.value})`, 'value')
    .where(`${source.date} IS NOT NULL`)
    .groupBy(source.region)
    .addGroupBy(source.date);
  if (measure.individuals) query.addGroupBy(measure.individuals.agency);
  if (measure.condition) query.andWhere(measure.condition, measure.parameters);
  return query;
}

/**
 * Gives every measure of `measures` a fresh version inside the writer's
 * transaction: cached answers computed from the old rollup are not used again.
 */
export async function bumpVersions(manager: EntityManager, measures: readonly Measure[]): Promise<void> {
  if (measures.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(StatVersion)
    .values(measures.map((measure) => ({ measure: measure.name, version: randomUUID() })))
    .orUpdate(['version'], ['measure'])
    .updateEntity(false)
    .execute();
}
