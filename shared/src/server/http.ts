import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { RETRYABLE_CODES } from '../errors';
import { clientRequestId, serveTraced } from '../tracing';
import { compressBody } from './compression';
import { answerPreflight, corsHeaders, type CorsPolicy } from './cors';

export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface GraphQLHttpRequest {
  requestId: string;
  request: IncomingMessage;
  /** The exact bytes the client sent: what a signature covers. */
  rawBody: Buffer;
}

/** What happened to one GraphQL request, for the gateway's audit log and metrics. */
export interface RequestSummary<TContext> {
  requestId: string;
  request: IncomingMessage;
  startedAt: number;
  status: number;
  /** Set once the request got past the context function (authentication and the like). */
  context?: TContext;
  /** The GraphQL request as sent: `{ query, operationName, variables, extensions }` from the body or the URL. */
  graphqlRequest?: Record<string, unknown>;
  /** The whole answer, when it was not streamed. */
  responseText?: string;
  /** The refusal, when the request was refused before it was executed. */
  refusal?: HttpError;
}

/** A plain route; one that returns `false` has not answered and leaves the request to `/graphql`. */
export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void | boolean> | void | boolean;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: GraphQLHttpRequest) => Promise<TContext>;
  routes?: Record<string, Route>;
  maxBodyBytes?: number;
  /** GET queries: for the gateway; subgraphs take only POST, whose body the signature covers. */
  allowGet?: boolean;
  onError?: (error: unknown, requestId: string) => void;
  /**
   * Runs after the answer is computed and before any byte of it is sent; if
   * it fails, the client gets a 503 instead of the answer (the audit log is
   * written here: no answer leaves unrecorded).
   */
  beforeSend?: (summary: RequestSummary<TContext>) => Promise<void>;
  /** Browser origins allowed to call `/graphql` (the gateway); none when absent. */
  cors?: CorsPolicy;
  /** Compress answers over 1 kB with brotli or gzip when the client accepts it (the gateway; not the subgraph hop). */
  compress?: boolean;
  /** The service name of the request spans. */
  service?: string;
  /**
   * Told of each `/graphql` request as soon as it is read, before its body
   * and the context: `beforeSend` follows for every one (the gateway's
   * fair sharing counts a request from here).
   */
  arrived?: (requestId: string) => void;
  /**
   * Told of each request `arrived` announced once its answer is handed to
   * the socket, or once it failed: the gateway's fair sharing counts the
   * request until then, so that whatever yielded to it resumes after its
   * answer is written, not between its outcome row and its answer.
   */
  answered?: (requestId: string) => void;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!contentType?.includes('application/json')) {
    throw new HttpError(415, 'BAD_REQUEST', 'POST bodies must be application/json');
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

/** A route registered as `'/prefix/*'` answers every path under `/prefix/` (static assets). */
function prefixRoute(routes: Record<string, Route> | undefined, pathname: string): Route | undefined {
  if (!routes) return undefined;
  const key = Object.keys(routes).find((candidate) => candidate.endsWith('/*') && pathname.startsWith(candidate.slice(0, -1)));
  return key === undefined ? undefined : routes[key];
}

/**
 * A small node:http front for Apollo Server: `/graphql` (POST JSON, GET
 * queries) plus plain routes such as `/health`. Apollo Server 5 has no HTTP
 * framework of its own; this keeps the raw body, which signatures need.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Server {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const spanName = `${options.service ?? 'graphql'} request`;
  return createServer((request, response) => {
    // A client's well-formed x-request-id is the request's id (its logs, its errors, its subgraph calls).
    const requestId = clientRequestId(request.headers) ?? randomUUID();
    serveTraced(request.headers, requestId, spanName, (setStatus) => serve(request, response, requestId, setStatus)).catch((error: unknown) => {
      options.onError?.(error, requestId);
      response.destroy();
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse, requestId: string, setStatus: (status: number) => void): Promise<void> {
    const startedAt = Date.now();
    const summary: RequestSummary<TContext> = { requestId, request, startedAt, status: 500 };
    let headers: Record<string, string> = {};
    let bodyText: string | undefined;
    let stream: AsyncIterableIterator<string> | undefined;
    let arrived = false;
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (options.cors && request.method === 'OPTIONS' && url.pathname === '/graphql') {
        answerPreflight(options.cors, request, response);
        setStatus(204);
        return;
      }
      const route = options.routes?.[url.pathname] ?? prefixRoute(options.routes, url.pathname);
      // A route may pass (return false): the explorer's page at /graphql hands API requests on to the graph.
      if (route && (await route(request, response)) !== false) {
        setStatus(response.statusCode);
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(response, 404, { error: 'Not found' });
        setStatus(404);
        return;
      }
      arrived = true;
      options.arrived?.(requestId);
      try {
        if (request.method !== 'POST' && !(options.allowGet && request.method === 'GET')) {
          throw new HttpError(405, 'BAD_REQUEST', options.allowGet ? 'Use POST or GET' : 'Use POST', {
            allow: options.allowGet ? 'GET, POST' : 'POST',
          });
        }
        const rawBody = await readBody(request, limit);
        const requestHeaders = new HeaderMap();
        for (const [name, value] of Object.entries(request.headers)) {
          if (value !== undefined) requestHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const body = request.method === 'POST' ? parseBody(rawBody, request.headers['content-type']) : undefined;
        summary.graphqlRequest = graphqlRequestOf(body, url);
        const context = await options.context({ requestId, request, rawBody });
        summary.context = context;
        const result = await options.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: request.method?.toUpperCase() ?? 'GET', headers: requestHeaders, search: url.search, body },
          context: async () => context,
        });
        for (const [name, value] of result.headers) headers[name] = value;
        summary.status = result.status ?? 200;
        if (result.body.kind === 'complete') {
          bodyText = withRequestId(result.body.string, requestId);
          if (bodyText !== result.body.string) delete headers['content-length'];
        } else {
          stream = result.body.asyncIterator;
        }
      } catch (error) {
        const refusal = error instanceof HttpError ? error : new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
        if (!(error instanceof HttpError)) options.onError?.(error, requestId);
        summary.refusal = refusal;
        summary.status = refusal.status;
        headers = { 'content-type': 'application/json; charset=utf-8', ...refusal.headers };
        bodyText = errorBody(refusal, requestId);
      }
      summary.responseText = bodyText;
      if (options.beforeSend) {
        try {
          await options.beforeSend(summary);
        } catch (error) {
          options.onError?.(error, requestId);
          summary.status = 503;
          headers = { 'content-type': 'application/json; charset=utf-8' };
          stream = undefined;
          bodyText = errorBody(new HttpError(503, 'SERVICE_UNAVAILABLE', 'The request could not be recorded in the audit log, so it was refused'), requestId);
        }
      }
      setStatus(summary.status);
      const vary = [options.cors ? 'Origin' : '', options.compress ? 'Accept-Encoding' : ''].filter(Boolean).join(', ');
      const common = { ...corsHeaders(options.cors, request), ...(vary ? { vary } : {}), 'x-request-id': requestId };
      if (stream) {
        response.writeHead(summary.status, { ...headers, ...common });
        for await (const chunk of stream) response.write(chunk);
        response.end();
      } else if (options.compress && bodyText !== undefined) {
        const answer = compressBody(bodyText, request.headers['accept-encoding']);
        delete headers['content-length'];
        response.writeHead(summary.status, {
          ...headers,
          ...common,
          ...(answer.encoding ? { 'content-encoding': answer.encoding } : {}),
          'content-length': String(Buffer.byteLength(answer.body)),
        });
        response.end(answer.body);
      } else {
        response.writeHead(summary.status, { ...headers, ...common });
        response.end(bodyText);
      }
    } catch (error) {
      options.onError?.(error, requestId);
      setStatus(500);
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId });
        response.end(errorBody(new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'), requestId));
      } else response.destroy();
    } finally {
      if (arrived) options.answered?.(requestId);
    }
  }
}

/**
 * Every error in an answer carries the request id, Apollo's own refusals of
 * a malformed request (no query, variables not an object…) included, so a
 * client can always quote it.
 */
/**
 * Whether a GraphQL answer's text carries errors: Apollo Server writes
 * `errors` first (`orderExecutionResultFields`), and so do this front's own
 * refusals, so the first bytes tell, without searching a large answer.
 */
export function answerHasErrors(bodyText: string | undefined): boolean {
  return bodyText?.startsWith('{"errors"') ?? false;
}

function withRequestId(bodyText: string, requestId: string): string {
  if (!answerHasErrors(bodyText)) return bodyText;
  let answer: { errors?: unknown };
  try {
    answer = JSON.parse(bodyText) as { errors?: unknown };
  } catch {
    return bodyText;
  }
  if (!Array.isArray(answer.errors)) return bodyText;
  const errors = answer.errors as { extensions?: Record<string, unknown> }[];
  if (errors.every((error) => error.extensions?.requestId === requestId)) return bodyText;
  answer.errors = errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId } }));
  return JSON.stringify(answer);
}

