import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  closeServer,
  createGraphQLHttpServer,
  createLogger,
  listen,
  maskErrors,
  sendJson,
  SUBGRAPH_NAMES,
  type Config,
  type SubgraphName,
} from '@safety-graph/shared';
import type { Server } from 'node:http';
import { createSubgraphFetcher } from './fetcher';
import { readCommittedSupergraph } from './supergraph';

export interface GatewayContext {
  requestId: string;
}

export interface StartGatewayOptions {
  config: Config;
  /** Overrides the configured port; 0 picks a free one (tests). */
  port?: number;
  host?: string;
  /** Overrides the configured subgraph URLs (tests start subgraphs on free ports). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
  subgraphTimeoutMs?: number;
}

export interface RunningGateway {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

const readyUrl = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql$/, '/ready');

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const logger = createLogger('gateway', config.logLevel);
  const subgraphUrls: Record<SubgraphName, string> = { ...config.subgraphUrls, ...options.subgraphUrls };
  const fetcher = createSubgraphFetcher({ timeoutMs: options.subgraphTimeoutMs ?? 10_000 });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readCommittedSupergraph(),
    logger,
    buildService: ({ name }) => new RemoteGraphQLDataSource({ url: subgraphUrls[name as SubgraphName], fetcher }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors((error) => {
      logger.error({ err: error }, 'operation failed');
      return undefined;
    }),
  });
  await apollo.start();

  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    context: async ({ requestId }) => ({ requestId }),
    routes: {
      '/health': (_request, response) => sendJson(response, 200, { status: 'ok', service: 'gateway' }),
      '/ready': async (_request, response) => {
        const checks = await Promise.all(
          SUBGRAPH_NAMES.map(async (name) => {
            try {
              const answer = await fetch(readyUrl(subgraphUrls[name]), { signal: AbortSignal.timeout(2000) });
              return [name, answer.ok ? 'ok' : 'unavailable'] as const;
            } catch {
              return [name, 'unreachable'] as const;
            }
          }),
        );
        const ready = checks.every(([, state]) => state === 'ok');
        sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
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
    stop: async () => {
      await closeServer(server);
      await apollo.stop();
    },
  };
}
