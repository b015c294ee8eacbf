import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mintDevelopmentToken } from '@safety-graph/gateway';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '@safety-graph/shared';
// The config helper alone: the helpers' index starts whole stacks in this process, which this file must not.
import { dropTestDatabases, storeLabel } from '../helpers/config';
import { reportLoad } from './report';

/**
 * One agency sends heavy (allowed) reports flat out over several
 * connections; another agency's light query must stay within 2× its p99
 * alone, and never fail. What holds it: the heavy agency's running
 * operations are capped (MAX_CONCURRENT_PER_AGENCY), a freed slot goes
 * to the agency holding fewest, and a running heavy report yields at each
 * step while the much cheaper light query runs (PRIORITY_YIELD_MS), its
 * subgraph calls one at a time meanwhile, and the light query counts as
 * running until its answer is written and PRIORITY_GRACE_MS beyond (the
 * client's next query is on its way). Alone and under load are measured in
 * alternating windows, so that whatever else the machine is doing weighs
 * on both alike. The services run as `npm start` runs them, each its own
 * process as in production: in one process with the load generator, every
 * heavy report would stall the light query's event loop, which no
 * deployment does.
 */
const HEAVY_CONNECTIONS = 8;
const PER_AGENCY = Math.max(1, Math.floor(availableParallelism() / 2));
// 1000 samples each way: a p99 that is the 10th slowest, not the 6th, moves less with whatever else the machine does.
const ROUNDS = 10;
const SAMPLES_PER_WINDOW = 100;
const WINDOW_MS = 4000;
const WARMUP_MS = 4000;
const WARMUP = 20;

const HEAVY_REPORT = readFileSync(join(__dirname, '..', '..', 'reports', 'counties-by-month.graphql'), 'utf8');
const HEAVY_VARIABLES = { region: 'IR-10', period: { solarYear: 1404 } };
const LIGHT_QUERY = `query Light { region(code: "IR-10-12") { code name population } }`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let services: ChildProcess | undefined;
let config: Config;
let gatewayUrl: string;

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'safety-graph-fairload-')),
    DATABASE_PREFIX: `sgt_fairload_${process.pid % 100000}_`,
    PORT: String(await freePort()),
    // One agency gets at most half the machine's cores; the default (4) assumes a larger gateway host.
    MAX_CONCURRENT_PER_AGENCY: String(PER_AGENCY),
    // The light client samples back to back (≈100 req/s on a quiet machine) to get a p99 in seconds, which the
    // default rate limit (600 a minute) refuses after a few seconds: that would measure the rate limit, not
    // concurrency fairness (CI once counted 55 such refusals as light failures).
    RATE_LIMIT_PER_MINUTE: '1000000',
    // Isfahan's records are what the two agencies ask about; every province's would take minutes to seed.
    SEED_NATIONAL: 'false',
  };
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
  config = loadConfig(env);
  gatewayUrl = `http://127.0.0.1:${config.ports.gateway}/graphql`;
  services = spawn(process.execPath, [join(__dirname, '..', '..', 'cli', 'dist', 'commands', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the services did not start:\n${output}`)), 170_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('safety-graph is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    services!.stdout!.on('data', read);
    services!.stderr!.on('data', read);
    services!.once('exit', (code) => reject(new Error(`the services exited (${code}):\n${output}`)));
  });
}, 180_000);
afterAll(async () => {
  if (services && services.exitCode === null) {
    const exited = new Promise((resolve) => services!.once('exit', resolve));
    services.kill('SIGTERM');
    await exited;
  }
  if (config) await dropTestDatabases(config);
}, 60_000);

const token = (agencyCode: string, agencyKind: string, scopes: string[]) => mintDevelopmentToken(config, { agencyCode, agencyKind, scopes });

const p99 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
};

interface Answer {
  status: number;
  ok: boolean;
  /** The first error's code, or what went wrong before an answer. */
  code?: string;
}

async function post(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  const ok = response.status === 200 && !body.errors;
  return { status: response.status, ok, code: ok ? undefined : (body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`) };
}

interface HeavyCounts {
  answered: number;
  refused: number;
  failed: number;
  /** Why heavy reports failed, by code. */
  codes: Record<string, number>;
}

