import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the published schema (schema/api.graphql): the
 * standard reports (reports/*.graphql) and the README's queries
 * (client/documents/*.graphql). `npm run codegen -w client` rewrites
 * src/generated/; a test fails when the committed files are stale.
 */
const config: CodegenConfig = {
  schema: '../schema/api.graphql',
  documents: ['../reports/*.graphql', 'documents/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { Date: 'string' } },
    },
    'src/generated/possibleTypes.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
  },
};

export default config;
