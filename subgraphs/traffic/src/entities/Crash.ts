import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One reported road crash. Severity, fatalities and injuries are derived from
 * its persons (see crashOutcome.ts) and kept on the row so that statistics are
 * plain grouped sums over crashes.
 */
@Entity({ name: 'crash' })
export class Crash {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt: Date;

  /** The calendar date in Iran (UTC+03:30) on which it happened: what periods filter on. `utc` because mysql2 reads a DATE as UTC midnight. */
  @Index()
  @Column({ name: 'occurred_on', type: 'date', utc: true })
  occurredOn: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  severity: string;

  @Column({ type: 'integer' })
  fatalities: number;

  @Column({ type: 'integer' })
  injuries: number;

  /** Not indexed: no query filters by it (FewerCrashIndexes). */
  @Column({ name: 'reported_by_id', type: 'varchar', length: 36 })
  reportedById: string;

  @Column({ name: 'road_type', type: 'varchar', length: 16 })
  roadType: string;

  /**
   * 1 as reported, one more with each amendment (the earlier versions are kept
   * in crash_revision). An amendment updates the row only if it is still at the
   * version it read, so two corrections at once cannot both win.
   */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /**
   * How an import finds the crash again: the key derived from agency, source
   * and external id (importedId); null for a crash reported through the API.
   * Imported crashes get time-ordered ids (so that the primary key and the
   * indexes ending with it grow at their end); crashes imported before that
   * kept their derived id, which is also their key.
   */
  @Index({ unique: true })
  @Column({ name: 'import_key', type: 'varchar', length: 36, nullable: true })
  importKey: string | null;
}
