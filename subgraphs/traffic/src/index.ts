import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type TrafficContext } from './context';
import { entities } from './entities';
import { campaignImporter } from './importers/Campaigns';
import { crashImporter } from './importers/Crashes';
import { violationImporter } from './importers/Violations';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { TRAFFIC_MEASURES } from './store';
import { isEmpty, seed } from './seed';

export type { TrafficContext };
export { crashOutcome, type CrashOutcome } from './crashOutcome';

/** Crashes and the people in them (reported and amended by the police), violations and road-safety campaigns; measures the TRAFFIC targets of MOUs and each region's traffic figures. */
export const traffic: SubgraphModule<TrafficContext> = {
  name: 'traffic',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  // Target actuals and region statistics are aggregates for the partners' joint reports: any
  // agency with reports:read may read them, traffic:read or not; the representations themselves
  // carry nothing of traffic's.
  access: {
    scope: 'traffic:read',
    extended: ['Region', 'Agreement', 'TrafficTarget'],
    fields: {
      'TrafficTarget.actual': 'reports:read',
      'Region.trafficStats': 'reports:read',
      'Region.trafficSeries': 'reports:read',
      'Mutation.reportCrash': 'traffic:write',
      'Mutation.recordViolation': 'traffic:write',
      'Mutation.amendCrash': 'traffic:write',
    },
  },
  entities,
  migrations,
  createContext,
  measures: TRAFFIC_MEASURES,
  seed,
  isEmpty,
  importers: { crashes: crashImporter, violations: violationImporter, campaigns: campaignImporter },
};
