import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'region' })
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'name_fa', type: 'varchar', length: 200 })
  nameFa: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Index()
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'integer', nullable: true })
  population: number | null;
}
