import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A public road-safety campaign run under an MOU (the agreement lives in the agreements subgraph). */
@Entity({ name: 'traffic_campaign' })
export class TrafficCampaign {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'title_fa', type: 'varchar', length: 200 })
  titleFa: string;

  @Index()
  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId: string;

  @Index()
  @Column({ name: 'region_id', type: 'varchar', length: 36 })
  regionId: string;

  @Index()
  // utc: mysql2 reads a DATE as UTC midnight; without it a machine west of UTC would move every date a day back.
  @Column({ name: 'starts_on', type: 'date', utc: true })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', utc: true })
  endsOn: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;
}
