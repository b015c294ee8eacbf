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
    const ports = {
      PORT: BASE_PORT,
      AGENCIES_PORT: BASE_PORT + 1,
      AGREEMENTS_PORT: BASE_PORT + 2,
      TRAFFIC_PORT: BASE_PORT + 3,
      ADDICTION_PORT: BASE_PORT + 4,
      DIVORCE_PORT: BASE_PORT + 5,
    };
    // Isfahan's records only: what start seeds by default (every province) is the seed's own tests' business, not worth a minute here.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: config.dataDir,
      DATABASE_PREFIX: config.databasePrefix,
      NODE_ENV: 'development',
      SEED_NATIONAL: 'false',
    };
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

    // kill -9 of one subgraph: the rest keep answering, the launcher brings it back within seconds.
    const joint = JSON.stringify({
      query: '{ regions(codes: ["IR-10-12"]) { code trafficStats(period: { from: "2025-03-21", to: "2026-03-20" }) { fatalities } } }',
    });
    const post = async <T>(body: string) => {
      const answer = await fetch(`http://localhost:${BASE_PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      return { status: answer.status, body: (await answer.json()) as { data?: T | null; errors?: unknown[] } };
    };
    const ask = () => post<{ regions: { code: string; trafficStats: { fatalities: number } }[] }>(joint);
    // Two root fields, one of them from traffic: while traffic is down the agency still comes back.
    const mixed = JSON.stringify({ query: '{ agency(code: "POLICE-IR-10") { code } crash(id: "no-such-crash") { id } }' });
    const before = await ask();
    expect(before.body.errors).toBeUndefined();
    const deaths = before.body.data!.regions[0].trafficStats!.fatalities;
    const pid = Number(/\[launcher\] traffic started \(pid (\d+)\)/.exec(output)?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    let partial = false;
    let back: number | null = null;
    while (Date.now() - killedAt < 20_000) {
      if (!partial) {
        const { status, body } = await post<{ agency: { code: string } | null }>(mixed);
        expect(status).toBeLessThan(500);
        if (body.errors && body.data?.agency?.code === 'POLICE-IR-10') partial = true;
      }
      const { status, body } = await ask();
      expect(status).toBeLessThan(500);
      if (!body.errors && body.data?.regions[0].trafficStats?.fatalities === deaths) {
        back = Date.now() - killedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toMatch(/traffic exited \(SIGKILL\); restarting/);
    expect(back).not.toBeNull();
    // The figure is 5 s (about 1.5 s here on an idle machine); the bound leaves room for a loaded CI run.
    console.log(`traffic killed with SIGKILL: answering fully again after ${back} ms`);
    expect(back!).toBeLessThan(15_000);
    // While traffic was down the gateway still answered what the other subgraphs hold, with an error for the rest.
    expect(partial).toBe(true);

    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGINT');
    });
    expect(exitCode).toBe(0);
    await expect(fetch(`http://localhost:${BASE_PORT + 3}/health`)).rejects.toThrow();
  }, 200_000);
});
