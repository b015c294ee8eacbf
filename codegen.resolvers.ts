import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen:resolvers`: resolver types for the subgraphs, from each
 * subgraph's own schema.graphql (GraphQL Code Generator, typescript +
 * typescript-resolvers with federation support), written to
 * subgraphs/<name>/src/generated/resolvers.ts and committed. Mappers name the
 * entity rows the resolvers receive as parents. traffic, addiction and divorce
 * are not generated yet (their statistics resolvers are being rewritten).
 */
const subgraph = (name: string, context: string, mappers: Record<string, string>) => ({
  [`subgraphs/${name}/src/generated/resolvers.ts`]: {
    schema: `subgraphs/${name}/schema.graphql`,
    plugins: [{ add: { content: "import type { Connection } from '@safety-graph/shared';" } }, 'typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      enumsAsTypes: true,
      contextType: `../context#${context}`,
      mappers,
      mapperTypeSuffix: 'Row',
      scalars: { Date: 'string', DateTime: 'string' },
      resolverTypeWrapperSignature: 'T | Promise<T>',
    },
  },
});

const config: CodegenConfig = {
  generates: {
    ...subgraph('agencies', 'AgenciesContext', {
      Region: '../entities#Region',
      Agency: '../entities#Agency',
      Liaison: '../entities#Liaison',
      AgencyConnection: 'Connection<AgencyRow>',
    }),
    ...subgraph('agreements', 'AgreementsContext', {
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
  },
};

export default config;
