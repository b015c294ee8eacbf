import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PartyStatus } from '../partyStatus';

/**
 * An agency's signature on an MOU. The lead agency is always a party too, with
 * role LEAD. An agency signs an MOU once: the unique pair turns two concurrent
 * addParty calls for the same agency into one party and a CONFLICT. A party
 * other than the lead has agreed to nothing until it accepts.
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

  /**
   * PENDING until the agency itself accepts (../partyStatus.ts). The default
   * fails closed: a row written without a status binds nobody.
   */
  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: PartyStatus;

  /** When the agency accepted; null while pending, and for parties recorded before acceptances were. */
  @Column({ name: 'accepted_at', type: 'datetime', nullable: true })
  acceptedAt: Date | null;
}
