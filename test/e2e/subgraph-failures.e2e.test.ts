import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startGateway, type RunningGateway } from '@safety-graph/gateway';
import { divorce } from '@safety-graph/divorce';
import {
  closeServer,
  listen,
  loadConfig,
  startSubgraph,
  type Caller,
  type Config,
  type RunningSubgraph,
  type SubgraphContext,
  type SubgraphModule,
  type SubgraphName,
} from '@safety-graph/shared';
import { dropTestDatabases, startStack, testConfig, type Stack } from '@safety-graph/test-helpers';

/**
 * Signed subgraph calls that cannot be replayed, and a graph that answers what
 * it can when a subgraph is down, slow or failing, with codes a client can act
 * on; all through a production gateway (no development shortcuts, no suggestions).
 */
let stack: Stack;
let privateKey: KeyLike;
const DIVORCE: SubgraphModule<SubgraphContext> = divorce;
const SCOPES = 'agencies:read agreements:read traffic:read addiction:read family:read family:write reports:read';

beforeAll(async () => {
  const keys = await generateKeyPair('ES256');
  privateKey = keys.privateKey;
  stack = await startStack('failures', {
    NODE_ENV: 'production',
    SUBGRAPH_SECRET: 's'.repeat(48),
    PSEUDONYM_KEY: 'p'.repeat(48),
    AUDIT_KEY: 'a'.repeat(48),
    AUTH_PUBLIC_KEY: await exportSPKI(keys.publicKey),
    AUTH_ISSUER: 'https://idp.test',
    SUBGRAPH_TIMEOUT_MS: '1000',
  });
}, 180_000);
afterAll(() => stack?.stop());

const token = (agency: string, scope = SCOPES) =>
  new SignJWT({ agency, scope })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(`tester@${agency}`)
    .setIssuer('https://idp.test')
    .setAudience('safety-graph')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);

interface Answer {
  status: number;
  requestId: string | null;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** The codes docs/CONTRACT.md lists under "Errors". */
const DOCUMENTED_CODES = new Set(
  [...readFileSync(join(__dirname, '..', '..', 'docs', 'CONTRACT.md'), 'utf8').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]),
);

/** Every error of every answer here: a documented code and the answer's request id. */
function expectDocumented(answer: Answer): void {
  for (const error of answer.json.errors ?? []) {
    expect([error.extensions?.code, DOCUMENTED_CODES.has(String(error.extensions?.code))]).toEqual([error.extensions?.code, true]);
    expect(error.extensions?.requestId).toBe(answer.requestId);
  }
}

async function send(url: string, init: RequestInit & { agency?: string } = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    ...init,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await token(init.agency ?? 'POLICE-IR-10')}`,
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text);
  } catch {
    // left empty: the test fails on its own expectations
  }
  const answer = { status: response.status, requestId: response.headers.get('x-request-id'), text, json };
  expectDocumented(answer);
  return answer;
}

const ask = (url: string, query: string, variables: Record<string, unknown> = {}, agency?: string) =>
  send(url, { body: JSON.stringify({ query, variables }), agency });

const urls = () => Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])) as Record<SubgraphName, string>;

/** A second gateway on the stack's subgraphs, with some subgraph URLs replaced. */
async function gatewayWith(label: string, replaced: Partial<Record<SubgraphName, string>>): Promise<{ gateway: RunningGateway; config: Config }> {
  const config = testConfig(label, { ...stack.config.env, DATABASE_PREFIX: `${stack.config.databasePrefix}${label}_` });
  const gateway = await startGateway({ config, port: 0, subgraphUrls: { ...urls(), ...replaced } });
  return { gateway, config };
}

async function httpServer(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  const port = await listen(server, 0);
  return { server, url: `http://127.0.0.1:${port}/graphql` };
}

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A proxy in front of a subgraph that keeps a copy of every call, as someone on the internal network could. */
async function recordingProxy(target: string): Promise<{ server: Server; url: string; calls: Captured[] }> {
  const calls: Captured[] = [];
  const { server, url } = await httpServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const captured = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) };
    calls.push(captured);
    const answer = await forward(new URL(captured.url, target).toString(), captured);
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.text);
  });
  return { server, url, calls };
}

