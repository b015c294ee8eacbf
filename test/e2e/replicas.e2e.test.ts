import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type RunningGateway } from '@safety-graph/gateway';
import { startStack, type Stack } from '@safety-graph/test-helpers';

/**
 * Issue 13 point 5: gateway replicas on one Redis agree on each agency's rate
 * budget and running operations. Both replicas reach the agencies subgraph
 * through a gate this test can close, so that an operation is held running on
 * one replica while the other is asked.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REGIONS = '{ regions(kind: PROVINCE) { code } }';

let stack: Stack;
let gate: Server;
let closed: Promise<void> | undefined;
let open: () => void = () => undefined;
const replicas: RunningGateway[] = [];

/** Forwards to the agencies subgraph; while closed, holds region queries until opened. */
async function startGate(target: string): Promise<string> {
  gate = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (closed && body.toString().includes('regions')) await closed;
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)) as [string, string][],
    );
    const answer = await fetch(new URL(request.url ?? '/', target), {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
    });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(gate.address() as AddressInfo).port}${new URL(target).pathname}`;
}

function closeGate(): void {
  closed = new Promise<void>((resolve) => {
    open = () => {
      closed = undefined;
      resolve();
    };
  });
}

async function post(gateway: RunningGateway, token: string, query = REGIONS) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const json = (await response.json()) as { data?: unknown; errors?: { extensions: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ...json };
}

beforeAll(async () => {
  stack = await startStack('replicas', {
    REDIS_URL,
    RATE_LIMIT_PER_MINUTE: '20',
    MAX_CONCURRENT_PER_AGENCY: '1',
    CONCURRENCY_QUEUE_MS: '300',
    // The gated operation must run: a repeated query would be answered from the gateway's memory, holding no slot.
    ANSWER_CACHE_MB: '0',
  });
  const urls = Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.url]));
  urls.agencies = await startGate(stack.subgraphs.agencies.url);
  for (let i = 0; i < 2; i += 1) replicas.push(await startGateway({ config: stack.config, port: 0, subgraphUrls: urls }));
}, 300_000);

afterAll(async () => {
  open();
  await Promise.all(replicas.map((replica) => replica.stop()));
  gate?.closeAllConnections();
  await new Promise((resolve) => gate?.close(resolve));
  await stack?.stop();
});

describe('two gateway replicas on one Redis', () => {
  it('share one rate budget per agency: the second refuses once the first spent it, other agencies unaffected', async () => {
    const [first, second] = replicas;
    const token = await stack.token('ROADS-IR-10');
    // RATE_LIMIT_PER_MINUTE=20: 1 a second plus a burst of 20 a minute, all spent on the first replica.
    let spent = 0;
    while ((await post(first, token)).status === 200) spent += 1;
    expect(spent).toBeGreaterThanOrEqual(20);
    expect(spent).toBeLessThan(40);
    // The second replica has no fresh budget of its own: at most the next second's one request gets through.
    const answers = await Promise.all([1, 2, 3].map(() => post(second, token)));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const answer of refused) {
      expect(answer.errors![0].extensions.code).toBe('RATE_LIMITED');
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    const other = await post(second, await stack.token('POLICE-IR-10'));
    expect(other.status).toBe(200);
  });

  it('share concurrency slots: an operation running on one replica holds the agency slot on the other', async () => {
    const [first, second] = replicas;
    const token = await stack.token('HEALTH-IR-10', ['reports:read', 'agencies:read']);
    // Both replicas know the agency before the gate closes (the agency check goes through it too).
    expect((await post(first, token)).status).toBe(200);
    expect((await post(second, token)).status).toBe(200);
    closeGate();
    const running = post(first, token);
    // Until the held operation has its slot, the second replica's may still win it: wait until it is held.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await post(second, token);
    expect(refused.status).toBe(429);
    expect(refused.errors![0].extensions.code).toBe('CONCURRENCY_LIMITED');
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    // Another agency has its own slot.
    const other = post(second, await stack.token('POLICE-IR-10'));
    open();
    expect((await running).status).toBe(200);
    expect((await other).status).toBe(200);
    // Given back: the second replica serves the agency again.
    expect((await post(second, token)).status).toBe(200);
  });
});

describe('a gateway whose Redis is down', () => {
  it('refuses with a retryable 503 SERVICE_UNAVAILABLE, not a 500', async () => {
    const urls = Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.url]));
    const gateway = await startGateway({ config: { ...stack.config, redisUrl: 'redis://127.0.0.1:1' }, port: 0, subgraphUrls: urls });
    try {
      const answer = await post(gateway, await stack.token('POLICE-IR-10'));
      expect(answer.status).toBe(503);
      expect(answer.errors![0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer.retryAfter).toBe('1');
      expect(answer.data).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  }, 30_000);
});
