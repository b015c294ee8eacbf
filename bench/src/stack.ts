import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { serviceNodeOptions, SUBGRAPH_NAMES, type SubgraphName } from '@safety-graph/shared';
import { ISSUER, type RunCredentials } from './credentials';
import { startService, type ServiceProcess } from './processes';

export const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

export interface StoreChoice {
  kind: 'mysql' | 'sqlite';
  /** The server for mysql (the bench's databases are `bench_s<scale>_<subgraph>` or `bench_national_<subgraph>` on it). */
  url?: string;
}

/** The seeded data a run measures: Isfahan's records `scale` times, or every province's (`npm run seed -- --national`). */
export interface Dataset {
  scale: number;
  national: boolean;
}

/** The dataset's name in database prefixes, folders and result files: `s30` or `national`. */
export const datasetName = (dataset: Dataset) => (dataset.national ? 'national' : `s${dataset.scale}`);

/** Where one dataset lives: its own databases (a prefix) or its own SQLite folder, seeded once. */
export function storeEnvironment(store: StoreChoice, dataset: Dataset): NodeJS.ProcessEnv {
  // BENCH_DATABASE_PREFIX: several checkouts benching on one server keep their databases apart.
  const prefix = `${process.env.BENCH_DATABASE_PREFIX ?? 'bench_'}${datasetName(dataset)}_`;
  return store.kind === 'mysql'
    ? { DATABASE_URL: store.url, DATABASE_PREFIX: prefix, DATA_DIR: join(ROOT, '.data', 'bench') }
    : { DATABASE_URL: '', DATABASE_PREFIX: prefix, DATA_DIR: join(ROOT, '.data', `bench-${datasetName(dataset)}`) };
}

async function mysqlDatabaseExists(url: string, database: string): Promise<boolean> {
  const parsed = new URL(url);
  const connection = await createConnection({
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
  });
  try {
    const [rows] = await connection.query('SHOW DATABASES LIKE ?', [database]);
    return (rows as unknown[]).length > 0;
  } finally {
    await connection.end();
  }
}

/**
 * Seeds the bench's stores with `npm run seed -- --scale N --only-isfahan` (or `--national`),
 * once: a marker records a finished seed, and is ignored when the databases
 * are gone. Below scale 5 the MOUs are seeded at scale 5, so that the SQL
 * ratio check has 200 MOUs to page through.
 */
export async function seedOnce(store: StoreChoice, dataset: Dataset, log: (line: string) => void): Promise<string> {
  const { scale } = dataset;
  const env: NodeJS.ProcessEnv = { ...process.env, ...storeEnvironment(store, dataset), NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const marker = join(env.DATA_DIR!, `seeded-${store.kind}-${env.DATABASE_PREFIX}`);
  const present = store.kind === 'sqlite' || (await mysqlDatabaseExists(store.url!, `${env.DATABASE_PREFIX}divorce`));
  if (existsSync(marker) && present) return readFileSync(marker, 'utf8');
  rmSync(marker, { force: true });
  const seed = join(ROOT, 'cli', 'dist', 'commands', 'seed.js');
  const started = Date.now();
  log(`seeding ${store.kind} ${dataset.national ? 'with every province (minutes)' : `at scale ${scale}`} (once; later runs reuse it)…`);
  // The seed needs the production secrets too (pseudonyms are keyed): any will do for generated people.
  const secrets = { SUBGRAPH_SECRET: 'bench-seed-'.padEnd(40, 'x'), PSEUDONYM_KEY: 'bench-seed-'.padEnd(40, 'y') };
  const output: string[] = [];
  // The seed fills every province unless told otherwise; a scaled dataset is Isfahan's records `scale` times.
  const national = dataset.national ? ['--national'] : ['--only-isfahan'];
  const steps = [['--scale', String(scale), ...national], ...(scale < 5 ? [['--scale', '5', '--only', 'agreements', ...national]] : [])];
  for (const args of steps) {
    const { stdout } = await run(process.execPath, [seed, ...args], { cwd: ROOT, env: { ...env, ...secrets }, maxBuffer: 16 * 1024 * 1024 });
    output.push(stdout.trim());
  }
  const summary = `${output.join('\n')}\nseeded in ${((Date.now() - started) / 1000).toFixed(0)} s`;
  mkdirSync(dirname(marker), { recursive: true });
  writeFileSync(marker, summary);
  return summary;
}

export const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4100);
export const PORTS: Record<SubgraphName | 'gateway' | 'apollo' | 'hive', number> = {
  gateway: PORT_BASE,
  agencies: PORT_BASE + 1,
  agreements: PORT_BASE + 2,
  traffic: PORT_BASE + 3,
  addiction: PORT_BASE + 4,
  divorce: PORT_BASE + 5,
  apollo: PORT_BASE + 10,
  hive: PORT_BASE + 20,
};
export const subgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${PORTS[name]}/graphql`;

/** The committed supergraph with the subgraph URLs of this run (the peers read it from a file). */
export function writeRunSupergraph(): string {
  let sdl = readFileSync(join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
  for (const name of SUBGRAPH_NAMES) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${subgraphUrl(name)}$2`);
  }
  const path = join(ROOT, '.data', 'bench', 'supergraph.graphql');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, sdl);
  return path;
}

