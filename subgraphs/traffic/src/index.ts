import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type TrafficContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { isEmpty, seed } from './seed';

export type { TrafficContext };
export { crashOutcome, type CrashOutcome } from './crashOutcome';

/** Crashes and the people in them, violations and road-safety campaigns; measures the TRAFFIC targets of MOUs. */
export const traffic: SubgraphModule<TrafficContext> = {
  name: 'traffic',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  // Target actuals are aggregates for the partners' joint reports: any agency with reports:read
  // may read them, traffic:read or not; the representation itself carries nothing of traffic's.
  access: { scope: 'traffic:read', fields: { 'TrafficTarget.__resolveReference': 'reports:read', 'TrafficTarget.actual': 'reports:read' } },
  entities,
  migrations,
  createContext,
  seed,
  isEmpty,
};
