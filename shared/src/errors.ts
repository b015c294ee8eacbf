import { GraphQLError } from 'graphql';

/** The error codes partners rely on (CONTRACT.md). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** A service this answer needs is down or did not answer in time (SUBGRAPH_TIMEOUT_MS): retry. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** A store or other dependency failed: nothing was written; retry. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The HTTP request itself is wrong (method, content type, JSON, headers). */
  BAD_REQUEST: 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: argument },
  });
}

export function forbidden(message = 'Not allowed for this caller'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/**
 * A failure of the service, not of the request (storage fault, lost connection):
 * `extensions.retryable` tells the client to try again (with the same
 * idempotency key for a create). The gateway adds the request id.
 */
export function serviceUnavailable(message: string, cause?: unknown, requestId?: string): GraphQLError {
  return new GraphQLError(message, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, ...(requestId ? { requestId } : {}) },
  });
}

/** Codes a client should retry after a short wait (extensions.retryable = true on the error). */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.RATE_LIMITED,
  'CONCURRENCY_LIMITED',
  'STATEMENT_TIMEOUT',
]);

/** A service the gateway needed for part of the answer failed: the rest of the answer is still given. */
export function subgraphUnavailable(reason: 'timeout' | 'unreachable'): GraphQLError {
  const message =
    reason === 'timeout'
      ? 'Part of this answer is missing: a service did not answer in time; retry shortly'
      : 'Part of this answer is missing: a service is unreachable; retry shortly';
  return new GraphQLError(message, { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, retryable: true } });
}