/** Sends a captured call again, as it was (to the same subgraph or another instance of it). */
async function forward(url: string, call: Captured, method = call.method): Promise<{ status: number; text: string; code?: string }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers)) {
    if (typeof value === 'string' && (name.startsWith('x-safety-') || name === 'content-type')) headers[name] = value;
  }
  const response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : call.body });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = JSON.parse(text).errors?.[0]?.extensions?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, text, code };
}

const sessionCount = async () => Number((await stack.subgraphs.divorce.store.dataSource.query('SELECT COUNT(*) AS n FROM counseling_session'))[0].n);

/** An open counselling case and the agency hosting its unit (the only one who may record its sessions). */
async function openCase(): Promise<{ caseId: string; host: string }> {
  // A unit's code is its host agency's code prefixed with CU-.
  const rows: { id: string; code: string }[] = await stack.subgraphs.divorce.store.dataSource.query(
    "SELECT c.id AS id, u.code AS code FROM counseling_case c JOIN counseling_unit u ON u.id = c.unit_id WHERE c.status = 'OPEN' ORDER BY c.id LIMIT 1",
  );
  return { caseId: rows[0].id, host: rows[0].code.replace(/^CU-/, '') };
}

const today = () => new Date().toISOString().slice(0, 10);
const RECORD_SESSION = `mutation($input: RecordCounselingSessionInput!) { recordCounselingSession(input: $input) { id } }`;

it('documents the codes it answers with', () => {
  expect(DOCUMENTED_CODES.size).toBeGreaterThan(10);
  for (const code of ['SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED']) {
    expect(DOCUMENTED_CODES).toContain(code);
  }
});

