import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import type { Caller } from '../auth/caller';
import { guardResolvers, type AccessPolicy } from '../auth/guard';
import { loadCheckedConfig, storeConfig, type Config, type SubgraphName } from '../config';
import { openStore, type Store } from '../db/store';
import { ErrorCode } from '../errors';
import { createLogger, type Logger } from '../logger';
import { pseudonymOf } from '../auth/pseudonym';
import { loadSecrets } from '../auth/secrets';
import { openNonceStore } from '../auth/nonces';
import { SignatureError, verifySubgraphCall } from '../auth/signature';
import type { Importer } from './importer';
import type { MeasureSet } from '../reporting/measures';
import { closeServer, createGraphQLHttpServer, HttpError, listen, sendJson } from './http';
import { maskErrors } from './maskErrors';
import { runProcess } from './process';
import { clientTraceLogFields, stopTracing } from '../tracing';

/** What every subgraph resolver gets; each subgraph adds its per-request loaders. */
export interface SubgraphContext {
  requestId: string;
  /** The partner agency the gateway authenticated and signed for; null only in direct tests. */
  caller: Caller | null;
  logger: Logger;
  store: Store;
  /** The validated configuration (suppression threshold and the like). */
  config: Config;
  /** The keyed pseudonym of a national id (BAD_USER_INPUT for an invalid one); the id itself is never stored. */
  pseudonymize(nationalId: string, argument?: string): string;
}

export interface SeedOptions {
  /** Multiplies the demo volume (benchmarks); 1 is the demo. */
  scale: number;
  /**
   * Records for every province (about 17,000 road deaths a year in the
   * country), not only Isfahan's; the regions and agencies of the whole
   * country are seeded either way.
   */
  national?: boolean;
}

/** Rows inserted per table. */
export type SeedReport = Record<string, number>;

/** The resolver map `buildSubgraphSchema` takes, named through its public signature (not @apollo/subgraph's dist/ internals). */
type SubgraphResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown; resolvers?: unknown }>['resolvers']>;

export interface SubgraphModule<TContext extends SubgraphContext = SubgraphContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  /** Typed by the subgraph's generated `Resolvers` (npm run codegen:resolvers) over its own context and entity rows. */
  resolvers: object;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /**
   * The scope its resolvers need (enforced for every resolver, `_entities`
   * included); without one, the subgraph's domain read scope.
   */
  access?: AccessPolicy;
  /** Adds the per-request loaders; called once per request, never shared. */
  createContext(base: SubgraphContext): TContext;
  /** Deterministic demo data; idempotent (a second run adds nothing). */
  seed(store: Store, options: SeedOptions): Promise<SeedReport>;
  /** True when the store holds no records yet (so `npm start` seeds it). */
  isEmpty(store: Store): Promise<boolean>;
  /** The statistics engine's measures, for subgraphs that keep rollups (`npm run rollups`). */
  measures?: MeasureSet;
  /** Record kinds `npm run import` can load into this subgraph, by name. */
  importers?: Record<string, Importer>;
}

/** Reads a subgraph's `schema.graphql` from its package folder (one level above src/ and dist/). */
export function loadSchemaFile(moduleDir: string): DocumentNode {
  return parse(readFileSync(join(moduleDir, '..', 'schema.graphql'), 'utf8'));
}

export interface StartSubgraphOptions {
  config: Config;
  /** Overrides the configured port; 0 picks a free one (tests). */
  port?: number;
  host?: string;
  seedIfEmpty?: boolean;
  /** What an empty store is seeded with: the demo at scale 1 unless given (tests of the national volume). */
  seed?: SeedOptions;
  /** An already open store (tests share one across servers). */
  store?: Store;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  port: number;
  store: Store;
  apollo: ApolloServer<SubgraphContext>;
  server: Server;
  /** GraphQL requests that reached this subgraph, signed or not (tests check that refused operations never arrive). */
  requestCount(): number;
  stop(): Promise<void>;
}

export async function openSubgraphStore(module: Pick<SubgraphModule, 'name' | 'entities' | 'migrations'>, config: Config): Promise<Store> {
  return openStore({ config: storeConfig(config, module.name), entities: module.entities, migrations: module.migrations });
}

const DOMAIN_READ_SCOPE: Record<SubgraphName, string> = {
  agencies: 'agencies:read',
  agreements: 'agreements:read',
  traffic: 'traffic:read',
  addiction: 'addiction:read',
  divorce: 'family:read',
};

export function createSubgraphApollo<TContext extends SubgraphContext>(module: SubgraphModule<TContext>, logger: Logger): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({
      typeDefs: module.typeDefs,
      // The one cast: generated resolver types (a field may be a function or { resolve }) are checked against the
      // subgraph's schema by codegen, and @apollo/subgraph's structural map cannot express them.
      resolvers: guardResolvers(module.resolvers, module.access ?? { scope: DOMAIN_READ_SCOPE[module.name] }) as SubgraphResolverMap,
    }),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    // Inline traces are for Apollo's hosted studio, which partners' data never goes to.
    // Cache control wraps every field resolver in a hook to compute a cache-control header nothing reads
    // (answers are per caller and never cached): off, it costs nothing per field.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError: maskErrors((error) => {
      logger.error({ err: error }, 'resolver failed');
      return undefined;
    }),
  });
}

