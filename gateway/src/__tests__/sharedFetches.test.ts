import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLER_HEADER, regionId } from '@safety-graph/shared';
import { startStack, testConfig, type Stack } from '../../../test/helpers';
import { startGateway, type RunningGateway } from '..';

/**
 * Identical subgraph queries in flight are fetched once per caller: a gateway
 * of its own, whose agencies subgraph sits behind a proxy that counts the
 * calls it gets and, while holding, keeps them until released, so that every
 * request of a test is in flight at once whatever the machine's speed.
 */
let stack: Stack;
let gateway: RunningGateway;
let proxy: HoldingProxy;
let trafficProxy: HoldingProxy;

interface HoldingProxy {
  url: string;
  /** The caller header and body of every call received while holding. */
  held: { caller: string; body: string }[];
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

/** Forwards every call to `target` as it came (headers, signature and body); while holding, records it and waits its turn. */
async function holdingProxy(target: string): Promise<HoldingProxy> {
  let holding = false;
  let release: () => void = () => undefined;
  let released = Promise.resolve();
  let queue: Promise<unknown> = Promise.resolve();
  const held: HoldingProxy['held'] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length', 'keep-alive'].includes(name)),
    ) as Record<string, string>;
    const forward = async () => {
      const answer = await fetch(target, { method: request.method, headers, body });
      return { status: answer.status, type: answer.headers.get('content-type') ?? 'application/json', text: await answer.text() };
    };
    let answer: Awaited<ReturnType<typeof forward>>;
    if (holding) {
      held.push({ caller: String(request.headers[CALLER_HEADER]), body });
      // Held calls go on one after the other once released, in the order they came.
      const turn = queue.then(() => released).then(forward);
      queue = turn.catch(() => undefined);
      answer = await turn;
    } else {
      answer = await forward();
    }
    response.writeHead(answer.status, { 'content-type': answer.type });
    response.end(answer.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    held,
    hold() {
      held.length = 0;
      holding = true;
      released = new Promise((resolve) => (release = resolve));
    },
    release() {
      holding = false;
      release();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fetches of a subgraph the gateway has joined to an identical one in flight, from its /metrics. */
async function sharedFetches(subgraph = 'agencies'): Promise<number> {
  const text = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
  const match = new RegExp(`^safety_graph_subgraph_fetches_shared_total\\{subgraph="${subgraph}"\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** Waits (no time limit of its own: jest's) until `count` fetches are held at the proxy or joined to one. */
async function inFlight(count: number, sharedBefore: number, at = proxy, subgraph = 'agencies'): Promise<void> {
  while (at.held.length + (await sharedFetches(subgraph)) - sharedBefore < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function post(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; json: { data?: unknown; errors?: unknown[] } }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, json: (await response.json()) as never };
}

beforeAll(async () => {
  stack = await startStack('sharedfetch');
  proxy = await holdingProxy(stack.subgraphs.agencies.url);
  trafficProxy = await holdingProxy(stack.subgraphs.traffic.url);
  const config = testConfig('sharedfetch', {
    DATA_DIR: stack.config.dataDir,
    DATABASE_PREFIX: `${stack.config.databasePrefix}gw_`,
    // All six of one agency's requests running at once (4 by default: the rest would queue behind the held ones).
    MAX_CONCURRENT_PER_AGENCY: '8',
    // The fetches themselves are under test: no answer is served from the gateway's memory (answerCache.ts).
    ANSWER_CACHE_MB: '0',
  });
  const urls = Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.url]));
  gateway = await startGateway({ config, port: 0, subgraphUrls: { ...urls, agencies: proxy.url, traffic: trafficProxy.url } });
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await trafficProxy?.close();
  await stack?.stop();
});

const PAGE = '{ agencies(first: 5) { edges { node { code name } } } }';

describe('identical subgraph queries in flight', () => {
  it('are fetched once for N concurrent identical requests of one caller, each answered in full', async () => {
    const token = await stack.token('POLICE-IR-10');
    // Token and agency checks cached first: only the page's own fetches are held.
    const expected = await post(token, PAGE);
    expect(expected.json.errors).toBeUndefined();
    const before = await sharedFetches();
    proxy.hold();
    const answers = Array.from({ length: 6 }, () => post(token, PAGE));
    await inFlight(6, before);
    proxy.release();
    for (const answer of await Promise.all(answers)) expect(answer).toEqual({ status: 200, json: expected.json });
    expect(proxy.held).toHaveLength(1);
    expect((await sharedFetches()) - before).toBe(5);
  });

  it('are never shared between two callers: each is fetched with its own caller', async () => {
    const police = await stack.token('POLICE-IR-10');
    const health = await stack.token('HEALTH-IR-10');
    for (const token of [police, health]) expect((await post(token, PAGE)).json.errors).toBeUndefined();
    const before = await sharedFetches();
    proxy.hold();
    const answers = [post(police, PAGE), post(health, PAGE)];
    await inFlight(2, before);
    proxy.release();
    for (const answer of await Promise.all(answers)) expect(answer.json.errors).toBeUndefined();
    expect(proxy.held).toHaveLength(2);
    expect(new Set(proxy.held.map((call) => call.caller)).size).toBe(2);
    expect(new Set(proxy.held.map((call) => call.body)).size).toBe(1);
    expect(await sharedFetches()).toBe(before);
  });

  it('are never shared when they are mutations: two identical ones are both sent', async () => {
    const token = await stack.token('POLICE-IR-10-12');
    const fine = 'mutation Fine($input: RecordViolationInput!) { recordViolation(input: $input) { id } }';
    const input = { occurredAt: '2025-07-01T08:15:00Z', regionId: regionId('IR-10-12'), type: 'SPEEDING', idempotencyKey: 'shared-fetches-1' };
    // Token and agency checks cached first.
    expect((await post(token, '{ agencies(first: 1) { edges { node { code } } } }')).json.errors).toBeUndefined();
    const before = await sharedFetches('traffic');
    trafficProxy.hold();
    const answers = [post(token, fine, { input }), post(token, fine, { input })];
    await inFlight(2, before, trafficProxy, 'traffic');
    trafficProxy.release();
    const [first, second] = await Promise.all(answers);
    expect(first.json.errors).toBeUndefined();
    // The subgraph, not the gateway, makes the second one a replay of the first: the same id.
    expect(second.json).toEqual(first.json);
    expect(trafficProxy.held).toHaveLength(2);
    expect(await sharedFetches('traffic')).toBe(before);
  });
});
