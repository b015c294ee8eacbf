import type { DataSource, EntityManager } from 'typeorm';
import type { Agreement, AgreementDomain, AgreementParty, Commitment, Target } from '../entities';
import { AgreementStore } from './AgreementStore';
import { DomainStore } from './DomainStore';
import { PartyStore } from './PartyStore';
import { TargetStore } from './TargetStore';

export { AgreementStore, DomainStore, PartyStore, TargetStore };

export function createStores(dataSource: DataSource) {
  return {
    agreements: new AgreementStore(dataSource),
    domains: new DomainStore(dataSource),
    parties: new PartyStore(dataSource),
    targets: new TargetStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;

/** An MOU with every relation the API shows, as one transaction sees them. */
export interface WholeAgreement {
  agreement: Agreement;
  domains: AgreementDomain[];
  parties: AgreementParty[];
  commitments: Commitment[];
  targets: Target[];
}

/**
 * Reads an MOU and its relations through `manager`: after a write, in a
 * transaction on the primary, so that the answer shows the write even where
 * plain reads go to a replica that has not caught up.
 */
export async function readWholeAgreement(stores: Stores, manager: EntityManager, id: string): Promise<WholeAgreement | null> {
  const [agreement] = await stores.agreements.findByIds([id], manager);
  if (!agreement) return null;
  const [domains, parties, commitments, targets] = await Promise.all([
    stores.domains.findByAgreementIds([id], manager),
    stores.parties.findByAgreementIds([id], manager),
    stores.parties.findCommitmentsByAgreementIds([id], manager),
    stores.targets.findByAgreementIds([id], manager),
  ]);
  return { agreement, domains, parties, commitments, targets };
}
