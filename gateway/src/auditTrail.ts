import type { Config, RequestSummary } from '@safety-graph/shared';
import { AuditLog } from './audit';
import type { GatewayContext } from './plugins';

/** What the gateway needs of its audit log. */
export interface GatewayAudit {
  /** Writes one row for one request; rejects when the row cannot be written (the request is then refused). */
  record(summary: RequestSummary<GatewayContext>, outcome: string): Promise<void>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** The gateway's audit trail on its own store: who asked what, never the variables' values. */
export async function openGatewayAudit(config: Config): Promise<GatewayAudit> {
  const log = await AuditLog.open(config);
  return {
    async record(summary, outcome) {
      const { query, operationName, variables } = summary.graphqlRequest ?? {};
      await log.record({
        requestId: summary.requestId,
        agencyCode: summary.context?.caller.agencyCode ?? null,
        subject: summary.context?.caller.subject ?? null,
        operationName: summary.context?.operation?.name ?? (typeof operationName === 'string' ? operationName : null),
        operationType: summary.context?.operation?.type ?? null,
        document: typeof query === 'string' ? query : null,
        variables: variables ?? null,
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
