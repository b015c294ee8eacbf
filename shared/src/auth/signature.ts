import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from './caller';
import type { NonceStore } from './nonces';

/**
 * Gateway → subgraph trust. The gateway forwards the caller it authenticated
 * in `x-safety-caller` and signs, with HMAC-SHA256, the method, the path, the
 * digest of the exact body bytes, the caller, a timestamp and a random nonce;
 * a subgraph serves nothing else, and serves each nonce once.
 */
export const INTERNAL_HEADER_PREFIX = 'x-safety-';
export const CALLER_HEADER = 'x-safety-caller';
export const TIMESTAMP_HEADER = 'x-safety-timestamp';
export const NONCE_HEADER = 'x-safety-nonce';
export const SIGNATURE_HEADER = 'x-safety-signature';
/** How far a signature's timestamp may be from the subgraph's clock, either way. */
export const MAX_SIGNATURE_AGE_MS = 60_000;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

interface WireCaller {
  sub: string;
  agency: string;
  scope: string;
}

export function encodeCaller(caller: Caller): string {
  const wire: WireCaller = { sub: caller.subject, agency: caller.agencyCode, scope: [...caller.scopes].join(' ') };
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

export function decodeCaller(value: string): Caller {
  const wire = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as WireCaller;
  if (typeof wire.sub !== 'string' || typeof wire.agency !== 'string' || typeof wire.scope !== 'string') {
    throw new Error('malformed caller');
  }
  return { subject: wire.sub, agencyCode: wire.agency, scopes: new Set(wire.scope.split(' ').filter(Boolean)) };
}

/** One subgraph call as signed: `url` may be absolute (the signer's view) or a path with its query string (the server's). */
export interface SignedCall {
  method: string;
  url: string;
  body?: Buffer | string;
}

/** The path and query string a subgraph sees in `request.url`. */
function pathOf(url: string): string {
  const parsed = new URL(url, 'http://subgraph');
  return `${parsed.pathname}${parsed.search}`;
}

function signatureOf(secret: Buffer, call: SignedCall, caller: string, timestamp: string, nonce: string): string {
  const digest = createHash('sha256')
    .update(call.body ?? '')
    .digest('hex');
  const signed = ['v2', call.method.toUpperCase(), pathOf(call.url), caller, timestamp, nonce, digest].join('\n');
  return createHmac('sha256', secret).update(signed).digest('hex');
}

/**
 * The headers that carry and sign the caller for one subgraph call. Everything
 * that calls a subgraph (the gateway's fetcher, its agency directory and
 * `/ready` checks, tests, benchmarks) signs through this function.
 */
export function signedHeaders(secret: Buffer, caller: Caller, call: SignedCall, options: { now?: number; nonce?: string } = {}): Record<string, string> {
  const encoded = encodeCaller(caller);
  const timestamp = String(options.now ?? Date.now());
  const nonce = options.nonce ?? randomBytes(18).toString('base64url');
  return {
    [CALLER_HEADER]: encoded,
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signatureOf(secret, call, encoded, timestamp, nonce),
  };
}

export class SignatureError extends Error {}

export interface VerifiedCall {
  caller: Caller;
  nonce: string;
}

/**
 * Checks a subgraph call's signature (method, path, body, caller, timestamp,
 * nonce) and returns the caller and nonce it carries; throws SignatureError
 * otherwise. It does not check that the nonce is new: `verifySubgraphCall` does.
 */
export function verifySignedRequest(secret: Buffer, call: SignedCall & { headers: IncomingHttpHeaders }, now = Date.now()): VerifiedCall {
  const { headers } = call;
  const caller = headers[CALLER_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  const nonce = headers[NONCE_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof caller !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string' || typeof nonce !== 'string') {
    throw new SignatureError('unsigned request');
  }
  if (!NONCE_PATTERN.test(nonce)) throw new SignatureError('malformed nonce');
  const sentAt = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - sentAt) > MAX_SIGNATURE_AGE_MS) {
    throw new SignatureError('stale signature');
  }
  const expected = Buffer.from(signatureOf(secret, call, caller, timestamp, nonce), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SignatureError('bad signature');
  }
  try {
    return { caller: decodeCaller(caller), nonce };
  } catch {
    throw new SignatureError('malformed caller');
  }
}

/**
 * A subgraph's whole check of one call: the signature, then the nonce, which
 * must not have been seen while the signature could still be accepted (a
 * replayed call is refused even within the window). Throws SignatureError for
 * a refused call; a failing nonce store throws its own error (the caller
 * answers it as a retryable outage).
 */
export async function verifySubgraphCall(
  secret: Buffer,
  nonces: NonceStore,
  call: SignedCall & { headers: IncomingHttpHeaders },
  now = Date.now(),
): Promise<Caller> {
  const verified = verifySignedRequest(secret, call, now);
  // A timestamp is accepted up to MAX_SIGNATURE_AGE_MS either side of now: remember the nonce that long.
  if (!(await nonces.claim(verified.nonce, 2 * MAX_SIGNATURE_AGE_MS))) {
    throw new SignatureError('replayed nonce');
  }
  return verified.caller;
}
