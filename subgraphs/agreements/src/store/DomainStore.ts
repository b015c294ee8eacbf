import { In, type DataSource } from 'typeorm';
import { AgreementDomain } from '../entities';

export class DomainStore {
  constructor(private readonly dataSource: DataSource) {}

  findByAgreementIds(agreementIds: readonly string[]): Promise<AgreementDomain[]> {
    return this.dataSource.getRepository(AgreementDomain).findBy({ agreementId: In([...agreementIds]) });
  }
}
