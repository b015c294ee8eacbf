import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

/**
 * `npm run keys` and `npm run token -- --key` as an operator runs them (the
 * built commands: `npm run build` first), in production mode. The agency
 * lookup reads the reference data from an empty SQLite folder: which store
 * does not matter to signing.
 */
const ROOT = join(__dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'safety-graph-keys-data-'));
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'cli', 'dist', 'commands', `${command}.js`), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'production', LOG_LEVEL: 'silent', AUTH_ISSUER: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
const mode = (path: string) => statSync(path).mode & 0o777;
const scratch = () => mkdtempSync(join(tmpdir(), 'safety-graph-keys-'));
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

jest.setTimeout(120_000);

describe('npm run keys', () => {
  it.each(['ES256', 'RS256'])('writes a %s private key only its owner can read and prints the public JWKS', (alg) => {
    const out = join(scratch(), 'keys');
    const result = run('keys', ['--out', out, '--alg', alg]);
    expect(result.status).toBe(0);
    expect(mode(join(out, 'signing-key.pem'))).toBe(0o600);
    expect(mode(join(out, 'jwks.json'))).toBe(0o644);
    const printed = JSON.parse(result.stdout);
    expect(JSON.parse(readFileSync(join(out, 'jwks.json'), 'utf8'))).toEqual(printed);
    expect(printed.keys).toHaveLength(1);
    const [jwk] = printed.keys;
    expect(jwk).toMatchObject({ alg, use: 'sig', kty: alg === 'ES256' ? 'EC' : 'RSA' });
    expect(jwk.d).toBeUndefined();
    expect(createPublicKey({ key: jwk, format: 'jwk' }).asymmetricKeyType).toBe(alg === 'ES256' ? 'ec' : 'rsa');
    expect(readFileSync(join(out, 'signing-key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses to overwrite a key pair without --force, and --force replaces it with a private file again', () => {
    const out = scratch();
    expect(run('keys', ['--out', out]).status).toBe(0);
    const first = readFileSync(join(out, 'jwks.json'), 'utf8');
    const again = run('keys', ['--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    expect(readFileSync(join(out, 'jwks.json'), 'utf8')).toBe(first);
    chmodSync(join(out, 'signing-key.pem'), 0o644);
    expect(run('keys', ['--out', out, '--force']).status).toBe(0);
    expect(readFileSync(join(out, 'jwks.json'), 'utf8')).not.toBe(first);
    expect(mode(join(out, 'signing-key.pem'))).toBe(0o600);
  });

  it.each([
    ['no --out', []],
    ['an unknown algorithm', ['--out', '/tmp/never-written-keys', '--alg', 'HS256']],
    ['an unknown option', ['--outt', '/tmp/x']],
    ['a folder it cannot create', ['--out', join(__filename, 'keys')]],
  ])('exits 2 with one clear line for %s', (_label, args) => {
    const result = run('keys', args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().length).toBeGreaterThan(0);
    expect(result.stdout).toBe('');
    noStack(result.stderr);
  });
});

describe('npm run token -- --key', () => {
  const out = scratch();
  const key = join(out, 'signing-key.pem');
  beforeAll(() => {
    expect(run('keys', ['--out', out]).status).toBe(0);
  });

  it('signs a production token the public JWKS verifies, with the issuer from AUTH_ISSUER, the audience and iat', async () => {
    const result = run('token', ['--key', key, '--agency', 'HEALTH-IR-10', '--ttl', '2h'], { AUTH_ISSUER: 'https://idp.example.ir' });
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    const jwks = JSON.parse(readFileSync(join(out, 'jwks.json'), 'utf8'));
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: jwks.keys[0].kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: 'https://idp.example.ir', audience: 'safety-graph' });
    expect(payload).toMatchObject({ agency: 'HEALTH-IR-10' });
    expect(payload.exp! - payload.iat!).toBe(7200);
  });

  it('takes --issuer over AUTH_ISSUER and lives one hour by default', () => {
    const result = run('token', ['--key', key, '--agency', 'POLICE-IR-10', '--issuer', 'ops'], { AUTH_ISSUER: 'other' });
    expect(result.status).toBe(0);
    const claims = JSON.parse(Buffer.from(result.stdout.trim().split('.')[1], 'base64url').toString('utf8'));
    expect(claims.iss).toBe('ops');
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it.each([
    ['a lifetime over 24 h', ['--key', key, '--agency', 'POLICE-IR-10', '--issuer', 'ops', '--ttl', '25h']],
    ['a lifetime in days', ['--key', key, '--agency', 'POLICE-IR-10', '--issuer', 'ops', '--ttl', '2d']],
    ['no issuer and no AUTH_ISSUER', ['--key', key, '--agency', 'POLICE-IR-10']],
    ['a missing key file', ['--key', join(out, 'nope.pem'), '--agency', 'POLICE-IR-10', '--issuer', 'ops']],
    ['a public key as the key file', ['--key', join(out, 'jwks.json'), '--agency', 'POLICE-IR-10', '--issuer', 'ops']],
    ['an unknown agency', ['--key', key, '--agency', 'NOPE-1', '--issuer', 'ops']],
    ['an unknown scope', ['--key', key, '--agency', 'POLICE-IR-10', '--issuer', 'ops', '--scopes', 'root:all']],
    ['no --key in production', ['--agency', 'POLICE-IR-10']],
  ])('exits 2 with a clear message for %s', (_label, args) => {
    const result = run('token', args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().length).toBeGreaterThan(0);
    expect(result.stdout).toBe('');
    noStack(result.stderr);
  });

  it('refuses a P-384 key: the gateway verifies ES256 (P-256) and RS256 only', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const path = join(out, 'p384.pem');
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
    const result = run('token', ['--key', path, '--agency', 'POLICE-IR-10', '--issuer', 'ops']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/P-256/);
  });
});
