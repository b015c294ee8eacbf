import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'program_session' })
export class ProgramSession {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'program_id', type: 'varchar', length: 36 })
  programId: string;

  @Index()
  @Column({ name: 'held_on', type: 'date', utc: true })
  heldOn: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Column({ type: 'integer' })
  attendance: number;

  @Column({ name: 'recorded_by_agency_id', type: 'varchar', length: 36 })
  recordedByAgencyId: string;
}