export interface StartedStack {
  services: ServiceProcess[];
  stop(): Promise<void>;
}

/**
 * The five subgraphs and the gateways, each its own `node` process with
 * NODE_ENV=production and the production secrets of the run.
 */
export async function startStack(options: {
  store: StoreChoice;
  dataset: Dataset;
  credentials: RunCredentials;
  gateways: ('safety-graph' | 'apollo' | 'hive')[];
  peerToken: string;
  /** The load's connections: our gateway lets the bench's one agency run that many operations at once. */
  connections: number;
  log: (line: string) => void;
}): Promise<StartedStack> {
  const { credentials } = options;
  const common: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...storeEnvironment(options.store, options.dataset),
    SUBGRAPH_SECRET: credentials.subgraphSecret,
    PSEUDONYM_KEY: credentials.pseudonymKey,
  };
  for (const name of SUBGRAPH_NAMES) {
    common[`${name.toUpperCase()}_PORT`] = String(PORTS[name]);
    common[`${name.toUpperCase()}_URL`] = subgraphUrl(name);
  }
  // Our services run with the heap bound they are deployed with (the Docker image's NODE_OPTIONS); the peers with their defaults.
  const ours: NodeJS.ProcessEnv = { ...common, NODE_OPTIONS: serviceNodeOptions() };
  const services: ServiceProcess[] = [];
  // Gateways first, so that no request they still hold meets a stopped subgraph.
  const stop = async () => {
    const subgraphs = services.filter((service) => (SUBGRAPH_NAMES as readonly string[]).includes(service.name));
    await Promise.all(services.filter((service) => !subgraphs.includes(service)).map((service) => service.stop()));
    await Promise.all(subgraphs.map((service) => service.stop()));
  };
  try {
    const health = (port: number, path = '/health') => `http://127.0.0.1:${port}${path}`;
    services.push(
      ...(await Promise.all(
        SUBGRAPH_NAMES.map((name) => startService(name, [join(ROOT, 'subgraphs', name, 'dist', 'main.js')], ours, health(PORTS[name]), ROOT)),
      )),
    );
    const supergraphPath = writeRunSupergraph();
    const peerEnv = { ...common, SUPERGRAPH_PATH: supergraphPath, AUTH_PUBLIC_KEY: credentials.publicKeyPem };
    const peerProbe = { authorization: `Bearer ${options.peerToken}` };
    if (options.gateways.includes('safety-graph')) {
      services.push(
        await startService(
          'safety-graph gateway',
          // Profiling our gateway under the bench's load: BENCH_GATEWAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=…'.
          [...(process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(ROOT, 'gateway', 'dist', 'main.js')],
          // The default 600 operations per agency per minute would refuse a load test from one agency.
          {
            ...ours,
            PORT: String(PORTS.gateway),
            AUTH_PUBLIC_KEY: credentials.publicKeyPem,
            AUTH_ISSUER: ISSUER,
            AUDIT_KEY: credentials.auditKey,
            RATE_LIMIT_PER_MINUTE: '1000000',
            // The default 4 operations per agency at once would queue half of the bench's connections (one agency);
            // the peers have no such limit.
            MAX_CONCURRENT_PER_AGENCY: String(options.connections),
            MAX_CONCURRENT: String(Math.max(16, options.connections)),
          },
          health(PORTS.gateway, '/ready'),
          ROOT,
        ),
      );
    }
    if (options.gateways.includes('apollo')) {
      services.push(
        await startService(
          '@apollo/gateway',
          [join(ROOT, 'bench', 'dist', 'peers', 'apolloGateway.js')],
          { ...peerEnv, PORT: String(PORTS.apollo) },
          health(PORTS.apollo, '/'),
          ROOT,
          peerProbe,
        ),
      );
    }
    if (options.gateways.includes('hive')) {
      const bin = join(dirname(require.resolve('@graphql-hive/gateway')), 'bin.js');
      services.push(
        await startService(
          'Hive Gateway',
          [
            bin,
            'supergraph',
            supergraphPath,
            '--hive-router-runtime',
            '--fork',
            '1',
            '--host',
            '127.0.0.1',
            '--port',
            String(PORTS.hive),
            '-c',
            join(ROOT, 'bench', 'dist', 'peers', 'hiveConfig.js'),
          ],
          { ...peerEnv, PORT: String(PORTS.hive) },
          health(PORTS.hive, '/graphql'),
          ROOT,
          peerProbe,
        ),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { services, stop };
}