/** Opens the store, migrates, seeds when asked and empty, and serves `/graphql` and `/health`. */
export async function startSubgraph<TContext extends SubgraphContext>(
  module: SubgraphModule<TContext>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const logger = createLogger(module.name, options.config.logLevel);
  const { subgraphSecret, pseudonymKey } = loadSecrets(options.config);
  const pseudonymize = (nationalId: string, argument?: string) => pseudonymOf(pseudonymKey, nationalId, argument);
  const store = options.store ?? (await openSubgraphStore(module, options.config));
  if (options.seedIfEmpty && (await module.isEmpty(store))) {
    const report = await module.seed(store, options.seed ?? { scale: 1 });
    logger.info({ rows: report }, 'seeded demo data');
  }
  const apollo = createSubgraphApollo(module, logger);
  await apollo.start();
  const nonces = openNonceStore(options.config);
  if (options.config.isProduction && !options.config.redisUrl) {
    logger.warn('REDIS_URL is not set: each replica refuses only the replays it has served itself');
  }
  /** The caller of a call signed by the gateway and never served before; refusals are HttpErrors. */
  const verifiedCaller = async (requestId: string, request: IncomingMessage, body: Buffer) => {
    try {
      return await verifySubgraphCall(subgraphSecret, nonces, { method: request.method ?? '', url: request.url ?? '', body, headers: request.headers });
    } catch (error) {
      if (!(error instanceof SignatureError)) {
        logger.error({ err: error, requestId }, 'cannot check signed calls');
        throw new HttpError(503, ErrorCode.SERVICE_UNAVAILABLE, 'The service cannot check calls right now; try again shortly', { 'retry-after': '1' });
      }
      logger.warn({ requestId, reason: error.message }, 'refused an unsigned, badly signed or replayed request');
      throw new HttpError(401, 'UNAUTHENTICATED', 'Subgraphs serve only requests signed by the gateway, once');
    }
  };
  /** A route for the gateway only, signed over an empty body: an unsigned or replayed call is answered here. */
  const signedRoute =
    (name: string, serve: (response: ServerResponse) => Promise<void>) =>
    async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
      try {
        await verifiedCaller(name, request, Buffer.alloc(0));
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 401;
        sendJson(response, status, { status: status === 401 ? 'unsigned' : 'unavailable' });
        return;
      }
      await serve(response);
    };
  let requests = 0;
  const server = createGraphQLHttpServer<TContext>({
    apollo,
    service: module.name,
    // Every request, `_entities` and `_service` included, must come signed from the gateway.
    context: async ({ requestId, request, rawBody }) => {
      requests += 1;
      const caller = await verifiedCaller(requestId, request, rawBody);
      const requestLogger = logger.child({ requestId, ...clientTraceLogFields(request.headers) });
      return module.createContext({ requestId, caller, logger: requestLogger, store, config: options.config, pseudonymize });
    },
    routes: {
      '/health': (_request, response) => sendJson(response, 200, { status: 'ok', service: module.name }),
      // Store reachability is for the gateway's /ready only: signed like any request, over an empty body.
      '/ready': signedRoute('ready', async (response) => {
        // A write, not a read: a read-only file, a full disk or a lost primary must make the service not ready.
        try {
          await store.probeWrite();
          sendJson(response, 200, { status: 'ready', service: module.name });
        } catch (error) {
          logger.warn({ err: error }, 'store cannot write');
          sendJson(response, 503, { status: 'store cannot write', service: module.name });
        }
      }),
      // The store's version (storeVersion.ts): the gateway serves a remembered answer only while it is unchanged.
      '/version': signedRoute('version', async (response) => {
        try {
          sendJson(response, 200, { version: await store.version() });
        } catch (error) {
          logger.warn({ err: error }, 'store version not read');
          sendJson(response, 503, { status: 'store cannot read' });
        }
      }),
      // SQL statements sent so far (Prometheus text; `npm run bench` reads it around one request).
      '/metrics': signedRoute('metrics', async (response) => {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        response.end(`safety_graph_sql_statements_total ${store.statements.count}\nsafety_graph_store_version_reads_total ${store.statements.versionReads}\n`);
      }),
    },
    onError: (error, requestId) => logger.error({ err: error, requestId }, 'request failed'),
  });
  const port = await listen(server, options.port ?? options.config.ports[module.name], options.host);
  logger.info({ port }, `${module.name} subgraph ready`);
  return {
    name: module.name,
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    store,
    apollo: apollo as unknown as ApolloServer<SubgraphContext>,
    server,
    requestCount: () => requests,
    stop: async () => {
      await closeServer(server, options.config.shutdownTimeoutMs);
      await apollo.stop();
      await nonces.close();
      if (!options.store) await store.close();
    },
  };
}

/** The entry point of a subgraph's own process (`node dist/main.js`). */
export function runSubgraphProcess<TContext extends SubgraphContext>(
  module: SubgraphModule<TContext>,
  config: Config | (() => Config) = () => loadCheckedConfig(process.env, [loadSecrets]),
): void {
  runProcess(module.name, config, async (loaded) => {
    const subgraph = await startSubgraph(module, {
      config: loaded,
      seedIfEmpty: loaded.seedIfEmpty,
      seed: { scale: 1, national: loaded.seedNational },
      host: loaded.host,
    });
    return { stop: async () => (await subgraph.stop(), await stopTracing()) };
  });
}
