import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from './caller';

/**
 * Gateway → subgraph trust. The gateway forwards the caller it authenticated
 * in `x-safety-caller` and signs caller, timestamp and the digest of the exact
 * body bytes with HMAC-SHA256; a subgraph serves nothing else.
 */
export const INTERNAL_HEADER_PREFIX = 'x-safety-';
export const CALLER_HEADER = 'x-safety-caller';
export const TIMESTAMP_HEADER = 'x-safety-timestamp';
export const SIGNATURE_HEADER = 'x-safety-signature';
export const MAX_SIGNATURE_AGE_MS = 60_000;

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

function signatureOf(secret: Buffer, caller: string, timestamp: string, body: Buffer | string): string {
  const digest = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret).update(`${caller}\n${timestamp}\n${digest}`).digest('hex');
}

/** The headers that carry and sign the caller for one subgraph request. */
export function signedHeaders(secret: Buffer, caller: Caller, body: Buffer | string, now = Date.now()): Record<string, string> {
  const encoded = encodeCaller(caller);
  const timestamp = String(now);
  return {
    [CALLER_HEADER]: encoded,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signatureOf(secret, encoded, timestamp, body),
  };
}

export class SignatureError extends Error {}

/** Checks a subgraph request's signature and returns the caller it carries; throws SignatureError otherwise. */
export function verifySignedRequest(
  secret: Buffer,
  headers: IncomingHttpHeaders,
  body: Buffer,
  now = Date.now(),
): Caller {
  const caller = headers[CALLER_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof caller !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') {
    throw new SignatureError('unsigned request');
  }
  const sentAt = Number(timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > MAX_SIGNATURE_AGE_MS) {
    throw new SignatureError('stale signature');
  }
  const expected = Buffer.from(signatureOf(secret, caller, timestamp, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SignatureError('bad signature');
  }
  try {
    return decodeCaller(caller);
  } catch {
    throw new SignatureError('malformed caller');
  }
}
