import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'liaison' })
export class Liaison {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'name_fa', type: 'varchar', length: 200 })
  nameFa: string;

  @Column({ type: 'varchar', length: 100 })
  role: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;
}
