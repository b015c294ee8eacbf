import { GraphQLError } from 'graphql';
import { serviceUnavailable } from '../errors';

/** SQLite result codes (better-sqlite3 `code`, extended codes included by prefix) that mean the storage failed, not the request. */
const SQLITE_STORAGE = /^SQLITE_(IOERR|FULL|READONLY|BUSY|LOCKED|CANTOPEN|NOMEM|PROTOCOL|NOLFS)/;

/** MySQL/MariaDB and mysql2 codes of a lost, killed, refused or overloaded server or connection, or a storage that cannot write. */
const MYSQL_STORAGE = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'POOL_CLOSED',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_READ_ONLY_MODE',
  'ER_DISK_FULL',
  'ER_RECORD_FILE_FULL',
  'ER_OUT_OF_RESOURCES',
  'ER_OUTOFMEMORY',
  'ER_ERROR_ON_WRITE',
  'ER_CANT_CREATE_FILE',
  'ER_GET_ERRNO',
]);

/** The driver's error under TypeORM's QueryFailedError (or the error itself). */
function driverErrorOf(error: unknown): { code?: unknown; fatal?: unknown; message?: unknown } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  // mysql2 rejects a failed connect with a plain object, which graphql-js wraps as NonErrorThrown.
  const thrown = (error as { thrownValue?: unknown }).thrownValue;
  if (thrown && typeof thrown === 'object') return driverErrorOf(thrown);
  const driverError = (error as { driverError?: unknown }).driverError;
  return (driverError && typeof driverError === 'object' ? driverError : error) as { code?: unknown; fatal?: unknown };
}

/**
 * True when `error` says the store could not do its part (read-only file, full
 * disk, lost or killed connection, server restarting, lock timeout), so that the
 * same request may succeed later; false for errors of the request itself
 * (a duplicate key, a constraint, a bug).
 */
export function isStorageFailure(error: unknown): boolean {
  const driverError = driverErrorOf(error);
  if (!driverError) return false;
  const code = typeof driverError.code === 'string' ? driverError.code : '';
  if (SQLITE_STORAGE.test(code) || MYSQL_STORAGE.has(code)) return true;
  // mysql2 marks an error that made the connection unusable as fatal.
  if (driverError.fatal === true) return true;
  const message = typeof driverError.message === 'string' ? driverError.message : '';
  return /connection is in closed state|Connection lost|Pool is closed|the SQLite connection holds a transaction|COMMIT left the SQLite transaction open/i.test(
    message,
  );
}

/**
 * The error a request gets when the store failed under it: SERVICE_UNAVAILABLE,
 * `retryable: true`, nothing of the driver's message (no SQL, no file path);
 * the original stays as `originalError` for the log. Other errors pass unchanged.
 */
export function asStorageUnavailable(error: unknown): unknown {
  if (error instanceof GraphQLError || !isStorageFailure(error)) return error;
  return serviceUnavailable('The store could not complete the request; nothing was written. Retry it (with the same idempotencyKey) shortly.', error);
}
