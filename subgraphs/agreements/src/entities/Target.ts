import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A measurable MOU target. `kind` says which subgraph computes its actual
 * (TRAFFIC, PREVENTION or FAMILY: TrafficTarget, PreventionTarget, FamilyTarget).
 */
@Entity({ name: 'target' })
export class Target {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'varchar', length: 64 })
  metric: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ type: 'double' })
  baseline: number;

  @Column({ type: 'double' })
  target: number;

  @Column({ type: 'varchar', length: 16 })
  direction: string;
}
