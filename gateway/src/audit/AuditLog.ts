import { createPool, type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';
import { loadAuditKey, openStore, storeConfig, type Config, type Store } from '@safety-graph/shared';
import { appendCheckpoint, auditSettings, type AuditSettings } from './checkpoints';
import { AUDIT_HEAD_ID, AuditEntry, AuditHead, auditEntities } from './entities';
import { auditEntryHash, canonicalJson, hashVariables, sha256Hex } from './hash';
import { auditMigrations } from './migrations';
import { verifyAuditChain, type AuditVerification, type VerifyOptions } from './verify';

export type AuditOperationType = 'query' | 'mutation' | 'subscription';

export type AuditKind = 'request' | 'intent' | 'outcome' | 'import' | 'summary';

export type AuditOutcome = 'OK' | 'ERRORS' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'REJECTED' | 'BAD_REQUEST' | 'INTERNAL_ERROR';

/** What the gateway knows about one request once its answer is ready. */
export interface AuditRecordInput {
  /** `request` unless said otherwise (see AuditEntry.kind). */
  kind?: AuditKind;
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
  /** 0 for rows that are not an answer (intent, import, summary). */
  httpStatus: number;
  durationMs: number;
  /** Counts and names only (stored as canonical JSON, at most 500 characters). */
  detail?: Record<string, string | number | boolean | null> | null;
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
  const text = String(value)
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\u0000/g, '\uFFFD');
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

const KINDS = new Set<string>(['request', 'intent', 'outcome', 'import', 'summary']);

/** Everything that does not depend on the chain, computed before taking the lock. */
function auditFields(input: AuditRecordInput): AuditFields {
  const requestId = fit(input.requestId, 36);
  if (!requestId) throw new AuditWriteError('audit record without a request id');
  const kind = input.kind ?? 'request';
  if (!KINDS.has(kind)) throw new AuditWriteError(`audit record of an unknown kind ${String(kind)}`);
  if (!Number.isInteger(input.httpStatus) || (input.httpStatus !== 0 && (input.httpStatus < 100 || input.httpStatus > 599))) {
    throw new AuditWriteError(`audit record with an invalid HTTP status ${String(input.httpStatus)}`);
  }
  if (typeof input.durationMs !== 'number' || Number.isNaN(input.durationMs)) {
    throw new AuditWriteError(`audit record with an invalid duration ${String(input.durationMs)}`);
  }
  const subgraphs = [...new Set((input.subgraphs ?? []).map(String))].sort();
  const detail = input.detail == null ? null : canonicalJson(input.detail);
  if (detail !== null && detail.length > 500) throw new AuditWriteError('audit record with a detail over 500 characters');
  return {
    kind,
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
    detail,
  };
}

interface Waiting {
  fields: AuditFields;
  resolve(entry: AuditEntry): void;
  reject(error: unknown): void;
}

export interface AuditLogOptions {
  /** HMAC key of the chain; `loadAuditKey(config)` by default. */
  key?: Uint8Array;
  /** Where signed checkpoints go and how often; none are written without a file. */
  settings?: Partial<AuditSettings>;
  /** Told when a periodic checkpoint could not be written (the next interval tries again). */
  onCheckpointError?: (error: unknown) => void;
}

const asWriteError = (error: unknown): AuditWriteError =>
  error instanceof AuditWriteError ? error : new AuditWriteError(`audit log write failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });

/**
 * The gateway's append-only, keyed hash chain of operations. Each row carries
 * the hash of the one before and its own HMAC under the audit key; the head row
 * names the last one; signed checkpoints (count + head) in a file outside the
 * database anchor the chain, so that `verifyAuditChain` finds any row altered,
 * inserted, removed, reordered, re-chained or cut off.
 *
 * Group commit: rows arriving while a write is in flight wait, and are then
 * chained and inserted together in one transaction (head row locked); each
 * caller's promise settles when the transaction holding its row commits.
 */
export class AuditLog {
  /** Turns on the store: SQLite runs every query of a DataSource over one connection. */
  private turn: Promise<unknown> = Promise.resolve();
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private lastCheckpointSeq = -1;
  /** The head this process last committed (MySQL): the next batch chains after it unless another writer moved it. */
  private knownHead: { seq: number; hash: string } | null = null;
  /** MySQL: the connection the one-packet appends go over (multi-statement, unlike the store's pool); opened on first use. */
  private packetPool: Pool | null = null;
  readonly settings: AuditSettings;
  /** Transactions committed and rows in them, for tests and metrics. */
  readonly stats = { batches: 0, rows: 0 };

  constructor(
    readonly store: Store,
    private readonly key: Uint8Array,
    settings: Partial<AuditSettings> = {},
    private readonly onCheckpointError: (error: unknown) => void = () => undefined,
  ) {
    this.settings = { checkpointFile: null, checkpointIntervalMs: 60_000, maxBatch: 200, ...settings };
    if (this.settings.checkpointFile && this.settings.checkpointIntervalMs > 0) {
      this.timer = setInterval(() => void this.checkpoint().catch(this.onCheckpointError), this.settings.checkpointIntervalMs);
      this.timer.unref();
    }
  }

  /** Opens (and migrates) the gateway's audit store: `safety_audit` on MySQL, `.data/safety_audit.sqlite` otherwise. */
  static async open(config: Config, options: AuditLogOptions = {}): Promise<AuditLog> {
    const key = options.key ?? loadAuditKey(config);
    const settings = { ...auditSettings(config), ...options.settings };
    const store = await openStore({ config: storeConfig(config, 'audit'), entities: auditEntities, migrations: auditMigrations });
    return new AuditLog(store, key, settings, options.onCheckpointError);
  }

  /**
   * Appends one row and returns it once it is committed. Rejects with an
   * AuditWriteError whenever the row is not durably stored: the caller refuses
   * the request then.
   */
  async record(input: AuditRecordInput): Promise<AuditEntry> {
    if (this.closed) throw new AuditWriteError('audit log write failed: the audit log is closed');
    let fields: AuditFields;
    try {
      fields = auditFields(input);
    } catch (error) {
      throw asWriteError(error);
    }
    return new Promise<AuditEntry>((resolve, reject) => {
      this.waiting.push({ fields, resolve, reject });
      this.flush();
    });
  }

  /** Starts a transaction for the rows waiting, unless one is in flight (it starts the next when done). */
  private flush(): void {
    if (this.writing || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.settings.maxBatch);
    this.writing = this.exclusive(() => this.append(batch.map((item) => item.fields)))
      .then(
        (entries) => {
          this.stats.batches += 1;
          this.stats.rows += entries.length;
          batch.forEach((item, index) => item.resolve(entries[index]));
        },
        (error) => {
          const failure = asWriteError(error);
          for (const item of batch) item.reject(failure);
        },
      )
      .finally(() => {
        this.writing = null;
        this.flush();
      });
  }

  /** Verifies the chain (and the checkpoints, when there is a file) through this log's own store. */
  verify(options: VerifyOptions = {}): Promise<AuditVerification> {
    const checkpointFile = options.checkpointFile === undefined ? this.settings.checkpointFile : options.checkpointFile;
    return this.exclusive(() => verifyAuditChain(this.store, this.key, { ...options, checkpointFile }));
  }

  /**
   * Whether a row could be written now: a write of the head and of a probe
   * row in a transaction that is rolled back (a read-only, full or dropped
   * store fails it; `SELECT 1` would not).
   */
  /**
   * Whether a row could be committed now: a write into the log's own tables,
   * rolled back (the tables are there and writable), then the store's probe,
   * committed (a rolled-back write proves nothing on SQLite, whose pages stay
   * in memory until commit: a read-only or full disk shows only then). In turn
   * with the log's writes.
   */
  async ready(): Promise<boolean> {
    if (this.closed || !this.store.dataSource.isInitialized) return false;
    const probe = new Error('audit readiness probe: rolled back');
    try {
      await this.exclusive(() =>
        this.store.dataSource.transaction(async (manager) => {
          await manager.query(`UPDATE ${this.name('audit_head')} SET ${this.name('seq')} = ${this.name('seq')} WHERE ${this.name('id')} = ?`, [AUDIT_HEAD_ID]);
          await manager
            .createQueryBuilder()
            .insert()
            .into(AuditEntry)
            .values({
              seq: 0,
              kind: 'request',
              at: new Date().toISOString(),
              requestId: 'readiness-probe',
              subgraphs: '',
              outcome: 'PROBE',
              httpStatus: 0,
              durationMs: 0,
              prevHash: '',
              hash: '',
            })
            .updateEntity(false)
            .execute();
          throw probe;
        }),
      );
      return false;
    } catch (error) {
      if (error !== probe) return false;
    }
    try {
      await this.exclusive(() => this.store.probeWrite());
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Appends a signed checkpoint (row count, head hash, time) to the checkpoint
   * file, when the head moved since the last one this process wrote.
   */
  async checkpoint(force = false): Promise<void> {
    const file = this.settings.checkpointFile;
    if (!file || !this.store.dataSource.isInitialized) return;
    const head = await this.exclusive(() => this.store.dataSource.getRepository(AuditHead).findOne({ where: { id: AUDIT_HEAD_ID } }));
    if (!head || (!force && head.seq === this.lastCheckpointSeq)) return;
    appendCheckpoint(file, this.key, head.seq, head.hash);
    this.lastCheckpointSeq = head.seq;
  }

  /** Lets the writes already accepted finish, writes a last checkpoint, then closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    while (this.writing) await this.writing;
    await this.checkpoint().catch(this.onCheckpointError);
    const packets = this.packetPool;
    this.packetPool = null;
    await packets?.end();
    await this.store.close();
  }

  private name(identifier: string): string {
    return this.store.dataSource.driver.escape(identifier);
  }

  /** On SQLite (one connection) writes, probes and verification take turns; MySQL needs none. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (this.store.kind !== 'sqlite') return task();
    const run = this.turn.then(task, task);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Chains `batch` after `head`: the rows and the head they leave. */
  private chain(head: { seq: number; hash: string }, batch: AuditFields[], at: string): { entries: AuditEntry[]; last: { seq: number; hash: string } } {
    let previous = head;
    const entries = batch.map((fields) => {
      const entry = Object.assign(new AuditEntry(), { seq: previous.seq + 1, at, ...fields, prevHash: previous.hash });
      entry.hash = auditEntryHash(this.key, entry);
      previous = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
    return { entries, last: previous };
  }

  private async append(batch: AuditFields[]): Promise<AuditEntry[]> {
    const { dataSource, kind } = this.store;
    if (!dataSource.isInitialized) throw new AuditWriteError('audit log write failed: the audit store is closed');
    if (kind === 'mysql') return this.appendMysql(batch);
    return dataSource.transaction(async (manager) => {
      // Taking SQLite's write lock before reading the head, as FOR UPDATE does
      // on MySQL: another process writing the same file waits (busy_timeout)
      // instead of both reading the same head.
      await manager.query('UPDATE audit_head SET seq = seq WHERE id = ?', [AUDIT_HEAD_ID]);
      const head = await manager.getRepository(AuditHead).findOne({ where: { id: AUDIT_HEAD_ID } });
      if (!head) throw new AuditWriteError('audit log write failed: the audit head row is missing');
      const { entries, last } = this.chain(head, batch, new Date().toISOString());
      await manager.createQueryBuilder().insert().into(AuditEntry).values(entries).updateEntity(false).execute();
      await manager.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = ?', [last.seq, last.hash, AUDIT_HEAD_ID]);
      return entries;
    });
  }

  /**
   * MySQL: the batch in one round trip when the head is where this process
   * left it (the usual case: one gateway), else in a locked transaction that
   * reads the head first (`appendAfterLockedHead`).
   */
  private async appendMysql(batch: AuditFields[]): Promise<AuditEntry[]> {
    const at = new Date().toISOString();
    try {
      const entries = (this.knownHead && (await this.appendInOnePacket(this.knownHead, batch, at))) || (await this.appendAfterLockedHead(batch, at));
      this.knownHead = { seq: entries[entries.length - 1].seq, hash: entries[entries.length - 1].hash };
      return entries;
    } catch (error) {
      this.knownHead = null;
      throw error;
    }
  }

  /** The statement inserting `entries`: `INSERT … SELECT` when `guarded`, which inserts nothing unless the head row has moved to the last of them. */
  private insertEntries(entries: AuditEntry[], guarded: boolean): { sql: string; values: unknown[] } {
    const columns = ENTRY_COLUMNS.map(([column]) => this.name(column)).join(', ');
    const values = entries.flatMap((entry) => ENTRY_COLUMNS.map(([, property]) => entry[property]));
    const placeholders = `(${ENTRY_COLUMNS.map(() => '?').join(', ')})`;
    if (!guarded) {
      return { sql: `INSERT INTO ${this.name('audit_entry')} (${columns}) VALUES ${entries.map(() => placeholders).join(', ')}`, values };
    }
    const last = entries[entries.length - 1];
    const rows = entries
      .map((_, index) => `SELECT ${ENTRY_COLUMNS.map(([column]) => (index === 0 ? `? AS ${this.name(column)}` : '?')).join(', ')}`)
      .join(' UNION ALL ');
    return {
      sql: `INSERT INTO ${this.name('audit_entry')} (${columns}) SELECT * FROM (${rows}) AS ${this.name('batch')} WHERE EXISTS (SELECT 1 FROM ${this.name('audit_head')} WHERE ${this.name('id')} = ? AND ${this.name('seq')} = ? AND ${this.name('hash')} = ?)`,
      values: [...values, AUDIT_HEAD_ID, last.seq, last.hash],
    };
  }

  /**
   * Chains the batch after the head this process last committed and sends
   * the whole transaction as one packet: a conditional UPDATE that moves the
   * head (and locks it) only from that head, an INSERT of the rows only if the
   * head is now at their last one, COMMIT. Resolves null when another writer
   * had moved the head (nothing was written; the caller chains again after
   * the head it reads under the lock).
   */
  private async appendInOnePacket(head: { seq: number; hash: string }, batch: AuditFields[], at: string): Promise<AuditEntry[] | null> {
    const { entries, last } = this.chain(head, batch, at);
    const insert = this.insertEntries(entries, true);
    const connection = await this.packetConnection();
    let results: ResultSetHeader[];
    try {
      [results] = await connection.query<ResultSetHeader[]>(
        `START TRANSACTION; UPDATE ${this.name('audit_head')} SET ${this.name('seq')} = ?, ${this.name('hash')} = ? WHERE ${this.name('id')} = ? AND ${this.name('seq')} = ? AND ${this.name('hash')} = ?; ${insert.sql}; COMMIT`,
        [last.seq, last.hash, AUDIT_HEAD_ID, head.seq, head.hash, ...insert.values],
      );
    } catch (error) {
      // A statement failed inside the packet: the rest (COMMIT) did not run. Roll back, or drop the connection.
      await connection.query('ROLLBACK').then(
        () => connection.release(),
        () => connection.destroy(),
      );
      throw error;
    }
    connection.release();
    const [, moved, inserted] = results;
    if (moved.affectedRows === 0 && inserted.affectedRows === 0) return null;
    if (moved.affectedRows !== 1 || inserted.affectedRows !== entries.length) {
      throw new AuditWriteError(
        `audit log write failed: moved ${moved.affectedRows} head rows and inserted ${inserted.affectedRows} of ${entries.length} rows`,
      );
    }
    return entries;
  }

  private async packetConnection(): Promise<PoolConnection> {
    if (!this.packetPool) {
      const options = this.store.dataSource.options;
      if (options.type !== 'mysql' && options.type !== 'mariadb') throw new AuditWriteError('audit log write failed: the audit store is not MySQL');
      const primary = options.replication?.master ?? options;
      this.packetPool = createPool({
        host: primary.host,
        port: primary.port,
        user: primary.username,
        password: primary.password,
        database: primary.database ?? options.database,
        charset: options.charset,
        timezone: options.timezone,
        supportBigNumbers: true,
        bigNumberStrings: false,
        multipleStatements: true,
        // Batches are written one at a time: one connection, and one spare while a failed one is replaced.
        connectionLimit: 2,
      });
    }
    return this.packetPool.getConnection();
  }

  /**
   * The batch after the head read under its row lock (FOR UPDATE), in a
   * transaction of the store: when this process knows no head yet, or another
   * writer moved it.
   */
  private async appendAfterLockedHead(batch: AuditFields[], at: string): Promise<AuditEntry[]> {
    const headTable = this.name('audit_head');
    return this.store.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT ${this.name('seq')} AS seq, ${this.name('hash')} AS hash FROM ${headTable} WHERE ${this.name('id')} = ? FOR UPDATE`,
        [AUDIT_HEAD_ID],
      )) as { seq: unknown; hash: string }[];
      if (rows.length === 0) throw new AuditWriteError('audit log write failed: the audit head row is missing');
      const { entries, last } = this.chain({ seq: Number(rows[0].seq), hash: rows[0].hash }, batch, at);
      await manager.query(`UPDATE ${headTable} SET ${this.name('seq')} = ?, ${this.name('hash')} = ? WHERE ${this.name('id')} = ?`, [
        last.seq,
        last.hash,
        AUDIT_HEAD_ID,
      ]);
      const insert = this.insertEntries(entries, false);
      await manager.query(insert.sql, insert.values);
      return entries;
    });
  }
}

/** The columns of an audit row and the properties they hold, in INSERT order. */
const ENTRY_COLUMNS: [string, keyof AuditEntry][] = [
  ['seq', 'seq'],
  ['kind', 'kind'],
  ['at', 'at'],
  ['request_id', 'requestId'],
  ['agency_code', 'agencyCode'],
  ['subject', 'subject'],
  ['operation_name', 'operationName'],
  ['operation_type', 'operationType'],
  ['document_hash', 'documentHash'],
  ['variables_hash', 'variablesHash'],
  ['subgraphs', 'subgraphs'],
  ['outcome', 'outcome'],
  ['http_status', 'httpStatus'],
  ['duration_ms', 'durationMs'],
  ['detail', 'detail'],
  ['prev_hash', 'prevHash'],
  ['hash', 'hash'],
];
