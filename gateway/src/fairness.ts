import type { ApolloServerPlugin } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ConcurrencyLimiter, type Ticket } from './concurrency';
import type { DocumentNode } from 'graphql';
import { costLimitError, operationCost, type CostInput } from './cost';
import type { GatewayContext } from './plugins';
import type { CheapFirst } from './priority';

/** The header naming the gateway request a subgraph call is part of (set on every call, lower-case as `Headers` gives it). */
const REQUEST_ID_HEADER = 'x-request-id';

/** Costs remembered per document (the oldest dropped first). */
const COSTS_PER_DOCUMENT = 100;

export interface FairnessOptions {
  maxCost: number;
  limiter: ConcurrencyLimiter;
  /** Cheap operations first across agencies, once they run. */
  priority: CheapFirst;
  /** Told each operation's cost (metrics). */
  observeCost?: (cost: number) => void;
}

export interface Fairness {
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Gives back a request's slot, if it still holds one; safe to call more than once. */
  release(context: GatewayContext): void;
  /** A request has come in (not yet authenticated): every operation yields to it until `arrive` names its agency. */
  arriving(requestId: string): void;
  /** A request is in (authenticated, cost not known yet): other agencies' operations yield to it until its cost is known. */
  arrive(context: GatewayContext): void;
  /**
   * The request's answer is written (or the request failed): it counts for
   * `yieldFor` no longer, or for `PRIORITY_GRACE_MS` more if it ran.
   */
  finish(requestId: string, context?: GatewayContext): void;
  /** Waits, briefly, while cheaper operations of other agencies run (`CheapFirst`); at once when none do. */
  yieldFor(requestId: string): Promise<void>;
  /**
   * The subgraph fetcher through `CheapFirst`'s lane: while a much cheaper
   * request of another agency is in the gateway, the calls of the operations
   * that yield to it go one at a time. The operation is the request id header
   * each call carries.
   */
  inLane(fetcher: Fetcher): Fetcher;
}

/**
 * Sharing the gateway between partners: an operation's cost is checked
 * against the limit once it is parsed and validated, before anything runs
 * (COST_LIMIT); then it takes one of its agency's slots, waiting briefly
 * when they are all busy (CONCURRENCY_LIMITED), and gives it back when its
 * answer is ready. While it runs, it yields at each step to much cheaper
 * operations of other agencies (`CheapFirst`).
 */
export function fairness({ maxCost, limiter, priority, observeCost }: FairnessOptions): Fairness {
  const tickets = new WeakMap<GatewayContext, Ticket>();
  // Costs by parsed document (Apollo keeps one per query text), then by operation and variables: a
  // dashboard polling the same report is costed once.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const costOf = (input: CostInput): number => {
    const key = `${input.operation.name?.value ?? ''}\n${JSON.stringify(input.variables ?? {})}`;
    let known = costs.get(input.document);
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const cost = operationCost(input);
    if (!known) costs.set(input.document, (known = new Map()));
    if (known.size >= COSTS_PER_DOCUMENT) known.delete(known.keys().next().value as string);
    known.set(key, cost);
    return cost;
  };
  const release = (context: GatewayContext) => {
    tickets.get(context)?.release();
    tickets.delete(context);
  };
  return {
    release,
    arriving: (requestId) => priority.arrive(requestId),
    arrive: (context) => priority.begin(context.requestId, context.caller.agencyCode, 0, false),
    finish: (requestId, context) => {
      if (context) release(context);
      priority.end(requestId);
    },
    yieldFor: (requestId) => priority.yieldFor(requestId),
    inLane: (fetcher) => async (url, init) => {
      const requestId = init?.headers?.[REQUEST_ID_HEADER];
      const done = requestId ? await priority.lane(requestId) : () => undefined;
      try {
        return await fetcher(url, init);
      } finally {
        done();
      }
    },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ schema, document, operation, request, contextValue }) {
            if (!operation) return;
            const cost = costOf({ schema, document, operation, variables: request.variables });
            observeCost?.(cost);
            if (cost > maxCost) throw costLimitError(cost, maxCost);
            priority.begin(contextValue.requestId, contextValue.caller.agencyCode, cost);
            const ticket = limiter.ticket(contextValue.caller.agencyCode);
            tickets.set(contextValue, ticket);
            await ticket.acquire();
            // Its intent row waits for the cheaper operations running, as each of its steps will.
            await priority.yieldFor(contextValue.requestId);
          },
          async willSendResponse({ contextValue }) {
            // Its answer's serialisation and outcome row are its last steps.
            await priority.yieldFor(contextValue.requestId);
            release(contextValue);
          },
        };
      },
    },
  };
}
