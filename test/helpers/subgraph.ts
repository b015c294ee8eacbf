import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import {
  createLogger,
  type Caller,
  createSubgraphApollo,
  loadSecrets,
  openSubgraphStore,
  pseudonymOf,
  SCOPES,
  type Config,
  type Store,
  type SubgraphContext,
  type SubgraphModule,
} from '@safety-graph/shared';
import { dropTestDatabases, testConfig } from './config';
import { execute, type SingleResult } from './operations';

export interface SubgraphHarness<TContext extends SubgraphContext> {
  config: Config;
  store: Store;
  apollo: ApolloServer<TContext>;
  /** Runs an operation in a fresh request context, as DEFAULT_CALLER. */
  run<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<SingleResult<TData>>;
  /** The same, as a given caller (an agency with scopes), the way the gateway will forward one. */
  runAs<TData = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<SingleResult<TData>>;
  close(): Promise<void>;
}

/** A caller of the given agency holding the given scopes (all of them by default). */
export function callerOf(agencyCode: string, scopes: readonly string[] = SCOPES): Caller {
  return { subject: `test-user@${agencyCode}`, agencyCode, scopes: new Set(scopes) };
}

/**
 * Who `run` asks as: every scope, but an agency that is party to no referral
 * and hosts no counselling unit, so sensitive records stay out of sight.
 */
export const DEFAULT_CALLER = callerOf('BROADCASTING-IR-10');

/**
 * One subgraph on its own store (migrated and seeded with the demo data),
 * driven through `executeOperation`: root fields and `_entities` alike.
 */
export async function subgraphHarness<TContext extends SubgraphContext>(
  module: SubgraphModule<TContext>,
  options: { seed?: boolean } = {},
): Promise<SubgraphHarness<TContext>> {
  const config = testConfig(module.name);
  const store = await openSubgraphStore(module, config);
  if (options.seed ?? true) await module.seed(store, { scale: 1 });
  const logger = createLogger(module.name, config.logLevel);
  const { pseudonymKey } = loadSecrets(config);
  const pseudonymize = (nationalId: string, argument?: string) => pseudonymOf(pseudonymKey, nationalId, argument);
  const apollo = createSubgraphApollo(module, logger);
  await apollo.start();
  const runAs = <TData>(caller: Caller | null, query: string, variables?: Record<string, unknown>) =>
    execute<TData>(
      apollo as unknown as ApolloServer<SubgraphContext>,
      module.createContext({ requestId: randomUUID(), caller, logger, store, config, pseudonymize }),
      query,
      variables,
    );
  return {
    config,
    store,
    apollo,
    run: (query, variables) => runAs(DEFAULT_CALLER, query, variables),
    runAs: (caller, query, variables) => runAs(caller, query, variables),
    close: async () => {
      await apollo.stop();
      await store.close();
      await dropTestDatabases(config);
    },
  };
}
