import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What one party undertakes. `agreementId` repeats the party's agreement so
 * that all commitments of a page of MOUs load in one query keyed by MOU
 * (there are far fewer MOUs per page than parties).
 */
@Entity({ name: 'commitment' })
export class Commitment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'party_id', type: 'varchar', length: 36 })
  partyId: string;

  @Index()
  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ name: 'description_fa', type: 'varchar', length: 500 })
  descriptionFa: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'integer' })
  position: number;
}
