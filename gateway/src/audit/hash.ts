import { createHash, createHmac } from 'node:crypto';
import type { AuditEntry } from './entities';

/** The `prev_hash` of the first row. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Deeper values are refused, not walked: the gateway refuses variables nested
 * deeper than its limit before they get here, and this bound keeps the
 * recursion far from the stack's end whatever a caller passes.
 */
export const CANONICAL_JSON_MAX_DEPTH = 256;

/**
 * JSON with object keys sorted (recursively, by UTF-16 code units, as RFC 8785
 * does), so that the same variables hash the same whatever order the client
 * sent them in. Values JSON cannot hold are dropped or nulled as JSON.stringify does.
 * Throws a TypeError (never a stack overflow) for a circular or too deep value.
 */
export function canonicalJson(value: unknown): string {
  const open = new Set<object>();
  const encode = (item: unknown): string | undefined => {
    if (open.size >= CANONICAL_JSON_MAX_DEPTH) throw new TypeError(`canonicalJson: the value is nested deeper than ${CANONICAL_JSON_MAX_DEPTH} levels`);
    if (item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function') {
      item = (item as { toJSON(): unknown }).toJSON();
    }
    switch (typeof item) {
      case 'string':
        return JSON.stringify(item);
      case 'number':
        return Number.isFinite(item) ? JSON.stringify(item) : 'null';
      case 'boolean':
        return item ? 'true' : 'false';
      case 'bigint':
        return item.toString();
      case 'object': {
        if (item === null) return 'null';
        if (open.has(item)) throw new TypeError('canonicalJson: the value is circular');
        open.add(item);
        try {
          if (Array.isArray(item)) return `[${item.map((element) => encode(element) ?? 'null').join(',')}]`;
          const record = item as Record<string, unknown>;
          const members: string[] = [];
          for (const key of Object.keys(record).sort()) {
            const encoded = encode(record[key]);
            if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
          }
          return `{${members.join(',')}}`;
        } finally {
          open.delete(item);
        }
      }
      default:
        return undefined;
    }
  };
  return encode(value) ?? 'null';
}

/** A fingerprint of the variables, so the log can tell two calls apart without holding what was asked. */
export function hashVariables(variables: unknown): string | null {
  if (variables === undefined || variables === null) return null;
  return sha256Hex(canonicalJson(variables));
}

export type AuditEntryContent = Omit<AuditEntry, 'hash'>;

/**
 * The row's hash: HMAC-SHA256 under the audit key (AUDIT_KEY) of every column
 * but `hash` itself, in a fixed order. Without the key nobody can compute a
 * hash the verifier accepts, so a row cannot be altered, inserted or the
 * chain recomputed by someone who can only write the database. Changing this
 * order or the set of columns invalidates every stored chain.
 */
export function auditEntryHash(key: Uint8Array, entry: AuditEntryContent): string {
  const content = canonicalJson([
    'audit-entry-v2',
    entry.seq,
    entry.kind,
    entry.at,
    entry.requestId,
    entry.agencyCode,
    entry.subject,
    entry.operationName,
    entry.operationType,
    entry.documentHash,
    entry.variablesHash,
    entry.subgraphs,
    entry.outcome,
    entry.httpStatus,
    entry.durationMs,
    entry.detail,
    entry.prevHash,
  ]);
  return createHmac('sha256', key).update(content, 'utf8').digest('hex');
}

/** One signed checkpoint: the log held `seq` rows ending in `head` at `at`. */
export interface AuditCheckpoint {
  seq: number;
  head: string;
  at: string;
  mac: string;
}

export function checkpointMac(key: Uint8Array, checkpoint: Omit<AuditCheckpoint, 'mac'>): string {
  return createHmac('sha256', key)
    .update(canonicalJson(['audit-checkpoint-v1', checkpoint.seq, checkpoint.head, checkpoint.at]), 'utf8')
    .digest('hex');
}
