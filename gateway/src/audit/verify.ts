import type { Store } from '@safety-graph/shared';
import { AUDIT_HEAD_ID, AuditEntry, AuditHead } from './entities';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './hash';

export type AuditVerification =
  | { ok: true; rows: number }
  /**
   * `rows` counts the rows found sound before the first bad one; `firstBadSeq`
   * is 0 when the head row itself is missing.
   */
  | { ok: false; rows: number; firstBadSeq: number; reason: string };

export interface VerifyOptions {
  /** Rows read per query; the log is never held in memory whole. */
  batchSize?: number;
}

const span = (from: number, to: number): string => (from === to ? `row ${from} is` : `rows ${from}..${to} are`);

/**
 * Walks the log in seq order and stops at the first row that breaks the chain:
 * a gap in seq (a removed row), a prev_hash that is not the hash of the row
 * before (removed or reordered), a hash that does not match the row's content
 * (an altered row), a log that ends before the row the head names (a cut
 * tail), or a row past the head. Only rows up to the head as first read are
 * walked, so writers may go on appending meanwhile. Every read goes to the primary: replicas that lag by
 * different amounts would make an honest log look cut short.
 */
export async function verifyAuditChain(store: Store, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const runner = store.dataSource.createQueryRunner('master');
  try {
    const manager = runner.manager;
    const readHead = () => manager.getRepository(AuditHead).findOne({ where: { id: AUDIT_HEAD_ID } });
    const head = await readHead();
    if (!head) return { ok: false, rows: 0, firstBadSeq: 0, reason: 'the audit head row is missing' };

    let expected = 1;
    let previousHash = AUDIT_GENESIS_HASH;
    const fail = (firstBadSeq: number, reason: string): AuditVerification => ({ ok: false, rows: expected - 1, firstBadSeq, reason });
    while (expected <= head.seq) {
      const batch = await manager
        .getRepository(AuditEntry)
        .createQueryBuilder('entry')
        .where('entry.seq >= :from AND entry.seq <= :to', { from: expected, to: head.seq })
        .orderBy('entry.seq', 'ASC')
        .limit(batchSize)
        .getMany();
      if (batch.length === 0) {
        return fail(expected, `${span(expected, head.seq)} missing: the log ends before the head (seq ${head.seq})`);
      }
      for (const row of batch) {
        if (row.seq !== expected) return fail(expected, `${span(expected, row.seq - 1)} missing`);
        if (row.prevHash !== previousHash) {
          return fail(
            row.seq,
            row.seq === 1
              ? 'prev_hash is not the genesis hash'
              : `prev_hash does not match the hash of row ${row.seq - 1}: a row was removed, reordered or rewritten`,
          );
        }
        if (auditEntryHash(row) !== row.hash) return fail(row.seq, 'hash does not match the row: the row was altered');
        previousHash = row.hash;
        expected += 1;
      }
    }
    if (head.hash !== previousHash) {
      return fail(head.seq, head.seq === 0 ? 'the head of an empty log does not hold the genesis hash' : `the head's hash does not match row ${head.seq}`);
    }

    // A row past the head cannot be honest: the head moves in the same
    // transaction as each insert. The bounds are read before the head is read
    // again, so rows appended meanwhile fall within the head re-read.
    const entries = manager.getRepository(AuditEntry);
    const bounds = await entries
      .createQueryBuilder('entry')
      .select('MIN(entry.seq)', 'first')
      .addSelect('MAX(entry.seq)', 'last')
      .getRawOne<{ first: number | string | null; last: number | string | null }>();
    if (bounds?.first !== null && bounds?.first !== undefined && Number(bounds.first) < 1) {
      return fail(Number(bounds.first), 'seq below 1 is never written');
    }
    const currentHead = (await readHead()) ?? head;
    if (bounds?.last !== null && bounds?.last !== undefined && Number(bounds.last) > currentHead.seq) {
      const beyond = await entries
        .createQueryBuilder('entry')
        .select('MIN(entry.seq)', 'seq')
        .where('entry.seq > :seq', { seq: currentHead.seq })
        .getRawOne<{ seq: number | string }>();
      return fail(Number(beyond?.seq), `the row lies past the head (seq ${currentHead.seq})`);
    }
    return { ok: true, rows: head.seq };
  } finally {
    await runner.release();
  }
}
