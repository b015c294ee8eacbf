import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One MOU. `status` is what was recorded; the status the API shows is derived
 * from it and `endsOn` in ../status.ts.
 */
@Entity({ name: 'agreement' })
export class Agreement {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'title_fa', type: 'varchar', length: 300 })
  titleFa: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Index()
  @Column({ name: 'lead_agency_id', type: 'varchar', length: 36 })
  leadAgencyId: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn: string | null;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Index()
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;
}
