import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { CALLER_HEADER, clientSpan, decodeCaller, injectTraceContext, signedHeaders } from '@safety-graph/shared';

export interface SubgraphFetcherOptions {
  /** A subgraph that has not answered by then fails its part of the plan instead of hanging the request. */
  timeoutMs: number;
  subgraphSecret: Buffer;
  observe?: (url: string, seconds: number, status: number | 'failed') => void;
}

/**
 * The gateway's fetch to its subgraphs. `@apollo/gateway` never times out a
 * subgraph fetch and never retries, so the timeout lives here; Node's fetch
 * (undici's global agent) keeps connections to each subgraph alive and reuses
 * them. It signs the caller (set by the data source) with the exact body bytes
 * it sends. The request id and the client's trace context (set by the data
 * source) or, with tracing on, this call's span's, ride outside the signature. Answers from subgraphs are not compressed: on the
 * gateway's own network it would cost both sides CPU for nothing.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): Fetcher {
  return async (url, init) => {
    const headers: Record<string, string> = { ...init?.headers, 'accept-encoding': 'identity' };
    const encodedCaller = headers[CALLER_HEADER];
    if (encodedCaller === undefined) throw new Error('a subgraph request without a caller');
    const body = init?.body ?? '';
    const method = init?.method ?? 'POST';
    Object.assign(headers, signedHeaders(options.subgraphSecret, decodeCaller(encodedCaller), { method, url, body }));
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([timeout, init.signal as AbortSignal]) : timeout;
    const started = performance.now();
    return clientSpan(`POST ${new URL(url).host}`, { 'url.full': url, 'http.request.method': method }, async (span) => {
      injectTraceContext(headers, span);
      try {
        const response = await fetch(url, { method, headers, body: init?.body, signal });
        options.observe?.(url, (performance.now() - started) / 1000, response.status);
        span?.setAttribute('http.response.status_code', response.status);
        return response as unknown as FetcherResponse;
      } catch (error) {
        options.observe?.(url, (performance.now() - started) / 1000, 'failed');
        throw error;
      }
    });
  };
}
