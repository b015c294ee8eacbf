import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Caller } from '@safety-graph/shared';
import { createPeerAuthenticator, signSubgraphCall } from '../credentials';
import { peerEnvironment } from './environment';

/**
 * Peer 1: a plain `@apollo/gateway` + `@apollo/server` with default settings
 * (standalone server, default data sources and fetcher) on the committed
 * supergraph. The only additions are what the subgraphs demand of any
 * gateway: the caller from the token, forwarded signed (`willSendRequest`).
 */
interface PeerContext {
  caller: Caller;
}

async function main(): Promise<void> {
  const environment = peerEnvironment();
  const authenticate = await createPeerAuthenticator(environment.publicKeyPem);
  const server = new ApolloServer<PeerContext>({
    gateway: new ApolloGateway({
      supergraphSdl: readFileSync(environment.supergraphPath, 'utf8'),
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<PeerContext>({
          url,
          willSendRequest({ request, context }) {
            // The body RemoteGraphQLDataSource sends next: the query first, then the rest.
            const { http, query, ...rest } = request;
            const body = JSON.stringify({ query, ...rest });
            for (const [name, value] of Object.entries(
              signSubgraphCall(environment.subgraphSecret, context.caller, { method: 'POST', url: url ?? '', body }),
            )) {
              http?.headers.set(name, value);
            }
          },
        }),
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: environment.port, host: '127.0.0.1' },
    context: async ({ req }) => ({ caller: await authenticate(req.headers.authorization) }),
  });
  console.log(`apollo-gateway peer ready at ${url}`);
}

main().catch((error: unknown) => {
  console.error(`apollo-gateway peer failed: ${(error as Error).message}`);
  process.exit(1);
});
