import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '@safety-graph/shared';

/**
 * Per-agency rate limit, token-bucket-like: a sustained allowance refilled
 * every second (`perMinute / 60`) plus a burst bucket of `perMinute` that
 * refills each minute. In memory per gateway instance.
 */
export function createRateLimiter(perMinute: number) {
  const limiter = new BurstyRateLimiter(
    new RateLimiterMemory({ keyPrefix: 'steady', points: Math.max(1, Math.ceil(perMinute / 60)), duration: 1 }),
    new RateLimiterMemory({ keyPrefix: 'burst', points: perMinute, duration: 60 }),
  );
  return async function consume(agencyCode: string): Promise<void> {
    try {
      await limiter.consume(agencyCode);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpError(429, 'RATE_LIMITED', `Too many requests from ${agencyCode}; retry in ${seconds} s`, {
        'retry-after': String(seconds),
      });
    }
  };
}
