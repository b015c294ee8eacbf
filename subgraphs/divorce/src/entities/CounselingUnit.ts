import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'counseling_unit' })
export class CounselingUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The host agency's code prefixed with `CU-`: one unit per host. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'name_fa', type: 'varchar', length: 200 })
  nameFa: string;

  @Index()
  @Column({ name: 'host_agency_id', type: 'varchar', length: 36 })
  hostAgencyId: string;

  /** POLICE or WELFARE: the kind of the host agency, kept for reports by kind of unit. */
  @Index()
  @Column({ name: 'host_kind', type: 'varchar', length: 32 })
  hostKind: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;
}
