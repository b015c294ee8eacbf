import { agencies } from '@safety-graph/agencies';
import { referenceAgencies, openSubgraphStore, type Config } from '@safety-graph/shared';

export interface KnownAgency {
  code: string;
  kind: string;
}

/**
 * An agency by code, from the agencies store when it has been started and
 * seeded, else from the reference data the demo is seeded from.
 */
export async function findAgency(config: Config, code: string): Promise<KnownAgency | null> {
  const store = await openSubgraphStore(agencies, config);
  try {
    const rows: { code: string; kind: string }[] = await store.dataSource.query('SELECT code, kind FROM agency WHERE code = ?', [code]);
    if (rows.length > 0) return rows[0];
    const empty = await agencies.isEmpty(store);
    if (!empty) return null;
  } finally {
    await store.close();
  }
  return referenceAgencies().find((agency) => agency.code === code) ?? null;
}
