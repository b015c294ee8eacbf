import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { composeSupergraph, CompositionError, SUPERGRAPH_PATH } from '@safety-graph/gateway';

/** `npm run compose`: writes gateway/supergraph.graphql from the five subgraph SDLs. */
try {
  const { supergraphSdl, hints } = composeSupergraph();
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  for (const hint of hints) console.log(`hint: ${hint}`);
  console.log(`wrote ${relative(process.cwd(), SUPERGRAPH_PATH)} (${hints.length} hints)`);
} catch (error) {
  if (error instanceof CompositionError) {
    for (const message of error.errors) console.error(`error: ${message}`);
    process.exit(1);
  }
  throw error;
}
