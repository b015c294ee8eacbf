import { HttpError, signedHeaders, type Caller } from '@safety-graph/shared';

const FOUND_TTL_MS = 10 * 60_000;
const MISSING_TTL_MS = 30_000;

/** The gateway itself, asking the agencies subgraph whether a token's agency exists, or a subgraph whether it is ready. */
export const GATEWAY_CALLER: Caller = { subject: 'gateway', agencyCode: 'GATEWAY', scopes: new Set(['agencies:read']) };

/**
 * Answers "is this an agency?" for token checks, from the agencies subgraph
 * (the owner of agencies), cached so that a partner's steady traffic costs no
 * extra call.
 */
export function createAgencyDirectory(agenciesUrl: string, subgraphSecret: Buffer, timeoutMs: number) {
  const cache = new Map<string, { exists: boolean; until: number }>();
  return async function agencyExists(code: string): Promise<boolean> {
    const cached = cache.get(code);
    if (cached && cached.until > Date.now()) return cached.exists;
    const body = JSON.stringify({ query: 'query($code: String!) { agency(code: $code) { id } }', variables: { code } });
    let exists: boolean;
    try {
      const response = await fetch(agenciesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(subgraphSecret, GATEWAY_CALLER, { method: 'POST', url: agenciesUrl, body }) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = (await response.json()) as { data?: { agency: { id: string } | null }; errors?: unknown[] };
      // An error beside a null agency (its store failed) says nothing about the agency: not "unknown", unavailable.
      if (!response.ok || !answer.data || answer.errors?.length) throw new Error(`agencies answered ${response.status}`);
      exists = answer.data.agency !== null;
    } catch {
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'Agencies cannot be checked right now; try again shortly', { 'retry-after': '5' });
    }
    cache.set(code, { exists, until: Date.now() + (exists ? FOUND_TTL_MS : MISSING_TTL_MS) });
    return exists;
  };
}
