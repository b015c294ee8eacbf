import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { agencies } from '@safety-graph/agencies';
import { agreements } from '@safety-graph/agreements';
import { addiction } from '@safety-graph/addiction';
import { divorce } from '@safety-graph/divorce';
import { traffic } from '@safety-graph/traffic';
import { mintDevelopmentToken } from '@safety-graph/gateway';
import { loadSecrets, signedHeaders, startSubgraph, type Config, type RunningSubgraph, type SubgraphContext, type SubgraphModule } from '@safety-graph/shared';
import { dropTestDatabases, storeLabel, testConfig } from '@safety-graph/test-helpers';

/**
 * SIGTERM to a service process (`npm run build` first: it runs the built
 * main.js): it stops accepting, lets a request in flight finish, closes idle
 * keep-alive connections at once and cuts the rest at SHUTDOWN_TIMEOUT_MS,
 * then exits 0. The stop times are printed; the only timing check is
 * "within the bound plus one second".
 */
const ROOT = join(__dirname, '..', '..');
const BOUND_MS = 2000;
const QUERY = JSON.stringify({ query: '{ agencies(first: 2) { totalCount } }' });
const CALLER = { subject: 'shutdown-test', agencyCode: 'POLICE-IR-10', scopes: new Set(['agencies:read']) };

interface Service {
  child: ChildProcess;
  port: number;
  lines: string[];
  exited: Promise<{ code: number | null; at: number }>;
}

function spawnService(script: string, env: NodeJS.ProcessEnv): Promise<Service> {
  const child = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: String(BOUND_MS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${lines.join('\n')}`)), 120_000);
    void exited.then(({ code }) => reject(new Error(`${script} exited ${code} during start: ${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const port = /"port":(\d+)/.exec(line);
      if (port && /ready/.test(line)) {
        clearTimeout(timer);
        resolve({ child, port: Number(port[1]), lines, exited });
      }
    });
  });
}

/** Warms `count` keep-alive connections and leaves them idle in the agent. */
async function idleConnections(agent: Agent, port: number, count: number): Promise<void> {
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) =>
          httpRequest({ port, host: '127.0.0.1', path: '/health', agent }, (response) => {
            response.resume();
            response.on('end', resolve);
          })
            .on('error', reject)
            .end(),
        ),
    ),
  );
}

/** A POST whose headers are sent now and whose body follows when `finish` is called: a request in flight. */
function slowPost(port: number, headers: Record<string, string>, body: string) {
  const split = Math.floor(body.length / 2);
  const request = httpRequest({
    port,
    host: '127.0.0.1',
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
  });
  const answer = new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
    request.on('response', (response: IncomingMessage) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text, connection: response.headers.connection }));
    });
    request.on('error', reject);
  });
  request.write(body.slice(0, split));
  return { answer, finish: () => request.end(body.slice(split)) };
}

jest.setTimeout(120_000);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`SIGTERM stops a service within SHUTDOWN_TIMEOUT_MS (${storeLabel()})`, () => {
  let config: Config;
  let env: NodeJS.ProcessEnv;
  let subgraphSecret: Buffer;
  const agent = new Agent({ keepAlive: true });

  beforeAll(() => {
    config = testConfig('shutdown');
    env = { NODE_ENV: 'test', DATA_DIR: config.dataDir, DATABASE_PREFIX: config.databasePrefix };
    ({ subgraphSecret } = loadSecrets(config));
  });
  afterAll(async () => {
    agent.destroy();
    await dropTestDatabases(config);
  });

  it('a subgraph finishes the request in flight, drops idle keep-alive connections and exits 0', async () => {
    const service = await spawnService('subgraphs/agencies/dist/main.js', { ...env, AGENCIES_PORT: '0', SEED_IF_EMPTY: 'true' });
    await idleConnections(agent, service.port, 3);
    const inFlight = slowPost(service.port, signedHeaders(subgraphSecret, CALLER, { method: 'POST', url: '/graphql', body: QUERY }), QUERY);
    await settle(100);
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    await settle(500);
    inFlight.finish();
    const answer = await inFlight.answer;
    const { code, at } = await service.exited;
    console.log(`subgraph (${storeLabel()}) stopped ${at - signalled} ms after SIGTERM, bound ${BOUND_MS} ms`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data.agencies.totalCount).toBeGreaterThan(0);
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThanOrEqual(BOUND_MS + 1000);
    expect(service.lines.join('\n')).toMatch(/"msg":"stopped"/);
  });

  it('a request still in flight at the bound is cut, and the process exits 0 all the same', async () => {
    const service = await spawnService('subgraphs/agencies/dist/main.js', { ...env, AGENCIES_PORT: '0' });
    await idleConnections(agent, service.port, 2);
    const stuck = slowPost(service.port, signedHeaders(subgraphSecret, CALLER, { method: 'POST', url: '/graphql', body: QUERY }), QUERY);
    const outcome = stuck.answer.then(
      () => 'answered',
      () => 'cut',
    );
    await settle(100);
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    const { code, at } = await service.exited;
    console.log(`subgraph (${storeLabel()}) with a stuck request stopped ${at - signalled} ms after SIGTERM, bound ${BOUND_MS} ms`);
    expect(code).toBe(0);
    expect(at - signalled).toBeGreaterThanOrEqual(BOUND_MS - 100);
    expect(at - signalled).toBeLessThanOrEqual(BOUND_MS + 1000);
    expect(await outcome).toBe('cut');
  });

  describe('the gateway', () => {
    let subgraphs: RunningSubgraph[];

    beforeAll(async () => {
      // Only the agency directory is seeded: the gateway checks the token's agency there.
      const modules: SubgraphModule<SubgraphContext>[] = [agencies, agreements, traffic, addiction, divorce];
      subgraphs = await Promise.all(modules.map((module) => startSubgraph(module, { config, port: 0, seedIfEmpty: module.name === 'agencies' })));
    });
    afterAll(async () => {
      await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
    });

    it('finishes a request in flight through the subgraphs and exits 0 within the bound', async () => {
      const urls = Object.fromEntries(subgraphs.map((subgraph) => [`${subgraph.name.toUpperCase()}_URL`, subgraph.url]));
      const service = await spawnService('gateway/dist/main.js', { ...env, ...urls, PORT: '0' });
      await idleConnections(agent, service.port, 3);
      const token = await mintDevelopmentToken(config, { agencyCode: 'POLICE-IR-10', agencyKind: 'POLICE' });
      // The same query once first, on a connection of its own: the one in flight is then not the gateway's first
      // (its plan, the agency lookup, the JIT), which on a loaded machine could outlast the bound by itself.
      const warm = await fetch(`http://127.0.0.1:${service.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' },
        body: QUERY,
      });
      expect(warm.status).toBe(200);
      await warm.text();
      const inFlight = slowPost(service.port, { authorization: `Bearer ${token}` }, QUERY);
      await settle(100);
      const signalled = Date.now();
      service.child.kill('SIGTERM');
      await settle(500);
      inFlight.finish();
      const answer = await inFlight.answer;
      const { code, at } = await service.exited;
      console.log(`gateway (${storeLabel()}) stopped ${at - signalled} ms after SIGTERM, bound ${BOUND_MS} ms`);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text).data.agencies.totalCount).toBeGreaterThan(0);
      expect(code).toBe(0);
      expect(at - signalled).toBeLessThanOrEqual(BOUND_MS + 1000);
    });
  });
});
