import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startStack, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack('httpfront', { CORS_ORIGINS: 'https://app.example.ir, http://localhost:5173' });
  token = await stack.token('POLICE-IR-10', ['agencies:read', 'agreements:read', 'traffic:read', 'addiction:read', 'family:read', 'reports:read']);
}, 180_000);
afterAll(() => stack?.stop());

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request as a browser or curl sends it, with the answer's bytes as they came (fetch would decode them). */
function raw(method: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  const url = new URL(stack.gateway.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  raw('POST', { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, JSON.stringify(body));

const MONTHLY = {
  query: readFileSync(join(__dirname, '..', '..', 'reports', 'counties-by-month.graphql'), 'utf8'),
  variables: { region: 'IR-10', period: { solarYear: 1404 } },
};

describe('compression', () => {
  it('sends a large report compressed with brotli or gzip as asked, decoding to the same JSON', async () => {
    const plain = await post(MONTHLY, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(50_000);
    const answer = JSON.parse(plain.body.toString('utf8')) as { data: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();

    const br = await post(MONTHLY, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 5);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(answer);

    const gzip = await post(MONTHLY, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(plain.body.length / 5);
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(answer);

    const refused = await post(MONTHLY, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('leaves small answers as they are', async () => {
    const small = await post({ query: '{ agency(code: "POLICE-IR-10") { code } }' }, { 'accept-encoding': 'gzip, br' });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ data: { agency: { code: 'POLICE-IR-10' } } });
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    raw('OPTIONS', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, traceparent' });

  it('answers the preflight of an allowed origin with 204 and what the browser needs', async () => {
    const answer = await preflight('https://app.example.ir');
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('https://app.example.ir');
    expect(answer.headers['access-control-allow-methods']).toMatch(/POST/);
    const allowed = String(answer.headers['access-control-allow-headers']).split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'traceparent', 'x-request-id']));
    expect(Number(answer.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(answer.headers.vary).toMatch(/Origin/);
  });

  it('gives a disallowed origin no CORS header, on the preflight or the request', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:3000', 'https://app.example.ir.evil.example']) {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    const call = await post({ query: '{ agency(code: "POLICE-IR-10") { code } }' }, { origin: 'https://evil.example' });
    expect(call.status).toBe(200);
    expect(Object.keys(call.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('lets an allowed origin read the answer and its request id', async () => {
    const call = await post({ query: '{ agency(code: "POLICE-IR-10") { code } }' }, { origin: 'http://localhost:5173' });
    expect(call.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(call.headers['access-control-expose-headers']).toMatch(/x-request-id/);
    expect(call.headers.vary).toMatch(/Origin/);
  });
});

describe('request ids and trace context', () => {
  const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('uses a well-formed client x-request-id and carries it with traceparent to the subgraphs, outside the signature', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const listener = (request: { headers: IncomingHttpHeaders }) => seen.push(request.headers);
    stack.subgraphs.agencies.server.on('request', listener);
    try {
      // An operation of its own: the gateway answers a caller's repeated query from memory, without the subgraphs.
      const answer = await post(
        { query: 'query Carried { agency(code: "POLICE-IR-10") { code } }' },
        { 'x-request-id': 'partner-req-0001', traceparent: TRACEPARENT },
      );
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ data: { agency: { code: 'POLICE-IR-10' } } });
      expect(answer.headers['x-request-id']).toBe('partner-req-0001');
    } finally {
      stack.subgraphs.agencies.server.off('request', listener);
    }
    const call = seen.find((headers) => headers['x-request-id'] === 'partner-req-0001');
    expect(call).toBeDefined();
    // With tracing off the client's context goes on as it came; with tracing on it would be a child of it.
    expect(call!.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-0[01]$/);
  });

  it('puts the client request id on every error of the answer', async () => {
    const answer = await post({ query: '{ agency(code: "POLICE-IR-10") { nope } }' }, { 'x-request-id': 'partner-req-0002' });
    const errors = (JSON.parse(answer.body.toString('utf8')) as { errors: { extensions: { requestId: string } }[] }).errors;
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.extensions.requestId).toBe('partner-req-0002');
  });

  it('replaces a malformed x-request-id and ignores a malformed traceparent', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const listener = (request: { headers: IncomingHttpHeaders }) => seen.push(request.headers);
    stack.subgraphs.agencies.server.on('request', listener);
    try {
      for (const [index, bad] of ['short', 'has spaces in it', 'x'.repeat(129), 'semi;colon-value'].entries()) {
        // Each its own operation, so that each reaches the subgraph (repeated queries are answered from memory).
        const answer = await post(
          { query: `query Malformed${index} { agency(code: "POLICE-IR-10") { code } }` },
          { 'x-request-id': bad, traceparent: '00-zz-00-01' },
        );
        expect(answer.status).toBe(200);
        expect(answer.headers['x-request-id']).not.toBe(bad);
        expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    } finally {
      stack.subgraphs.agencies.server.off('request', listener);
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) expect(headers.traceparent).toBeUndefined();
  });
});
