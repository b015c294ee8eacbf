import type { DataSource } from 'typeorm';
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
