import { loadSchemaFile, type SubgraphModule } from '@safety-graph/shared';
import { createContext, type AgreementsContext } from './context';
import { entities } from './entities';
import { agreementsImporter } from './importers/Agreements';
import { partiesImporter } from './importers/Parties';
import { targetsImporter } from './importers/Targets';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { isEmpty, seed } from './seed';

export type { AgreementsContext };

/**
 * MOUs between agencies: their parties, commitments and measurable targets.
 * Agencies holding agreements:write draft MOUs they then lead, and the lead
 * takes them through their lifecycle.
 */
export const agreements: SubgraphModule<AgreementsContext> = {
  name: 'agreements',
  typeDefs: loadSchemaFile(__dirname),
  resolvers,
  // MOUs are public among partners: no record here is sensitive, so reading is one scope and writing another.
  access: {
    scope: 'agreements:read',
    extended: ['Region', 'Agency'],
    fields: {
      'Mutation.draftAgreement': 'agreements:write',
      'Mutation.addParty': 'agreements:write',
      'Mutation.addCommitment': 'agreements:write',
      'Mutation.setTarget': 'agreements:write',
      'Mutation.acceptAgreement': 'agreements:write',
      'Mutation.activateAgreement': 'agreements:write',
      'Mutation.suspendAgreement': 'agreements:write',
      'Mutation.terminateAgreement': 'agreements:write',
    },
  },
  entities,
  migrations,
  createContext,
  importers: { agreements: agreementsImporter, parties: partiesImporter, targets: targetsImporter },
  seed,
  isEmpty,
};
