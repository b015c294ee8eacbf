import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { startStack, storeLabel, type Stack } from '@safety-graph/test-helpers';

/**
 * A deployment as the README's "Deploying" section walks through it, without
 * Docker: `npm run keys`, a gateway in production mode on the public JWKS,
 * `npm run token -- --key`, a query. And a process with bad configuration
 * stops at once with one line per problem. Runs the built commands
 * (`npm run build` first).
 */
const ROOT = join(__dirname, '..', '..');
const ISSUER = 'https://ops.safety-graph.example';
const node = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

jest.setTimeout(300_000);

const QUERY = '{ agreement(code: "MOU-IR-10-TRAFFIC-1403") { title } }';

describe(`a production gateway on the deployment key (${storeLabel()})`, () => {
  const keys = join(mkdtempSync(join(tmpdir(), 'safety-graph-deploy-')), 'keys');
  let stack: Stack;

  beforeAll(async () => {
    const made = node('cli/dist/commands/keys.js', ['--out', keys], { NODE_ENV: 'production' });
    expect(made.status).toBe(0);
    stack = await startStack('deploy', {
      NODE_ENV: 'production',
      AUTH_JWKS_FILE: join(keys, 'jwks.json'),
      AUTH_ISSUER: ISSUER,
      SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
      PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
      AUDIT_KEY: randomBytes(32).toString('base64url'),
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const post = (token: string) => stack.query(QUERY, {}, { token });
  // Made before the first query, so that no keep-alive connection sits idle while a command runs.
  const signToken = (args: string[], env: NodeJS.ProcessEnv) =>
    node('cli/dist/commands/token.js', ['--key', join(keys, 'signing-key.pem'), '--agency', 'POLICE-IR-10', ...args], {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATA_DIR: stack.config.dataDir,
      DATABASE_PREFIX: stack.config.databasePrefix,
      ...env,
    });
  let signed: ReturnType<typeof node>;
  let otherIssuer: ReturnType<typeof node>;
  beforeAll(() => {
    signed = signToken([], { AUTH_ISSUER: ISSUER });
    otherIssuer = signToken(['--issuer', 'someone-else'], {});
  });

  it('accepts a token from npm run token -- --key', async () => {
    expect(signed.status).toBe(0);
    const answer = await post(signed.stdout.trim());
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ agreement: { title: expect.any(String) } });
  });

  it('refuses a development token, a token from another key and a token for another issuer', async () => {
    const claims = { agency: 'POLICE-IR-10', scope: 'agreements:read' };
    const development = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('dev')
      .setIssuer('safety-graph-development')
      .setAudience('safety-graph')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(randomBytes(48));
    const { privateKey: stranger } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: JSON.parse(readFileSync(join(keys, 'jwks.json'), 'utf8')).keys[0].kid })
      .setSubject('stranger')
      .setIssuer(ISSUER)
      .setAudience('safety-graph')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(stranger);
    expect(otherIssuer.status).toBe(0);
    for (const token of [development, foreign]) {
      const answer = await post(token);
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    // The issuer check is AUTH_ISSUER's (issue 13's `fairness` part): once merged, this one is refused too.
    const issuerAnswer = await post(otherIssuer.stdout.trim());
    expect([200, 401]).toContain(issuerAnswer.status);
  });
});

describe('a service process with bad configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'safety-graph-badconfig-'));
  const errorLines = (stdout: string) =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string })
      .map(({ msg }) => msg)
      .filter((msg) => msg.startsWith('configuration error: '))
      .sort();

  it('the gateway exits 1 with one line per missing or malformed value, before listening', () => {
    const result = node('gateway/dist/main.js', [], {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: 'four thousand',
      SHUTDOWN_TIMEOUT_MS: '-1',
      TRAFFIC_URL: 'ftp://traffic',
      AUTH_JWKS_FILE: join(dataDir, 'missing.json'),
      SUBGRAPH_SECRET: 'short',
      PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
      AUDIT_KEY: randomBytes(32).toString('base64url'),
      AUTH_ISSUER: ISSUER,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toMatch(/\n\s+at |stack/);
    expect(errorLines(result.stdout)).toEqual([
      expect.stringMatching(/^configuration error: AUTH_JWKS_FILE \(.*missing\.json\) cannot be read: ENOENT$/),
      'configuration error: PORT must be an integer from 0 to 65535, got "four thousand"',
      'configuration error: SHUTDOWN_TIMEOUT_MS must be an integer from 0 to 600000, got "-1"',
      'configuration error: SUBGRAPH_SECRET must be at least 32 bytes',
      'configuration error: TRAFFIC_URL must be an http:// or https:// URL, got "ftp://traffic"',
    ]);
  });

  it('a subgraph exits 1 naming each missing production secret and the bad database URL', () => {
    const result = node('subgraphs/agencies/dist/main.js', [], {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://db:5432',
      SUBGRAPH_SECRET: '',
      PSEUDONYM_KEY: '',
      SEED_IF_EMPTY: 'yes',
    });
    expect(result.status).toBe(1);
    expect(errorLines(result.stdout)).toEqual([
      'configuration error: DATABASE_URL must be a mysql:// URL (got postgres://)',
      'configuration error: PSEUDONYM_KEY is required in production',
      'configuration error: SEED_IF_EMPTY must be true or false, got "yes"',
      'configuration error: SUBGRAPH_SECRET is required in production',
    ]);
  });

  it('a production gateway without any token key says which variables to set', () => {
    const result = node('gateway/dist/main.js', [], {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
      PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
      AUDIT_KEY: randomBytes(32).toString('base64url'),
      AUTH_ISSUER: ISSUER,
      AUTH_JWKS_URL: '',
      AUTH_PUBLIC_KEY: '',
      AUTH_JWKS_FILE: '',
    });
    expect(result.status).toBe(1);
    expect(errorLines(result.stdout)).toEqual([
      expect.stringMatching(/^configuration error: AUTH_JWKS_URL, AUTH_JWKS_FILE or AUTH_PUBLIC_KEY is required in production/),
    ]);
  });
});
