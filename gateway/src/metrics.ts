import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one gateway process, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'safety_graph_requests_total',
      help: 'GraphQL requests by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'safety_graph_request_duration_seconds',
      help: 'Time from request to answer',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    subgraphFetch: new Histogram({
      name: 'safety_graph_subgraph_fetch_duration_seconds',
      help: 'Time of one subgraph fetch',
      labelNames: ['subgraph', 'status'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    subgraphFetchShared: new Counter({
      name: 'safety_graph_subgraph_fetches_shared_total',
      help: 'Subgraph fetches answered by an identical query fetch already in flight (same caller), not sent',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
