import { openRedis } from '@safety-graph/shared';
import { ConcurrencyLimiter, RedisSlotStore } from '../concurrency';

/** Needs the Redis on REDIS_URL (default 127.0.0.1:6379); keys under a prefix of this run only. */
const redis = openRedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
const prefix = `sgt_redisslots_${process.pid}_${Date.now()}:`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('RedisSlotStore', () => {
  it('shares slots between replicas, per agency and in total, and gives them back', async () => {
    const one = new RedisSlotStore({ redis, prefix });
    const two = new RedisSlotStore({ redis, prefix });
    try {
      expect(await one.tryTake('A', 1, 2)).toBe(true);
      expect(await two.tryTake('A', 1, 2)).toBe(false);
      expect(await two.tryTake('B', 1, 2)).toBe(true);
      // Total reached over both replicas.
      expect(await one.tryTake('C', 1, 2)).toBe(false);
      expect(await one.count()).toBe(2);
      await one.give('A');
      expect(await two.tryTake('A', 1, 2)).toBe(true);
      expect(await one.count('A')).toBe(1);
    } finally {
      one.close();
      two.close();
    }
  });

  it("keeps a live replica's slot past its lease, and frees a crashed replica's once its lease runs out", async () => {
    const live = new RedisSlotStore({ redis, prefix: `${prefix}live:` }, 300);
    const crashed = new RedisSlotStore({ redis, prefix: `${prefix}crash:` }, 300);
    const watchLive = new RedisSlotStore({ redis, prefix: `${prefix}live:` }, 300);
    const watchCrashed = new RedisSlotStore({ redis, prefix: `${prefix}crash:` }, 300);
    try {
      expect(await live.tryTake('A', 1, 10)).toBe(true);
      expect(await crashed.tryTake('A', 1, 10)).toBe(true);
      crashed.close(); // stops renewing, as a killed process would
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await watchLive.tryTake('A', 1, 10)).toBe(false);
      expect(await watchCrashed.tryTake('A', 1, 10)).toBe(true);
    } finally {
      for (const store of [live, crashed, watchLive, watchCrashed]) store.close();
    }
  });

  it('refuses waiters with 503 SERVICE_UNAVAILABLE when Redis is down', async () => {
    const down = openRedis('redis://127.0.0.1:1');
    const store = new RedisSlotStore({ redis: down, prefix });
    const limiter = new ConcurrencyLimiter({ perAgency: 1, total: 10, queueMs: 5000, store });
    try {
      await expect(limiter.ticket('A').acquire()).rejects.toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
      });
    } finally {
      limiter.close();
      down.disconnect();
    }
  });
});
