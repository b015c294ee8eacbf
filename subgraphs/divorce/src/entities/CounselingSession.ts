import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'counseling_session' })
export class CounselingSession {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** The case's unit, copied here so that visibility checks and unit figures need no join through the case. */
  @Index()
  @Column({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId: string;

  /** The unit's county, copied here so that regional figures are one join with region_scope. */
  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Index()
  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  /** IN_PERSON, PHONE or ONLINE. */
  @Column({ type: 'varchar', length: 16 })
  mode: string;

  @Index()
  @Column({ type: 'boolean' })
  free: boolean;

  /** The agency that recorded the session through the API (the unit's host); null for older sessions. */
  @Column({ name: 'recorded_by_agency_id', type: 'varchar', length: 36, nullable: true })
  recordedByAgencyId: string | null;
}