function errorBody(error: HttpError, requestId: string): string {
  const retryable = RETRYABLE_CODES.has(error.code) ? { retryable: true } : {};
  return JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code, ...retryable, requestId } }] });
}

/** The GraphQL request fields, from a POST body or a GET query string. */
function graphqlRequestOf(body: unknown, url: URL): Record<string, unknown> | undefined {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  if (Array.isArray(body)) return { batched: true };
  const query = url.searchParams.get('query');
  if (query === null) return undefined;
  let variables: unknown;
  try {
    variables = JSON.parse(url.searchParams.get('variables') ?? 'null');
  } catch {
    variables = undefined;
  }
  return { query, operationName: url.searchParams.get('operationName') ?? undefined, variables };
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** How often a stopping server looks for connections that have just become idle. */
const IDLE_SWEEP_MS = 25;

/**
 * Stops accepting, lets the requests in flight finish for up to `timeoutMs`,
 * then cuts whatever is still open; resolves once the server is closed.
 * Node's `server.close()` leaves a keep-alive connection that was busy at that
 * moment open after its answer until the client or `keepAliveTimeout` (5 s)
 * closes it, which held every stop for seconds: answers sent while stopping
 * carry `Connection: close`, and connections that turn idle are closed at once.
 */
export async function closeServer(server: Server, timeoutMs = 5000): Promise<void> {
  const refuseKeepAlive = (_request: IncomingMessage, response: ServerResponse) => {
    if (!response.headersSent) response.shouldKeepAlive = false;
  };
  server.on('request', refuseKeepAlive);
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), timeoutMs);
  try {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
    server.off('request', refuseKeepAlive);
  }
}
