import type { ApolloServer } from '@apollo/server';
import type { SubgraphContext } from '@safety-graph/shared';

export interface SingleResult<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

/** Runs one operation against a subgraph's Apollo server and returns its single result. */
export async function execute<TData = Record<string, unknown>>(
  apollo: ApolloServer<SubgraphContext>,
  context: SubgraphContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<SingleResult<TData>> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as SingleResult<TData>;
}
