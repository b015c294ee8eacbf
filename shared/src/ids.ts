import { hash, randomFillSync } from 'node:crypto';
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

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
  if (randomAt + 10 > RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    randomAt = 0;
  }
  let now = Date.now();
  if (now > lastMilliseconds) {
    lastMilliseconds = now;
    // A fresh millisecond starts its counter at a random 11 bits, leaving room to count up within it.
    counter = ((RANDOM_POOL[randomAt++] << 3) | (RANDOM_POOL[randomAt++] & 0x07)) & 0x7ff;
  } else {
    counter += 1;
    // More ids in one millisecond than the counter holds (or the clock went back): borrow the next millisecond.
    if (counter > 0xfff) {
      lastMilliseconds += 1;
      counter = 0;
    }
    now = lastMilliseconds;
  }
  const bytes = V7_BYTES;
  // 48 bits of Unix milliseconds, version 7 and the 12-bit counter, the RFC 9562 variant and 62 random bits.
  const high = Math.floor(now / 0x1_0000_0000);
  const low = now >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = low >>> 24;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (RANDOM_POOL[randomAt++] & 0x3f);
  for (let index = 9; index < 16; index += 1) bytes[index] = RANDOM_POOL[randomAt++];
  let at = 0;
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) ID_BUFFER[at++] = 0x2d;
    ID_BUFFER[at++] = HEX_DIGITS[bytes[index] >> 4];
    ID_BUFFER[at++] = HEX_DIGITS[bytes[index] & 0x0f];
  }
  return ID_BUFFER.toString('latin1');
}

/**
 * Randomness for timeOrderedId, drawn 16 kB at a time (an import names
 * hundreds of thousands of crashes and persons; one call to the system's
 * generator per id was a twentieth of its CPU).
 */
const RANDOM_POOL = Buffer.alloc(16 * 1024);
let randomAt = RANDOM_POOL.length;
let lastMilliseconds = -1;
let counter = 0;
const V7_BYTES = new Uint8Array(16);
