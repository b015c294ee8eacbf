import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The person is kept only as a keyed pseudonym, so that repeat referrals of the
 * same person can be linked without the store ever holding who they are. The
 * pseudonym is never exposed in the schema.
 */
@Entity({ name: 'treatment_referral' })
export class TreatmentReferral {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'subject_pseudonym', type: 'varchar', length: 64 })
  subjectPseudonym: string;

  @Index()
  @Column({ name: 'referred_on', type: 'date', utc: true })
  referredOn: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Index()
  @Column({ name: 'from_agency_id', type: 'varchar', length: 36 })
  fromAgencyId: string;

  @Index()
  @Column({ name: 'to_agency_id', type: 'varchar', length: 36 })
  toAgencyId: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Index()
  @Column({ name: 'admitted_on', type: 'date', nullable: true, utc: true })
  admittedOn: string | null;
}
