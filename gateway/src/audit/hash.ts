import { createHash } from 'node:crypto';
import type { AuditEntry } from './entities';

/** The `prev_hash` of the first row. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted (recursively, by UTF-16 code units, as RFC 8785
 * does), so that the same variables hash the same whatever order the client
 * sent them in. Values JSON cannot hold are dropped or nulled as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  const open = new Set<object>();
  const encode = (item: unknown): string | undefined => {
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
 * The row's hash: every column but `hash` itself, in a fixed order. Changing
 * this order or the set of columns invalidates every stored chain.
 */
export function auditEntryHash(entry: AuditEntryContent): string {
  return sha256Hex(
    canonicalJson([
      entry.seq,
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
      entry.prevHash,
    ]),
  );
}
