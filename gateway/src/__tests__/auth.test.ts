import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { ConfigError, loadConfig, loadSecrets } from '@safety-graph/shared';
import { createAuthenticator } from '../auth';

const known = async (code: string) => code === 'POLICE-IR-10';
const production = (extra: Record<string, string>) =>
  loadConfig({ NODE_ENV: 'production', DATA_DIR: '/nonexistent-never-written', SUBGRAPH_SECRET: 's'.repeat(40), PSEUDONYM_KEY: 'p'.repeat(40), ...extra });

describe('production token verification', () => {
  it('refuses to start without a token key, a subgraph secret or a pseudonym key', () => {
    expect(() => loadSecrets(production({}))).toThrow(ConfigError);
    expect(() => loadSecrets(production({ AUTH_SECRET: 'x'.repeat(40) }))).toThrow(/AUTH_JWKS_URL or AUTH_PUBLIC_KEY/);
    expect(() => loadSecrets(loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks' }))).toThrow(/SUBGRAPH_SECRET is required/);
    expect(() => loadSecrets(production({ AUTH_JWKS_URL: 'https://idp.example/jwks', SUBGRAPH_SECRET: 'short' }))).toThrow(/at least 32 bytes/);
  });

  it.each(['ES256', 'RS256'])('accepts %s tokens signed by the configured public key, and nothing else', async (algorithm) => {
    const { publicKey, privateKey } = await generateKeyPair(algorithm);
    const config = production({ AUTH_PUBLIC_KEY: await exportSPKI(publicKey) });
    const authenticator = await createAuthenticator(config, loadSecrets(config).tokens, known);
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
