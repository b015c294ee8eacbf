import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { LimitStore } from './rateLimit';

/** The code of an operation refused because its agency already had too many running (CONTRACT.md). */
export const CONCURRENCY_LIMITED = 'CONCURRENCY_LIMITED';

/**
 * Where running operations are counted: in memory, one count per gateway
 * instance, or in Redis (`RedisSlotStore`), shared by every replica.
 */
export interface SlotStore {
  /** Takes a slot for `agency` if it has fewer than `perAgency` running and all agencies fewer than `total`. */
  tryTake(agency: string, perAgency: number, total: number): Promise<boolean>;
  /** Gives back a slot `tryTake` granted. Never rejects. */
  give(agency: string): Promise<void>;
  /**
   * True when slots are given back only by this instance, so that waiters
   * can be woken on `give` alone; a shared store also has its waiters poll.
   */
  readonly local: boolean;
}

export class MemorySlotStore implements SlotStore {
  readonly local = true;
  private readonly running = new Map<string, number>();
  private total = 0;

  async tryTake(agency: string, perAgency: number, total: number): Promise<boolean> {
    const own = this.running.get(agency) ?? 0;
    if (own >= perAgency || this.total >= total) return false;
    this.running.set(agency, own + 1);
    this.total += 1;
    return true;
  }

  async give(agency: string): Promise<void> {
    const own = this.running.get(agency) ?? 0;
    if (own <= 1) this.running.delete(agency);
    else this.running.set(agency, own - 1);
    this.total = Math.max(0, this.total - 1);
  }

  /** Running operations, all agencies or one. */
  count(agency?: string): number {
    return agency === undefined ? this.total : (this.running.get(agency) ?? 0);
  }
}

// KEYS: the agency's sorted set, the one of all agencies. ARGV: member, lease ms, per agency, total.
// Scores are expiry times on Redis's clock, so replicas' clocks never disagree.
const TAKE = `local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) or redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], now + ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[2], now + ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`;

// KEYS as TAKE. ARGV: lease ms, then the members this replica still holds: their lease starts again.
const RENEW = `local t = redis.call('TIME')
local expiry = t[1] * 1000 + math.floor(t[2] / 1000) + ARGV[1]
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'XX', expiry, ARGV[i])
  redis.call('ZADD', KEYS[2], 'XX', expiry, ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 1`;

/**
 * Slots in Redis, shared by every gateway replica: a sorted set per agency and
 * one for all agencies, each running operation a member scored with its lease
 * expiry (taken atomically by a Lua script). A live replica renews its leases
 * every third of `leaseMs`; a crashed one's slots expire after `leaseMs`.
 */
export class RedisSlotStore implements SlotStore {
  readonly local = false;
  private readonly instance = randomUUID();
  private next = 0;
  /** Members this replica holds, per agency. */
  private readonly mine = new Map<string, string[]>();
  private readonly renewer: NodeJS.Timeout;

  constructor(
    private readonly store: LimitStore,
    private readonly leaseMs = 30_000,
  ) {
    this.renewer = setInterval(() => void this.renew(), Math.max(100, Math.floor(leaseMs / 3)));
    this.renewer.unref();
  }

  async tryTake(agency: string, perAgency: number, total: number): Promise<boolean> {
    const member = `${this.instance}:${(this.next += 1)}`;
    const taken = await this.store.redis.eval(TAKE, 2, this.key(agency), this.key(), member, this.leaseMs, perAgency, total);
    if (taken !== 1) return false;
    this.mine.set(agency, [...(this.mine.get(agency) ?? []), member]);
    return true;
  }

  async give(agency: string): Promise<void> {
    const held = this.mine.get(agency);
    const member = held?.pop();
    if (!member) return;
    if (held?.length === 0) this.mine.delete(agency);
    // Redis down: the lease runs out instead.
    await this.store.redis
      .multi()
      .zrem(this.key(agency), member)
      .zrem(this.key(), member)
      .exec()
      .catch(() => undefined);
  }

