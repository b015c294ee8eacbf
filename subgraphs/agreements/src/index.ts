import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type AgreementsContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { isEmpty, seed } from './seed';

export type { AgreementsContext };

/** MOUs between agencies: their parties, commitments and measurable targets. */
export const agreements: SubgraphModule<AgreementsContext> = {
  name: 'agreements',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  // MOUs are public among partners: no record here is sensitive, so reading is one scope.
  access: { scope: 'agreements:read' },
  entities,
  migrations,
  createContext,
  seed,
  isEmpty,
};
