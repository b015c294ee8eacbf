import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';

export interface SubgraphFetcherOptions {
  /** A subgraph that has not answered by then fails its part of the plan instead of hanging the request. */
  timeoutMs: number;
}

/**
 * The gateway's fetch to its subgraphs. `@apollo/gateway` never times out a
 * subgraph fetch and never retries, so the timeout lives here; Node's fetch
 * keeps connections alive between requests. The caller's signature over the
 * exact body bytes will be added here too.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): Fetcher {
  return async (url, init) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([timeout, init.signal as AbortSignal]) : timeout;
    const response = await fetch(url, { method: init?.method, headers: init?.headers, body: init?.body, signal });
    return response as unknown as FetcherResponse;
  };
}
