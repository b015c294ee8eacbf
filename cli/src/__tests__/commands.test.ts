import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
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

  it('refuses to mint in production', () => {
    const result = run('token', ['--agency', 'POLICE-IR-10'], { NODE_ENV: 'production' });
    expect(result.status).toBe(2);
  });
});

describe('npm run seed', () => {
  it.each([['--scale', '0'], ['--scale', 'many'], ['--only', 'weather']])('exits 2 for %s %s', (...args) => {
    const result = run('seed', args);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('seeds one subgraph, and a second run adds nothing', () => {
    const first = run('seed', ['--only', 'agencies']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/agencies: region 26, agency 86/);
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
