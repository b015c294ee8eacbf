import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { ConfigError, DEVELOPMENT_ISSUER, loadConfig, loadSecrets, loadTokenVerification, type Config } from '@safety-graph/shared';

/** What the gateway loads at start. */
const gatewaySecrets = (config: Config) => ({ ...loadSecrets(config), tokens: loadTokenVerification(config) });
import { createAuthenticator } from '../auth';
import { mintDevelopmentToken, TokenRequestError } from '../tokens';

const known = async (code: string) => code === 'POLICE-IR-10';
const ISSUER = 'https://idp.example/realms/safety';
const production = (extra: Record<string, string>) =>
  loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: '/nonexistent-never-written',
    SUBGRAPH_SECRET: 's'.repeat(40),
    PSEUDONYM_KEY: 'p'.repeat(40),
    AUTH_ISSUER: ISSUER,
    ...extra,
  });

describe('production token verification', () => {
  it('refuses to start without a token key, a subgraph secret or a pseudonym key', () => {
    expect(() => gatewaySecrets(production({}))).toThrow(ConfigError);
    expect(() => gatewaySecrets(production({ AUTH_SECRET: 'x'.repeat(40) }))).toThrow(/AUTH_JWKS_URL, AUTH_JWKS_FILE or AUTH_PUBLIC_KEY/);
    expect(() => gatewaySecrets(loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks' }))).toThrow(/SUBGRAPH_SECRET is required/);
    expect(() => gatewaySecrets(production({ AUTH_JWKS_URL: 'https://idp.example/jwks', SUBGRAPH_SECRET: 'short' }))).toThrow(/at least 32 bytes/);
    expect(() => loadSecrets(loadConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET: 's'.repeat(40) }))).toThrow(/PSEUDONYM_KEY is required/);
  });

  it('lets a subgraph start in production with its two secrets and no token key (tokens are the gateway’s)', () => {
    expect(loadSecrets(production({})).subgraphSecret.length).toBe(40);
  });

  it.each(['ES256', 'RS256'])('accepts %s tokens signed by the configured public key, and nothing else', async (algorithm) => {
    const { publicKey, privateKey } = await generateKeyPair(algorithm);
    const config = production({ AUTH_PUBLIC_KEY: await exportSPKI(publicKey) });
    const authenticator = await createAuthenticator(config, loadTokenVerification(config), known);
    const sign = (claims: Record<string, unknown>, audience = 'safety-graph') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: algorithm })
        .setSubject('u1')
        .setAudience(audience)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);

    const caller = await authenticator.authenticate(`Bearer ${await sign({ agency: 'POLICE-IR-10', scope: 'traffic:read reports:read' })}`);
    expect(caller).toEqual({ subject: 'u1', agencyCode: 'POLICE-IR-10', scopes: new Set(['traffic:read', 'reports:read']) });

    const refused = async (authorization: string | undefined) => {
      await expect(authenticator.authenticate(authorization)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    };
    await refused(`Bearer ${await sign({ agency: 'POLICE-IR-10', scope: 'x' }, 'another-api')}`);
    await refused(`Bearer ${await sign({ agency: 'UNKNOWN', scope: 'x' })}`);
    // The HS256 algorithm confusion: a token "signed" with the public key as an HMAC secret.
    const hmac = await new SignJWT({ agency: 'POLICE-IR-10', scope: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setAudience('safety-graph')
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(config.env.AUTH_PUBLIC_KEY));
    await refused(`Bearer ${hmac}`);
    await refused(undefined);
    await refused('Basic dXNlcjpwYXNz');
  });
});

