import { openStore, storeConfig, type Config, type Store } from '@safety-graph/shared';
import { AUDIT_HEAD_ID, AuditEntry, AuditHead, auditEntities } from './entities';
import { auditEntryHash, hashVariables, sha256Hex } from './hash';
import { auditMigrations } from './migrations';
import { verifyAuditChain, type AuditVerification, type VerifyOptions } from './verify';

export type AuditOperationType = 'query' | 'mutation' | 'subscription';

export type AuditOutcome =
  | 'OK'
  | 'ERRORS'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'REJECTED'
  | 'BAD_REQUEST'
  | 'INTERNAL_ERROR';

/** What the gateway knows about one request once its answer is ready. */
export interface AuditRecordInput {
  requestId: string;
  /** The caller's agency (the token's `agency` claim); null when the caller is unknown. */
  agencyCode?: string | null;
  /** The token's `sub`. */
  subject?: string | null;
  operationName?: string | null;
  operationType?: AuditOperationType | (string & {}) | null;
  /** The query text as sent; only its SHA-256 is stored. */
  document?: string | null;
  /** Or the SHA-256 (hex) of the query text, when the caller already has it. */
  documentHash?: string | null;
  /** The operation's variables; only the SHA-256 of their canonical JSON is stored, never a value. */
  variables?: unknown;
  /** Or `hashVariables(variables)`, when the caller already has it. */
  variablesHash?: string | null;
  /** The subgraphs the query plan fetched from, in any order. */
  subgraphs?: readonly string[];
  outcome: AuditOutcome | (string & {});
  httpStatus: number;
  durationMs: number;
}

/** The audit row could not be written; the gateway must refuse the request. */
export class AuditWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditWriteError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAX_INTEGER_COLUMN = 2_147_483_647;

/**
 * Cuts text to what the column holds, counted in characters as MySQL counts
 * them, and replaces what utf8mb4 cannot store as sent: a value the database
 * changed on the way in would no longer match its hash, and verify would
 * report an honest row as tampered.
 */
function fit(value: unknown, length: number): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '\uFFFD');
  if (text.length <= length) return text;
  const characters = Array.from(text);
  return characters.length <= length ? text : characters.slice(0, length).join('');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A precomputed hash is taken only if it is one: these columns must never carry a value in clear. */
function givenHash(value: string | null | undefined, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (!SHA256_HEX.test(value)) throw new AuditWriteError(`audit record with a ${name} that is not a lower-case SHA-256 hex digest`);
  return value;
}

type AuditFields = Omit<AuditEntry, 'seq' | 'at' | 'prevHash' | 'hash'>;

/** Everything that does not depend on the chain, computed before taking the lock. */
function auditFields(input: AuditRecordInput): AuditFields {
  const requestId = fit(input.requestId, 36);
  if (!requestId) throw new AuditWriteError('audit record without a request id');
  if (!Number.isInteger(input.httpStatus) || input.httpStatus < 100 || input.httpStatus > 599) {
    throw new AuditWriteError(`audit record with an invalid HTTP status ${String(input.httpStatus)}`);
  }
  if (typeof input.durationMs !== 'number' || Number.isNaN(input.durationMs)) {
    throw new AuditWriteError(`audit record with an invalid duration ${String(input.durationMs)}`);
  }
  const subgraphs = [...new Set((input.subgraphs ?? []).map(String))].sort();
  return {
    requestId,
    agencyCode: fit(input.agencyCode, 64),
    subject: fit(input.subject, 200),
    operationName: fit(input.operationName, 200),
    operationType: fit(input.operationType, 16),
    documentHash: typeof input.document === 'string' ? sha256Hex(input.document) : givenHash(input.documentHash, 'documentHash'),
    variablesHash: input.variables !== undefined && input.variables !== null ? hashVariables(input.variables) : givenHash(input.variablesHash, 'variablesHash'),
    subgraphs: fit(subgraphs.join(','), 200) ?? '',
    outcome: fit(input.outcome, 32) ?? '',
    httpStatus: input.httpStatus,
    // A clock stepping back must not make a request fail to be recorded.
    durationMs: Math.min(MAX_INTEGER_COLUMN, Math.max(0, Math.round(input.durationMs))),
  };
}

/**
 * The gateway's append-only, hash-chained log of operations. Each row carries
 * the hash of the one before, and the head row names the last one, so that
 * `verifyAuditChain` finds any row altered, removed, reordered or cut off.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(readonly store: Store) {}

  /** Opens (and migrates) the gateway's audit store: `safety_audit` on MySQL, `.data/safety_audit.sqlite` otherwise. */
  static async open(config: Config): Promise<AuditLog> {
    const store = await openStore({ config: storeConfig(config, 'audit'), entities: auditEntities, migrations: auditMigrations });
    return new AuditLog(store);
  }

  /**
   * Appends one row and returns it. Rejects with an AuditWriteError whenever
   * the row is not durably stored: the caller refuses the request then.
   */
  async record(input: AuditRecordInput): Promise<AuditEntry> {
    try {
      if (this.closed) throw new AuditWriteError('audit log write failed: the audit log is closed');
      const fields = auditFields(input);
      const write = this.store.kind === 'sqlite' ? this.serialized(() => this.append(fields)) : this.append(fields);
      this.pending.add(write);
      try {
        return await write;
      } finally {
        this.pending.delete(write);
      }
    } catch (error) {
      if (error instanceof AuditWriteError) throw error;
      throw new AuditWriteError(`audit log write failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
  }

  /** Verifies the chain through this log's own store, in turn with its writes on SQLite. */
  verify(options?: VerifyOptions): Promise<AuditVerification> {
    const check = () => verifyAuditChain(this.store, options);
    return this.store.kind === 'sqlite' ? this.serialized(check) : check();
  }

  /** Lets the writes already accepted finish, then closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await this.store.close();
  }

  /**
   * TypeORM runs every SQLite query of a DataSource over one connection, where
   * two interleaved transactions would be one; writes from this process take turns.
   */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async append(fields: AuditFields): Promise<AuditEntry> {
    const { dataSource, kind } = this.store;
    if (!dataSource.isInitialized) throw new AuditWriteError('audit log write failed: the audit store is closed');
    return dataSource.transaction(async (manager) => {
      if (kind === 'sqlite') {
        // Taking SQLite's write lock before reading the head, as FOR UPDATE does
        // on MySQL: another process writing the same file waits (busy_timeout)
        // instead of both reading the same head.
        await manager.query('UPDATE audit_head SET seq = seq WHERE id = ?', [AUDIT_HEAD_ID]);
      }
      let headQuery = manager.getRepository(AuditHead).createQueryBuilder('head').where('head.id = :id', { id: AUDIT_HEAD_ID });
      if (kind === 'mysql') headQuery = headQuery.setLock('pessimistic_write');
      const head = await headQuery.getOne();
      if (!head) throw new AuditWriteError('audit log write failed: the audit head row is missing');
      const entry = Object.assign(new AuditEntry(), {
        seq: head.seq + 1,
        at: new Date().toISOString(),
        ...fields,
        prevHash: head.hash,
      });
      entry.hash = auditEntryHash(entry);
      await manager.createQueryBuilder().insert().into(AuditEntry).values(entry).updateEntity(false).execute();
      await manager
        .createQueryBuilder()
        .update(AuditHead)
        .set({ seq: entry.seq, hash: entry.hash })
        .where('id = :id', { id: AUDIT_HEAD_ID })
        .updateEntity(false)
        .execute();
      return entry;
    });
  }
}
