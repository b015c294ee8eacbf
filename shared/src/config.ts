import { join, resolve } from 'node:path';

export const SUBGRAPH_NAMES = ['agencies', 'agreements', 'traffic', 'addiction', 'divorce'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  agencies: 4001,
  agreements: 4002,
  traffic: 4003,
  addiction: 4004,
  divorce: 4005,
};

export interface StoreConfig {
  /** `mysql://user:pass@host:port` or undefined for the embedded SQLite file. */
  url?: string;
  replicaUrls: string[];
  /** Database name on MySQL (`safety_<store>`), file name stem on SQLite. */
  database: string;
  dataDir: string;
  /** MySQL/MariaDB: statements running longer are stopped (0: unbounded). */
  statementTimeoutMs?: number;
}

/** Gateway limits; each has an environment variable, documented in the README. */
export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxBodyBytes: number;
  /** Operations per agency per minute (token bucket refilled each minute). */
  ratePerMinute: number;
  subgraphTimeoutMs: number;
  /** Operations one agency may have running at once; more wait in a short queue (gateway/src/concurrency.ts). */
  maxConcurrentPerAgency: number;
  /** Operations the gateway runs at once over all agencies. */
  maxConcurrent: number;
  /** How long an operation may wait for a slot before it is refused with 429. */
  concurrencyQueueMs: number;
  /** How long a running operation waits, at each step, for much cheaper operations of other agencies (gateway/src/priority.ts); 0: never. */
  priorityYieldMs: number;
  /** How long an answered operation still counts for that, from its answer written (a client's next query is on its way). */
  priorityGraceMs: number;
  /** A store statement running longer is stopped (MariaDB/MySQL per session); 0 leaves it unbounded. */
  statementTimeoutMs: number;
  /** Bytes of whole answers the gateway keeps while their subgraphs' stores are unchanged (gateway/src/answerCache.ts); 0: none. */
  answerCacheBytes: number;
  /** How long a store's version, once read, stands for writes the gateway did not carry (answerCache.ts); 0: read for every request. */
  answerCacheFreshMs: number;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  logLevel: string;
  /** Interface the services listen on: loopback by default, 0.0.0.0 in containers. */
  host: string;
  dataDir: string;
  databasePrefix: string;
  suppressionThreshold: number;
  /** Seed the demo data into stores that are empty when a service starts (`npm start` sets it). */
  seedIfEmpty: boolean;
  /** What that seed fills: every province's records (`npm start` sets it) or, when false, Isfahan's only. */
  seedNational: boolean;
  ports: Record<SubgraphName | 'gateway', number>;
  /** On SIGTERM, how long requests in flight may still run before their connections are cut. */
  shutdownTimeoutMs: number;
  limits: Limits;
  /** The `aud` partner tokens must carry. */
  authAudience: string;
  /** The `iss` partner tokens must carry (`AUTH_ISSUER`, required in production). */
  authIssuer?: string;
  /** The longest lifetime (exp − iat) a token may have, in seconds (`AUTH_MAX_TTL`, default 24h). */
  authMaxTtlSeconds: number;
  /** Base URL of each subgraph as the gateway reaches it. */
  subgraphUrls: Record<SubgraphName, string>;
  /** `REDIS_URL`: where subgraphs remember the nonces of served calls, shared by replicas; memory when absent. */
  redisUrl?: string;
  env: NodeJS.ProcessEnv;
}

