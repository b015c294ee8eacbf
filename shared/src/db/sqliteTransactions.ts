import type { DataSource } from 'typeorm';

/** What better-sqlite3's connection tells about itself. */
interface SqliteConnection {
  /** True while the connection has a transaction open, whoever opened or ended it. */
  readonly inTransaction: boolean;
  exec(sql: string): unknown;
}

/** The parts of TypeORM's SQLite query runner whose bookkeeping can drift from the connection. */
interface SqliteRunner {
  isTransactionActive: boolean;
  transactionDepth: number;
  startTransaction(isolationLevel?: unknown): Promise<void>;
  commitTransaction(): Promise<void>;
  rollbackTransaction(): Promise<void>;
}

/**
 * Keeps TypeORM's transaction bookkeeping on a SQLite store in step with the
 * connection itself.
 *
 * TypeORM runs every query of a better-sqlite3 DataSource over one query runner
 * and counts open transactions in it (`transactionDepth`). When a COMMIT fails
 * with SQLITE_IOERR or SQLITE_FULL (a read-only file, a full disk), SQLite rolls
 * the transaction back by itself; TypeORM's ROLLBACK then fails ("no
 * transaction is active") before it lowers its count, so the runner believes a
 * transaction is still open. Every later transaction became a `SAVEPOINT`
 * inside that phantom one: the first SAVEPOINT silently opened a real
 * transaction that no COMMIT ever closed, writes were acknowledged and never
 * stored, and the write lock was held for good ("database is locked" for any
 * other connection). Here the runner's count follows `inTransaction` of the
 * connection after every failure, and a transaction is only ever started on a
 * connection that has none open.
 */
export function keepSqliteTransactionsInStep(dataSource: DataSource): void {
  const runner = dataSource.createQueryRunner() as unknown as SqliteRunner;
  const connection = (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  const start = runner.startTransaction.bind(runner);
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);

  /** After a failure at the outermost level: nothing stays open, on the connection or in the runner. */
  const settle = (): void => {
    if (connection.inTransaction) {
      try {
        connection.exec('ROLLBACK');
      } catch {
        // Checked again before the next transaction starts.
      }
    }
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
  };

  runner.startTransaction = async (isolationLevel?: unknown) => {
    // SQLite ended the transaction on its own (an automatic rollback): the runner's count is stale.
    if (runner.transactionDepth > 0 && !connection.inTransaction) settle();
    if (runner.transactionDepth === 0 && connection.inTransaction) {
      settle();
      if (connection.inTransaction) throw new Error('the SQLite connection holds a transaction that cannot be rolled back');
    }
    return start(isolationLevel);
  };

  runner.commitTransaction = async () => {
    const outermost = runner.transactionDepth <= 1;
    try {
      await commit();
    } catch (error) {
      if (outermost || !connection.inTransaction) settle();
      throw error;
    }
    if (outermost && connection.inTransaction) {
      // Never acknowledge what is not committed.
      settle();
      throw new Error('COMMIT left the SQLite transaction open; it was rolled back');
    }
  };

  runner.rollbackTransaction = async () => {
    // A failed COMMIT has already settled everything (EntityManager.transaction still calls this).
    if (!runner.isTransactionActive) return;
    const outermost = runner.transactionDepth <= 1;
    try {
      await rollback();
    } catch (error) {
      if (!outermost && connection.inTransaction) throw error;
    } finally {
      if (outermost || !connection.inTransaction) settle();
    }
  };
}
