/** An operation yields to other agencies' operations costing at most this fraction of its own. */
export const CHEAPER_BY = 10;

interface Running {
  /** Undefined until the request is authenticated: it counts as another agency's for every operation. */
  agency: string | undefined;
  cost: number;
  /** Whether `cost` is the operation's, computed; 0 until then. */
  costed: boolean;
}

interface Yielding {
  agency: string | undefined;
  cost: number;
  resume: () => void;
}

/** The subgraph call holding the lane. */
interface LaneHolder {
  requestId: string;
}

/**
 * Resolves once the event loop has read its sockets: called from a callback
 * of the poll phase (an answer read), a first `setImmediate` still runs before
 * the next poll, a second one after it.
 */
const afterPoll = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * Cheap operations first, across agencies. The gateway's one thread, its
 * audit commits and the machine's cores are shared by every operation
 * running; per-agency slots cap how many run, not how much each costs, so an
 * agency running heavy reports back to back would slow every other agency's
 * light queries by the work it keeps in flight. Here an operation yields, at
 * each step (before its intent row, before each subgraph call, when each
 * answer comes back, before its outcome row, before its answer is
 * compressed and written), while an operation of
 * another agency that costs at most 1/`CHEAPER_BY` of it is in the gateway
 * (from its arrival, cost 0 until computed, until its answer is written, and
 * `graceMs` beyond), for at most `maxYieldMs` per step: a light query meets
 * at most the step a heavy one was already taking, and a heavy one is
 * slowed, never starved. Local to one gateway instance, as the thread and
 * cores it shares are.
 *
 * Why `graceMs` beyond the answer: a client sending its light queries one
 * after another is back within a millisecond or two of each answer, and a
 * heavy step begun in that gap (the result shaping of a large report takes
 * several milliseconds of this thread) is what its next query meets. So an
 * operation that was costed counts on for `graceMs` after its answer is
 * written: a heavy operation takes its next step when the light client has
 * paused that long, or when its yield runs out.
 *
 * Two things make "is in the gateway" true as early as it can be. A request
 * counts from the moment its HTTP request is read (`arrive`), as another
 * agency's until it is authenticated. And an operation costly enough to yield
 * lets the event loop read its sockets at each step (`afterPoll`) before
 * looking: its steps otherwise follow each other as one run of promise
 * callbacks, during which a request waiting on a socket is not seen.
 *
 * While a much cheaper request is in the gateway, the subgraph calls of the
 * operations that yield to it also go one at a time (`lane`): a heavy plan's
 * parallel calls would otherwise keep every core busy with subgraph work that
 * the light request's own gateway and subgraph processes wait for. The lane is
 * bounded like a yield: at most `maxYieldMs` of waiting per call.
 */
export class CheapFirst {
  private readonly running = new Map<string, Running>();
  private readonly yielding = new Set<Yielding>();
  private laneHolder: LaneHolder | undefined;
  private readonly laneQueue = new Set<Yielding>();
  /** Answered operations still counted for `graceMs`. */
  private readonly lingering = new Set<Running>();

  /**
   * @param maxYieldMs How long an operation waits at most per step (and for the lane); 0 turns this off.
   * @param graceMs How long an answered operation still counts, from its answer written.
   */
  constructor(
    private readonly maxYieldMs: number,
    private readonly graceMs = 0,
  ) {}

  /** A request has come in, not yet authenticated: every operation yields to it until `begin` names its agency and cost. */
  arrive(requestId: string): void {
    if (this.maxYieldMs <= 0 || this.running.has(requestId)) return;
    this.running.set(requestId, { agency: undefined, cost: 0, costed: false });
  }

  /**
   * A request is in the gateway, keyed by its id, at this cost; called with
   * `costed` false once its agency is known (cost 0), again with its cost.
   */
  begin(requestId: string, agency: string, cost: number, costed = true): void {
    if (this.maxYieldMs <= 0) return;
    const known = this.running.has(requestId);
    this.running.set(requestId, { agency, cost, costed });
    // Its cost, now known, may no longer hold back those that yielded to it.
    if (known) this.resumeThoseFree();
  }

  /**
   * The request's answer is written (safe to call more than once, or for one
   * never begun): a costed operation still counts for `graceMs`.
   */
  end(requestId: string): void {
    const own = this.running.get(requestId);
    if (!own) return;
    this.running.delete(requestId);
    if (this.laneHolder?.requestId === requestId) this.laneHolder = undefined;
    if (this.graceMs > 0 && own.costed && own.agency !== undefined) {
      this.lingering.add(own);
      setTimeout(() => {
        this.lingering.delete(own);
        this.resumeThoseFree();
      }, this.graceMs).unref();
    }
    this.resumeThoseFree();
  }

  /**
   * Resolves at once, or once no cheaper operation of another agency is
   * running, or after `maxYieldMs`; an operation that may have to yield first
   * lets the event loop read what has arrived.
   */
  async yieldFor(requestId: string): Promise<void> {
    const own = this.running.get(requestId);
    if (!own || !this.mayYield(own.cost)) return;
    if (!this.mustYield(own.agency, own.cost)) {
      await afterPoll();
      if (!this.mustYield(own.agency, own.cost)) return;
    }
    await this.wait(own, this.yielding);
  }

  /**
   * Before a subgraph call: yields (`yieldFor`), then, while a much cheaper
   * request of another agency is still in the gateway, takes the lane, waiting
   * at most `maxYieldMs` for it. Resolves to what gives the lane back (a no-op
   * when it was not taken), to call when the call's answer is read or it failed.
   */
  async lane(requestId: string): Promise<() => void> {
    await this.yieldFor(requestId);
    const own = this.running.get(requestId);
    if (!own || !this.mustYield(own.agency, own.cost)) return () => undefined;
    if (this.laneHolder) await this.wait(own, this.laneQueue);
    if (this.laneHolder || !this.running.has(requestId) || !this.mustYield(own.agency, own.cost)) return () => undefined;
    const holder: LaneHolder = { requestId };
    this.laneHolder = holder;
    return () => {
      if (this.laneHolder !== holder) return;
      this.laneHolder = undefined;
      this.resumeThoseFree();
    };
  }

  /** Operations yielding right now, or waiting for the lane (metrics, tests). */
  get waiting(): number {
    return this.yielding.size + this.laneQueue.size;
  }

  private wait(own: Running, queue: Set<Yielding>): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiter: Yielding = {
        ...own,
        resume: () => {
          clearTimeout(timer);
          queue.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.resume, this.maxYieldMs);
      queue.add(waiter);
    });
  }

  private resumeThoseFree(): void {
    for (const waiter of [...this.yielding]) if (!this.mustYield(waiter.agency, waiter.cost)) waiter.resume();
    // The lane: the first waiting when it is free, and every one that no longer has to yield.
    let first = !this.laneHolder;
    for (const waiter of [...this.laneQueue]) {
      if (first || !this.mustYield(waiter.agency, waiter.cost)) waiter.resume();
      first = false;
    }
  }

  /** Whether any request at all could be ten times cheaper than this operation (no operation costs less than 1). */
  private mayYield(cost: number): boolean {
    return cost >= CHEAPER_BY;
  }

  private mustYield(agency: string | undefined, cost: number): boolean {
    for (const other of this.running.values()) {
      if (other.agency !== agency && other.cost * CHEAPER_BY <= cost) return true;
    }
    for (const other of this.lingering) {
      if (other.agency !== agency && other.cost * CHEAPER_BY <= cost) return true;
    }
    return false;
  }
}
