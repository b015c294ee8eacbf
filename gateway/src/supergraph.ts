import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '@safety-graph/shared';
import { parse } from 'graphql';

/** The repository root, one level above gateway/ (from src/ and from dist/ alike). */
const REPOSITORY_ROOT = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export interface Composition {
  supergraphSdl: string;
  hints: string[];
}

export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`Composition failed:\n${errors.join('\n')}`);
  }
}

/**
 * Composes the five subgraph SDLs into the supergraph the gateway serves. The
 * URLs baked in are the development defaults; the gateway replaces them with
 * the configured ones at start.
 */
export function composeSupergraph(): Composition {
  const services = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    typeDefs: parse(readFileSync(join(REPOSITORY_ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return {
    supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`,
    hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`),
  };
}

export function readCommittedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