/** The heavy agency's client (a worker thread's source): `connections` loops posting the report until told to stop. */
const HEAVY_LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, query, variables, connections } = workerData;
const counts = { answered: 0, refused: 0, failed: 0, codes: {} };
const fail = (code) => { counts.failed += 1; counts.codes[code] = (counts.codes[code] || 0) + 1; };
let stop = false;
parentPort.once('message', () => { stop = true; });
let sent = 0;
const post = async () => {
  // A variable of its own on each report (unused by it): the gateway computes every one, none comes from its memory.
  sent += 1;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
    body: JSON.stringify({ query, variables: { ...variables, attempt: sent } }),
  });
  const body = await response.json();
  if (response.status === 200 && !body.errors) counts.answered += 1;
  else if (response.status === 429) counts.refused += 1;
  else fail((body.errors && body.errors[0] && body.errors[0].extensions && body.errors[0].extensions.code) || 'HTTP ' + response.status);
};
Promise.all(Array.from({ length: connections }, async () => {
  while (!stop) await post().catch((error) => fail(String(error && error.message)));
})).then(() => parentPort.postMessage(counts));
`;

const failedBeforeAnswer = (error: unknown): Answer => ({ status: 0, ok: false, code: error instanceof Error ? error.message : String(error) });

/** Why the light query failed, by code: named in the table, so that a failure says what it was. */
const lightFailureCodes = new Map<string, number>();

/** The light query, one after another, until `samples` are taken or the window closes. */
async function lightWindow(token: string, samples: number, latencies: number[]): Promise<number> {
  let failures = 0;
  const closes = Date.now() + WINDOW_MS;
  for (let i = 0; i < samples && Date.now() < closes; i += 1) {
    const started = performance.now();
    const answer = await post(token, LIGHT_QUERY).catch(failedBeforeAnswer);
    latencies.push(performance.now() - started);
    if (!answer.ok) {
      failures += 1;
      lightFailureCodes.set(answer.code ?? 'unknown', (lightFailureCodes.get(answer.code ?? 'unknown') ?? 0) + 1);
    }
  }
  return failures;
}

describe('one agency flat out, another agency light', () => {
  it('never fails the light query, and reports its p99 under load against its p99 alone (target ≤ 2×)', async () => {
    const lightToken = await token('POLICE-IR-10-12', 'POLICE', ['agencies:read']);
    const heavyToken = await token('HEALTH-IR-10', 'HEALTH', ['agencies:read', 'reports:read']);
    // Warm both paths (query plans, agency lookups, store caches).
    await lightWindow(lightToken, WARMUP, []);
    expect((await post(heavyToken, HEAVY_REPORT, HEAVY_VARIABLES)).ok).toBe(true);

    const alone: number[] = [];
    const underLoad: number[] = [];
    const heavy: HeavyCounts = { answered: 0, refused: 0, failed: 0, codes: {} };
    let failures = 0;
    /**
     * Runs the heavy agency flat out while `during` runs, from a thread of its own: another partner is
     * another machine, and in this thread its answers' parsing would delay the light client's own.
     */
    const withHeavyLoad = async (during: () => Promise<void>) => {
      const load = new Worker(HEAVY_LOAD, {
        eval: true,
        workerData: { url: gatewayUrl, token: heavyToken, query: HEAVY_REPORT, variables: HEAVY_VARIABLES, connections: HEAVY_CONNECTIONS },
      });
      const done = new Promise<HeavyCounts>((resolve, reject) => {
        load.once('message', resolve);
        load.once('error', reject);
      });
      try {
        await during();
      } finally {
        load.postMessage('stop');
        const counts = await done;
        heavy.answered += counts.answered;
        heavy.refused += counts.refused;
        heavy.failed += counts.failed;
        for (const [code, n] of Object.entries(counts.codes)) heavy.codes[code] = (heavy.codes[code] ?? 0) + n;
        await load.terminate();
      }
    };
    // Warm every service under the heavy load first (JIT, plans, store caches), uncounted but checked.
    await withHeavyLoad(async () => {
      const closes = Date.now() + WARMUP_MS;
      while (Date.now() < closes) failures += await lightWindow(lightToken, 5, []);
    });
    for (let round = 0; round < ROUNDS; round += 1) {
      failures += await lightWindow(lightToken, SAMPLES_PER_WINDOW, alone);
      await withHeavyLoad(async () => {
        // Let the heavy load reach its steady state before measuring.
        await new Promise((resolve) => setTimeout(resolve, 500));
        failures += await lightWindow(lightToken, SAMPLES_PER_WINDOW, underLoad);
      });
    }

    const row = {
      scenario: `${storeLabel()}: ${HEAVY_CONNECTIONS} connections of counties-by-month (${PER_AGENCY} running) vs one region`,
      lightP99AloneMs: Math.round(p99(alone) * 10) / 10,
      lightP99UnderLoadMs: Math.round(p99(underLoad) * 10) / 10,
      lightFailures: failures === 0 ? '0' : `${failures} (${[...lightFailureCodes].map(([code, n]) => `${code} ${n}`).join(', ')})`,
      heavyAnswered: heavy.answered,
      heavyRefused: heavy.refused,
      ratio: `${(p99(underLoad) / p99(alone)).toFixed(2)}× (target ≤ 2×: ${p99(underLoad) <= 2 * p99(alone) ? 'met' : 'NOT MET'})`,
    };
    reportLoad(row);
    // The heavy agency was really flat out, and was served.
    expect(heavy.answered).toBeGreaterThan(ROUNDS);
    // Named by code, so that a failure says what it was.
    expect(heavy.codes).toEqual({});
    expect(heavy.failed).toBe(0);
    expect(row.lightFailures).toBe('0');
    // The p99 ratio is a speed target: reported in the table (met / NOT MET), not asserted in a timed test.
  }, 150_000);
});
