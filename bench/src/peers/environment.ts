/** What the bench hands each peer gateway process (the same secrets the safety-graph gateway gets). */
export interface PeerEnvironment {
  port: number;
  supergraphPath: string;
  subgraphSecret: string;
  publicKeyPem: string;
}

export function peerEnvironment(env: NodeJS.ProcessEnv = process.env): PeerEnvironment {
  const { PORT, SUPERGRAPH_PATH, SUBGRAPH_SECRET, AUTH_PUBLIC_KEY } = env;
  if (!PORT || !SUPERGRAPH_PATH || !SUBGRAPH_SECRET || !AUTH_PUBLIC_KEY) {
    throw new Error('a peer gateway needs PORT, SUPERGRAPH_PATH, SUBGRAPH_SECRET and AUTH_PUBLIC_KEY');
  }
  return { port: Number(PORT), supergraphPath: SUPERGRAPH_PATH, subgraphSecret: SUBGRAPH_SECRET, publicKeyPem: AUTH_PUBLIC_KEY };
}
