import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type DivorceContext } from './context';
import { entities } from './entities';
import { casesImporter } from './importers/Cases';
import { sessionsImporter } from './importers/Sessions';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { FAMILY_MEASURES } from './store';
import { isEmpty, seed } from './seed';

export type { DivorceContext };

/** Family counselling units, their cases and sessions (opened, recorded and closed by the hosting agency), family programmes, the family MOU targets' actuals and each region's counselling figures. */
export const divorce: SubgraphModule<DivorceContext> = {
  name: 'divorce',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  // Region figures are aggregates for the partners' joint reports: any agency with reports:read may
  // read them, family:read or not; the Region representation carries nothing of this subgraph's.
  access: {
    scope: 'family:read',
    extended: ['Region', 'Agency', 'FamilyTarget'],
    fields: {
      // Target actuals are aggregates too, as in traffic.
      'FamilyTarget.actual': 'reports:read',
      'Region.familyStats': 'reports:read',
      'Region.familySeries': 'reports:read',
      // Writing needs the write scope; which units and cases the caller may write to is the host rule.
      'Mutation.openCounselingCase': 'family:write',
      'Mutation.recordCounselingSession': 'family:write',
      'Mutation.closeCounselingCase': 'family:write',
    },
  },
  entities,
  migrations,
  createContext,
  measures: FAMILY_MEASURES,
  seed,
  isEmpty,
  // `npm run import -- divorce FILE --agency CODE --kind cases|sessions`: cases first, then their sessions.
  importers: { cases: casesImporter, sessions: sessionsImporter },
};
