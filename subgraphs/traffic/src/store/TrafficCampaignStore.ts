import { existingIdsOf, RegionScope } from '@safety-graph/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { TrafficCampaign } from '../entities';
import { insertRows } from './insertRows';

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

  /** Read in the writing transaction (an import compares with it). */
  findByIdsFor(manager: EntityManager, ids: readonly string[]): Promise<TrafficCampaign[]> {
    return manager.findBy(TrafficCampaign, { id: In([...ids]) });
  }

  /** Which of these campaign ids are taken (an import's records already there). */
  existingIds(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    return existingIdsOf(manager, TrafficCampaign, ids);
  }

  async insert(manager: EntityManager, campaigns: TrafficCampaign[]): Promise<void> {
    await insertRows(manager, TrafficCampaign, campaigns);
  }

  /** Rewrites a campaign's facts (a correction). */
  async correct(manager: EntityManager, id: string, change: Omit<TrafficCampaign, 'id'>): Promise<void> {
    await manager.update(TrafficCampaign, { id }, change);
  }
}
