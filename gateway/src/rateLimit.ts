import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { ConfigError, HttpError, type Config, type openRedis } from '@safety-graph/shared';

/**
 * Where limits are counted: the Redis every gateway replica shares (keys under
 * `prefix`), or this process's memory when there is none.
 */
export interface LimitStore {
  redis: ReturnType<typeof openRedis>;
  prefix: string;
}

function limiterIn(store: LimitStore | undefined, options: IRateLimiterOptions & { keyPrefix: string }): RateLimiterAbstract {
  if (!store) return new RateLimiterMemory(options);
  return new RateLimiterRedis({ ...options, keyPrefix: `${store.prefix}${options.keyPrefix}`, storeClient: store.redis });
}

/** The error rate-limiter-flexible rejects with when Redis failed: a retryable 503, never a 500 (and never a silent pass). */
function unavailable(): HttpError {
  return new HttpError(503, 'SERVICE_UNAVAILABLE', 'The gateway cannot check request limits right now; try again shortly', { 'retry-after': '1' });
}

/**
 * Per-agency rate limit, token-bucket-like: a sustained allowance refilled
 * every second (`perMinute / 60`) plus a burst bucket of `perMinute` that
 * refills each minute. Shared by every replica in Redis (`store`), else in
 * memory per gateway instance.
 */
export function createRateLimiter(perMinute: number, store?: LimitStore) {
  const limiter = new BurstyRateLimiter(
    limiterIn(store, { keyPrefix: 'steady', points: Math.max(1, Math.ceil(perMinute / 60)), duration: 1 }),
    limiterIn(store, { keyPrefix: 'burst', points: perMinute, duration: 60 }),
  );
  return async function consume(agencyCode: string): Promise<void> {
    try {
      await limiter.consume(agencyCode);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw unavailable();
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpError(429, 'RATE_LIMITED', `Too many requests from ${agencyCode}; retry in ${seconds} s`, {
        'retry-after': String(seconds),
      });
    }
  };
}

/** A 429 for a client address whose unauthenticated requests went over their limit. */
export class AddressRateLimited extends HttpError {}

/**
 * UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE (default 60): the requests without a
 * valid token one client address may send per minute before it gets 429.
 */
export function unauthenticatedPerMinute(config: Config): number {
  const text = config.env.UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE;
  if (text === undefined || text === '') return 60;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new ConfigError('UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000');
  }
  return value;
}

/**
 * Per-address limit for requests that fail authentication: each failure costs
 * a point; an address out of points gets 429 + Retry-After instead of 401. A
 * caller with a valid token is never refused by it (it shares no budget with a
 * flood from the same address). In Redis or memory like the agency limit, keyed by the socket's
 * address (a proxy in front makes every client one address).
 */
export function createAddressLimiter(perMinute: number, store?: LimitStore) {
  const limiter = limiterIn(store, { keyPrefix: 'unauthenticated', points: perMinute, duration: 60 });
  const refuse = (address: string, msBeforeNext: number) => {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new AddressRateLimited(429, 'RATE_LIMITED', `Too many unauthenticated requests from this address; retry in ${seconds} s`, {
      'retry-after': String(seconds),
    });
  };
  return {
    /** Charges one failed authentication; throws the 429 when that was one too many. */
    async charge(address: string): Promise<void> {
      try {
        await limiter.consume(address);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw unavailable();
        throw refuse(address, rejection.msBeforeNext);
      }
    },
  };
}
