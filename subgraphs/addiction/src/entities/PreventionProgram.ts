import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Dates are `utc` because the MySQL store runs with timezone 'Z': read back with local getters, a
// DATE would shift by a day on a machine west of UTC.
@Entity({ name: 'prevention_program' })
export class PreventionProgram {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'title_fa', type: 'varchar', length: 200 })
  titleFa: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Index()
  @Column({ name: 'agreement_id', type: 'varchar', length: 36, nullable: true })
  agreementId: string | null;

  @Column({ name: 'lead_agency_id', type: 'varchar', length: 36 })
  leadAgencyId: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Column({ name: 'starts_on', type: 'date', utc: true })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', utc: true })
  endsOn: string;
}
