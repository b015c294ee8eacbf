import { In, type DataSource, type EntityManager } from 'typeorm';
import { Target } from '../entities';

export class TargetStore {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Target[]> {
    return manager.getRepository(Target).findBy({ id: In([...ids]) });
  }

  /** Earlier periods first, then by kind and metric. */
  findByAgreementIds(agreementIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Target[]> {
    return manager.getRepository(Target).find({
      where: { agreementId: In([...agreementIds]) },
      order: { periodFrom: 'ASC', kind: 'ASC', metric: 'ASC', regionId: 'ASC' },
    });
  }

  /** Rewrites a target (an import's correction). */
  async correct(manager: EntityManager, target: Target): Promise<void> {
    const { id, ...change } = target;
    await manager.getRepository(Target).update({ id }, change);
  }

  async insert(manager: EntityManager, target: Target): Promise<void> {
    await manager.getRepository(Target).insert(target);
  }
}
