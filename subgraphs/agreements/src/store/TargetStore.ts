import { In, type DataSource } from 'typeorm';
import { Target } from '../entities';

export class TargetStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Target);
  }

  findByIds(ids: readonly string[]): Promise<Target[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  /** Earlier periods first, then by kind and metric. */
  findByAgreementIds(agreementIds: readonly string[]): Promise<Target[]> {
    return this.repository.find({
      where: { agreementId: In([...agreementIds]) },
      order: { periodFrom: 'ASC', kind: 'ASC', metric: 'ASC', regionId: 'ASC' },
    });
  }
}
