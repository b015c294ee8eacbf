import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type AgenciesContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { isEmpty, seed } from './seed';

export type { AgenciesContext };

/** Regions, agencies and liaisons: the reference data every other subgraph points at. */
export const agencies: SubgraphModule<AgenciesContext> = {
  name: 'agencies',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  access: { scope: 'agencies:read' },
  entities,
  migrations,
  createContext,
  seed,
  isEmpty,
};
