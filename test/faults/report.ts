import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where fault and load tests leave their rows for the table `npm run test:faults` prints at the end. */
export const FAULT_REPORT_FILE = process.env.FAULT_REPORT_FILE ?? join(tmpdir(), 'safety-graph-faults.jsonl');

/** One fault injected and what it did to writes and the audit trail. */
export interface FaultRow {
  store: 'sqlite' | 'mysql' | string;
  fault: string;
  /** Writes the API acknowledged (answered with data, no error). */
  acknowledged: number;
  /** Rows found in the store afterwards for those writes. */
  stored: number;
  duplicates: number;
  /** Audit rows written for the requests the gateway answered (or null where the test does not go through the gateway). */
  auditRows: number | null;
  answered: number | null;
  /** Acknowledged writes executed without an intent row committed first (must be 0). */
  unaudited?: number;
}

/** The light query of another agency, alone and while one agency sends heavy queries flat out. */
export interface LoadRow {
  scenario: string;
  lightP99AloneMs: number;
  lightP99UnderLoadMs: number;
  lightFailures: string;
  /** Heavy reports answered under load (what fair sharing cost the heavy agency), and refused with 429. */
  heavyAnswered?: number;
  heavyRefused: number;
  /** p99 under load ÷ p99 alone, and whether the ≤ 2× target was met. */
  ratio?: string;
}

export function reportFault(row: FaultRow): void {
  appendFileSync(FAULT_REPORT_FILE, `${JSON.stringify({ type: 'fault', ...row })}\n`);
}

export function reportLoad(row: LoadRow): void {
  appendFileSync(FAULT_REPORT_FILE, `${JSON.stringify({ type: 'load', ...row })}\n`);
}
