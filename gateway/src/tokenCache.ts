import { decodeJwt } from 'jose';
import type { Caller } from '@safety-graph/shared';
import type { Authenticator } from './auth';

export interface TokenCacheOptions {
  /** Tokens remembered at most (least recently used dropped first). */
  maxEntries?: number;
  /**
   * How long a verified token is trusted without a new check, at most: the
   * agency check behind it is cached for longer, so this bounds how late a
   * removed agency is noticed; a token is never trusted past its `exp`.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Remembers the callers of tokens already verified, keyed by the exact
 * Authorization header, until the token expires: a partner's steady traffic
 * costs one signature check per token, not one per request. Only successes are
 * kept; a refused token is checked again each time. Revocation is by expiry.
 */
export function cacheVerifiedTokens(inner: Authenticator, options: TokenCacheOptions = {}): Authenticator {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on each hit makes its first key the least recently used.
  const cache = new Map<string, { caller: Caller; until: number }>();
  return {
    async authenticate(authorization) {
      if (authorization === undefined) return inner.authenticate(authorization);
      const hit = cache.get(authorization);
      if (hit) {
        cache.delete(authorization);
        if (hit.until > now()) {
          cache.set(authorization, hit);
          return hit.caller;
        }
      }
      const caller = await inner.authenticate(authorization);
      const { exp } = decodeJwt(authorization.replace(/^Bearer\s+/i, ''));
      if (typeof exp === 'number') {
        cache.set(authorization, { caller, until: Math.min(exp * 1000, now() + maxAgeMs) });
        if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      }
      return caller;
    },
  };
}
