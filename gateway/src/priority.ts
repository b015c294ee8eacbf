/** An operation yields to other agencies' operations costing at most this fraction of its own. */
export const CHEAPER_BY = 10;

interface Running {
  agency: string;
  cost: number;
}

interface Yielding {
  agency: string;
  cost: number;
  resume: () => void;
}

/**
 * Cheap operations first, across agencies. The gateway's one thread, its
 * audit commits and the machine's cores are shared by every operation
 * running; per-agency slots cap how many run, not how much each costs, so an
 * agency running heavy reports back to back would slow every other agency's
 * light queries by the work it keeps in flight. Here an operation yields, at
 * each step (before its intent row, before each subgraph call, when each
 * answer comes back, before its outcome row), while an operation of
 * another agency that costs at most 1/`CHEAPER_BY` of it is in the gateway
 * (from its arrival, cost 0 until computed, to its outcome row), for at
 * most `maxYieldMs` per step: a light query meets at most the step a heavy
 * one was already taking, and a heavy one is slowed, never starved. Local to
 * one gateway instance, as the thread and cores it shares are.
 */
export class CheapFirst {
  private readonly running = new Map<string, Running>();
  private readonly yielding = new Set<Yielding>();

  constructor(private readonly maxYieldMs: number) {}

  /** A request is in the gateway, keyed by its id, at this cost (0 until known); called again when its cost is known. */
  begin(requestId: string, agency: string, cost: number): void {
    if (this.maxYieldMs <= 0) return;
    const known = this.running.has(requestId);
    this.running.set(requestId, { agency, cost });
    // Its cost, now known, may no longer hold back those that yielded to it.
    if (known) this.resumeThoseFree();
  }

  /** The operation is done (safe to call more than once, or for one never begun). */
  end(requestId: string): void {
    if (this.running.delete(requestId)) this.resumeThoseFree();
  }

  /** Resolves at once, or once no cheaper operation of another agency is running, or after `maxYieldMs`. */
  async yieldFor(requestId: string): Promise<void> {
    const own = this.running.get(requestId);
    if (!own || !this.mustYield(own.agency, own.cost)) return;
    await new Promise<void>((resolve) => {
      const waiter: Yielding = {
        ...own,
        resume: () => {
          clearTimeout(timer);
          this.yielding.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.resume, this.maxYieldMs);
      this.yielding.add(waiter);
    });
  }

  /** Operations yielding right now (metrics, tests). */
  get waiting(): number {
    return this.yielding.size;
  }

  private resumeThoseFree(): void {
    for (const waiter of [...this.yielding]) if (!this.mustYield(waiter.agency, waiter.cost)) waiter.resume();
  }

  private mustYield(agency: string, cost: number): boolean {
    for (const other of this.running.values()) {
      if (other.agency !== agency && other.cost * CHEAPER_BY <= cost) return true;
    }
    return false;
  }
}
