import Redis from 'ioredis';
import type { Config } from '../config';

/**
 * The nonces of signed subgraph calls already served. `claim` is true for a
 * nonce not seen within `ttlMs` (and remembers it), false for a replay.
 */
export interface NonceStore {
  claim(nonce: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export class NonceStoreError extends Error {}

/** Nonces this process remembers at most: past it, calls are refused (retryably) rather than any nonce forgotten early. */
export const MAX_MEMORY_NONCES = 200_000;

/**
 * In memory, for one process (development, tests, a single replica): expiring
 * and bounded. Entries are kept in insertion order, which is expiry order for
 * one ttl, so expired ones are dropped from the front.
 */
export function createMemoryNonceStore(maxEntries = MAX_MEMORY_NONCES, clock: () => number = Date.now): NonceStore {
  const seen = new Map<string, number>();
  return {
    claim: async (nonce, ttlMs) => {
      const now = clock();
      for (const [key, expiresAt] of seen) {
        if (expiresAt > now) break;
        seen.delete(key);
      }
      const expiresAt = seen.get(nonce);
      if (expiresAt !== undefined && expiresAt > now) return false;
      if (seen.size >= maxEntries) throw new NonceStoreError('too many recent subgraph calls to remember');
      seen.set(nonce, now + ttlMs);
      return true;
    },
    close: async () => seen.clear(),
  };
}

/**
 * The one way to open a Redis client (nonces, the gateway's rate limits and
 * slots): a command fails within about two seconds when Redis is down, so that
 * callers answer with a retryable refusal instead of hanging.
 */
export function openRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 2_000, connectTimeout: 2_000, lazyConnect: true });
  // Connection errors surface on the commands that fail; without a listener ioredis would print each one.
  redis.on('error', () => undefined);
  return redis;
}

/** In Redis (`SET key 1 PX ttl NX`), shared by every replica of every subgraph, so a call served by one is refused by all. */
export function createRedisNonceStore(url: string, keyPrefix: string): NonceStore {
  const redis = openRedis(url);
  return {
    claim: async (nonce, ttlMs) => {
      try {
        return (await redis.set(`${keyPrefix}${nonce}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
      } catch (error) {
        throw new NonceStoreError(`nonce store unavailable: ${(error as Error).message}`);
      }
    },
    close: async () => {
      redis.disconnect();
    },
  };
}

/** Redis when `REDIS_URL` is set (keys under `<DATABASE_PREFIX>nonce:`), memory otherwise. */
export function openNonceStore(config: Config): NonceStore {
  return config.redisUrl ? createRedisNonceStore(config.redisUrl, `${config.databasePrefix}nonce:`) : createMemoryNonceStore();
}
