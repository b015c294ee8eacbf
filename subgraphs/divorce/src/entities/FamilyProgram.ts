import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'family_program' })
export class FamilyProgram {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'title_fa', type: 'varchar', length: 200 })
  titleFa: string;

  /** PREMARITAL_EDUCATION, PARENTING, COUPLES_WORKSHOP or FAMILY_LIFE_SKILLS. */
  @Index()
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Index()
  @Column({ name: 'lead_agency_id', type: 'varchar', length: 36 })
  leadAgencyId: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'integer' })
  participants: number;
}
