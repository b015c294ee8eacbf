import { parse as parseUuid, v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Namespace of every stable id safety-graph derives; never change it, ids would move. */
const NAMESPACE = '5b1f3d8e-6c1a-4f0e-9a57-2f4c6b8d0e13';
/** Parsed once: a seed derives millions of ids, and the string form is parsed on every call. */
const NAMESPACE_BYTES = parseUuid(NAMESPACE);

/**
 * A stable id for a record identified by a natural key (`region`, `IR-10`).
 * Seeds in different subgraphs derive the same id for the same region or
 * agency without asking each other.
 */
export function stableId(kind: string, naturalKey: string): string {
  return uuidv5(Buffer.from(`${kind}:${naturalKey}`, 'utf8'), NAMESPACE_BYTES);
}

/**
 * A new id for rows written in bulk (a crash's persons): a UUIDv7, whose
 * leading timestamp keeps ids in insertion order, so that the primary key
 * grows at its end instead of touching a random page per row.
 */
export function timeOrderedId(): string {
  return uuidv7();
}
