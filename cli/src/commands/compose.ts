import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { composeSupergraph, CompositionError, SUPERGRAPH_PATH } from '@safety-graph/gateway';
import { API_SCHEMA_PATH, POSSIBLE_TYPES_PATH, publishedSchemaOf } from '../apiSchema';

/**
 * `npm run compose`: writes gateway/supergraph.graphql from the five subgraph
 * SDLs, and from it the published client schema: schema/api.graphql and
 * schema/possible-types.json.
 */
try {
  const { supergraphSdl, hints } = composeSupergraph();
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  for (const hint of hints) console.log(`hint: ${hint}`);
  console.log(`wrote ${relative(process.cwd(), SUPERGRAPH_PATH)} (${hints.length} hints)`);
  const { apiSdl, possibleTypesJson } = publishedSchemaOf(supergraphSdl);
  mkdirSync(dirname(API_SCHEMA_PATH), { recursive: true });
  writeFileSync(API_SCHEMA_PATH, apiSdl);
  writeFileSync(POSSIBLE_TYPES_PATH, possibleTypesJson);
  console.log(`wrote ${relative(process.cwd(), API_SCHEMA_PATH)} and ${relative(process.cwd(), POSSIBLE_TYPES_PATH)}`);
} catch (error) {
  if (error instanceof CompositionError) {
    for (const message of error.errors) console.error(`error: ${message}`);
    process.exit(1);
  }
  throw error;
}
