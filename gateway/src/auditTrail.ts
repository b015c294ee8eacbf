import { createHmac, randomUUID } from 'node:crypto';
import { loadSecrets, type Config, type RequestSummary } from '@safety-graph/shared';
import { AuditLog, canonicalJson, type AuditRecordInput } from './audit';
import type { GatewayContext } from './plugins';

/** The GraphQL request as Apollo resolved it. */
export interface ResolvedRequest {
  query?: string;
  operationName?: string | null;
  variables?: unknown;
}

/** Unauthenticated traffic of one interval, written as one row instead of one row per request. */
export interface UnauthenticatedSummary {
  from: string;
  to: string;
  addresses: number;
  requests: number;
  rateLimited: number;
}

/** What the gateway needs of its audit log. */
export interface GatewayAudit {
  /**
   * Writes the intent row of a resolved operation, before it executes; rejects
   * when the row cannot be committed (the operation is then refused unexecuted).
   */
  intent(context: GatewayContext, request: ResolvedRequest): Promise<void>;
  /**
   * Writes the row of an answered request: its outcome, referring to the
   * intent row by request id, or its only row when it was refused before it
   * was resolved. Rejects when the row cannot be written.
   */
  record(summary: RequestSummary<GatewayContext>, outcome: string): Promise<void>;
  /** Writes one row for the unauthenticated requests of an interval. */
  summarize(summary: UnauthenticatedSummary): Promise<void>;
  /** Whether a row can be written now (a rolled-back write, not a read). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The gateway's audit trail on its own store: who asked what, never the query text or the variables' values. */
export async function openGatewayAudit(config: Config, onCheckpointError?: (error: unknown) => void): Promise<GatewayAudit> {
  const log = await AuditLog.open(config, { onCheckpointError });
  // Keyed, not plain, hashes: a plain SHA-256 of a document or of variables holding a
  // ten-digit national id could be reversed by trying every id.
  const auditKey = createHmac('sha256', loadSecrets(config).pseudonymKey).update('safety-graph audit hashes v1').digest();
  const keyedHash = (text: string) => createHmac('sha256', auditKey).update(text, 'utf8').digest('hex');
  // Variables too deep to canonicalise were refused (VARIABLES_TOO_DEEP) before anything read them: their row has no hash.
  const variablesHashOf = (variables: unknown) => {
    let canonical: string;
    try {
      canonical = canonicalJson(variables);
    } catch {
      return null;
    }
    return keyedHash(canonical);
  };
  const who = (context: GatewayContext | undefined, request: ResolvedRequest | undefined) => {
    const { query, operationName, variables } = request ?? {};
    return {
      agencyCode: context?.caller.agencyCode ?? null,
      subject: context?.caller.subject ?? null,
      operationName: context?.trail.operation?.name ?? (typeof operationName === 'string' ? operationName : null),
      operationType: context?.trail.operation?.type ?? null,
      documentHash: typeof query === 'string' ? keyedHash(query) : null,
      variablesHash: variables == null ? null : variablesHashOf(variables),
    } satisfies Partial<AuditRecordInput>;
  };
  return {
    async intent(context, request) {
      await log.record({
        kind: 'intent',
        requestId: context.requestId,
        ...who(context, request),
        outcome: 'STARTED',
        httpStatus: 0,
        durationMs: 0,
      });
      context.trail.intent = true;
    },
    async record(summary, outcome) {
      await log.record({
        kind: summary.context?.trail.intent ? 'outcome' : 'request',
        requestId: summary.requestId,
        ...who(summary.context, summary.graphqlRequest as ResolvedRequest | undefined),
        subgraphs: [...(summary.context?.subgraphs ?? [])],
        outcome,
        httpStatus: summary.status,
        durationMs: Date.now() - summary.startedAt,
      });
    },
    async summarize({ from, to, addresses, requests, rateLimited }) {
      await log.record({
        kind: 'summary',
        requestId: randomUUID(),
        outcome: 'UNAUTHENTICATED',
        httpStatus: 0,
        durationMs: Date.parse(to) - Date.parse(from),
        detail: { from, to, addresses, requests, rateLimited },
      });
    },
    ready: () => log.ready(),
    close: () => log.close(),
  };
}
