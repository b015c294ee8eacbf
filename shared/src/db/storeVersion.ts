import {
  EventSubscriber,
  Table,
  type DataSource,
  type EntitySubscriberInterface,
  type MigrationInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

/**
 * One row per store whose `version` moves with every committed write, from
 * any process (a mutation, an import, a seed): what the gateway's answer cache
 * checks before it serves a remembered answer (`GET /version` of a subgraph).
 */
const VERSION_TABLE = 'store_version';

export class CreateStoreVersion1770000000000 implements MigrationInterface {
  name = 'CreateStoreVersion1770000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: VERSION_TABLE,
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'version', type: 'bigint' },
        ],
      }),
      true,
    );
    await queryRunner.query(`INSERT INTO ${VERSION_TABLE} (id, version) VALUES (1, 1)`);
    versionWrites(queryRunner.connection);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Undone (tests of older migrations): writes stop moving a version that is no longer there.
    versioned.delete(queryRunner.connection);
    await queryRunner.dropTable(VERSION_TABLE, true);
  }
}

/** A statement that changes rows (what makes a transaction a write). */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|LOAD\s+DATA)\b/i;

/** Query runners that sent a write in their open transaction (SQLite: the one shared runner). */
const writers = new WeakSet<QueryRunner>();
/** Stores whose migrations have run: before, the table may not be there yet. */
const versioned = new WeakSet<DataSource>();

/** Called by the store's logger for every statement: marks a runner whose transaction wrote. */
export function noteStatement(query: string, queryRunner: QueryRunner | undefined): void {
  if (queryRunner && queryRunner.isTransactionActive && WRITE.test(query)) writers.add(queryRunner);
}

/** From now on every committed write transaction of `dataSource` moves its version. */
export function versionWrites(dataSource: DataSource): void {
  versioned.add(dataSource);
}

/**
 * Moves the store's version as the last statement of every transaction that
 * wrote, in that transaction: the version and the rows it covers commit
 * together. Last, so that the row lock it takes is held only for the commit
 * (no lock is waited for while holding it: no deadlock with other writers).
 * A write outside any transaction is not seen: every write of the services
 * runs in one (`Store.transaction`, TypeORM's own for `save`).
 */
@EventSubscriber()
export class StoreVersionSubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    const depth = (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 1;
    if (depth > 1 || !writers.has(runner) || !versioned.has(runner.connection)) return;
    writers.delete(runner);
    await runner.query(`UPDATE ${VERSION_TABLE} SET version = version + 1 WHERE id = 1`);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const depth = (event.queryRunner as unknown as { transactionDepth?: number }).transactionDepth ?? 0;
    if (depth === 0) writers.delete(event.queryRunner);
  }
}

/** The statement that reads the version (the store's statement counter tells it apart). */
export const VERSION_READ = `SELECT version FROM ${VERSION_TABLE} WHERE id = 1`;

/** The store's current version (a committed read: what every write committed so far moved it to). */
export async function readStoreVersion(dataSource: DataSource): Promise<string> {
  const rows = (await dataSource.query(VERSION_READ)) as { version: number | string }[];
  return String(rows[0]?.version ?? 0);
}
