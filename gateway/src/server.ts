import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  CALLER_HEADER,
  clientTraceHeaders,
  closeServer,
  corsPolicy,
  createGraphQLHttpServer,
  createLogger,
  encodeCaller,
  HttpError,
  INTERNAL_HEADER_PREFIX,
  listen,
  loadSecrets,
  loadTokenVerification,
  maskErrors,
  openRedis,
  sendJson,
  signedHeaders,
  SUBGRAPH_NAMES,
  type Config,
  type RequestSummary,
  type SubgraphName,
} from '@safety-graph/shared';
import { createAgencyDirectory, GATEWAY_CALLER } from './agencyDirectory';
import { devSignInRoutes } from './devSignIn';
import { dashboardRoutes } from './dashboardRoute';
import { explorerRoutes } from './explorer';
import { openGatewayAudit, type GatewayAudit } from './auditTrail';
import { createAuthenticator, type AgencyExists } from './auth';
import { ConcurrencyLimiter, RedisSlotStore } from './concurrency';
import { fairness } from './fairness';
import { CheapFirst } from './priority';
import { cacheVerifiedTokens } from './tokenCache';
import { createSubgraphFetcher } from './fetcher';
import { createMetrics } from './metrics';
import { operationGuard } from './operationGuard';
import { outcomeOf } from './outcome';
import { checkVariableDepth, maxVariableDepth } from './limits/variables';
import { answerCache } from './answerCache';
import { auditIntent, introspectionGuard, operationRecorder, type GatewayContext } from './plugins';
import { AddressRateLimited, createAddressLimiter, createRateLimiter, unauthenticatedPerMinute } from './rateLimit';
import { createUnauthenticatedTally, summaryIntervalMs } from './unauthenticated';
import { SubgraphDataSource } from './subgraphFailures';
import { readCommittedSupergraph } from './supergraph';

export type { GatewayContext };

export interface StartGatewayOptions {
  config: Config;
  /** Overrides the configured port; 0 picks a free one (tests). */
  port?: number;
  host?: string;
  /** Overrides the configured subgraph URLs (tests start subgraphs on free ports). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
  /** Overrides the audit trail (tests break it on purpose). */
  audit?: GatewayAudit;
  /** Overrides the agency check (tests). */
  agencyExists?: AgencyExists;
}

export interface RunningGateway {
  url: string;
  port: number;
  server: Server;
  audit: GatewayAudit;
  stop(): Promise<void>;
}

const readyUrl = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql$/, '/ready');

