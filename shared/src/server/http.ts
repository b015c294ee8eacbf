import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

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

export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: GraphQLHttpRequest) => Promise<TContext>;
  routes?: Record<string, Route>;
  maxBodyBytes?: number;
  onError?: (error: unknown, requestId: string) => void;
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

function sendGraphQLError(response: ServerResponse, error: HttpError, requestId: string): void {
  sendJson(
    response,
    error.status,
    { errors: [{ message: error.message, extensions: { code: error.code, requestId } }] },
    { ...error.headers, 'x-request-id': requestId },
  );
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

/**
 * A small node:http front for Apollo Server: `/graphql` (POST JSON, GET
 * queries) plus plain routes such as `/health`. Apollo Server 5 has no HTTP
 * framework of its own; this keeps the raw body, which signatures need.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Server {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return createServer(async (request, response) => {
    const requestId = randomUUID();
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const route = options.routes?.[url.pathname];
      if (route) {
        await route(request, response);
        return;
      }
      if (url.pathname !== '/graphql') {
        sendJson(response, 404, { error: 'Not found' });
        return;
      }
      const rawBody = await readBody(request, limit);
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const body = request.method === 'POST' ? parseBody(rawBody, request.headers['content-type']) : undefined;
      const context = await options.context({ requestId, request, rawBody });
      const result = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
        context: async () => context,
      });
      for (const [name, value] of result.headers) response.setHeader(name, value);
      response.setHeader('x-request-id', requestId);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    } catch (error) {
      if (error instanceof HttpError) {
        sendGraphQLError(response, error, requestId);
        return;
      }
      options.onError?.(error, requestId);
      if (!response.headersSent) {
        sendGraphQLError(response, new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'), requestId);
      } else {
        response.destroy();
      }
    }
  });
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

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections?.();
  });
}
