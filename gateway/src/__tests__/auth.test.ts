import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { ConfigError, loadConfig, loadSecrets, loadTokenVerification, type Config } from '@safety-graph/shared';

/** What the gateway loads at start. */
const gatewaySecrets = (config: Config) => ({ ...loadSecrets(config), tokens: loadTokenVerification(config) });
import { createAuthenticator } from '../auth';

const known = async (code: string) => code === 'POLICE-IR-10';
const production = (extra: Record<string, string>) =>
  loadConfig({ NODE_ENV: 'production', DATA_DIR: '/nonexistent-never-written', SUBGRAPH_SECRET: 's'.repeat(40), PSEUDONYM_KEY: 'p'.repeat(40), ...extra });

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
      new SignJWT(claims).setProtectedHeader({ alg: algorithm }).setSubject('u1').setAudience(audience).setExpirationTime('5m').sign(privateKey);

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
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(config.env.AUTH_PUBLIC_KEY));
    await refused(`Bearer ${hmac}`);
    await refused(undefined);
    await refused('Basic dXNlcjpwYXNz');
  });
});
