import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person involved in a crash, described (role, injury, fault, age band), never identified. */
@Entity({ name: 'crash_person' })
export class CrashPerson {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'crash_id', type: 'varchar', length: 36 })
  crashId: string;

  /** Order within the crash report, so persons always come back in the order reported. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  /** Not indexed, nor is faultStatus: a handful of values each, persons are read by crash (FewerCrashIndexes). */
  @Column({ type: 'varchar', length: 1 })
  injury: string;

  @Column({ name: 'fault_status', type: 'varchar', length: 16 })
  faultStatus: string;

  @Column({ name: 'age_band', type: 'varchar', length: 16, nullable: true })
  ageBand: string | null;
}
