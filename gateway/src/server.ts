import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  CALLER_HEADER,
  closeServer,
  createGraphQLHttpServer,
  createLogger,
  encodeCaller,
  HttpError,
  INTERNAL_HEADER_PREFIX,
  listen,
  loadSecrets,
  loadTokenVerification,
  maskErrors,
  sendJson,
  signedHeaders,
  SUBGRAPH_NAMES,
  type Config,
  type RequestSummary,
  type SubgraphName,
} from '@safety-graph/shared';
import { createAgencyDirectory, GATEWAY_CALLER } from './agencyDirectory';
import { openGatewayAudit, type GatewayAudit } from './auditTrail';
import { createAuthenticator, type AgencyExists } from './auth';
import { ConcurrencyLimiter } from './concurrency';
import { fairness } from './fairness';
import { createSubgraphFetcher } from './fetcher';
import { createMetrics } from './metrics';
import { outcomeOf } from './outcome';
import { introspectionGuard, operationRecorder, type GatewayContext } from './plugins';
import { createRateLimiter } from './rateLimit';
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
    observe: (url, seconds, status) =>
      metrics.subgraphFetch.observe({ subgraph: nameOfUrl.get(url) ?? 'unknown', status: String(status) }, seconds),
  });
  const authenticator = await createAuthenticator(
    config,
    loadTokenVerification(config),
    options.agencyExists ?? createAgencyDirectory(subgraphUrls.agencies, secrets.subgraphSecret, limits.subgraphTimeoutMs),
  );
  const rateLimit = createRateLimiter(limits.ratePerMinute);
  const audit = options.audit ?? (await openGatewayAudit(config));
  const limiter = new ConcurrencyLimiter({ perAgency: limits.maxConcurrentPerAgency, total: limits.maxConcurrent, queueMs: limits.concurrencyQueueMs });
  const sharing = fairness({ maxCost: limits.maxCost, limiter });

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readCommittedSupergraph(),
    logger,
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: subgraphUrls[name as SubgraphName],
        fetcher,
        willSendRequest({ request, context }) {
          context.subgraphs?.add(name);
          request.http?.headers.set(CALLER_HEADER, encodeCaller(context.caller));
        },
      }),
  });
  const armor = new ApolloArmor({
    // Partners see which limit they hit, so that they can fix the operation.
    maxDepth: { n: limits.maxDepth, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    // Armor's cost sees only literal first/last; ours (cost.ts) counts series, regions and codes too.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, introspectionGuard(config.nodeEnv === 'development'), operationRecorder(), sharing.plugin],
    formatError: maskErrors((error) => {
      logger.error({ err: error }, 'operation failed');
      return undefined;
    }),
  });
  await apollo.start();

  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    allowGet: true,
    maxBodyBytes: limits.maxBodyBytes,
    context: async ({ requestId, request }) => {
      // Only the gateway speaks for a caller to the subgraphs.
      if (Object.keys(request.headers).some((name) => name.startsWith(INTERNAL_HEADER_PREFIX))) {
        throw new HttpError(400, 'BAD_REQUEST', `Headers starting with ${INTERNAL_HEADER_PREFIX} are not accepted from clients`);
      }
      const caller = await authenticator.authenticate(request.headers.authorization);
      await rateLimit(caller.agencyCode);
      return { requestId, caller, subgraphs: new Set<string>() };
    },
    beforeSend: async (summary: RequestSummary<GatewayContext>) => {
      if (summary.context) sharing.release(summary.context);
      const outcome = outcomeOf(summary);
      await audit.record(summary, outcome);
      metrics.requests.inc({ outcome });
      metrics.duration.observe((Date.now() - summary.startedAt) / 1000);
    },
    routes: {
      '/health': (_request, response) => sendJson(response, 200, { status: 'ok', service: 'gateway' }),
      '/ready': async (_request, response) => {
        const checks = await Promise.all(
          SUBGRAPH_NAMES.map(async (name) => {
            try {
              const answer = await fetch(readyUrl(subgraphUrls[name]), {
                headers: signedHeaders(secrets.subgraphSecret, GATEWAY_CALLER, ''),
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
      await closeServer(server);
      limiter.close();
      await apollo.stop();
      if (!options.audit) await audit.close();
    },
  };
}
