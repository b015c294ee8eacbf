import { join } from 'node:path';
import { mysqlConnection } from '../helpers/config';
import { agencyId, regionId, type Config } from '@safety-graph/shared';
import type { Stack } from '@safety-graph/test-helpers';

interface SqliteDatabase {
  pragma(statement: string): unknown;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  close(): void;
}
// A connection of the test's own, beside the store's (better-sqlite3 ships no types here; shared depends on it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string) => SqliteDatabase;

/** The agency whose crash reports the fault tests send (police of Kashan: traffic:write). */
export const REPORTER = 'POLICE-IR-10-12';

const REPORT_CRASH = 'mutation($input: ReportCrashInput!) { reportCrash(input: $input) { id } }';
const LIGHT_READ = '{ regions(kind: PROVINCE) { code } }';

/** One answer of the gateway, as a client sees it. */
export interface Answer {
  status: number;
  requestId: string | null;
  id?: string;
  code?: string;
  retryable?: boolean;
  errorRequestId?: string;
}

/**
 * Crash reports sent through the gateway with idempotency keys, retried as a
 * careful client would (same key, after SERVICE_UNAVAILABLE or a dropped
 * connection), and everything the gateway answered, for the checks.
 */
export class WriteLoad {
  /** The id each key was acknowledged with (every acknowledgement of a key, to prove they agree). */
  readonly acknowledged = new Map<string, string[]>();
  /** Every answer the gateway gave (request ids for the audit check). */
  readonly answers: Answer[] = [];
  readonly failures = new Map<string, number>();
  readonly reads = { ok: 0, failed: 0 };

  constructor(
    private readonly stack: Stack,
    readonly run: string,
  ) {}

  key(index: number): string {
    return `${this.run}-${index}`;
  }

  /** One attempt at one report; never throws (a refused connection is an answer with status 0). */
  async report(index: number): Promise<Answer> {
    const minute = String(index % 60).padStart(2, '0');
    const input = {
      occurredAt: `2025-05-${String(1 + (index % 28)).padStart(2, '0')}T10:${minute}:00+03:30`,
      regionId: regionId('IR-10-12'),
      roadType: 'URBAN',
      persons: [{ role: 'DRIVER', injury: 'B', faultStatus: 'AT_FAULT', ageBand: '25-34' }],
      idempotencyKey: this.key(index),
    };
    const answer = await this.send(REPORT_CRASH, { input });
    if (answer.id) {
      const seen = this.acknowledged.get(this.key(index)) ?? [];
      this.acknowledged.set(this.key(index), [...seen, answer.id]);
    }
    return answer;
  }

  /** A light read, as other partners send during the fault. */
  async read(): Promise<Answer> {
    const answer = await this.send(LIGHT_READ, {});
    if (answer.status === 200 && !answer.code) this.reads.ok += 1;
    else this.reads.failed += 1;
    return answer;
  }

  /** Reports `index` until it is acknowledged or `deadline` passes; true when acknowledged. */
  async reportUntilAcknowledged(index: number, deadline: number, pauseMs = 100): Promise<boolean> {
    while (Date.now() < deadline) {
      const answer = await this.report(index);
      if (answer.id) return true;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    return false;
  }

  private async send(query: string, variables: Record<string, unknown>): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(this.stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.stack.token(REPORTER)}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      this.count('NO_ANSWER');
      return { status: 0, requestId: null, code: 'NO_ANSWER' };
    }
    const body = (await response.json()) as {
      data?: { reportCrash?: { id: string } } | null;
      errors?: { extensions?: { code?: string; retryable?: boolean; requestId?: string } }[];
    };
    const error = body.errors?.[0]?.extensions;
    const answer: Answer = {
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      id: error ? undefined : body.data?.reportCrash?.id,
      code: error?.code,
      retryable: error?.retryable,
      errorRequestId: error?.requestId,
    };
    if (answer.code) this.count(answer.code);
    this.answers.push(answer);
    return answer;
  }

  private count(code: string): void {
    this.failures.set(code, (this.failures.get(code) ?? 0) + 1);
  }

  /** Answers the gateway gave that it could not record in its audit log (refused, HTTP 503). */
  auditRefusals(): number {
    return this.answers.filter((answer) => answer.status === 503).length;
  }
}

