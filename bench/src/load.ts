import autocannon from 'autocannon';

/** One load run against one URL. Headers are made per run: direct targets sign with a fresh timestamp. */
export interface LoadRun {
  url: string;
  headers: Record<string, string>;
  body: string;
  seconds: number;
  connections: number;
}

export interface LoadResult {
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
    headers: { 'content-type': 'application/json', ...run.headers },
    body: run.body,
  });
  return {
    requestsPerSecond: result.requests.total / run.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
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
    requestsPerSecond: median(results.map((result) => result.requestsPerSecond)),
    p50: median(results.map((result) => result.p50)),
    p99: median(results.map((result) => result.p99)),
    errors: results.reduce((total, result) => total + result.errors, 0),
  };
}
