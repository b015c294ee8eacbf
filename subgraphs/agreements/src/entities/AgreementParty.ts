import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An agency's signature on an MOU. The lead agency is always a party too, with
 * role LEAD. An agency signs an MOU once: the unique pair turns two concurrent
 * addParty calls for the same agency into one party and a CONFLICT.
 */
@Entity({ name: 'agreement_party' })
@Index(['agreementId', 'agencyId'], { unique: true })
export class AgreementParty {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId: string;

  @Index()
  @Column({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  /** Order of signature, the lead first. */
  @Column({ type: 'integer' })
  position: number;
}