/**
 * The gateway: request limits, token, per-agency rate limit, the query plan
 * over signed subgraph fetches, masked errors, and an audit row written
 * before any answer leaves.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const { limits } = config;
  const logger = createLogger('gateway', config.logLevel);
  const secrets = loadSecrets(config);
  const subgraphUrls: Record<SubgraphName, string> = { ...config.subgraphUrls, ...options.subgraphUrls };
  const nameOfUrl = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  const metrics = createMetrics();
  const fetcher = createSubgraphFetcher({
    timeoutMs: limits.subgraphTimeoutMs,
    subgraphSecret: secrets.subgraphSecret,
    observe: (url, seconds, status) => metrics.subgraphFetch.observe({ subgraph: nameOfUrl.get(url) ?? 'unknown', status: String(status) }, seconds),
    shared: (url) => metrics.subgraphFetchShared.inc({ subgraph: nameOfUrl.get(url) ?? 'unknown' }),
  });
  const authenticator = cacheVerifiedTokens(
    await createAuthenticator(
      config,
      loadTokenVerification(config),
      options.agencyExists ?? createAgencyDirectory(subgraphUrls.agencies, secrets.subgraphSecret, limits.subgraphTimeoutMs),
    ),
  );
  // REDIS_URL: limits and slots shared by every gateway replica (keys under `<DATABASE_PREFIX>gateway:`).
  const redis = config.redisUrl ? openRedis(config.redisUrl) : undefined;
  const limitStore = redis ? { redis, prefix: `${config.databasePrefix}gateway:` } : undefined;
  const rateLimit = createRateLimiter(limits.ratePerMinute, limitStore);
  const audit = options.audit ?? (await openGatewayAudit(config, (error) => logger.error({ err: error }, 'audit checkpoint not written')));
  const variableDepth = maxVariableDepth(config);
  const addressLimit = createAddressLimiter(unauthenticatedPerMinute(config), limitStore);
  const unauthenticated = createUnauthenticatedTally(metrics.registry, audit, summaryIntervalMs(config), (error) =>
    logger.error({ err: error }, 'unauthenticated summary not written'),
  );
  const limiter = new ConcurrencyLimiter({
    perAgency: limits.maxConcurrentPerAgency,
    total: limits.maxConcurrent,
    queueMs: limits.concurrencyQueueMs,
    store: limitStore ? new RedisSlotStore(limitStore) : undefined,
  });
  const sharing = fairness({ maxCost: limits.maxCost, limiter, priority: new CheapFirst(limits.priorityYieldMs, limits.priorityGraceMs) });

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readCommittedSupergraph(),
    logger,
    buildService: ({ name }) =>
      new SubgraphDataSource({
        url: subgraphUrls[name as SubgraphName],
        fetcher: sharing.inLane(fetcher),
        onFailure: (error, code) => logger.warn({ err: error, subgraph: name, code }, 'subgraph call failed'),
        // Each subgraph call and each answer is a step at which an operation yields to much cheaper ones.
        async didReceiveResponse({ response, context }) {
          await sharing.yieldFor(context.requestId);
          return response;
        },
        async willSendRequest({ request, context }) {
          await sharing.yieldFor(context.requestId);
          context.subgraphs?.add(name);
          request.http?.headers.set(CALLER_HEADER, encodeCaller(context.caller));
          // Outside the signature: the subgraph's logs and spans join the client's request.
          request.http?.headers.set('x-request-id', context.requestId);
          for (const [header, value] of Object.entries((context as GatewayContext).traceHeaders ?? {})) request.http?.headers.set(header, value);
        },
      }),
  });
  const armor = new ApolloArmor({
    // Partners see which limit they hit, so that they can fix the operation.
    maxDepth: { n: limits.maxDepth, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    // The token limit is graphql-js's own parse option below: Armor's parses in a hook, where a syntax error is a 500.
    maxTokens: { enabled: false },
    // Armor's cost sees only literal first/last; ours (cost.ts) counts series, regions and codes too.
    costLimit: { enabled: false },
    // Armor's suggestion filter rewrites `message` on errors it does not own (a timeout's DOMException
    // throws, and the whole answer is a 500) and misses enum values and types: maskErrors drops them all.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const answers = answerCache({
    capacityBytes: limits.answerCacheBytes,
    freshMs: limits.answerCacheFreshMs,
    subgraphs: SUBGRAPH_NAMES,
    readVersion: async (name) => {
      const answer = await fetcher(subgraphUrls[name].replace(/\/graphql$/, '/version'), {
        method: 'GET',
        headers: { [CALLER_HEADER]: encodeCaller(GATEWAY_CALLER) },
      });
      if (!answer.ok) throw new Error(`${name} did not give its version (${answer.status})`);
      return String(((await answer.json()) as { version: unknown }).version);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    stringifyResult: answers.stringifyResult,
    plugins: [
      ...armor.plugins,
      introspectionGuard(config.nodeEnv === 'development'),
      operationGuard(),
      operationRecorder(),
      // Cost, then one of the agency's slots: before the intent row, so that what is refused here never runs.
      sharing.plugin,
      // Last: the intent row is committed once nothing else will refuse the operation.
      auditIntent(audit, (error, requestId) => logger.error({ err: error, requestId }, 'audit intent row not written')),
      // After the intent row: a remembered answer is served only to an operation that would have run.
      answers,
    ],
    formatError: maskErrors(
      (error) => {
        logger.error({ err: error }, 'operation failed');
        return undefined;
      },
      { suggestions: config.nodeEnv === 'development' },
    ),
  });
  await apollo.start();

  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    allowGet: true,
    maxBodyBytes: limits.maxBodyBytes,
    service: 'gateway',
    cors: corsPolicy(config),
    compress: true,
    arrived: (requestId) => sharing.arriving(requestId),
    // Once its answer is written: what yielded to it resumes after that, not between its outcome row and its answer.
    answered: (requestId) => sharing.finish(requestId),
    context: async ({ requestId, request, rawBody }) => {
      // Before anything reads them: nothing downstream (hashing for the audit log included) walks an unbounded depth.
      checkVariableDepth(request, rawBody, variableDepth);
      // Only the gateway speaks for a caller to the subgraphs.
      if (Object.keys(request.headers).some((name) => name.startsWith(INTERNAL_HEADER_PREFIX))) {
        throw new HttpError(400, 'BAD_REQUEST', `Headers starting with ${INTERNAL_HEADER_PREFIX} are not accepted from clients`);
      }
      const address = request.socket.remoteAddress ?? 'unknown';
      const caller = await authenticator.authenticate(request.headers.authorization).catch(async (error: unknown) => {
        if (error instanceof HttpError && error.code === 'UNAUTHENTICATED') await addressLimit.charge(address);
        throw error;
      });
      await rateLimit(caller.agencyCode);
      const context: GatewayContext = {
        requestId,
        caller,
        subgraphs: new Set<string>(),
        trail: { intent: false },
        traceHeaders: clientTraceHeaders(request.headers),
      };
      sharing.arrive(context);
      return context;
    },
    beforeSend: async (summary: RequestSummary<GatewayContext>) => {
      if (summary.context) sharing.release(summary.context);
      const outcome = outcomeOf(summary);
      const { refusal } = summary;
      if (refusal && (refusal instanceof AddressRateLimited || refusal.code === 'UNAUTHENTICATED')) {
        // Counted, not logged one row each: a flood must not fill the audit store.
        unauthenticated.count(summary.request.socket.remoteAddress ?? 'unknown', refusal instanceof AddressRateLimited ? 'RATE_LIMITED' : 'UNAUTHENTICATED');
      } else await audit.record(summary, outcome);
      metrics.requests.inc({ outcome });
      metrics.duration.observe((Date.now() - summary.startedAt) / 1000);
      // Its answer's compression and write are a step of their own (a large report's take milliseconds).
      await sharing.yieldFor(summary.requestId);
    },
    routes: {
      ...devSignInRoutes(config),
      ...dashboardRoutes(),
      ...explorerRoutes(config),
      '/health': (_request, response) => sendJson(response, 200, { status: 'ok', service: 'gateway' }),
      '/ready': async (_request, response) => {
        const checks = await Promise.all(
          SUBGRAPH_NAMES.map(async (name) => {
            try {
              const url = readyUrl(subgraphUrls[name]);
              const answer = await fetch(url, {
                headers: signedHeaders(secrets.subgraphSecret, GATEWAY_CALLER, { method: 'GET', url }),
                signal: AbortSignal.timeout(2000),
              });
              return [name, answer.ok ? 'ok' : 'unavailable'] as const;
            } catch {
              return [name, 'unreachable'] as const;
            }
          }),
        );
        const auditReady = await audit.ready();
        const ready = auditReady && checks.every(([, state]) => state === 'ok');
        sendJson(response, ready ? 200 : 503, {
          status: ready ? 'ready' : 'not ready',
          subgraphs: Object.fromEntries(checks),
          audit: auditReady ? 'ok' : 'unavailable',
        });
      },
      '/metrics': async (_request, response) => {
        const text = await metrics.registry.metrics();
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(text);
      },
    },
    onError: (error, requestId) => logger.error({ err: error, requestId }, 'request failed'),
  });
  const port = await listen(server, options.port ?? config.ports.gateway, options.host);
  logger.info({ port }, 'gateway ready');
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    server,
    audit,
    stop: async () => {
      await closeServer(server, config.shutdownTimeoutMs);
      limiter.close();
      await apollo.stop();
      await fetcher.close();
      await unauthenticated.stop();
      if (!options.audit) await audit.close();
      redis?.disconnect();
    },
  };
}
