import { mintDevelopmentToken, startGateway, type RunningGateway } from '@safety-graph/gateway';
import { addiction } from '@safety-graph/addiction';
import { agencies } from '@safety-graph/agencies';
import { agreements } from '@safety-graph/agreements';
import { divorce } from '@safety-graph/divorce';
import { traffic } from '@safety-graph/traffic';
import {
  loadSecrets,
  referenceAgencies,
  signedHeaders,
  SUBGRAPH_NAMES,
  type Caller,
  startSubgraph,
  type Config,
  type RunningSubgraph,
  type SeedOptions,
  type SubgraphContext,
  type SubgraphModule,
  type SubgraphName,
} from '@safety-graph/shared';
import { dropTestDatabases, testConfig } from './config';
import type { SingleResult } from './operations';

const MODULES: Record<SubgraphName, SubgraphModule<SubgraphContext>> = {
  agencies: agencies,
  agreements: agreements,
  traffic: traffic,
  addiction: addiction,
  divorce: divorce,
};

export interface QueryOptions {
  /** The agency the token speaks for (default POLICE-IR-10); null sends no token at all. */
  agency?: string | null;
  /** The token's scopes; the agency kind's defaults when absent. */
  scopes?: string[];
  /** A token to send as it is (expired, forged…), instead of a fresh one. */
  token?: string;
  headers?: Record<string, string>;
}

export interface Stack {
  config: Config;
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** POSTs an operation to the gateway as a partner would. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<SingleResult<TData> & { status: number; headers: Headers }>;
  /** A development token, as `npm run token` makes one. */
  token(agency: string, scopes?: string[], ttl?: string): Promise<string>;
  /** POSTs straight to a subgraph, signed for `caller` as the gateway would (or with the given headers). */
  subgraphPost(name: SubgraphName, body: string, headers: Record<string, string>): Promise<{ status: number; json: SingleResult }>;
  /** Headers that sign `body` for `caller` with this stack's subgraph secret, for `POST /graphql` unless `call` says otherwise. */
  sign(caller: Caller, body: string, now?: number, call?: { method?: string; url?: string }): Record<string, string>;
  /** GraphQL requests all five subgraphs have received so far. */
  subgraphRequests(): number;
  /** SQL statements sent by all five stores since the last call. */
  statements(): number;
  stop(): Promise<void>;
}

/**
 * The whole graph in this process: five subgraphs on free ports, each on its
 * own fresh store seeded with the demo data (or `options.seed`), and the
 * gateway in front of them on the committed supergraph.
 */
export async function startStack(label: string, overrides: NodeJS.ProcessEnv = {}, options: { seed?: SeedOptions } = {}): Promise<Stack> {
  const config = testConfig(label, overrides);
  const started = await Promise.all(SUBGRAPH_NAMES.map((name) => startSubgraph(MODULES[name], { config, port: 0, seedIfEmpty: true, seed: options.seed })));
  const subgraphs = Object.fromEntries(started.map((subgraph) => [subgraph.name, subgraph])) as Record<SubgraphName, RunningSubgraph>;
  const gateway = await startGateway({
    config,
    port: 0,
    subgraphUrls: Object.fromEntries(started.map((subgraph) => [subgraph.name, subgraph.url])),
  });
  const kinds = new Map(referenceAgencies().map((agency) => [agency.code, agency.kind]));
  const token = (agency: string, scopes?: string[], ttl?: string) =>
    mintDevelopmentToken(config, { agencyCode: agency, agencyKind: kinds.get(agency) ?? 'OTHER', scopes, ttl });
  const { subgraphSecret } = loadSecrets(config);
  return {
    config,
    gateway,
    subgraphs,
    sign: (caller, body, now, call = {}) =>
      signedHeaders(subgraphSecret, caller, { method: call.method ?? 'POST', url: call.url ?? '/graphql', body }, { now }),
    subgraphPost: async (name, body, headers) => {
      const response = await fetch(subgraphs[name].url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: response.status, json: (await response.json()) as SingleResult };
    },
    subgraphRequests: () => started.reduce((sum, subgraph) => sum + subgraph.requestCount(), 0),
    token,
    query: async (query, variables = {}, options = {}) => {
      const agency = options.agency === undefined ? 'POLICE-IR-10' : options.agency;
      const bearer = options.token ?? (agency === null ? undefined : await token(agency, options.scopes));
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, ...((await response.json()) as SingleResult) } as never;
    },
    statements: () => started.reduce((sum, subgraph) => sum + subgraph.store.statements.reset(), 0),
    stop: async () => {
      await gateway.stop();
      await Promise.all(started.map((subgraph) => subgraph.stop()));
      await dropTestDatabases(config);
    },
  };
}
