import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

/** The code of an operation refused because its agency already had too many running (CONTRACT.md). */
export const CONCURRENCY_LIMITED = 'CONCURRENCY_LIMITED';

/**
 * Where running operations are counted. In memory now, one count per gateway
 * instance; a Redis store (issue 13) implements the same two calls with a
 * sorted set per agency and a global one, holding slots with an expiry so
 * that a crashed instance's slots come back.
 */
export interface SlotStore {
  /** Takes a slot for `agency` if it has fewer than `perAgency` running and all agencies fewer than `total`. */
  tryTake(agency: string, perAgency: number, total: number): Promise<boolean>;
  /** Gives back a slot `tryTake` granted. */
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
  }

  private refusal(agency: string): GraphQLError {
    const seconds = Math.max(1, Math.ceil(this.options.queueMs / 1000));
    return new GraphQLError(
      `Agency ${agency} already has ${this.options.perAgency} operations running and more waiting; retry in ${seconds} s`,
      {
        extensions: {
          code: CONCURRENCY_LIMITED,
          retryAfterSeconds: seconds,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
        },
      },
    );
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
            if (!(await this.store.tryTake(agency, this.options.perAgency, this.options.total))) continue;
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
    if (this.poller && this.waiting.size === 0) this.close();
  }
}
