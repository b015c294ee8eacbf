import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RegionScope } from '../db/regionScope';
import type { DateRange } from '../period';
import type { Measure, MeasureSource } from './measures';
import type { Contribution } from './suppression';

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

  /**
   * Every measure for every region in each of `buckets` (contiguous, in order,
   * as bucketsOf gives them; a plain period is one bucket): one query per
   * source, a region or bucket without records giving zeros.
   */
  async figures(measures: readonly Measure[], regionIds: readonly string[], buckets: readonly DateRange[]): Promise<FiguresByMeasure> {
    const figures: FiguresByMeasure = new Map(measures.map((measure) => [measure.name, new Map(regionIds.map((id) => [id, buckets.map(() => 0)]))]));
    if (regionIds.length === 0 || buckets.length === 0) return figures;
    const bySource = new Map<MeasureSource, Measure[]>();
    for (const measure of measures) bySource.set(measure.source, [...(bySource.get(measure.source) ?? []), measure]);
    await Promise.all(
      [...bySource].map(async ([source, ofSource]) => {
        if (source.endDate) {
          const rows = await this.lastingQuery(source, ofSource, regionIds, buckets).getRawMany<Row>();
          for (const row of rows) {
            ofSource.forEach((measure, m) => {
              const values = figures.get(measure.name)!.get(String(row.regionId))!;
              buckets.forEach((_, b) => (values[b] = integer(row[`m${m}_${b}`])));
            });
          }
          return;
        }
        const rows = await this.pointQuery(source, ofSource, regionIds, buckets).getRawMany<Row>();
        for (const row of rows) {
          ofSource.forEach((measure, m) => (figures.get(measure.name)!.get(String(row.regionId))![integer(row.bucket)] = integer(row[`m${m}`])));
        }
      }),
    );
    return figures;
  }

  /**
   * The records of a count of individuals behind one table: per county, month
   * (1-12, of `months`, the 12 months of the year in order) and contributing
   * agency. Records keep their county, so no closure join is needed.
   */
  async contributions(measure: Measure, months: readonly DateRange[]): Promise<Contribution[]> {
    if (!measure.individuals) throw new Error(`measure ${measure.name} counts no individuals`);
    const { source } = measure;
    const query = source
      .rows(this.dataSource)
      .select(source.region, 'regionId')
      .addSelect(measure.individuals.agency, 'agencyId')
      .addSelect(`SUM(${measure.value})`, 'count')
      .where(`${source.date} BETWEEN :spanFrom AND :spanTo`, { spanFrom: months[0].from, spanTo: months[months.length - 1].to })
      .groupBy(source.region)
      .addGroupBy(measure.individuals.agency);
    if (measure.condition) query.andWhere(measure.condition, measure.parameters);
    const rows = await inBuckets(query, source.date, months).getRawMany<Row>();
    return rows
      .map((row) => ({ regionId: String(row.regionId), agencyId: String(row.agencyId), month: integer(row.bucket) + 1, count: integer(row.count) }))
      .filter((contribution) => contribution.count !== 0);
  }

  /** Records dated in the buckets' span, grouped by requested region and bucket. */
  private pointQuery(source: MeasureSource, measures: readonly Measure[], regionIds: readonly string[], buckets: readonly DateRange[]) {
    const query = this.scoped(source, regionIds).andWhere(`${source.date} BETWEEN :spanFrom AND :spanTo`, {
      spanFrom: buckets[0].from,
      spanTo: buckets[buckets.length - 1].to,
    });
    measures.forEach((measure, m) => {
      query.addSelect(measure.condition ? `SUM(CASE WHEN ${measure.condition} THEN ${measure.value} ELSE 0 END)` : `SUM(${measure.value})`, `m${m}`);
      if (measure.parameters) query.setParameters(measure.parameters);
    });
    return inBuckets(query, source.date, buckets);
  }

  /**
   * Lasting records meeting the span, grouped by requested region. A record
   * counts in every bucket it overlaps, so each bucket is a column of its own
   * (one row per region) rather than a group.
   */
  private lastingQuery(source: MeasureSource, measures: readonly Measure[], regionIds: readonly string[], buckets: readonly DateRange[]) {
    const query = this.scoped(source, regionIds).andWhere(`${source.date} <= :spanTo AND ${source.endDate} >= :spanFrom`, {
      spanFrom: buckets[0].from,
      spanTo: buckets[buckets.length - 1].to,
    });
    buckets.forEach((bucket, b) => query.setParameters({ [`bucketFrom${b}`]: bucket.from, [`bucketTo${b}`]: bucket.to }));
    measures.forEach((measure, m) => {
      const condition = measure.condition ? ` AND (${measure.condition})` : '';
      buckets.forEach((_, b) =>
        query.addSelect(`SUM(CASE WHEN ${source.date} <= :bucketTo${b} AND ${source.endDate} >= :bucketFrom${b}${condition} THEN ${measure.value} ELSE 0 END)`, `m${m}_${b}`),
      );
      if (measure.parameters) query.setParameters(measure.parameters);
    });
    return query;
  }

  private scoped(source: MeasureSource, regionIds: readonly string[]): SelectQueryBuilder<ObjectLiteral> {
    return source
      .rows(this.dataSource)
      .innerJoin(RegionScope, 'scope', `scope.regionId = ${source.region}`)
      .select('scope.scopeRegionId', 'regionId')
      .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
      .groupBy('scope.scopeRegionId');
  }
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
  return query.addSelect(`CASE ${branches.join(' ')} ELSE 0 END`, 'bucket').addGroupBy('bucket').setParameters(parameters);
}
