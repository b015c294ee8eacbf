import type { EntityManager } from 'typeorm';
import type { Store } from '@safety-graph/shared';
import { readCheckpoints } from './checkpoints';
import { AUDIT_HEAD_ID, AuditEntry, AuditHead } from './entities';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './hash';

/** What was done to the log, as far as the verifier can tell. */
export type AuditTampering = 'altered' | 'inserted' | 'deleted' | 'reordered' | 're-chained' | 'truncated' | 'checkpoint';

export type AuditVerification =
  | { ok: true; rows: number; checkpoints: number }
  /**
   * `rows` counts the rows found sound before the first bad one; `firstBadSeq`
   * is 0 when the head row itself is missing (or for a bad checkpoint line).
   */
  | { ok: false; rows: number; firstBadSeq: number; tampering: AuditTampering; reason: string };

export interface VerifyOptions {
  /** Rows read per query; the log is never held in memory whole. */
  batchSize?: number;
  /** The signed checkpoints to hold the log to; null checks none. */
  checkpointFile?: string | null;
}

const span = (from: number, to: number): string => (from === to ? `row ${from} is` : `rows ${from}..${to} are`);
/** How far a moved row is looked for, either way, to tell a reordered or renumbered row from a forged one. */
const SHIFT_WINDOW = 1000;

/**
 * Walks the log in seq order and stops at the first row that breaks the
 * chain, saying what was done: a row whose HMAC fails while the next one
 * still follows it (altered); a row the chain goes around (inserted); a gap
 * in seq, or a row written under another seq with nothing in between
 * (deleted); a row written under another seq whose predecessor is in place
 * (reordered); a row whose HMAC fails followed by rows that fail too but are
 * linked to it (re-chained: recomputed without the key); fewer rows than the
 * head or a signed checkpoint counted (truncated). Only rows up to the head as
 * first read are walked, so writers may go on appending meanwhile. Every read
 * goes to the primary: replicas that lag by different amounts would make an
 * honest log look cut short.
 */
export async function verifyAuditChain(store: Store, key: Uint8Array, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const reading = options.checkpointFile ? readCheckpoints(options.checkpointFile, key) : { ok: true as const, checkpoints: [] };
  if (!reading.ok) {
    return { ok: false, rows: 0, firstBadSeq: 0, tampering: 'checkpoint', reason: `checkpoint line ${reading.line} ${reading.reason}` };
  }
  const checkpoints = reading.checkpoints;
  const runner = store.dataSource.createQueryRunner('master');
  try {
    const manager = runner.manager;
    const readHead = () => manager.getRepository(AuditHead).findOne({ where: { id: AUDIT_HEAD_ID } });
    const head = await readHead();
    if (!head) return { ok: false, rows: 0, firstBadSeq: 0, tampering: 'deleted', reason: 'the audit head row is missing' };

    let expected = 1;
    let previousHash = AUDIT_GENESIS_HASH;
    const fail = (firstBadSeq: number, tampering: AuditTampering, reason: string): AuditVerification => ({
      ok: false,
      rows: expected - 1,
      firstBadSeq,
      tampering,
      reason,
    });
    // The hash each checkpoint names must be the hash of the row at its seq.
    const anchors = new Map<number, { head: string; at: string }[]>();
    for (const checkpoint of checkpoints) anchors.set(checkpoint.seq, [...(anchors.get(checkpoint.seq) ?? []), checkpoint]);
    const latest = checkpoints.reduce<{ seq: number; at: string } | null>((best, checkpoint) => (best && best.seq >= checkpoint.seq ? best : checkpoint), null);
    if (latest && latest.seq > head.seq) {
      // Checked before the walk: a shortened log with a re-pointed head is otherwise a valid chain.
      const rowsStored = await countRows(manager);
      return fail(
        head.seq + 1,
        'truncated',
        `the log ends at row ${head.seq} (${rowsStored} rows stored) but the checkpoint of ${latest.at} counted ${latest.seq} rows: ${span(head.seq + 1, latest.seq)} gone`,
      );
    }
    const genesisAnchor = anchors.get(0)?.find((anchor) => anchor.head !== AUDIT_GENESIS_HASH);
    if (genesisAnchor) return fail(0, 'checkpoint', `the checkpoint of ${genesisAnchor.at} for an empty log names a hash other than the genesis hash`);

    while (expected <= head.seq) {
      const batch = await manager
        .getRepository(AuditEntry)
        .createQueryBuilder('entry')
        .where('entry.seq >= :from AND entry.seq <= :to', { from: expected, to: head.seq })
        .orderBy('entry.seq', 'ASC')
        .limit(batchSize)
        .getMany();
      if (batch.length === 0) {
        return fail(expected, 'truncated', `${span(expected, head.seq)} missing: the log ends before the head (seq ${head.seq})`);
      }
      for (const row of batch) {
        if (row.seq !== expected) return fail(expected, 'deleted', `${span(expected, row.seq - 1)} missing`);
        const sound = auditEntryHash(key, row) === row.hash;
        if (!sound || row.prevHash !== previousHash) {
          const [tampering, reason] = await diagnose(manager, key, row, previousHash, sound);
          return fail(row.seq, tampering, reason);
        }
        const anchor = anchors.get(row.seq)?.find((candidate) => candidate.head !== row.hash);
        if (anchor) return fail(row.seq, 're-chained', `row ${row.seq} is not the row the checkpoint of ${anchor.at} signed`);
        previousHash = row.hash;
        expected += 1;
      }
    }
    if (head.hash !== previousHash) {
      return fail(
        head.seq,
        head.seq === 0 ? 'altered' : 'truncated',
        head.seq === 0 ? 'the head of an empty log does not hold the genesis hash' : `the head's hash does not match row ${head.seq}`,
      );
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
      return fail(Number(bounds.first), 'inserted', 'seq below 1 is never written');
    }
    const currentHead = (await readHead()) ?? head;
    if (bounds?.last !== null && bounds?.last !== undefined && Number(bounds.last) > currentHead.seq) {
      const beyond = await entries
        .createQueryBuilder('entry')
        .select('MIN(entry.seq)', 'seq')
        .where('entry.seq > :seq', { seq: currentHead.seq })
        .getRawOne<{ seq: number | string }>();
      return fail(Number(beyond?.seq), 'inserted', `the row lies past the head (seq ${currentHead.seq})`);
    }
    return { ok: true, rows: head.seq, checkpoints: checkpoints.length };
  } finally {
    await runner.release();
  }
}

