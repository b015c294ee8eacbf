import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'violation' })
export class Violation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt: Date;

  /** The calendar date in Iran (UTC+03:30): what periods filter on. `utc` because mysql2 reads a DATE as UTC midnight. */
  @Index()
  @Column({ name: 'occurred_on', type: 'date', utc: true })
  occurredOn: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Index()
  @Column({ name: 'recorded_by_id', type: 'varchar', length: 36 })
  recordedById: string;
}
