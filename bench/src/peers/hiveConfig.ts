import type { Caller } from '@safety-graph/shared';
import { createPeerAuthenticator, signSubgraphCall } from '../credentials';
import { peerEnvironment } from './environment';

/**
 * Peer 2: Hive Gateway (`hive-gateway supergraph … --hive-router-runtime`),
 * configured by this file (`-c`). A small plugin gives it what the subgraphs
 * demand of any gateway: the caller from the token (`onContextBuilding`) and
 * every subgraph fetch signed over its exact body (`onFetch`).
 */
interface HiveContext {
  request: { headers: { get(name: string): string | null } };
  benchCaller?: Caller;
}

interface FetchOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

const environment = peerEnvironment();
const authenticator = createPeerAuthenticator(environment.publicKeyPem);

const signSubgraphFetches = {
  async onContextBuilding({ context, extendContext }: { context: HiveContext; extendContext(extension: Partial<HiveContext>): void }) {
    const authenticate = await authenticator;
    extendContext({ benchCaller: await authenticate(context.request.headers.get('authorization')) });
  },
  onFetch({ url, context, options, setOptions }: { url: string; context?: HiveContext; options: FetchOptions; setOptions(options: FetchOptions): void }) {
    if (!context?.benchCaller) throw new Error('a subgraph fetch without a caller');
    const body = typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : '';
    setOptions({
      ...options,
      headers: { ...options.headers, ...signSubgraphCall(environment.subgraphSecret, context.benchCaller, { method: 'POST', url, body }) },
    });
  },
};

export const gatewayConfig = {
  plugins: () => [signSubgraphFetches],
};
