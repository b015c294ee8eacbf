import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dropTestDatabases, testConfig } from '@safety-graph/test-helpers';

const ROOT = join(__dirname, '..', '..', '..');
const START = join(ROOT, 'cli', 'dist', 'commands', 'start.js');
const BASE_PORT = 14000 + (process.pid % 500) * 10;

/** `npm start` as a newcomer runs it: built code, six processes, the demo seeded, Ctrl-C to stop. */
describe('npm start', () => {
  const config = testConfig('start');
  let child: ChildProcessWithoutNullStreams;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dropTestDatabases(config);
  });

  it('starts the whole graph on an empty store, answers a joint query, and stops cleanly on SIGINT', async () => {
    expect(existsSync(START)).toBe(true);
    const ports = { PORT: BASE_PORT, AGENCIES_PORT: BASE_PORT + 1, AGREEMENTS_PORT: BASE_PORT + 2, TRAFFIC_PORT: BASE_PORT + 3, ADDICTION_PORT: BASE_PORT + 4, DIVORCE_PORT: BASE_PORT + 5 };
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: config.dataDir, DATABASE_PREFIX: config.databasePrefix, NODE_ENV: 'development' };
    for (const [name, port] of Object.entries(ports)) env[name] = String(port);
    for (const name of ['agencies', 'agreements', 'traffic', 'addiction', 'divorce']) delete env[`${name.toUpperCase()}_URL`];
    child = spawn(process.execPath, [START], { cwd: ROOT, env });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 170_000);
      const check = setInterval(() => {
        if (output.includes('safety-graph is ready')) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(check);
          clearTimeout(timer);
          reject(new Error(`exited early:\n${output}`));
        }
      }, 200);
    });
    expect(output).toContain(`http://localhost:${BASE_PORT}/graphql`);
    const token = /POLICE-IR-10:\s+(\S+)/.exec(output)?.[1];
    expect(token).toMatch(/^ey/);

    const anonymous = await fetch(`http://localhost:${BASE_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(anonymous.status).toBe(401);

    const response = await fetch(`http://localhost:${BASE_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ agreement(code: "MOU-IR-10-FAMILY-1403") { leadAgency { code region { name } } parties { agency { code } } } }' }),
    });
    const body = (await response.json()) as { data: { agreement: { leadAgency: { code: string }; parties: unknown[] } } };
    expect(body.data.agreement.leadAgency.code).toBe('POLICE-IR-10');
    expect(body.data.agreement.parties.length).toBeGreaterThan(1);

    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGINT');
    });
    expect(exitCode).toBe(0);
    await expect(fetch(`http://localhost:${BASE_PORT + 3}/health`)).rejects.toThrow();
  }, 200_000);
});
