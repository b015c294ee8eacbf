import { createHmac } from 'node:crypto';
import { loadSecrets, type Config, type RequestSummary } from '@safety-graph/shared';
import { AuditLog, canonicalJson } from './audit';
import type { GatewayContext } from './plugins';

/** What the gateway needs of its audit log. */
export interface GatewayAudit {
  /** Writes one row for one request; rejects when the row cannot be written (the request is then refused). */
  record(summary: RequestSummary<GatewayContext>, outcome: string): Promise<void>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The gateway's audit trail on its own store: who asked what, never the query text or the variables' values. */
export async function openGatewayAudit(config: Config): Promise<GatewayAudit> {
  const log = await AuditLog.open(config);
  // Keyed, not plain, hashes: a plain SHA-256 of a document or of variables holding a
  // ten-digit national id could be reversed by trying every id.
  const auditKey = createHmac('sha256', loadSecrets(config).pseudonymKey).update('safety-graph audit hashes v1').digest();
  const keyedHash = (text: string) => createHmac('sha256', auditKey).update(text, 'utf8').digest('hex');
  return {
    async record(summary, outcome) {
      const { query, operationName, variables } = summary.graphqlRequest ?? {};
      await log.record({
        requestId: summary.requestId,
        agencyCode: summary.context?.caller.agencyCode ?? null,
        subject: summary.context?.caller.subject ?? null,
        operationName: summary.context?.operation?.name ?? (typeof operationName === 'string' ? operationName : null),
        operationType: summary.context?.operation?.type ?? null,
        documentHash: typeof query === 'string' ? keyedHash(query) : null,
        variablesHash: variables == null ? null : keyedHash(canonicalJson(variables)),
        subgraphs: [...(summary.context?.subgraphs ?? [])],
        outcome,
        httpStatus: summary.status,
        durationMs: Date.now() - summary.startedAt,
      });
    },
    async ready() {
      try {
        await log.store.dataSource.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => log.close(),
  };
}
