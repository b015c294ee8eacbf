import { loadConfig, loadTokenVerification, type Caller } from '@safety-graph/shared';
import { createAuthenticator, type Authenticator } from '../auth';
import { mintDevelopmentToken } from '../tokens';
import { cacheVerifiedTokens } from '../tokenCache';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

/** The real verifier, counting the tokens it had to check. */
async function countingVerifier(): Promise<Authenticator & { checks: number }> {
  const inner = await createAuthenticator(config, loadTokenVerification(config), async () => true);
  const counted = {
    checks: 0,
    authenticate: async (authorization: string | undefined): Promise<Caller> => {
      counted.checks += 1;
      return inner.authenticate(authorization);
    },
  };
  return counted;
}

const bearer = async (agencyCode: string, ttl = '1h') => `Bearer ${await mintDevelopmentToken(config, { agencyCode, agencyKind: 'POLICE', ttl })}`;

describe('verified tokens cached until they expire', () => {
  it('checks a token once, then answers the same caller from memory', async () => {
    const verifier = await countingVerifier();
    const cached = cacheVerifiedTokens(verifier);
    const token = await bearer('POLICE-IR-10');
    const first = await cached.authenticate(token);
    const second = await cached.authenticate(token);
    expect(second).toEqual(first);
    expect(first.agencyCode).toBe('POLICE-IR-10');
    expect(verifier.checks).toBe(1);
  });

  it('never trusts a token past its exp, nor past the bound on age', async () => {
    let now = Date.now();
    const verifier = await countingVerifier();
    const cached = cacheVerifiedTokens(verifier, { now: () => now, maxAgeMs: 60_000 });
    const short = await bearer('POLICE-IR-10', '30s');
    await cached.authenticate(short);
    await cached.authenticate(short);
    expect(verifier.checks).toBe(1);
    now += 31_000; // past exp on the cache's clock: no longer answered from memory
    await cached.authenticate(short).catch(() => undefined);
    expect(verifier.checks).toBe(2);
    const long = await bearer('POLICE-IR-10', '1h');
    await cached.authenticate(long);
    await cached.authenticate(long);
    expect(verifier.checks).toBe(3);
    now += 61_000; // past the age bound: checked again
    await cached.authenticate(long);
    expect(verifier.checks).toBe(4);
  });

  it('keeps no refusal: a bad token is checked, and refused, every time', async () => {
    const verifier = await countingVerifier();
    const cached = cacheVerifiedTokens(verifier);
    const forged = `${await bearer('POLICE-IR-10')}x`;
    for (let i = 0; i < 3; i += 1) await expect(cached.authenticate(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(cached.authenticate(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(verifier.checks).toBe(4);
  });

  it('holds at most maxEntries tokens, dropping the least recently used', async () => {
    const verifier = await countingVerifier();
    const cached = cacheVerifiedTokens(verifier, { maxEntries: 2 });
    const [a, b, c] = await Promise.all(['POLICE-IR-10', 'ROADS-IR-10', 'WELFARE-IR-10'].map((code) => bearer(code)));
    await cached.authenticate(a);
    await cached.authenticate(b);
    await cached.authenticate(a); // a is now the most recent
    await cached.authenticate(c); // drops b
    expect(verifier.checks).toBe(3);
    await cached.authenticate(a);
    expect(verifier.checks).toBe(3);
    await cached.authenticate(b);
    expect(verifier.checks).toBe(4);
  });
});
