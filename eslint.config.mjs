import graphql from '@graphql-eslint/eslint-plugin';

/**
 * `npm run lint`. The published API schema (schema/api.graphql, what partners
 * build on) documents every type, field, argument, input field and enum value:
 * a missing description fails the lint. Descriptions live in the subgraphs'
 * schema.graphql files; `npm run compose` carries them into the API schema.
 */
export default [
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
];
