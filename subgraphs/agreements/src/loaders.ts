import { loaderByKey, loaderGroupedByKey } from '@safety-graph/shared';
import type { Agreement } from './entities';
import type { AgreementStatus } from './status';
import type { Stores, WholeAgreement } from './store';

/** A parent (agency or region) and the status its `agreements(status:)` field asks for. */
export interface ParentWithStatus {
  id: string;
  status: AgreementStatus | null;
}

export const parentWithStatus = (id: string, status: AgreementStatus | null | undefined): ParentWithStatus => ({ id, status: status ?? null });

interface Found {
  key: ParentWithStatus;
  agreement: Agreement;
}

/**
 * Runs one fetch per distinct status among the keys (in practice one per
 * batch: a query asks for one status), each over all the parents' ids.
 */
function byStatus(fetch: (ids: string[], status: AgreementStatus | null) => Promise<{ parentId: string; agreement: Agreement }[]>) {
  return async (keys: readonly ParentWithStatus[]): Promise<Found[]> => {
    const idsByStatus = new Map<AgreementStatus | null, string[]>();
    for (const key of keys) idsByStatus.set(key.status, [...(idsByStatus.get(key.status) ?? []), key.id]);
    const groups = await Promise.all(
      [...idsByStatus].map(async ([status, ids]) =>
        (await fetch(ids, status)).map(({ parentId, agreement }) => ({ key: parentWithStatus(parentId, status), agreement })),
      ),
    );
    return groups.flat();
  };
}

/** Per-request loaders: every lookup by id or code and every list relation is one batched query. */
export function createLoaders(stores: Stores) {
  return {
    agreementById: loaderByKey(
      (ids: readonly string[]) => stores.agreements.findByIds(ids),
      (agreement) => agreement.id,
    ),
    agreementByCode: loaderByKey(
      (codes: readonly string[]) => stores.agreements.findByCodes(codes),
      (agreement) => agreement.code,
    ),
    domainsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.domains.findByAgreementIds(ids),
      (domain) => domain.agreementId,
    ),
    partiesByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.parties.findByAgreementIds(ids),
      (party) => party.agreementId,
    ),
    // Keyed by MOU, not by party: a page of 500 MOUs has a few thousand parties, more than one batch holds.
    commitmentsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.parties.findCommitmentsByAgreementIds(ids),
      (commitment) => commitment.agreementId,
    ),
    targetsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.targets.findByAgreementIds(ids),
      (target) => target.agreementId,
    ),
    targetById: loaderByKey(
      (ids: readonly string[]) => stores.targets.findByIds(ids),
      (target) => target.id,
    ),
    agreementsByAgency: loaderGroupedByKey(
      byStatus(async (ids, status) =>
        (await stores.agreements.findByAgencyIds(ids, status)).map(({ agencyId, agreement }) => ({ parentId: agencyId, agreement })),
      ),
      (found) => found.key,
    ),
    agreementsByRegion: loaderGroupedByKey(
      byStatus(async (ids, status) => (await stores.agreements.findByRegionIds(ids, status)).map((agreement) => ({ parentId: agreement.regionId, agreement }))),
      (found) => found.key,
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/**
 * After a write: the MOU's loaders hold what the write just read, so that the
 * rest of the request (the mutation's answer, the next mutation of the same
 * operation) sees the change. Lists by agency and region may now include or
 * order it differently; they are dropped and load afresh.
 */
export function primeAgreement(loaders: Loaders, whole: WholeAgreement): void {
  const { agreement } = whole;
  loaders.agreementById.clear(agreement.id).prime(agreement.id, agreement);
  loaders.agreementByCode.clear(agreement.code).prime(agreement.code, agreement);
  loaders.domainsByAgreementId.clear(agreement.id).prime(agreement.id, whole.domains);
  loaders.partiesByAgreementId.clear(agreement.id).prime(agreement.id, whole.parties);
  loaders.commitmentsByAgreementId.clear(agreement.id).prime(agreement.id, whole.commitments);
  loaders.targetsByAgreementId.clear(agreement.id).prime(agreement.id, whole.targets);
  for (const target of whole.targets) loaders.targetById.clear(target.id).prime(target.id, target);
  loaders.agreementsByAgency.clearAll();
  loaders.agreementsByRegion.clearAll();
}
