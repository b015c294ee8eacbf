import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';
import { CALLER_HEADER, clientSpan, decodeCaller, injectTraceContext, signedHeaders } from '@safety-graph/shared';

export interface SubgraphFetcherOptions {
  /** A subgraph that has not answered by then fails its part of the plan instead of hanging the request. */
  timeoutMs: number;
  subgraphSecret: Buffer;
  observe?: (url: string, seconds: number, status: number | 'failed') => void;
  /** Told of every fetch answered by an identical one already in flight (a metric). */
  shared?: (url: string) => void;
}

/** The gateway's fetcher, with the connections it keeps open to the subgraphs. */
export interface SubgraphFetcher extends Fetcher {
  close(): Promise<void>;
}

/** One subgraph answer, read in full: what identical fetches in flight share. */
interface Answer {
  status: number;
  headers: [string, string][];
  text: string;
}

/**
 * What the data source reads of a subgraph answer, one per fetch: each gets
 * the shared text and parses it itself, because the gateway merges later
 * fetches (entities) into the objects of an answer in place.
 */
class SubgraphResponse implements FetcherResponse {
  readonly url: string;
  readonly redirected = false;
  readonly status: number;
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: FetcherHeaders;
  bodyUsed = false;

  constructor(
    url: string,
    private readonly answer: Answer,
  ) {
    this.url = url;
    this.status = answer.status;
    this.ok = answer.status >= 200 && answer.status < 300;
    this.headers = new Headers(answer.headers) as unknown as FetcherHeaders;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.answer.text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text(), 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new SubgraphResponse(this.url, this.answer);
  }
}

/** A query (shareable: it writes nothing), not a mutation, from the GraphQL body the gateway sends. */
function isQuery(body: string): boolean {
  let query: unknown;
  try {
    query = (JSON.parse(body) as { query?: unknown } | null)?.query;
  } catch {
    return false;
  }
  return typeof query === 'string' && /^\s*(?:query\b|\{)/.test(query);
}

/**
 * The gateway's fetch to its subgraphs, over undici's `request` and one
 * keep-alive connection pool per subgraph (`Agent`): lighter than `fetch`,
 * whose web streams cost more than the call. `@apollo/gateway` never times out
 * a subgraph fetch and never retries, so the timeout lives here. It signs the
 * caller (set by the data source) with the exact body bytes it sends. The
 * request id and the client's trace context (set by the data source) or, with
 * tracing on, this call's span's, ride outside the signature. Answers from
 * subgraphs are not compressed: on the gateway's own network it would cost
 * both sides CPU for nothing.
 *
 * Identical queries in flight are fetched once: a query fetch with the same
 * URL, caller (the signed caller header: scopes and agency change answers)
 * and body as one already sent waits for that one's answer instead of sending
 * its own; each gets its own response over the shared text. Mutations are
 * always sent. A shared fetch carries the first request's id and trace context.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  const inFlight = new Map<string, Promise<Answer>>();

  const send = (url: string, method: string, headers: Record<string, string>, body: string | Buffer): Promise<Answer> => {
    const started = performance.now();
    return clientSpan(`POST ${new URL(url).host}`, { 'url.full': url, 'http.request.method': method }, async (span) => {
      injectTraceContext(headers, span);
      try {
        const response = await request(url, { method: method as 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs), dispatcher });
        const text = await response.body.text();
        options.observe?.(url, (performance.now() - started) / 1000, response.statusCode);
        span?.setAttribute('http.response.status_code', response.statusCode);
        const answerHeaders: [string, string][] = [];
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) answerHeaders.push([name, Array.isArray(value) ? value.join(', ') : value]);
        }
        return { status: response.statusCode, headers: answerHeaders, text };
      } catch (error) {
        options.observe?.(url, (performance.now() - started) / 1000, 'failed');
        const name = (error as { name?: unknown } | null)?.name;
        // As Node's fetch fails (subgraphFailures.ts reads it): a timeout as it is, a socket error as the cause of a TypeError.
        if (name === 'TimeoutError' || name === 'AbortError') throw error;
        throw new TypeError('fetch failed', { cause: error });
      }
    });
  };

  const fetcher = async (url: string, init?: Parameters<Fetcher>[1]): Promise<FetcherResponse> => {
    const headers: Record<string, string> = { ...init?.headers, 'accept-encoding': 'identity' };
    const encodedCaller = headers[CALLER_HEADER];
    if (encodedCaller === undefined) throw new Error('a subgraph request without a caller');
    const body = init?.body ?? '';
    const method = init?.method ?? 'POST';
    const sign = () => Object.assign(headers, signedHeaders(options.subgraphSecret, decodeCaller(encodedCaller), { method, url, body }));
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (method !== 'POST' || init?.signal || !isQuery(text)) return new SubgraphResponse(url, await send(url, method, sign(), body));
    const key = `${url}\n${encodedCaller}\n${text}`;
    let answer = inFlight.get(key);
    if (answer) {
      options.shared?.(url);
    } else {
      // Signed here, once per fetch sent: a signature's nonce is served once.
      answer = send(url, method, sign(), body).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return new SubgraphResponse(url, await answer);
  };
  return Object.assign(fetcher, { close: () => dispatcher.close() });
}
