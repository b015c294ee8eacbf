import { QueryFailedError } from 'typeorm';

/** A write refused by a primary key or unique index, on MySQL/MariaDB or SQLite alike. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    ['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE'].includes((error.driverError as { code?: string })?.code ?? '')
  );
}
