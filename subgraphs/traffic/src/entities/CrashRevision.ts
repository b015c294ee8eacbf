import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A crash as it stood before an amendment: the values of that version, its
 * persons as a JSON snapshot, and who replaced it, when and why. Corrections
 * never erase what was reported; statistics count only the current version
 * (the crash row).
 */
@Entity({ name: 'crash_revision' })
// One row per superseded version of a crash; the index also serves lookups by crash (its first column).
@Index(['crashId', 'version'], { unique: true })
export class CrashRevision {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'crash_id', type: 'varchar', length: 36 })
  crashId: string;

  /** The version these values were (the crash went on to version + 1). */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'amended_at', type: 'datetime' })
  amendedAt: Date;

  @Index()
  @Column({ name: 'amended_by_id', type: 'varchar', length: 36 })
  amendedById: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt: Date;

  @Column({ name: 'occurred_on', type: 'date', utc: true })
  occurredOn: string;

  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Column({ name: 'road_type', type: 'varchar', length: 16 })
  roadType: string;

  @Column({ type: 'varchar', length: 32 })
  severity: string;

  @Column({ type: 'integer' })
  fatalities: number;

  @Column({ type: 'integer' })
  injuries: number;

  /** The persons of that version, in order: `[{ id, role, injury, faultStatus, ageBand }]`. */
  @Column({ type: 'text' })
  persons: string;
}
