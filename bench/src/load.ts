import autocannon from 'autocannon';

/**
 * One load run against one URL. Headers are made per request: a direct target
 * signs each call afresh (subgraphs serve a signed call once: its nonce).
 */
export interface LoadRun {
  url: string;
  headers: () => Record<string, string>;
  body: string;
  /** A body per request, when each must differ (else `body` every time). */
  bodyFor?: () => string;
  seconds: number;
  connections: number;
}

export interface LoadResult {
  /** Answers completed within the run's seconds; latencies are NaN when none did. */
  completed: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function runLoad(run: LoadRun): Promise<LoadResult> {
  const result = await autocannon({
    url: run.url,
    method: 'POST',
    connections: run.connections,
    duration: run.seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json' },
    body: run.body,
    requests: [
      {
        method: 'POST',
        body: run.body,
        setupRequest: (request) => ({
          ...request,
          ...(run.bodyFor ? { body: run.bodyFor() } : {}),
          headers: { ...request.headers, 'content-type': 'application/json', ...run.headers() },
        }),
      },
    ],
  });
  const completed = result.requests.total;
  return {
    completed,
    requestsPerSecond: completed / run.seconds,
    p50: completed > 0 ? result.latency.p50 : NaN,
    p99: completed > 0 ? result.latency.p99 : NaN,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of each figure over repeats; errors are summed (one failed request in any repeat counts). */
export function summarize(results: LoadResult[]): LoadResult {
  return {
    completed: results.reduce((total, result) => total + result.completed, 0),
    requestsPerSecond: median(results.map((result) => result.requestsPerSecond)),
    p50: median(results.map((result) => result.p50)),
    p99: median(results.map((result) => result.p99)),
    errors: results.reduce((total, result) => total + result.errors, 0),
  };
}
