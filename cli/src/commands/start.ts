import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { mintDevelopmentToken } from '@safety-graph/gateway';
import {
  ConfigError,
  loadConfig,
  loadSecrets,
  loadTokenVerification,
  referenceAgencies,
  serviceNodeOptions,
  SUBGRAPH_NAMES,
  type Config,
} from '@safety-graph/shared';

/**
 * `npm start`: the five subgraphs and the gateway, each its own process as in
 * production, on the embedded SQLite stores unless DATABASE_URL is set. First
 * the stores are migrated and the empty ones seeded with the demo data, by
 * `npm run seed -- --if-empty` in a process of its own (every province's
 * records; `SEED_NATIONAL=false`: Isfahan's only): a bulk load holds more rows
 * in memory than a service's heap bound (SERVICE_HEAP_MIB) allows.
 * Ctrl-C stops them all.
 */
const ROOT = join(__dirname, '..', '..', '..');
/** How long a service may take to answer `/health` (migrations; the seed step has run before, unbounded). */
const STARTUP_TIMEOUT_MS = 180_000;

/** A service the launcher keeps running: restarted with backoff when it exits on its own. */
interface Supervised {
  name: string;
  script: string;
  process: ChildProcess;
  restarts: number;
  startedAt: number;
}

const children: Supervised[] = [];
let stopping = false;
/** Until every service answered once, an exit is a failed start (bad configuration, port taken): stop, exit 1. */
let started = false;

/** First restart after 250 ms, doubling to at most 5 s; a service that ran a minute starts over at 250 ms. */
const RESTART_BASE_MS = 250;
const RESTART_MAX_MS = 5_000;
const STABLE_AFTER_MS = 60_000;

export function restartDelay(restarts: number): number {
  return Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** restarts);
}

/** A `node` process of the launcher's, its output printed line by line under `[name]`. */
function spawnPrefixed(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  return child;
}

function spawnService(name: string, script: string, config: Config): ChildProcess {
  return spawnPrefixed(name, [join(ROOT, script)], {
    ...process.env,
    LOG_LEVEL: config.env.LOG_LEVEL ?? 'warn',
    DATA_DIR: config.dataDir,
    // The heap bound every service runs with as deployed (the Docker image's NODE_OPTIONS).
    NODE_OPTIONS: serviceNodeOptions(),
  });
}

/**
 * Starts a service and supervises it: when it exits without being asked to,
 * the others keep serving (the gateway answers with partial data) and it is
 * started again after a growing delay, each restart logged.
 */
function launch(name: string, script: string, config: Config): ChildProcess {
  const service: Supervised = { name, script, process: spawnService(name, script, config), restarts: 0, startedAt: Date.now() };
  const watch = (child: ChildProcess) =>
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (!started) {
        console.error(`${name} stopped during start-up (${signal ?? `exit code ${code}`}); stopping the rest`);
        void shutdown(1);
        return;
      }
      if (Date.now() - service.startedAt > STABLE_AFTER_MS) service.restarts = 0;
      const delay = restartDelay(service.restarts);
      service.restarts += 1;
      console.error(`[launcher] ${name} exited (${signal ?? `exit code ${code}`}); restarting in ${delay} ms (restart ${service.restarts})`);
      setTimeout(() => {
        if (stopping) return;
        service.process = spawnService(name, script, config);
        service.startedAt = Date.now();
        console.error(`[launcher] ${name} started again (pid ${service.process.pid})`);
        watch(service.process);
      }, delay).unref();
    });
  watch(service.process);
  console.log(`[launcher] ${name} started (pid ${service.process.pid})`);
  children.push(service);
  return service.process;
}

async function waitForHealth(name: string, port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not become healthy within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = children.map(
    ({ process: child }) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
  process.exit(code);
}

/** Ready tokens for the demo's main partners, valid for a working day. */
const DEMO_TOKEN_AGENCIES = ['POLICE-IR-10', 'HEALTH-IR-10', 'WELFARE-IR-10', 'POLICE-IR-10-12'];

async function demoTokens(config: Config): Promise<{ code: string; token: string }[]> {
  const kinds = new Map(referenceAgencies().map((agency) => [agency.code, agency.kind]));
  return Promise.all(
    DEMO_TOKEN_AGENCIES.map(async (code) => ({
      code,
      token: await mintDevelopmentToken(config, { agencyCode: code, agencyKind: kinds.get(code)!, ttl: '8h' }),
    })),
  );
}

/** The seed step: the empty stores migrated and seeded before any service starts; a failure stops the start. */
function seedEmptyStores(config: Config): Promise<void> {
  const national = (process.env.SEED_NATIONAL ?? 'true') === 'true';
  const seed = spawnPrefixed('seed', [join(ROOT, 'cli', 'dist', 'commands', 'seed.js'), '--if-empty', ...(national ? [] : ['--only-isfahan'])], {
    ...process.env,
    DATA_DIR: config.dataDir,
  });
  const stop = () => seed.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise((resolve, reject) => {
    seed.once('error', reject);
    seed.once('exit', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (code === 0) resolve();
      else reject(new Error(`seeding the empty stores failed (${signal ?? `exit code ${code}`}); see the [seed] lines above`));
    });
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = config.env.DATABASE_URL ? `MySQL/MariaDB at ${new URL(config.env.DATABASE_URL).host}` : `SQLite files in ${config.dataDir}`;
  console.log(`starting safety-graph on ${store}`);
  if ((process.env.SEED_NATIONAL ?? 'true') === 'true') {
    console.log('empty stores are seeded with every province first: a few minutes (SEED_NATIONAL=false: Isfahan only, seconds)');
  }
  // Made before the services start, so that they all read the same development secrets.
  loadSecrets(config);
  loadTokenVerification(config);
  await seedEmptyStores(config);
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const child = launch(name, `subgraphs/${name}/dist/main.js`, config);
      await waitForHealth(name, config.ports[name], child);
      console.log(`  ${name.padEnd(10)} http://127.0.0.1:${config.ports[name]}/graphql`);
    }),
  );
  const gateway = launch('gateway', 'gateway/dist/main.js', config);
  await waitForHealth('gateway', config.ports.gateway, gateway);
  started = true;
  const tokens = config.isProduction ? [] : await demoTokens(config);
  console.log(`
safety-graph is ready: http://localhost:${config.ports.gateway}/graphql
${tokens.map(({ code, token }) => `\n  ${code}:\n    ${token}`).join('')}

Try (with the first token):
  curl -s http://localhost:${config.ports.gateway}/graphql -H 'content-type: application/json' \\
    -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ agreement(code: \\"MOU-IR-10-TRAFFIC-1403\\") { title leadAgency { name region { name } } parties { agency { name } } } }"}'

More tokens: npm run token -- --agency CODE [--scopes "..."] [--ttl 1h]. Ctrl-C stops everything.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : `start failed: ${(error as Error).message}`);
  void shutdown(1);
});
