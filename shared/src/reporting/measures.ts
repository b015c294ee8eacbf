import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * What the statistics engine counts, declared by each domain subgraph (in its
 * store/ folder, since declarations hold SQL fragments). A subgraph declares
 * only its measures; the engine does the batching over regions, the buckets,
 * the region scope, suppression and target actuals the same way for all.
 */

/**
 * The rows a group of measures is read from: one query per source however
 * many of its measures a request asks. Records keep their county in
 * `region`; the engine joins the region closure table on it.
 */
export interface MeasureSource {
  /** Unique within the subgraph; names the query in logs and tests. */
  name: string;
  /**
   * The FROM clause with its joins (never a WHERE: conditions belong to
   * measures); `manager` may be a transaction's. With `ids` (bound as
   * `:...recordIds`), only those records are wanted: a derived table may then
   * read only theirs (the engine itself restricts `id` to them).
   */
  rows: (manager: EntityManager, ids?: readonly string[]) => SelectQueryBuilder<ObjectLiteral>;
  /**
   * The record's id column, e.g. `crash.id`: a write moves the day rollups by
   * what the records it writes contribute (changeRollups). Every source with
   * day measures has one. Two sources may read the same records by different
   * dates (a referral referred on one day, admitted on another): a write of
   * such records names both sources.
   */
  id?: string;
  /** The date column that puts a record in a period, e.g. `crash.occurredOn`. */
  date: string;
  /** The county column, e.g. `crash.regionId`. */
  region: string;
  /**
   * For records that last (a programme running from `date` to `endDate`):
   * a record counts in every period or bucket it overlaps, not in one. Such
   * measures have no day rollup: they are read from their (few) raw rows.
   */
  endDate?: string;
}

export interface Measure {
  /** The field name in the subgraph's stats type (e.g. `fatalities`). */
  name: string;
  source: MeasureSource;
  /** SQL summed over the matching records: `1` counts them. */
  value: string;
  /** SQL condition a record must meet, with its named parameters (unique across the subgraph's measures). */
  condition?: string;
  parameters?: Record<string, unknown>;
  /**
   * Set for counts of individuals: published only for whole Solar Hijri units
   * through the suppression table, built from per county × Solar month ×
   * `agency` contributions (the column of the agency that recorded the record).
   */
  individuals?: { agency: string };
}

/** A subgraph's measures and the MOU target metrics they answer. */
export interface MeasureSet {
  measures: readonly Measure[];
  /** Target metric code → measure name (e.g. ROAD_DEATHS → fatalities). */
  targets: Readonly<Record<string, string>>;
}
