import { RegionScope } from '@safety-graph/shared';
import { In, type DataSource } from 'typeorm';
import { TrafficCampaign } from '../entities';

export class TrafficCampaignStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(TrafficCampaign);
  }

  findByIds(ids: readonly string[]): Promise<TrafficCampaign[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  findByAgreementIds(agreementIds: readonly string[]): Promise<TrafficCampaign[]> {
    return this.repository.find({ where: { agreementId: In([...agreementIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  /** All campaigns, or those in a region and its sub-regions, by start date. */
  list(regionId: string | null | undefined): Promise<TrafficCampaign[]> {
    const query = this.repository.createQueryBuilder('campaign');
    if (regionId) {
      query.innerJoin(RegionScope, 'scope', 'scope.regionId = campaign.regionId AND scope.scopeRegionId = :regionId', { regionId });
    }
    return query.orderBy('campaign.startsOn', 'ASC').addOrderBy('campaign.id', 'ASC').getMany();
  }
}
