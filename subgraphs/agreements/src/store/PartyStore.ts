import { In, type DataSource, type EntityManager } from 'typeorm';
import { AgreementParty, Commitment } from '../entities';

export class PartyStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Parties in order of signature, the lead first. */
  findByAgreementIds(agreementIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<AgreementParty[]> {
    return manager.getRepository(AgreementParty).find({ where: { agreementId: In([...agreementIds]) }, order: { agreementId: 'ASC', position: 'ASC' } });
  }

  findCommitmentsByAgreementIds(agreementIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Commitment[]> {
    return manager.getRepository(Commitment).find({ where: { agreementId: In([...agreementIds]) }, order: { partyId: 'ASC', position: 'ASC' } });
  }

  /** The position after the party's last commitment (0 for the first). */
  async nextCommitmentPosition(manager: EntityManager, partyId: string): Promise<number> {
    const row = await manager
      .createQueryBuilder()
      .select('MAX(existing.position)', 'last')
      .from(Commitment, 'existing')
      .where('existing.partyId = :partyId', { partyId })
      .getRawOne<{ last: number | string | null }>();
    return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
  }

  async insert(manager: EntityManager, party: AgreementParty): Promise<void> {
    await manager.getRepository(AgreementParty).insert(party);
  }

  /** Records a pending party's acceptance; a party already accepted keeps its first acceptance time. */
  async accept(manager: EntityManager, partyId: string, at: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(AgreementParty)
      .set({ status: 'ACCEPTED', acceptedAt: at })
      .where('id = :partyId AND status = :pending', { partyId, pending: 'PENDING' })
      .execute();
  }

  /** A party's role changed by the lead (an import's correction). */
  async changeRole(manager: EntityManager, partyId: string, role: string): Promise<void> {
    await manager.getRepository(AgreementParty).update({ id: partyId }, { role });
  }

  /** The parties of these MOUs that are these agencies (an import's natural keys), whatever their role. */
  findByAgreementAndAgencyIds(agreementIds: readonly string[], agencyIds: readonly string[]): Promise<AgreementParty[]> {
    if (agreementIds.length === 0 || agencyIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(AgreementParty).findBy({ agreementId: In([...agreementIds]), agencyId: In([...agencyIds]) });
  }

  async insertCommitment(manager: EntityManager, commitment: Commitment): Promise<void> {
    await manager.getRepository(Commitment).insert(commitment);
  }
}
