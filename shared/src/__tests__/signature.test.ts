import { randomUUID } from 'node:crypto';
import { createMemoryNonceStore, createRedisNonceStore, NonceStoreError } from '../auth/nonces';
import { ConfigError, loadConfig } from '../config';
import { signedHeaders, SignatureError, verifySignedRequest, verifySubgraphCall } from '../auth/signature';

const secret = Buffer.alloc(48, 7);
const caller = { subject: 'alice', agencyCode: 'POLICE-IR-10', scopes: new Set(['traffic:read', 'reports:read']) };
const body = Buffer.from('{"query":"{ crashes { totalCount } }"}');
const call = { method: 'POST', url: 'http://127.0.0.1:4003/graphql', body };
/** What the subgraph sees of that call. */
const received = (headers: Record<string, string>, overrides: { method?: string; url?: string; body?: Buffer } = {}) => ({
  method: 'POST',
  url: '/graphql',
  body,
  ...overrides,
  headers,
});

describe('gateway signatures', () => {
  it('round-trips the caller for the exact method, path and body, with a fresh nonce per call', () => {
    const headers = signedHeaders(secret, caller, call);
    const verified = verifySignedRequest(secret, received(headers));
    expect(verified.caller.agencyCode).toBe('POLICE-IR-10');
    expect([...verified.caller.scopes]).toEqual(['traffic:read', 'reports:read']);
    expect(verified.nonce).toBe(headers['x-safety-nonce']);
    expect(signedHeaders(secret, caller, call)['x-safety-nonce']).not.toBe(headers['x-safety-nonce']);
  });

  it('refuses another body, path, method, nonce, secret, a forged caller and an old timestamp', () => {
    const headers = signedHeaders(secret, caller, call);
    expect(() => verifySignedRequest(secret, received(headers, { body: Buffer.from('{}') }))).toThrow(SignatureError);
    expect(() => verifySignedRequest(secret, received(headers, { url: '/ready' }))).toThrow('bad signature');
    expect(() => verifySignedRequest(secret, received(headers, { url: '/graphql?x=1' }))).toThrow('bad signature');
    expect(() => verifySignedRequest(secret, received(headers, { method: 'GET' }))).toThrow('bad signature');
    expect(() => verifySignedRequest(secret, received({ ...headers, 'x-safety-nonce': 'A'.repeat(24) }))).toThrow('bad signature');
    expect(() => verifySignedRequest(secret, received({ ...headers, 'x-safety-nonce': 'short' }))).toThrow('malformed nonce');
    expect(() => verifySignedRequest(Buffer.alloc(48, 8), received(headers))).toThrow(SignatureError);
    const forged = signedHeaders(secret, { ...caller, scopes: new Set(['family:read']) }, call);
    expect(() => verifySignedRequest(secret, received({ ...headers, 'x-safety-caller': forged['x-safety-caller'] }))).toThrow(SignatureError);
    const old = signedHeaders(secret, caller, call, { now: Date.now() - 61_000 });
    expect(() => verifySignedRequest(secret, received(old))).toThrow('stale signature');
    const { 'x-safety-nonce': _nonce, ...withoutNonce } = headers;
    expect(() => verifySignedRequest(secret, received(withoutNonce))).toThrow('unsigned request');
    expect(() => verifySignedRequest(secret, received({}))).toThrow('unsigned request');
  });

  it('serves a nonce once: the same signed call a second time is refused', async () => {
    const nonces = createMemoryNonceStore();
    const headers = signedHeaders(secret, caller, call);
    await expect(verifySubgraphCall(secret, nonces, received(headers))).resolves.toMatchObject({ agencyCode: 'POLICE-IR-10' });
    await expect(verifySubgraphCall(secret, nonces, received(headers))).rejects.toThrow('replayed nonce');
    // A badly signed call does not use up the nonce of the genuine one.
    const fresh = signedHeaders(secret, caller, call);
    await expect(verifySubgraphCall(secret, nonces, received(fresh, { url: '/ready' }))).rejects.toThrow('bad signature');
    await expect(verifySubgraphCall(secret, nonces, received(fresh))).resolves.toBeDefined();
  });
});

describe('nonce stores', () => {
  it('in memory: forgets a nonce after its ttl, and refuses (retryably) rather than forget early when full', async () => {
    let now = 1_000_000;
    const nonces = createMemoryNonceStore(2, () => now);
    expect(await nonces.claim('a', 30)).toBe(true);
    now += 29;
    expect(await nonces.claim('a', 30)).toBe(false);
    expect(await nonces.claim('b', 30)).toBe(true);
    await expect(nonces.claim('c', 30)).rejects.toThrow(NonceStoreError);
    now += 2; // 'a' has expired, 'b' has not
    expect(await nonces.claim('c', 30)).toBe(true);
    expect(await nonces.claim('b', 30)).toBe(false);
    now += 30;
    expect(await nonces.claim('a', 30)).toBe(true);
    expect(await nonces.claim('b', 30)).toBe(true);
  });

  it('takes REDIS_URL only as a redis:// or rediss:// URL', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow('REDIS_URL is not a URL');
  });

  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  it("in Redis: two stores on one prefix refuse each other's nonces; another prefix does not see them", async () => {
    const prefix = `sgt_nonce_${randomUUID()}:`;
    const one = createRedisNonceStore(redisUrl, prefix);
    const two = createRedisNonceStore(redisUrl, prefix);
    const other = createRedisNonceStore(redisUrl, `${prefix}other:`);
    try {
      expect(await one.claim('n1', 500)).toBe(true);
      expect(await two.claim('n1', 500)).toBe(false);
      expect(await other.claim('n1', 500)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await two.claim('n1', 500)).toBe(true);
    } finally {
      await Promise.all([one.close(), two.close(), other.close()]);
    }
  });

  it('in Redis: an unreachable server is a NonceStoreError, not a pass', async () => {
    const down = createRedisNonceStore('redis://127.0.0.1:1', 'sgt_down:');
    try {
      await expect(down.claim('n1', 500)).rejects.toThrow(NonceStoreError);
    } finally {
      await down.close();
    }
  });
});