/** Runs SQL on one of a stack's stores over a connection of the test's own (the store's may be the broken one). */
export async function storeQuery<T>(config: Config, store: 'traffic' | 'audit', sql: string, params: unknown[] = []): Promise<T[]> {
  const database = `${config.databasePrefix}${store}`;
  const url = config.env.DATABASE_URL;
  if (!url) {
    const db = new Database(join(config.dataDir, `${database}.sqlite`));
    try {
      db.pragma('busy_timeout = 5000');
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const connection = await mysqlConnection(url, database);
  try {
    const [rows] = await connection.query(sql, params);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

export async function reporterCrashCount(config: Config): Promise<number> {
  const [row] = await storeQuery<{ n: number | string }>(config, 'traffic', 'SELECT COUNT(*) AS n FROM crash WHERE reported_by_id = ?', [agencyId(REPORTER)]);
  return Number(row.n);
}

/** What the checks compare after a fault: acknowledged writes against rows, audit rows against answers. */
export interface WriteTally {
  acknowledged: number;
  stored: number;
  duplicates: number;
  /** Keys acknowledged with two different ids (must be none). */
  disagreeing: number;
  /** Answered requests with their outcome in the audit log (one `request`/`outcome` row each). */
  auditRows: number;
  answered: number;
  /** Acknowledged writes whose intent row is missing: executed without being audited first (must be none). */
  unaudited: number;
}

/**
 * Counts, over the test's own connections: acknowledged keys whose crash is
 * stored under the acknowledged id, new crashes beyond one per key, and audit
 * rows of the answers the gateway gave.
 */
export async function tally(config: Config, load: WriteLoad, crashesBefore: number): Promise<WriteTally> {
  const keys = [...load.acknowledged.keys()];
  const rows =
    keys.length === 0
      ? []
      : await storeQuery<{ k: string; id: string | null }>(
          config,
          'traffic',
          `SELECT k.idempotency_key AS k, c.id AS id FROM idempotency_key k LEFT JOIN crash c ON c.id = k.result_id
           WHERE k.agency_code = ? AND k.operation = 'reportCrash' AND k.idempotency_key LIKE ?`,
          [REPORTER, `${load.run}-%`],
        );
  const storedIds = new Map(rows.filter((row) => row.id).map((row) => [row.k, row.id as string]));
  const stored = keys.filter((key) => storedIds.get(key) === load.acknowledged.get(key)?.[0]).length;
  const disagreeing = keys.filter((key) => new Set(load.acknowledged.get(key)).size > 1).length;
  const newCrashes = (await reporterCrashCount(config)) - crashesBefore;
  // An executed request leaves an intent row (committed before execution) and an outcome row; one refused
  // before execution leaves one request row. Answers refused because the log could not be written (503) have none.
  const answered = load.answers.filter((answer) => answer.status !== 503 && answer.requestId);
  const withRows = async (ids: string[], kinds: string) => {
    let found = 0;
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const [row] = await storeQuery<{ n: number | string }>(
        config,
        'audit',
        `SELECT COUNT(DISTINCT request_id) AS n FROM audit_entry WHERE kind IN (${kinds}) AND request_id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      found += Number(row.n);
    }
    return found;
  };
  const auditRows = await withRows(
    answered.map((answer) => answer.requestId!),
    "'outcome', 'request'",
  );
  const executed = answered.filter((answer) => answer.id).map((answer) => answer.requestId!);
  const unaudited = executed.length - (await withRows(executed, "'intent'"));
  return {
    acknowledged: keys.length,
    stored,
    duplicates: newCrashes - storedIds.size,
    disagreeing,
    auditRows,
    answered: answered.length,
    unaudited,
  };
}

/**
 * What every fault must leave: each of the `acknowledged` keys stored under the
 * id it was acknowledged with, no duplicates, no key answered with two ids, an
 * audit row for every answered request, and no write executed unaudited.
 */
export function expectNothingLost(counts: WriteTally, acknowledged: number): void {
  expect(counts).toEqual({ ...counts, acknowledged, stored: acknowledged, duplicates: 0, disagreeing: 0, auditRows: counts.answered, unaudited: 0 });
}

/** The gateway's /ready status (it asks every subgraph, which now write to their stores). */
export async function readiness(stack: Stack): Promise<number> {
  const response = await fetch(stack.gateway.url.replace(/\/graphql$/, '/ready'));
  await response.text();
  return response.status;
}
