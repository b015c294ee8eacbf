import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';

/**
 * MySQL hands BIGINT back as a number only while it is a safe integer and the
 * hash covers `seq` as a JSON number, so the property is always a number.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * One operation that went through the gateway. Rows are only ever inserted;
 * `hash` covers every other column and `prev_hash` chains each row to the one
 * before it, so `npm run audit:verify` notices an edited, removed or reordered row.
 * Times are ISO strings: DATETIME precision differs between drivers, and the
 * hash must be recomputed from exactly what was stored.
 */
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  // BIGINT: at a sustained 100 requests a second a signed INT runs out in under two years.
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq: number;

  /**
   * `intent` (written before the operation executes), `outcome` (after, same
   * request id), `request` (refused before it was resolved: one row),
   * `import` (an `npm run import` run) or `summary` (unauthenticated traffic of one interval).
   */
  @Column({ type: 'varchar', length: 16, default: 'request' })
  kind: string;

  @Index()
  @Column({ type: 'varchar', length: 30 })
  at: string;

  @Index()
  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ name: 'agency_code', type: 'varchar', length: 64, nullable: true })
  agencyCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @Column({ name: 'operation_name', type: 'varchar', length: 200, nullable: true })
  operationName: string | null;

  @Column({ name: 'operation_type', type: 'varchar', length: 16, nullable: true })
  operationType: string | null;

  @Column({ name: 'document_hash', type: 'varchar', length: 64, nullable: true })
  documentHash: string | null;

  @Column({ name: 'variables_hash', type: 'varchar', length: 64, nullable: true })
  variablesHash: string | null;

  @Column({ type: 'varchar', length: 200 })
  subgraphs: string;

  @Column({ type: 'varchar', length: 32 })
  outcome: string;

  @Column({ name: 'http_status', type: 'integer' })
  httpStatus: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  /** Canonical JSON of what the other columns do not hold (import counts, summary counts); never a variable's value. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
