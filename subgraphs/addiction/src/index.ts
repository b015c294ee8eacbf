import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type AddictionContext } from './context';
import { entities } from './entities';
import { programsImporter } from './importers/Programs';
import { referralsImporter } from './importers/Referrals';
import { sessionsImporter } from './importers/Sessions';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { PREVENTION_MEASURES } from './store';
import { isEmpty, seed } from './seed';

export type { AddictionContext };

/**
 * Prevention programmes with their sessions, treatment referrals visible only to the agencies party to them, and each region's
 * prevention figures; agencies holding addiction:write start programmes, record sessions, refer people and move referrals on.
 */
export const addiction: SubgraphModule<AddictionContext> = {
  name: 'addiction',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  // Region statistics are aggregates for the partners' joint reports: any agency with reports:read
  // may read them, addiction:read or not; the Region representation carries nothing of addiction's.
  access: {
    scope: 'addiction:read',
    extended: ['Region', 'Agreement', 'PreventionTarget'],
    fields: {
      // Target actuals are aggregates too, as in traffic.
      'PreventionTarget.actual': 'reports:read',
      'Region.preventionStats': 'reports:read',
      'Region.preventionSeries': 'reports:read',
      'Mutation.createPreventionProgram': 'addiction:write',
      'Mutation.recordProgramSession': 'addiction:write',
      'Mutation.referToTreatment': 'addiction:write',
      'Mutation.updateReferralStatus': 'addiction:write',
    },
  },
  entities,
  migrations,
  createContext,
  measures: PREVENTION_MEASURES,
  seed,
  isEmpty,
  // `npm run import -- addiction FILE --agency CODE`: sessions of the agency's own programmes.
  importers: { programs: programsImporter, sessions: sessionsImporter, referrals: referralsImporter },
};
