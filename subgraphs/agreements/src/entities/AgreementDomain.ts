import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { SafetyDomain } from '../domains';

/** The safety domains an MOU covers, one row each, so that filtering by domain is a plain indexed lookup. */
@Entity({ name: 'agreement_domain' })
export class AgreementDomain {
  @PrimaryColumn({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 16 })
  domain: SafetyDomain;
}
