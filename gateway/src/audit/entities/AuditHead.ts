import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './AuditEntry';

export const AUDIT_HEAD_ID = 1;

/**
 * The single row (id 1) naming the last entry. Without it a cut-off tail would
 * leave a perfectly valid shorter chain; and every writer locks it first, which
 * orders writers from several gateway instances.
 */
@Entity({ name: 'audit_head' })
export class AuditHead {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
