import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import generatedPossibleTypes from './generated/possibleTypes';

/**
 * Apollo Client's `possibleTypes` for every interface and union of the API
 * (`Target` → TrafficTarget, PreventionTarget, FamilyTarget). Without it,
 * the cache cannot match fragments on `Target` and returns only `__typename`.
 */
export const possibleTypes: Record<string, string[]> = generatedPossibleTypes.possibleTypes;

export interface SafetyGraphClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  uri: string;
  /** The partner's bearer token, or a function that returns the current one. */
  token: string | (() => string | undefined | Promise<string | undefined>);
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

/**
 * An Apollo Client 4 for the safety graph: the bearer token on every request
 * and a cache that knows the API's interfaces. Use the typed documents this
 * package exports (`ProvinceYearOverviewDocument`…) for typed answers.
 */
export function createSafetyGraphClient(options: SafetyGraphClientOptions): ApolloClient {
  const auth = new SetContextLink(async ({ headers }) => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return token ? { headers: { ...headers, authorization: `Bearer ${token}` } } : {};
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: options.uri, fetch: options.fetch })]),
    cache: new InMemoryCache({ possibleTypes }),
  });
}
