import { In, type DataSource, type EntityManager } from 'typeorm';
import { AgreementDomain } from '../entities';

export class DomainStore {
  constructor(private readonly dataSource: DataSource) {}

  findByAgreementIds(agreementIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<AgreementDomain[]> {
    return manager.getRepository(AgreementDomain).findBy({ agreementId: In([...agreementIds]) });
  }

  async insert(manager: EntityManager, domains: AgreementDomain[]): Promise<void> {
    await manager.getRepository(AgreementDomain).insert(domains);
  }
}
