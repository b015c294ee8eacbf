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
  entities,
  migrations,
  createContext,
  seed,
  isEmpty,
};
