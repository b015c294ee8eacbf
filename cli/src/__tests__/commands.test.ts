import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultScopesFor } from '@safety-graph/shared';
import { dropTestDatabases, testConfig } from '@safety-graph/test-helpers';

const ROOT = join(__dirname, '..', '..', '..');
const config = testConfig('commands');
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'cli', 'dist', 'commands', `${command}.js`), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: config.dataDir, DATABASE_PREFIX: config.databasePrefix, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });

afterAll(() => dropTestDatabases(config));

describe('npm run token', () => {
  it('prints a token for a known agency, with the scopes and lifetime asked for', () => {
    const result = run('token', ['--agency', 'HEALTH-IR-10', '--scopes', 'addiction:read reports:read', '--ttl', '30m']);
    expect(result.status).toBe(0);
    const [, payload] = result.stdout.trim().split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ agency: 'HEALTH-IR-10', scope: 'addiction:read reports:read', aud: 'safety-graph' });
    expect(claims.exp - claims.iat).toBe(1800);
  });

  it.each([
    ['no agency', []],
    ['an unknown agency', ['--agency', 'NOPE-1']],
    ['an unknown scope', ['--agency', 'POLICE-IR-10', '--scopes', 'root:all']],
    ['a bad ttl', ['--agency', 'POLICE-IR-10', '--ttl', '1y']],
    ['an unknown option', ['--agencyy', 'POLICE-IR-10']],
  ])('exits 2 with a clear message for %s', (_label, args) => {
    const result = run('token', args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['a national body', 'HEALTH-IR', 'HEALTH'],
    ["another province's agency", 'DRUG-CONTROL-IR-07', 'OTHER'],
    ["another province's county unit", 'POLICE-IR-23-15', 'POLICE'],
  ])("prints a token for %s with its kind's default scopes", (_label, agency, kind) => {
    const result = run('token', ['--agency', agency]);
    expect(result.status).toBe(0);
    const claims = JSON.parse(Buffer.from(result.stdout.trim().split('.')[1], 'base64url').toString('utf8'));
    expect(claims.agency).toBe(agency);
    expect(claims.scope.split(' ').sort()).toEqual(defaultScopesFor(kind).sort());
  });

  it('refuses to mint in production', () => {
    const result = run('token', ['--agency', 'POLICE-IR-10'], { NODE_ENV: 'production' });
    expect(result.status).toBe(2);
  });
});

describe('npm run seed', () => {
  it.each([
    ['--scale', '0'],
    ['--scale', 'many'],
    ['--only', 'weather'],
    ['--national', '--only-isfahan'],
  ])('exits 2 for %s %s', (...args) => {
    const result = run('seed', args);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('seeds one subgraph, and a second run adds nothing', () => {
    const first = run('seed', ['--only', 'agencies']);
    expect(first.status).toBe(0);
    // The whole country: Iran, 31 provinces, 478 counties; national bodies, 12 agencies and a capital's
    // municipality per province, 3 units per county (1,850), whatever the records seeded.
    expect(first.stdout).toMatch(/agencies: region 510, agency 1850/);
    const second = run('seed', ['--only', 'agencies']);
    expect(second.status).toBe(0);
  });
});

describe('npm run audit:verify', () => {
  it('exits 2 when there is no audit log to verify', () => {
    const result = run('audit-verify', [], { DATA_DIR: join(config.dataDir, 'empty'), DATABASE_PREFIX: `${config.databasePrefix}none_` });
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
