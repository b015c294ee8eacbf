import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { isAbstractType, printSchema, type GraphQLSchema } from 'graphql';

/** The repository root, two levels above cli/src and cli/dist alike. */
export const REPOSITORY_ROOT = join(__dirname, '..', '..');
export const API_SCHEMA_PATH = join(REPOSITORY_ROOT, 'schema', 'api.graphql');
export const POSSIBLE_TYPES_PATH = join(REPOSITORY_ROOT, 'schema', 'possible-types.json');

export interface PublishedSchema {
  /** schema/api.graphql: what clients may ask, no join__/link__ internals, no @inaccessible fields. */
  apiSdl: string;
  /** schema/possible-types.json: Apollo Client's `possibleTypes`, every interface and union. */
  possibleTypesJson: string;
}

/**
 * The client-facing schema of a supergraph, as federation itself derives it
 * (`toAPISchema`: the same schema the gateway validates operations against),
 * and the possibleTypes map a client cache needs to match fragments on
 * interfaces and unions. Deterministic: the same supergraph gives the same bytes.
 */
export function publishedSchemaOf(supergraphSdl: string): PublishedSchema {
  const api = Supergraph.build(supergraphSdl).schema.toAPISchema().toGraphQLJSSchema();
  return {
    apiSdl: `${printSchema(api).trimEnd()}\n`,
    possibleTypesJson: `${JSON.stringify(possibleTypesOf(api), null, 2)}\n`,
  };
}

export function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  const abstractTypes = Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .filter((type) => !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of abstractTypes) {
    map[type.name] = schema
      .getPossibleTypes(type)
      .map((possible) => possible.name)
      .sort();
  }
  return map;
}

export function readCommittedApiSchema(): PublishedSchema {
  return { apiSdl: readFileSync(API_SCHEMA_PATH, 'utf8'), possibleTypesJson: readFileSync(POSSIBLE_TYPES_PATH, 'utf8') };
}
