import { GraphQLError } from 'graphql';

/** The error codes partners rely on (CONTRACT.md). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The store (or another dependency) failed under the request; nothing was written; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
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
