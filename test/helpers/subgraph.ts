import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import {
  createLogger,
  createSubgraphApollo,
  openSubgraphStore,
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
  /** Runs an operation in a fresh request context, as the server would for each request. */
  run<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<SingleResult<TData>>;
  close(): Promise<void>;
}

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
  const apollo = createSubgraphApollo(module, logger);
  await apollo.start();
  return {
    config,
    store,
    apollo,
    run: (query, variables) =>
      execute(
        apollo as unknown as ApolloServer<SubgraphContext>,
        module.createContext({ requestId: randomUUID(), caller: null, logger, store }),
        query,
        variables,
      ),
    close: async () => {
      await apollo.stop();
      await store.close();
      await dropTestDatabases(config);
    },
  };
}