describe('token issuer and lifetime', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses to start in production without AUTH_ISSUER, and reads AUTH_MAX_TTL as a duration', () => {
    const withoutIssuer = loadConfig({
      NODE_ENV: 'production',
      SUBGRAPH_SECRET: 's'.repeat(40),
      PSEUDONYM_KEY: 'p'.repeat(40),
      AUTH_JWKS_URL: 'https://idp.example/jwks',
    });
    expect(() => loadTokenVerification(withoutIssuer)).toThrow(/AUTH_ISSUER is required in production/);
    expect(loadTokenVerification(production({ AUTH_JWKS_URL: 'https://idp.example/jwks' }))).toMatchObject({ issuer: ISSUER, maxTtlSeconds: 86400 });
    expect(production({ AUTH_MAX_TTL: '2h' }).authMaxTtlSeconds).toBe(7200);
    expect(production({ AUTH_MAX_TTL: '900' }).authMaxTtlSeconds).toBe(900);
    for (const bad of ['forever', '0', '1y', '-1h', '400d']) expect(() => production({ AUTH_MAX_TTL: bad })).toThrow(/AUTH_MAX_TTL must be a duration/);
  });

  it.each(['ES256'])('accepts only the configured issuer and lifetimes within AUTH_MAX_TTL (%s)', async (algorithm) => {
    const { publicKey, privateKey } = await generateKeyPair(algorithm);
    const config = production({ AUTH_PUBLIC_KEY: await exportSPKI(publicKey), AUTH_MAX_TTL: '1h' });
    const authenticator = await createAuthenticator(config, loadTokenVerification(config), known);
    const sign = async (options: { issuer?: string | null; issuedAt?: number | null; expires: number }) => {
      const token = new SignJWT({ agency: 'POLICE-IR-10', scope: 'traffic:read' })
        .setProtectedHeader({ alg: algorithm })
        .setSubject('u1')
        .setAudience('safety-graph');
      if (options.issuer !== null) token.setIssuer(options.issuer ?? ISSUER);
      if (options.issuedAt !== null) token.setIssuedAt(options.issuedAt ?? now());
      return `Bearer ${await token.setExpirationTime(options.expires).sign(privateKey)}`;
    };
    const refusal = (authorization: string) =>
      authenticator.authenticate(authorization).then(
        () => 'accepted',
        (error) => `${error.status} ${error.code}: ${error.message}`,
      );

    await expect(authenticator.authenticate(await sign({ expires: now() + 3600 }))).resolves.toMatchObject({ agencyCode: 'POLICE-IR-10' });
    expect(await refusal(await sign({ issuer: 'https://evil.example/realms/safety', expires: now() + 600 }))).toMatch(/^401 UNAUTHENTICATED: .*iss/);
    expect(await refusal(await sign({ issuer: null, expires: now() + 600 }))).toMatch(/^401 UNAUTHENTICATED: .*iss/);
    expect(await refusal(await sign({ issuedAt: null, expires: now() + 600 }))).toMatch(/^401 UNAUTHENTICATED: .*iat/);
    // The issue's 50-year token, and one just over the hour.
    expect(await refusal(await sign({ expires: now() + 50 * 365 * 86400 }))).toMatch(/^401 UNAUTHENTICATED: .*lifetime.*3600/);
    expect(await refusal(await sign({ expires: now() + 3601 }))).toMatch(/^401 UNAUTHENTICATED: .*lifetime/);
    // Backdating iat does not stretch a lifetime: exp − iat counts, not exp − now.
    expect(await refusal(await sign({ issuedAt: now() - 86400, expires: now() + 600 }))).toMatch(/lifetime/);
  });

  it('makes development tokens with the development issuer and a lifetime within AUTH_MAX_TTL', async () => {
    const config = loadConfig({ NODE_ENV: 'test', AUTH_SECRET: 'x'.repeat(40), AUTH_MAX_TTL: '24h' });
    const tokens = loadTokenVerification(config);
    expect(tokens.issuer).toBe(DEVELOPMENT_ISSUER);
    const authenticator = await createAuthenticator(config, tokens, known);
    const token = await mintDevelopmentToken(config, { agencyCode: 'POLICE-IR-10', agencyKind: 'POLICE' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: DEVELOPMENT_ISSUER, agency: 'POLICE-IR-10' });
    expect(claims.exp - claims.iat).toBe(8 * 3600);
    await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ agencyCode: 'POLICE-IR-10' });
    await expect(mintDevelopmentToken(config, { agencyCode: 'POLICE-IR-10', agencyKind: 'POLICE', ttl: '24h' })).resolves.toEqual(expect.any(String));
    await expect(mintDevelopmentToken(config, { agencyCode: 'POLICE-IR-10', agencyKind: 'POLICE', ttl: '25h' })).rejects.toThrow(TokenRequestError);
    await expect(mintDevelopmentToken(config, { agencyCode: 'POLICE-IR-10', agencyKind: 'POLICE', ttl: '0m' })).rejects.toThrow(TokenRequestError);
  });
});