describe('signed subgraph calls are served once', () => {
  it('refuses a captured recordCounselingSession call replayed to the divorce subgraph, and writes nothing', async () => {
    const proxy = await recordingProxy(stack.subgraphs.divorce.url);
    const { gateway, config } = await gatewayWith('replay', { divorce: proxy.url });
    try {
      const { caseId, host } = await openCase();
      const before = await sessionCount();
      const recorded = await ask(gateway.url, RECORD_SESSION, { input: { caseId, heldOn: today(), mode: 'PHONE', free: true } }, host);
      expect(recorded.json.errors).toBeUndefined();
      expect(await sessionCount()).toBe(before + 1);
      const call = proxy.calls.find((captured) => captured.body.includes('recordCounselingSession'))!;
      expect(call).toBeDefined();

      const replayed = await forward(stack.subgraphs.divorce.url, call);
      expect([replayed.status, replayed.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(replayed.text).not.toContain('"data"');
      // The same headers on another path or method do not verify either.
      const base = stack.subgraphs.divorce.url.replace(/\/graphql$/, '');
      expect((await forward(`${base}/ready`, call, 'GET')).status).toBe(401);
      expect((await forward(`${stack.subgraphs.divorce.url}?again=1`, call)).status).toBe(401);
      expect(await sessionCount()).toBe(before + 1);
    } finally {
      await gateway.stop();
      await closeServer(proxy.server);
      await dropTestDatabases(config);
    }
  });

  it('refuses a call signed for another path, and serves a freshly signed one', async () => {
    const caller: Caller = { subject: 'probe', agencyCode: 'POLICE-IR-10', scopes: new Set(['agencies:read']) };
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const elsewhere = await stack.subgraphPost('agencies', body, stack.sign(caller, body, undefined, { url: '/graphql/other' }));
    expect([elsewhere.status, elsewhere.json.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const asGet = await stack.subgraphPost('agencies', body, stack.sign(caller, body, undefined, { method: 'GET' }));
    expect(asGet.status).toBe(401);
    const headers = stack.sign(caller, body);
    expect((await stack.subgraphPost('agencies', body, headers)).status).toBe(200);
    expect((await stack.subgraphPost('agencies', body, headers)).status).toBe(401);
  });

  it("lets the gateway's signed GET /ready calls through", async () => {
    const response = await fetch(stack.gateway.url.replace(/\/graphql$/, '/ready'));
    const body = (await response.json()) as { subgraphs: Record<string, string> };
    expect(body.subgraphs).toEqual({ agencies: 'ok', agreements: 'ok', traffic: 'ok', addiction: 'ok', divorce: 'ok' });
  });

  it("two divorce instances sharing one Redis refuse each other's replays", async () => {
    const redisConfig = loadConfig({ ...stack.config.env, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    const store = stack.subgraphs.divorce.store;
    const instances: RunningSubgraph[] = [];
    try {
      for (let i = 0; i < 2; i += 1) instances.push(await startSubgraph(DIVORCE, { config: redisConfig, port: 0, store }));
      const { caseId, host } = await openCase();
      const caller: Caller = { subject: 'replayer', agencyCode: host, scopes: new Set(['family:read', 'family:write']) };
      const body = JSON.stringify({ query: RECORD_SESSION, variables: { input: { caseId, heldOn: today(), mode: 'ONLINE', free: false } } });
      const headers = stack.sign(caller, body);
      const before = await sessionCount();
      const post = (url: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (response) => ({
          status: response.status,
          json: (await response.json()) as { errors?: { extensions?: { code?: string } }[] },
        }));
      const first = await post(instances[0].url);
      expect(first.status).toBe(200);
      expect(first.json.errors).toBeUndefined();
      const second = await post(instances[1].url);
      expect([second.status, second.json.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect((await post(instances[0].url)).status).toBe(401);
      expect(await sessionCount()).toBe(before + 1);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  });
});

describe('a subgraph down, slow or failing', () => {
  const PARTIAL = `query($code: String!) {
    agency(code: "POLICE-IR-10") { code name }
    agreement(code: $code) { code targets { metric actual } }
    crash(id: "crash-that-does-not-matter") { id }
  }`;

  /** The fields traffic serves are null with an error each, on their own paths; everything else is there. */
  function expectPartial(answer: Answer, code: string) {
    expect(answer.status).toBe(200);
    expect(answer.text).not.toMatch(/ECONNREFUSED|TimeoutError|aborted|127\.0\.0\.1|serviceName|stacktrace/);
    const data = answer.json.data as {
      agency: { code: string };
      agreement: { code: string; targets: { metric: string; actual: number | null }[] };
      crash: unknown;
    };
    expect(data.agency.code).toBe('POLICE-IR-10');
    expect(data.agreement.code).toBe('MOU-IR-10-TRAFFIC-1403');
    expect(data.agreement.targets.length).toBeGreaterThan(0);
    expect(data.agreement.targets.every((target) => target.actual === null)).toBe(true);
    expect(data.crash).toBeNull();
    const errors = answer.json.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions).toEqual({ code, retryable: true, requestId: answer.requestId });
    }
    const paths = errors.map((error) => (error.path ?? []).join('.'));
    expect(paths).toContain('crash');
    expect(paths.filter((path) => /^agreement\.targets\.\d+\.actual$/.test(path)).length).toBe(data.agreement.targets.length);
  }

  it("timeout: the other fields' data and SUBGRAPH_UNAVAILABLE (retryable) on the affected paths, never HTTP 500", async () => {
    const hanging = await httpServer(() => undefined); // reads the call and never answers
    const { gateway, config } = await gatewayWith('hang', { traffic: hanging.url });
    try {
      const answer = await ask(gateway.url, PARTIAL, { code: 'MOU-IR-10-TRAFFIC-1403' });
      expectPartial(answer, 'SUBGRAPH_UNAVAILABLE');
      expect(answer.json.errors![0].message).toMatch(/did not answer in time/);
    } finally {
      await gateway.stop();
      hanging.server.closeAllConnections();
      await closeServer(hanging.server);
      await dropTestDatabases(config);
    }
  });

  it('outage: the same with a subgraph that is not running', async () => {
    const stopped = await httpServer(() => undefined);
    const deadUrl = stopped.url;
    await closeServer(stopped.server);
    const { gateway, config } = await gatewayWith('dead', { traffic: deadUrl });
    try {
      const answer = await ask(gateway.url, PARTIAL, { code: 'MOU-IR-10-TRAFFIC-1403' });
      expectPartial(answer, 'SUBGRAPH_UNAVAILABLE');
      expect(answer.json.errors![0].message).toMatch(/unreachable/);
    } finally {
      await gateway.stop();
      await dropTestDatabases(config);
    }
  });

  it('a dependency failing inside a subgraph is SERVICE_UNAVAILABLE (retryable), told apart from a dead subgraph', async () => {
    // A traffic instance whose nonce store (Redis) is unreachable: it cannot check calls, so it answers 503.
    const brokenConfig = loadConfig({ ...stack.config.env, REDIS_URL: 'redis://127.0.0.1:1' });
    const { traffic } = await import('@safety-graph/traffic');
    const broken = await startSubgraph(traffic, { config: brokenConfig, port: 0, store: stack.subgraphs.traffic.store });
    const { gateway, config } = await gatewayWith('broken', { traffic: broken.url });
    try {
      const answer = await ask(gateway.url, PARTIAL, { code: 'MOU-IR-10-TRAFFIC-1403' });
      expectPartial(answer, 'SERVICE_UNAVAILABLE');
    } finally {
      await gateway.stop();
      await broken.stop();
      await dropTestDatabases(config);
    }
  });
});

describe('no HTTP 500 for anything a client sent', () => {
  const query = '{ regions(kind: PROVINCE) { code } }';
  const cases: { label: string; init: () => RequestInit; url?: (base: string) => string; status: number; code: string }[] = [
    { label: 'syntax error', init: () => ({ body: JSON.stringify({ query: '{ regions { code }' }) }), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    {
      label: 'token limit',
      init: () => ({ body: JSON.stringify({ query: `{ regions { ${'code '.repeat(3000)}} }` }) }),
      status: 400,
      code: 'GRAPHQL_PARSE_FAILED',
    },
    {
      label: 'subscription',
      init: () => ({ body: JSON.stringify({ query: 'subscription { regions { code } }' }) }),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    { label: 'malformed JSON', init: () => ({ body: '{"query": ' }), status: 400, code: 'BAD_REQUEST' },
    { label: 'JSON not an object', init: () => ({ body: '"hello"' }), status: 400, code: 'BAD_REQUEST' },
    { label: 'query not a string', init: () => ({ body: JSON.stringify({ query: 42 }) }), status: 400, code: 'BAD_REQUEST' },
    { label: 'no query', init: () => ({ body: JSON.stringify({ variables: {} }) }), status: 400, code: 'BAD_REQUEST' },
    { label: 'variables not an object', init: () => ({ body: JSON.stringify({ query, variables: 'x' }) }), status: 400, code: 'BAD_REQUEST' },
    { label: 'empty body', init: () => ({ body: '' }), status: 400, code: 'BAD_REQUEST' },
    {
      label: 'wrong content type',
      init: () => ({ body: JSON.stringify({ query }), headers: { 'content-type': 'text/plain' } }),
      status: 415,
      code: 'BAD_REQUEST',
    },
    {
      label: 'unknown operation name',
      init: () => ({ body: JSON.stringify({ query: `query A ${query}`, operationName: 'B' }) }),
      status: 400,
      code: 'OPERATION_RESOLUTION_FAILURE',
    },
    {
      label: 'variable of the wrong type',
      init: () => ({ body: JSON.stringify({ query: 'query($k: RegionKind) { regions(kind: $k) { code } }', variables: { k: 7 } }) }),
      status: 400,
      code: 'BAD_USER_INPUT',
    },
    {
      label: 'GET mutation',
      init: () => ({ method: 'GET' }),
      url: (base) => `${base}?query=${encodeURIComponent('mutation { activateAgreement(id: "x") { id } }')}`,
      status: 405,
      code: 'BAD_REQUEST',
    },
    {
      label: 'unknown persisted query hash',
      init: () => ({ body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }) }),
      status: 200,
      code: 'PERSISTED_QUERY_NOT_FOUND',
    },
    {
      label: 'persisted query hash not matching the query',
      init: () => ({ body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }) }),
      status: 400,
      code: 'BAD_REQUEST',
    },
    { label: 'PUT', init: () => ({ method: 'PUT', body: JSON.stringify({ query }) }), status: 405, code: 'BAD_REQUEST' },
  ];

  // The token's agency is checked (and cached) once, with a call to the agencies subgraph.
  beforeAll(() => ask(stack.gateway.url, query));

  it.each(cases)('$label: $status with $code and the request id', async ({ init, url, status, code }) => {
    const before = stack.subgraphRequests();
    const answer = await send(url ? url(stack.gateway.url) : stack.gateway.url, init());
    expect([answer.status, answer.json.errors?.[0]?.extensions?.code]).toEqual([status, code]);
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const error of answer.json.errors ?? []) expect(error.extensions?.requestId).toBe(answer.requestId);
    expect(answer.text).not.toMatch(/stacktrace|at .*\.js:\d+|Internal server error/);
    expect(stack.subgraphRequests() - before).toBe(0);
  });

  it('answers a corpus of odd requests below 500, each error with a documented code and the request id', async () => {
    const post = (body: string, headers: Record<string, string> = {}) => ({ body, headers });
    const odd: [string, RequestInit, string?][] = [
      ['operationName not a string', post(JSON.stringify({ query, operationName: 5 }))],
      ['extensions not an object', post(JSON.stringify({ query, extensions: 'x' }))],
      ['variables null', post(JSON.stringify({ query, variables: null }))],
      ['unknown directive', post(JSON.stringify({ query: '{ regions @nope { code } }' }))],
      ['fragment cycle', post(JSON.stringify({ query: 'fragment A on Query { ...A } { ...A }' }))],
      ['undefined variable', post(JSON.stringify({ query: '{ regions @include(if: $x) { code } }' }))],
      ['bad default value', post(JSON.stringify({ query: 'query($k: RegionKind = 5) { regions(kind: $k) { code } }' }))],
      ['missing required input field', post(JSON.stringify({ query: 'mutation { reportCrash(input: { regionId: "x" }) { id } }' }))],
      ['required variable missing', post(JSON.stringify({ query: 'query($id: ID!) { crash(id: $id) { id } }' }))],
      ['deeply nested variable', post(JSON.stringify({ query, variables: { x: JSON.parse('['.repeat(500) + ']'.repeat(500)) } }))],
      ['invalid UTF-8', { body: Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]) }],
      ['utf-16 charset', post(JSON.stringify({ query }), { 'content-type': 'application/json; charset=utf-16' })],
      ['defer', post(JSON.stringify({ query: '{ ... @defer { regions { code } } }' }), { accept: 'multipart/mixed; deferSpec=20220824' })],
      ['two anonymous operations', post(JSON.stringify({ query: `${query} ${query}` }))],
      ['GET without query', { method: 'GET' }, ''],
      ['GET with broken variables', { method: 'GET' }, `?query=${encodeURIComponent(query)}&variables=%7Bbad`],
      ['GET with an unparsable query', { method: 'GET' }, `?query=${encodeURIComponent('{ regions {')}`],
    ];
    const failures: string[] = [];
    for (const [label, init, search] of odd) {
      const answer = await send(`${stack.gateway.url}${search ?? ''}`, init);
      if (answer.status >= 500 || (answer.status >= 400 && !answer.json.errors?.length))
        failures.push(`${label}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it('says which limit a too long operation hit', async () => {
    const answer = await send(stack.gateway.url, { body: JSON.stringify({ query: `{ regions { ${'code '.repeat(3000)}} }` }) });
    expect(answer.json.errors?.[0].message).toMatch(/2000 tokens/);
  });
});

describe('no suggestions in production', () => {
  const probes: { label: string; query: string; variables?: Record<string, unknown>; leaks: RegExp }[] = [
    { label: 'field', query: '{ regoins { code } }', leaks: /"regions"/ },
    { label: 'nested field', query: '{ regions { cod } }', leaks: /"code"/ },
    { label: 'argument', query: '{ regions(knd: PROVINCE) { code } }', leaks: /"kind"/ },
    { label: 'enum value literal', query: '{ regions(kind: PROVINC) { code } }', leaks: /PROVINCE/ },
    { label: 'enum value variable', query: 'query($k: RegionKind) { regions(kind: $k) { code } }', variables: { k: 'PROVINC' }, leaks: /PROVINCE/ },
    { label: 'input field', query: '{ crashes(period: { solarYer: 1403 }) { totalCount } }', leaks: /solarYear/ },
    {
      label: 'input field in a variable',
      query: 'query($p: PeriodInput) { crashes(period: $p) { totalCount } }',
      variables: { p: { solarYer: 1403 } },
      leaks: /solarYear/,
    },
    { label: 'type', query: 'query($k: RegionKnd) { regions(kind: $k) { code } }', leaks: /"RegionKind"/ },
    { label: 'fragment type', query: '{ regions { ... on Regin { code } } }', leaks: /"Region"/ },
  ];

  it.each(probes)('$label', async ({ query, variables, leaks }) => {
    const answer = await ask(stack.gateway.url, query, variables);
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.length).toBeGreaterThan(0);
    expect(answer.text).not.toMatch(/Did you mean|Suggestion/i);
    expect(answer.json.errors!.map((error) => error.message).join('\n')).not.toMatch(leaks);
  });
});