  /** Running operations in every replica, all agencies or one. */
  async count(agency?: string): Promise<number> {
    return this.store.redis.zcount(this.key(agency), `(${Date.now()}`, '+inf');
  }

  close(): void {
    clearInterval(this.renewer);
  }

  private async renew(): Promise<void> {
    await Promise.all(
      [...this.mine].map(([agency, members]) => this.store.redis.eval(RENEW, 2, this.key(agency), this.key(), this.leaseMs, ...members).catch(() => undefined)),
    );
  }

  private key(agency?: string): string {
    return agency === undefined ? `${this.store.prefix}slots` : `${this.store.prefix}slots:${agency}`;
  }
}

export interface ConcurrencyOptions {
  /** Operations one agency may have running at once. */
  perAgency: number;
  /** Operations running at once over all agencies. */
  total: number;
  /** How long an operation may wait for a slot before it is refused. */
  queueMs: number;
  /**
   * Operations one agency may have waiting; more are refused at once.
   * Default `max(32, 4 × perAgency)`: a client's extra connections then wait
   * out the queue time instead of spinning on immediate refusals, each of
   * which is still parsed and audited at every agency's expense.
   */
  maxQueuedPerAgency?: number;
  store?: SlotStore;
  /** How often waiters retry a shared store (see `SlotStore.local`). */
  pollMs?: number;
}

/** One operation's claim on a slot: `acquire` once, `release` any number of times, in any order. */
export interface Ticket {
  acquire(): Promise<void>;
  release(): void;
}

interface Waiter {
  agency: string;
  grant: () => void;
  fail: (error: GraphQLError) => void;
}

/**
 * Caps the operations each agency has running, and all of them together, so
 * that one partner sending heavy queries flat out cannot take every worker
 * from the others. An operation over its agency's share waits in a short
 * queue (FIFO within an agency, agencies served in turn), then is refused
 * with 429 CONCURRENCY_LIMITED and Retry-After.
 */
export class ConcurrencyLimiter {
  readonly store: SlotStore;
  private readonly waiting = new Map<string, Waiter[]>();
  /** Agencies in the order their turn comes when a slot frees. */
  private turn: string[] = [];
  private poller: NodeJS.Timeout | undefined;
  private readonly maxQueued: number;
  /** Slots this instance holds per agency: a freed slot goes first to the waiting agency holding fewest. */
  private readonly held = new Map<string, number>();

  constructor(private readonly options: ConcurrencyOptions) {
    this.store = options.store ?? new MemorySlotStore();
    this.maxQueued = options.maxQueuedPerAgency ?? Math.max(32, 4 * options.perAgency);
  }

  ticket(agency: string): Ticket {
    let started = false;
    let done = false;
    let holding = false;
    let leave: (() => void) | undefined;
    const giveBack = () => {
      if (!holding) return;
      holding = false;
      this.hold(agency, -1);
      void this.store.give(agency).finally(() => void this.wake());
    };
    return {
      acquire: async () => {
        if (started) return;
        started = true;
        // Everyone queues, even when a slot is free: waiters are then served in turn, never overtaken.
        await new Promise<void>((resolve, reject) => {
          const queue = this.waiting.get(agency) ?? [];
          if (queue.length >= this.maxQueued) {
            reject(this.refusal(agency));
            return;
          }
          const timer = setTimeout(() => {
            remove();
            reject(this.refusal(agency));
          }, this.options.queueMs);
          const waiter: Waiter = {
            agency,
            grant: () => {
              clearTimeout(timer);
              holding = true;
              this.hold(agency, 1);
              resolve();
            },
            fail: (error) => {
              clearTimeout(timer);
              reject(error);
            },
          };
          const remove = () => {
            clearTimeout(timer);
            const list = this.waiting.get(agency);
            const index = list?.indexOf(waiter) ?? -1;
            if (list && index >= 0) list.splice(index, 1);
            if (list?.length === 0) {
              this.waiting.delete(agency);
              this.turn = this.turn.filter((code) => code !== agency);
            }
            this.stopPollingIfIdle();
          };
          leave = () => {
            remove();
            resolve();
          };
          queue.push(waiter);
          this.waiting.set(agency, queue);
          if (!this.turn.includes(agency)) this.turn.push(agency);
          this.startPolling();
          void this.wake();
        });
        // Released while it waited (the request ended another way): hand the slot straight back.
        if (done) giveBack();
      },
      release: () => {
        done = true;
        if (holding) giveBack();
        else leave?.();
      },
    };
  }

