import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type DivorceContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { isEmpty, seed } from './seed';

export type { DivorceContext };

/** Family counselling units, their cases and sessions, family programmes, and the family MOU targets' actuals. */
export const divorce: SubgraphModule<DivorceContext> = {
  name: 'divorce',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  entities,
  migrations,
  createContext,
  seed,
  isEmpty,
};
