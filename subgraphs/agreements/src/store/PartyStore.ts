import { In, type DataSource } from 'typeorm';
import { AgreementParty, Commitment } from '../entities';

export class PartyStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Parties in order of signature, the lead first. */
  findByAgreementIds(agreementIds: readonly string[]): Promise<AgreementParty[]> {
    return this.dataSource
      .getRepository(AgreementParty)
      .find({ where: { agreementId: In([...agreementIds]) }, order: { agreementId: 'ASC', position: 'ASC' } });
  }

  findCommitmentsByAgreementIds(agreementIds: readonly string[]): Promise<Commitment[]> {
    return this.dataSource
      .getRepository(Commitment)
      .find({ where: { agreementId: In([...agreementIds]) }, order: { partyId: 'ASC', position: 'ASC' } });
  }
}
