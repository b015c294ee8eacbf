import graphql from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['agencies', 'agreements', 'traffic', 'addiction', 'divorce'];
const SERVICES = [...SUBGRAPHS, 'gateway'];

/** Imports a package may not make: by package name and by a relative path into the other package. */
function forbidden(packages, message) {
  return {
    paths: packages.map((name) => ({ name: `@safety-graph/${name}`, message })),
    patterns: [{ group: packages.flatMap((name) => [`@safety-graph/${name}/*`, `**/subgraphs/${name}/**`, `**/${name}/src/**`]), message }],
  };
}

/**
 * `npm run lint`: TypeScript (typescript-eslint's recommended rules) with the
 * layering as import rules, and the published API schema, which documents
 * every type, field, argument, input field and enum value (descriptions live
 * in the subgraphs' schema.graphql; `npm run compose` carries them over).
 */
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/src/generated/**', '.data/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a parameter or binding kept for its position or left out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // Tests pick loosely shaped JSON answers apart; `any` there is a reading aid, not a type hole in the product.
  {
    files: ['test/**/*.ts', '**/__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // A subgraph never imports another subgraph or the gateway: they meet only in the supergraph.
  ...SUBGRAPHS.map((name) => ({
    files: [`subgraphs/${name}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        forbidden(
          SERVICES.filter((other) => other !== name),
          'A subgraph never imports another subgraph or the gateway; share through @safety-graph/shared or the graph.',
        ),
      ],
    },
  })),
  // shared/ is what every service needs, so it imports none of them (nor the CLI).
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', forbidden([...SERVICES, 'cli'], 'shared/ imports no service.')],
    },
  },
  // Tests go through the sources (ts-jest), never through a build's output.
  {
    files: ['test/**/*.ts', '**/__tests__/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/dist', '**/dist/**', '@safety-graph/*/dist/**'], message: 'Tests import sources or package names, never dist/.' }] },
      ],
    },
  },
  {
    files: ['schema/api.graphql'],
    languageOptions: { parser: graphql.parser },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      '@graphql-eslint/require-description': [
        'error',
        { types: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true },
      ],
    },
  },
);
