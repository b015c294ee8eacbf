import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, RETRYABLE_CODES } from '../errors';
import { asStorageUnavailable, isStorageFailure } from '../db/storageErrors';
import { isStatementTimeout, STATEMENT_TIMEOUT } from '../db/statementTimeout';

/** Codes whose messages were written for the client and may be shown as they are. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.RATE_LIMITED,
  ErrorCode.PAYLOAD_TOO_LARGE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  // The gateway's fair-sharing refusals (gateway/src/cost.ts, concurrency.ts).
  'COST_LIMIT',
  'CONCURRENCY_LIMITED',
  STATEMENT_TIMEOUT,
]);

const PUBLIC_EXTENSIONS = new Set(['code', 'argumentName', 'requestId', 'cost', 'maxCost', 'retryAfterSeconds', 'retryable']);

/**
 * graphql-js ends a message with "Did you mean …?" in several validation
 * rules (fields, arguments, types, input fields, enum values) and in variable
 * coercion: each names parts of the schema the client did not ask about.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean\b[\s\S]*$/, '');
}

export interface MaskOptions {
  /** Keep graphql-js's "Did you mean" hints (development only); default false. */
  suggestions?: boolean;
}

/**
 * Apollo `formatError`: errors we raised on purpose pass through; anything else
 * (a driver error with SQL in it, a bug) is logged with the request id and
 * replaced by a bare message, so no stack, SQL or file path leaves the service.
 */
export function maskErrors(log: (error: unknown) => string | undefined, options: MaskOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let code = formatted.extensions?.code;
    if (!options.suggestions) formatted = { ...formatted, message: withoutSuggestions(formatted.message) };
    const original = unwrapResolverError(error);
    const deliberate = original instanceof GraphQLError || !(original instanceof Error);
    // Apollo refuses a few malformed requests (a persisted-query hash that does not match the query) with a
    // code-less GraphQLError and a 4xx status: the client's fault, told as BAD_REQUEST rather than masked.
    const status = original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined)?.status : undefined;
    if ((code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) && status !== undefined && status >= 400 && status < 500) {
      code = ErrorCode.BAD_REQUEST;
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code) && deliberate) {
      // Only what the contract names goes out: not the stack, not the gateway's serviceName.
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)));
      if (RETRYABLE_CODES.has(code)) extensions.retryable = true;
      return { ...formatted, extensions };
    }
    const requestId = log(original);
    if (isStatementTimeout(original)) {
      return {
        message: 'The store stopped a query that ran too long; retry later, or ask for less',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: STATEMENT_TIMEOUT, retryable: true, ...(requestId ? { requestId } : {}) },
      };
    }
    // A storage fault outside a transaction (a read on a lost connection): retryable, without the driver's message.
    if (isStorageFailure(original)) {
      const unavailable = asStorageUnavailable(original) as GraphQLError;
      return {
        message: unavailable.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...unavailable.extensions, ...(requestId ? { requestId } : {}) },
      };
    }
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}
