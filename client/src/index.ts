/**
 * @safety-graph/client: typed documents and result types for the standard
 * reports and the README's queries, generated from schema/api.graphql, the
 * `graphql()` function for typed documents of your own, `possibleTypes`, and
 * an Apollo Client 4 set up with the bearer token.
 */
export * from './generated/graphql';
export { graphql } from './generated/gql';
export { createSafetyGraphClient, possibleTypes, type SafetyGraphClientOptions } from './apolloClient';
