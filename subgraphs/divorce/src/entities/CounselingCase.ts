import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'counseling_case' })
export class CounselingCase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId: string;

  /** The unit's county, copied here so that regional figures need no join through the unit. */
  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  /**
   * A keyed hash standing for the person (never a national id or a name), so
   * that repeat cases of one family can be linked without knowing who it is.
   * Never exposed through the API.
   */
  @Index()
  @Column({ name: 'subject_pseudonym', type: 'varchar', length: 64 })
  subjectPseudonym: string;

  @Index()
  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  /** OPEN or CLOSED. */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** Free text of up to 200 characters, Persian or English (a seeded case holds a topic code). */
  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @Index()
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  /** RECONCILED, DIVORCED, REFERRED or WITHDRAWN once closed. */
  @Index()
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: string | null;

  /**
   * The agency that opened the case through the API (always the unit's host);
   * null for cases that came from before the write side existed.
   */
  @Column({ name: 'recorded_by_agency_id', type: 'varchar', length: 36, nullable: true })
  recordedByAgencyId: string | null;
}
