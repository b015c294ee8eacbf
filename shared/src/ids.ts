import { hash } from 'node:crypto';
import { parse as parseUuid, v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Namespace of every stable id safety-graph derives; never change it, ids would move. */
const NAMESPACE = '5b1f3d8e-6c1a-4f0e-9a57-2f4c6b8d0e13';
/** Parsed once: a seed derives millions of ids, and the string form is parsed on every call. */
const NAMESPACE_BYTES = parseUuid(NAMESPACE);

/** The namespace followed by the name being hashed, reused call after call (JavaScript is single-threaded). */
const NAME_BUFFER = Buffer.alloc(1024);
NAME_BUFFER.set(NAMESPACE_BYTES, 0);
/** The id's 36 characters, written here and read as one flat string. */
const ID_BUFFER = Buffer.alloc(36);
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * A stable id for a record identified by a natural key (`region`, `IR-10`).
 * Seeds in different subgraphs derive the same id for the same region or
 * agency without asking each other.
 *
 * The UUIDv5 of `kind:naturalKey` in the namespace, exactly what `uuid`'s `v5`
 * gives (a test holds them equal): SHA-1 of namespace and name, version and
 * variant bits set. Written out because a national seed derives millions of
 * ids and the library's per-call buffers and hashing object were a tenth of
 * its CPU; the id is read from a buffer as one flat string (pieces of the
 * digest joined would keep the whole digest per id, gigabytes at national
 * volume). Names too long for the buffer go through the library.
 */
export function stableId(kind: string, naturalKey: string): string {
  const name = `${kind}:${naturalKey}`;
  // Up to 3 bytes of UTF-8 per UTF-16 unit: a name that might not fit is left to the library.
  if (NAMESPACE_BYTES.length + name.length * 3 > NAME_BUFFER.length) return uuidv5(Buffer.from(name, 'utf8'), NAMESPACE_BYTES);
  const length = NAME_BUFFER.write(name, NAMESPACE_BYTES.length, 'utf8');
  const digest = hash('sha1', NAME_BUFFER.subarray(0, NAMESPACE_BYTES.length + length), 'buffer');
  let at = 0;
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) ID_BUFFER[at++] = 0x2d;
    // Version 5 in the high nibble of byte 6, the RFC 4122 variant in the top bits of byte 8.
    const byte = index === 6 ? (digest[index] & 0x0f) | 0x50 : index === 8 ? (digest[index] & 0x3f) | 0x80 : digest[index];
    ID_BUFFER[at++] = HEX_DIGITS[byte >> 4];
    ID_BUFFER[at++] = HEX_DIGITS[byte & 0x0f];
  }
  return ID_BUFFER.toString('latin1');
}

/**
 * A new id for rows written in bulk (a crash's persons): a UUIDv7, whose
 * leading timestamp keeps ids in insertion order, so that the primary key
 * grows at its end instead of touching a random page per row.
 */
export function timeOrderedId(): string {
  return uuidv7();
}
