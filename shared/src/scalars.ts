import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** `Date`: an ISO 8601 calendar date, kept as a `YYYY-MM-DD` string end to end. */
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'ISO 8601 calendar date (YYYY-MM-DD).',
});

/** `DateTime`: an ISO 8601 instant with an offset; parsed to a JS Date. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: 'DateTime',
  description: 'ISO 8601 date and time with offset.',
});