async function countRows(manager: EntityManager): Promise<number> {
  return manager.getRepository(AuditEntry).count();
}

const rowAt = (manager: EntityManager, seq: number) => manager.getRepository(AuditEntry).findOne({ where: { seq } });

/** The seq the gateway wrote this row under, when it is not where it lies now (looked for nearest first). */
function writtenAs(key: Uint8Array, row: AuditEntry): number | null {
  for (let shift = 1; shift <= SHIFT_WINDOW; shift += 1) {
    for (const seq of [row.seq + shift, row.seq - shift]) {
      if (seq >= 1 && auditEntryHash(key, { ...row, seq }) === row.hash) return seq;
    }
  }
  return null;
}

/** What was done at `row`, the first row that does not follow the verified chain. */
async function diagnose(manager: EntityManager, key: Uint8Array, row: AuditEntry, previousHash: string, sound: boolean): Promise<[AuditTampering, string]> {
  const seq = row.seq;
  if (sound) {
    return ['reordered', `prev_hash does not match the hash of row ${seq - 1}: rows were removed, reordered or rewritten before row ${seq}`];
  }
  const original = writtenAs(key, row);
  if (original !== null && original > seq) {
    const before = await rowAt(manager, original - 1);
    if (before && before.hash === row.prevHash) return ['reordered', `row ${seq} holds the row written as ${original}: rows were reordered`];
    const gone = original - 1 === seq ? `row ${seq}` : `rows ${seq}..${original - 1}`;
    return ['deleted', `row ${seq} was written as row ${original}: ${gone} deleted and the later rows renumbered`];
  }
  if (original !== null) return ['inserted', `row ${seq} was written as row ${original}: rows were inserted before it and the later rows renumbered`];
  const next = await rowAt(manager, seq + 1);
  if (next) {
    if (next.prevHash === previousHash && auditEntryHash(key, { ...next, seq }) === next.hash) {
      return ['inserted', `row ${seq} was not written by the gateway: the chain goes from row ${seq - 1} on to the next row, renumbered`];
    }
    if (next.prevHash === row.hash && auditEntryHash(key, next) === next.hash) {
      return ['altered', `hash does not match row ${seq}: the row was altered`];
    }
    if (next.prevHash === row.hash && row.prevHash === previousHash) {
      return ['re-chained', `rows from ${seq} on are linked to each other but their hashes were recomputed without the audit key`];
    }
  }
  if (row.prevHash !== previousHash) return ['altered', `prev_hash of row ${seq} does not match the hash of row ${seq - 1}: the row was rewritten`];
  return ['altered', `hash does not match row ${seq}: the row was altered (or forged in its place)`];
}
