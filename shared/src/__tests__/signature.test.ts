import { signedHeaders, SignatureError, verifySignedRequest } from '../auth/signature';

const secret = Buffer.alloc(48, 7);
const caller = { subject: 'alice', agencyCode: 'POLICE-IR-10', scopes: new Set(['traffic:read', 'reports:read']) };
const body = Buffer.from('{"query":"{ crashes { totalCount } }"}');

describe('gateway signatures', () => {
  it('round-trips the caller for the exact body', () => {
    const verified = verifySignedRequest(secret, signedHeaders(secret, caller, body), body);
    expect(verified.agencyCode).toBe('POLICE-IR-10');
    expect([...verified.scopes]).toEqual(['traffic:read', 'reports:read']);
  });

  it('refuses another body, another secret, a forged caller and an old timestamp', () => {
    const headers = signedHeaders(secret, caller, body);
    expect(() => verifySignedRequest(secret, headers, Buffer.from('{}'))).toThrow(SignatureError);
    expect(() => verifySignedRequest(Buffer.alloc(48, 8), headers, body)).toThrow(SignatureError);
    const forged = signedHeaders(secret, { ...caller, scopes: new Set(['family:read']) }, body);
    expect(() => verifySignedRequest(secret, { ...headers, 'x-safety-caller': forged['x-safety-caller'] }, body)).toThrow(SignatureError);
    const old = signedHeaders(secret, caller, body, Date.now() - 61_000);
    expect(() => verifySignedRequest(secret, old, body)).toThrow('stale signature');
    expect(() => verifySignedRequest(secret, {}, body)).toThrow('unsigned request');
  });
});
