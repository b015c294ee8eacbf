import { GraphQLError } from 'graphql';
import { ConcurrencyLimiter, CONCURRENCY_LIMITED, MemorySlotStore } from '../concurrency';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** Starts an acquisition and notes when it is granted or refused. */
function start(limiter: ConcurrencyLimiter, agency: string, log: string[], label = agency) {
  const ticket = limiter.ticket(agency);
  const done = ticket.acquire().then(
    () => log.push(`${label} runs`),
    (error: GraphQLError) => log.push(`${label} refused ${error.extensions.code}`),
  );
  return { ticket, done };
}

describe('per-agency concurrency limit', () => {
  it('runs perAgency operations of an agency at once and queues the next until one ends', async () => {
    const store = new MemorySlotStore();
    const limiter = new ConcurrencyLimiter({ perAgency: 2, total: 10, queueMs: 5000, store });
    const log: string[] = [];
    const first = start(limiter, 'A', log, 'A1');
    const second = start(limiter, 'A', log, 'A2');
    const third = start(limiter, 'A', log, 'A3');
    await settle();
    expect(log).toEqual(['A1 runs', 'A2 runs']);
    expect(store.count('A')).toBe(2);
    expect(limiter.queued('A')).toBe(1);
    first.ticket.release();
    first.ticket.release(); // twice is harmless
    await third.done;
    expect(log).toEqual(['A1 runs', 'A2 runs', 'A3 runs']);
    expect(store.count('A')).toBe(2);
    second.ticket.release();
    third.ticket.release();
    await settle();
    expect(store.count()).toBe(0);
  });

  it('refuses with 429 CONCURRENCY_LIMITED and Retry-After after the queue wait, and at once when the queue is full', async () => {
    const limiter = new ConcurrencyLimiter({ perAgency: 1, total: 10, queueMs: 60, maxQueuedPerAgency: 1 });
    const log: string[] = [];
    start(limiter, 'A', log, 'A1');
    await settle();
    const waited = limiter.ticket('A').acquire();
    const full = limiter.ticket('A').acquire();
    await expect(full).rejects.toMatchObject({ extensions: { code: CONCURRENCY_LIMITED } });
    const started = Date.now();
    const refusal = (await waited.catch((error: unknown) => error)) as GraphQLError;
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(refusal.extensions.code).toBe(CONCURRENCY_LIMITED);
    const http = refusal.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('1');
    expect(refusal.message).toMatch(/Agency A already has 1 operations running/);
    expect(limiter.queued()).toBe(0);
  });

  it('gives a freed slot to the waiting agency holding fewest, so one agency cannot take them all', async () => {
    const store = new MemorySlotStore();
    const limiter = new ConcurrencyLimiter({ perAgency: 3, total: 3, queueMs: 5000, store });
    const log: string[] = [];
    const heavy = [1, 2, 3].map((n) => start(limiter, 'HEAVY', log, `H${n}`));
    await settle();
    const moreHeavy = [4, 5].map((n) => start(limiter, 'HEAVY', log, `H${n}`));
    await settle();
    const light = start(limiter, 'LIGHT', log, 'L1');
    await settle();
    expect(log).toEqual(['H1 runs', 'H2 runs', 'H3 runs']);
    heavy[0].ticket.release();
    await light.done;
    // LIGHT queued after H4 and H5 but holds nothing: it goes first.
    expect(log).toEqual(['H1 runs', 'H2 runs', 'H3 runs', 'L1 runs']);
    heavy[1].ticket.release();
    await moreHeavy[0].done;
    expect(log.slice(4)).toEqual(['H4 runs']);
    for (const claim of [heavy[2], moreHeavy[0], moreHeavy[1], light]) claim.ticket.release();
    await settle();
    expect(log.slice(5)).toEqual(['H5 runs']);
    expect(store.count()).toBe(0);
  });

  it('never leaks a slot when a request ends while it waits', async () => {
    const store = new MemorySlotStore();
    const limiter = new ConcurrencyLimiter({ perAgency: 1, total: 10, queueMs: 5000, store });
    const log: string[] = [];
    const running = start(limiter, 'A', log, 'A1');
    await settle();
    const waiting = start(limiter, 'A', log, 'A2');
    await settle();
    waiting.ticket.release();
    await waiting.done;
    expect(limiter.queued()).toBe(0);
    running.ticket.release();
    await settle();
    expect(store.count()).toBe(0);
    const next = start(limiter, 'A', log, 'A3');
    await next.done;
    expect(log).toContain('A3 runs');
    next.ticket.release();
    await settle();
    expect(store.count()).toBe(0);
  });
});
