import type { ApolloServerPlugin } from '@apollo/server';
import { ConcurrencyLimiter, type Ticket } from './concurrency';
import { costLimitError, operationCost } from './cost';
import type { GatewayContext } from './plugins';

export interface FairnessOptions {
  maxCost: number;
  limiter: ConcurrencyLimiter;
  /** Told each operation's cost (metrics). */
  observeCost?: (cost: number) => void;
}

export interface Fairness {
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Gives back a request's slot, if it still holds one; safe to call more than once. */
  release(context: GatewayContext): void;
}

/**
 * Sharing the gateway between partners: an operation's cost is checked
 * against the limit once it is parsed and validated, before anything runs
 * (COST_LIMIT); then it takes one of its agency's slots, waiting briefly
 * when they are all busy (CONCURRENCY_LIMITED), and gives it back when its
 * answer is ready.
 */
export function fairness({ maxCost, limiter, observeCost }: FairnessOptions): Fairness {
  const tickets = new WeakMap<GatewayContext, Ticket>();
  const release = (context: GatewayContext) => {
    tickets.get(context)?.release();
    tickets.delete(context);
  };
  return {
    release,
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ schema, document, operation, request, contextValue }) {
            if (!operation) return;
            const cost = operationCost({ schema, document, operation, variables: request.variables });
            observeCost?.(cost);
            if (cost > maxCost) throw costLimitError(cost, maxCost);
            const ticket = limiter.ticket(contextValue.caller.agencyCode);
            tickets.set(contextValue, ticket);
            await ticket.acquire();
          },
          async willSendResponse({ contextValue }) {
            release(contextValue);
          },
        };
      },
    },
  };
}
