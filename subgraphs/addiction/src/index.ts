import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type AddictionContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { isEmpty, seed } from './seed';

export type { AddictionContext };

/** Prevention programmes with their sessions, and treatment referrals visible only to the agencies party to them. */
export const addiction: SubgraphModule<AddictionContext> = {
  name: 'addiction',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  entities,
  migrations,
  createContext,
  seed,
  isEmpty,
};
