import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'agency' })
export class Agency {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'name_fa', type: 'varchar', length: 200 })
  nameFa: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Index()
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;
}
