import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '../errors';
import { asStorageUnavailable, isStorageFailure } from '../db/storageErrors';

/** Codes whose messages were written for the client and may be shown as they are. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.SERVICE_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const PUBLIC_EXTENSIONS = new Set(['code', 'argumentName', 'requestId', 'retryable']);

/**
 * Apollo `formatError`: errors we raised on purpose pass through; anything else
 * (a driver error with SQL in it, a bug) is logged with the request id and
 * replaced by a bare message, so no stack, SQL or file path leaves the service.
 */
export function maskErrors(log: (error: unknown) => string | undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const original = unwrapResolverError(error);
    const deliberate = original instanceof GraphQLError || !(original instanceof Error);
    if (typeof code === 'string' && CLIENT_CODES.has(code) && deliberate) {
      // Only what the contract names goes out: not the stack, not the gateway's serviceName.
      const extensions = Object.fromEntries(
        Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)),
      );
      return { ...formatted, extensions };
    }
    const requestId = log(original);
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