export class ConfigError extends Error {
  /** One line per missing or malformed value (`loadCheckedConfig` collects them all). */
  readonly problems: string[];
  constructor(message: string, problems: string[] = [message]) {
    super(message);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** While `loadCheckedConfig` runs, problems are collected here instead of thrown one by one. */
let collector: string[] | undefined;

/** A missing or malformed value: thrown, or collected while `loadCheckedConfig` runs (the caller then goes on with a fallback). */
export function configProblem(message: string): void {
  if (collector) collector.push(message);
  else throw new ConfigError(message);
}

/**
 * The configuration of a service process, checked at start: `loadConfig` and
 * then each of `checks` (its secrets, its token keys…), every problem found
 * reported at once as one line each in a single ConfigError.
 */
export function loadCheckedConfig(env: NodeJS.ProcessEnv = process.env, checks: ((config: Config) => unknown)[] = []): Config {
  const found: string[] = [];
  const previous = collector;
  collector = found;
  try {
    const config = loadConfig(env);
    for (const check of checks) {
      try {
        check(config);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        found.push(...error.problems);
      }
    }
    if (found.length > 0) throw new ConfigError(found.join('\n'), found);
    return config;
  } finally {
    collector = previous;
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    configProblem(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function redisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === '') return undefined;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError('REDIS_URL is not a URL');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL (got ${protocol}//)`);
  return raw;
}

const DURATION_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `90s`, `30m`, `24h`, `7d` or a number of seconds, as seconds. */
export function parseDurationSeconds(raw: string): number | undefined {
  const match = /^(\d+)(s|m|h|d)?$/.exec(raw.trim());
  if (!match) return undefined;
  return Number(match[1]) * DURATION_SECONDS[(match[2] ?? 's') as keyof typeof DURATION_SECONDS];
}

function duration(env: NodeJS.ProcessEnv, name: string, fallbackSeconds: number, maxSeconds: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallbackSeconds;
  const seconds = parseDurationSeconds(raw);
  if (seconds === undefined || seconds < 60 || seconds > maxSeconds) {
    throw new ConfigError(`${name} must be a duration such as 30m, 24h or 7d, from 1 minute to ${maxSeconds / 86400} days, got "${raw}"`);
  }
  return seconds;
}

function databaseUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    configProblem(`${name} is not a URL`);
    return undefined;
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    configProblem(`${name} must be a mysql:// URL (got ${parsed.protocol}//)`);
    return undefined;
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A subgraph's base URL as the gateway reaches it: http(s) only. */
function serviceUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    configProblem(`${name} must be an http:// or https:// URL, got "${raw}"`);
    return undefined;
  }
  return raw;
}

/** Reads and validates the environment once; everything else takes the typed result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  const knownNodeEnv = ['development', 'production', 'test'].includes(nodeEnvRaw);
  if (!knownNodeEnv) configProblem(`NODE_ENV must be development, production or test, got "${nodeEnvRaw}"`);
  const nodeEnv = (knownNodeEnv ? nodeEnvRaw : 'production') as Config['nodeEnv'];
  databaseUrl(env, 'DATABASE_URL');
  for (const name of SUBGRAPH_NAMES) databaseUrl(env, `${name.toUpperCase()}_DATABASE_URL`);
  const ports = { ...DEFAULT_PORTS };
  ports.gateway = integer(env, 'PORT', DEFAULT_PORTS.gateway, 0, 65535);
  for (const name of SUBGRAPH_NAMES) {
    ports[name] = integer(env, `${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name], 0, 65535);
  }
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    subgraphUrls[name] = serviceUrl(env, `${name.toUpperCase()}_URL`) ?? `http://127.0.0.1:${ports[name]}/graphql`;
  }
  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) configProblem(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const databasePrefix = env.DATABASE_PREFIX ?? 'safety_';
  if (!/^[a-z0-9_]{0,32}$/.test(databasePrefix)) {
    configProblem('DATABASE_PREFIX may hold only lower-case letters, digits and underscores (at most 32)');
  }
  if (env.SEED_IF_EMPTY && !['true', 'false'].includes(env.SEED_IF_EMPTY)) {
    configProblem(`SEED_IF_EMPTY must be true or false, got "${env.SEED_IF_EMPTY}"`);
  }
  if (env.SEED_NATIONAL && !['true', 'false'].includes(env.SEED_NATIONAL)) {
    configProblem(`SEED_NATIONAL must be true or false, got "${env.SEED_NATIONAL}"`);
  }
  return {
    nodeEnv,
    isProduction: nodeEnv === 'production',
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : 'info',
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? join(process.cwd(), '.data')),
    databasePrefix,
    suppressionThreshold: integer(env, 'SUPPRESSION_THRESHOLD', 10, 2, 1000),
    seedIfEmpty: env.SEED_IF_EMPTY === 'true',
    seedNational: env.SEED_NATIONAL === 'true',
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 5000, 0, 600_000),
    limits: {
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', 10, 0, 1000),
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 2000, 50, 100_000),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', 50_000, 10, 10_000_000),
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 100_000, 1000, 10_000_000),
      ratePerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 100, 300_000),
      maxConcurrentPerAgency: integer(env, 'MAX_CONCURRENT_PER_AGENCY', 4, 1, 10_000),
      maxConcurrent: integer(env, 'MAX_CONCURRENT', 16, 1, 100_000),
      concurrencyQueueMs: integer(env, 'CONCURRENCY_QUEUE_MS', 2000, 0, 60_000),
      priorityYieldMs: integer(env, 'PRIORITY_YIELD_MS', 50, 0, 10_000),
      priorityGraceMs: integer(env, 'PRIORITY_GRACE_MS', 5, 0, 1000),
      statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 8000, 0, 3_600_000),
      answerCacheBytes: integer(env, 'ANSWER_CACHE_MB', 32, 0, 4096) * 1024 * 1024,
      answerCacheFreshMs: integer(env, 'ANSWER_CACHE_FRESH_MS', 1000, 0, 60_000),
    },
    authAudience: env.AUTH_AUDIENCE || 'safety-graph',
    authIssuer: env.AUTH_ISSUER || undefined,
    authMaxTtlSeconds: duration(env, 'AUTH_MAX_TTL', 24 * 3600, 365 * 86400),
    ports,
    subgraphUrls,
    redisUrl: redisUrl(env),
    env,
  };
}

/** The store of one service: `<STORE>_DATABASE_URL` wins over `DATABASE_URL`; neither means SQLite. */
export function storeConfig(config: Config, store: SubgraphName | 'audit'): StoreConfig {
  const prefix = store.toUpperCase();
  const url = databaseUrl(config.env, `${prefix}_DATABASE_URL`) ?? databaseUrl(config.env, 'DATABASE_URL');
  const replicas = (config.env[`${prefix}_DATABASE_REPLICA_URLS`] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return {
    url,
    replicaUrls: replicas,
    database: `${config.databasePrefix}${store}`,
    dataDir: config.dataDir,
    // The audit log's writes are one row each, and audit:verify must be able to read the whole chain.
    statementTimeoutMs: store === 'audit' ? 0 : config.limits.statementTimeoutMs,
  };
}
