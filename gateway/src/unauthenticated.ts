import { Counter, type Registry } from 'prom-client';
import type { Config } from '@safety-graph/shared';
import type { GatewayAudit } from './auditTrail';

/** AUDIT_SUMMARY_INTERVAL_MS (default 60 s): how often unauthenticated traffic is written to the audit log as one row. */
export function summaryIntervalMs(config: Config): number {
  const value = Number(config.env.AUDIT_SUMMARY_INTERVAL_MS || 60_000);
  return Number.isInteger(value) && value >= 100 ? value : 60_000;
}

/**
 * Counts requests refused for want of a valid token (401, or 429 once an
 * address is over its limit): a metric at once, and one `summary` row in the
 * audit log per interval (addresses, requests, rate-limited), never a row per
 * request, so that a flood cannot fill the audit store's disk.
 */
export function createUnauthenticatedTally(registry: Registry, audit: GatewayAudit, intervalMs: number, onError: (error: unknown) => void) {
  const counter = new Counter({
    name: 'safety_graph_unauthenticated_requests_total',
    help: 'Requests refused without a valid token, by outcome (UNAUTHENTICATED or RATE_LIMITED)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  let from = new Date();
  let addresses = new Set<string>();
  let requests = 0;
  let rateLimited = 0;
  const flush = async () => {
    if (requests === 0) return;
    const summary = { from: from.toISOString(), to: new Date().toISOString(), addresses: addresses.size, requests, rateLimited };
    const seen = addresses;
    from = new Date();
    addresses = new Set();
    requests = 0;
    rateLimited = 0;
    try {
      await audit.summarize(summary);
    } catch (error) {
      // Counted again in the next interval's row, which then spans both.
      from = new Date(summary.from);
      for (const address of seen) addresses.add(address);
      requests += summary.requests;
      rateLimited += summary.rateLimited;
      throw error;
    }
  };
  const timer = setInterval(() => void flush().catch(onError), intervalMs);
  timer.unref();
  return {
    count(address: string, outcome: 'UNAUTHENTICATED' | 'RATE_LIMITED'): void {
      counter.inc({ outcome });
      addresses.add(address);
      requests += 1;
      if (outcome === 'RATE_LIMITED') rateLimited += 1;
    },
    flush,
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush().catch(onError);
    },
  };
}
