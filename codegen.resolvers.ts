import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen:resolvers`: resolver types for the subgraphs, from each
 * subgraph's own schema.graphql (GraphQL Code Generator, typescript +
 * typescript-resolvers with federation support), written to
 * subgraphs/<name>/src/generated/resolvers.ts and committed. Mappers name the
 * values the resolvers receive as parents: entity rows, an entity another
 * subgraph owns as its key, statistics as the shared engine's figures.
 * `shared` lists the @safety-graph/shared types the mappers use.
 */
const subgraph = (name: string, context: string, shared: string[], mappers: Record<string, string>) => ({
  [`subgraphs/${name}/src/generated/resolvers.ts`]: {
    schema: `subgraphs/${name}/schema.graphql`,
    plugins: [{ add: { content: `import type { ${shared.join(', ')} } from '@safety-graph/shared';` } }, 'typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      enumsAsTypes: true,
      contextType: `../context#${context}`,
      mappers,
      mapperTypeSuffix: 'Row',
      // DateTimeScalar parses an input to a JS Date and serializes a Date or an ISO string.
      scalars: { Date: 'string', DateTime: { input: 'Date', output: 'Date | string' } },
      resolverTypeWrapperSignature: 'T | Promise<T>',
    },
  },
});

/**
 * A target as its representation: its key, and the `@requires` fields its actual is computed from, which
 * the gateway sends when it asks for `actual` but an `_entities` call may leave out.
 */
const TARGET_REPRESENTATION = 'Partial<ActualKey> & { id: string }';

const config: CodegenConfig = {
  generates: {
    ...subgraph('agencies', 'AgenciesContext', ['Connection'], {
      Region: '../entities#Region',
      Agency: '../entities#Agency',
      Liaison: '../entities#Liaison',
      AgencyConnection: 'Connection<AgencyRow>',
    }),
    ...subgraph('agreements', 'AgreementsContext', ['Connection'], {
      Agreement: '../entities#Agreement',
      AgreementParty: '../entities#AgreementParty',
      Commitment: '../entities#Commitment',
      // A stored target, with the `actual` the gateway brings from the domain subgraph once it has it.
      Target: '../entities#Target',
      TrafficTarget: 'TargetRow & { actual?: number | null }',
      PreventionTarget: 'TargetRow & { actual?: number | null }',
      FamilyTarget: 'TargetRow & { actual?: number | null }',
      // Owned by the agencies subgraph: here only their key.
      Agency: '{ id: string }',
      Region: '{ id: string }',
      AgreementConnection: 'Connection<AgreementRow>',
    }),
    ...subgraph('traffic', 'TrafficContext', ['ActualKey', 'Connection', 'Figures', 'FiguresBucket'], {
      Crash: '../entities#Crash',
      // A revision's persons come from its JSON snapshot, a crash's from their rows: both carry these fields.
      CrashPerson: '../store#PersonSnapshot',
      CrashRevision: '../entities#CrashRevision',
      Violation: '../entities#Violation',
      TrafficCampaign: '../entities#TrafficCampaign',
      CrashConnection: 'Connection<CrashRow>',
      ViolationConnection: 'Connection<ViolationRow>',
      TrafficStats: 'Figures',
      TrafficBucket: 'FiguresBucket',
      TrafficTarget: TARGET_REPRESENTATION,
      // Owned by other subgraphs: here only their key.
      Agreement: '{ id: string }',
      Agency: '{ id: string }',
      Region: '{ id: string }',
    }),
    ...subgraph('addiction', 'AddictionContext', ['ActualKey', 'Connection', 'Figures', 'FiguresBucket'], {
      PreventionProgram: '../entities#PreventionProgram',
      ProgramSession: '../entities#ProgramSession',
      TreatmentReferral: '../entities#TreatmentReferral',
      PreventionProgramConnection: 'Connection<PreventionProgramRow>',
      TreatmentReferralConnection: 'Connection<TreatmentReferralRow>',
      PreventionStats: 'Figures',
      PreventionBucket: 'FiguresBucket',
      PreventionTarget: TARGET_REPRESENTATION,
      Agreement: '{ id: string }',
      Agency: '{ id: string }',
      Region: '{ id: string }',
    }),
    ...subgraph('divorce', 'DivorceContext', ['ActualKey', 'Connection', 'Figures', 'FiguresBucket'], {
      CounselingUnit: '../entities#CounselingUnit',
      CounselingCase: '../entities#CounselingCase',
      CounselingSession: '../entities#CounselingSession',
      FamilyProgram: '../entities#FamilyProgram',
      CounselingCaseConnection: 'Connection<CounselingCaseRow>',
      FamilyStats: 'Figures',
      FamilyBucket: 'FiguresBucket',
      FamilyTarget: TARGET_REPRESENTATION,
      Agency: '{ id: string }',
      Region: '{ id: string }',
    }),
  },
};

export default config;