  /** Operations waiting for a slot, all agencies or one. */
  queued(agency?: string): number {
    if (agency !== undefined) return this.waiting.get(agency)?.length ?? 0;
    let count = 0;
    for (const list of this.waiting.values()) count += list.length;
    return count;
  }

  close(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    if (this.store instanceof RedisSlotStore) this.store.close();
  }

  private refusal(agency: string): GraphQLError {
    const seconds = Math.max(1, Math.ceil(this.options.queueMs / 1000));
    return new GraphQLError(`Agency ${agency} already has ${this.options.perAgency} operations running and more waiting; retry in ${seconds} s`, {
      extensions: {
        code: CONCURRENCY_LIMITED,
        retryAfterSeconds: seconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
      },
    });
  }

  private unavailable(): GraphQLError {
    return new GraphQLError('The gateway cannot count running operations right now; try again shortly', {
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: new HeaderMap([['retry-after', '1']]) } },
    });
  }

  private waking = false;
  private wakeAgain = false;

  /** Grants free slots to waiters, one agency's turn after another. */
  private async wake(): Promise<void> {
    if (this.waking) {
      this.wakeAgain = true;
      return;
    }
    this.waking = true;
    try {
      do {
        this.wakeAgain = false;
        let granted = true;
        while (granted && this.turn.length > 0) {
          granted = false;
          const order = [...this.turn].sort((a, b) => (this.held.get(a) ?? 0) - (this.held.get(b) ?? 0));
          for (const agency of order) {
            const queue = this.waiting.get(agency);
            if (!queue?.length) continue;
            let taken: boolean;
            try {
              taken = await this.store.tryTake(agency, this.options.perAgency, this.options.total);
            } catch {
              // The shared store is down: the agency's first waiter is refused, retryably, and the turn moves on.
              const failed = queue.shift();
              if (queue.length === 0) this.waiting.delete(agency);
              this.turn = [...this.turn.filter((code) => code !== agency), ...(queue.length > 0 ? [agency] : [])];
              failed?.fail(this.unavailable());
              granted = true;
              break;
            }
            if (!taken) continue;
            const waiter = queue.shift();
            if (!waiter) {
              // It left while the slot was being taken.
              await this.store.give(agency);
              continue;
            }
            if (queue.length === 0) this.waiting.delete(agency);
            // The agency served goes to the back of the line.
            this.turn = [...this.turn.filter((code) => code !== agency), ...(queue.length > 0 ? [agency] : [])];
            waiter.grant();
            granted = true;
            break;
          }
        }
      } while (this.wakeAgain);
    } finally {
      this.waking = false;
      this.stopPollingIfIdle();
    }
  }

  private hold(agency: string, change: number): void {
    const count = (this.held.get(agency) ?? 0) + change;
    if (count > 0) this.held.set(agency, count);
    else this.held.delete(agency);
  }

  private startPolling(): void {
    if (this.store.local || this.poller) return;
    this.poller = setInterval(() => void this.wake(), this.options.pollMs ?? 50);
    this.poller.unref();
  }

  private stopPollingIfIdle(): void {
    if (this.poller && this.waiting.size === 0) {
      clearInterval(this.poller);
      this.poller = undefined;
    }
  }
}
