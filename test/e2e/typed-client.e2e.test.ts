import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startStack, type Stack } from '@safety-graph/test-helpers';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const EXAMPLE = join(ROOT, 'client', 'example');

let stack: Stack;
let outDir: string;

beforeAll(async () => {
  // Inside the repository, so that the compiled consumer resolves @safety-graph/client as a partner's app would.
  outDir = join(EXAMPLE, 'dist', `run-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  stack = await startStack('typedclient');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(outDir, { recursive: true, force: true });
});

const within = (value: number, expected: number, tolerance: number) => Math.abs(value - expected) <= expected * tolerance;

describe('@safety-graph/client in an example consumer', () => {
  it('compiles with tsc and answers with the graph’s real figures through Apollo Client', async () => {
    await run(process.execPath, [TSC, '-p', join(EXAMPLE, 'tsconfig.json'), '--outDir', outDir], { cwd: ROOT });
    const token = await stack.token('POLICE-IR-10');
    const { stdout } = await run(process.execPath, [join(outDir, 'consumer.js')], {
      cwd: ROOT,
      env: { ...process.env, SAFETY_GRAPH_URL: stack.gateway.url, SAFETY_GRAPH_TOKEN: token, SOLAR_YEAR: '1404' },
    });
    const answer = JSON.parse(stdout) as {
      headline: Record<string, number | string>;
      agreement: string | null;
      targets: { kind: string; metric: string; target: number; actual: number | null }[];
    };

    // The same figures as a plain POST to the gateway, and the plan's calibration.
    const direct = await stack.query<{ region: Record<string, Record<string, number>> }>(
      `query($period: PeriodInput!) { region(code: "IR-10") { trafficStats(period: $period) { fatalities fatalitiesNotAtFault }
        preventionStats(period: $period) { peopleReached exhibitionVisits } familyStats(period: $period) { freeCounselingSessions } } }`,
      { period: { solarYear: 1404 } },
    );
    expect(direct.errors).toBeUndefined();
    const { trafficStats, preventionStats, familyStats } = direct.data!.region;
    expect(answer.headline).toMatchObject({
      roadDeaths: trafficStats.fatalities,
      notAtFault: trafficStats.fatalitiesNotAtFault,
      peopleReached: preventionStats.peopleReached,
      exhibitionVisits: preventionStats.exhibitionVisits,
      freeCounselingSessions: familyStats.freeCounselingSessions,
    });
    expect(within(answer.headline.roadDeaths as number, 600, 0.05)).toBe(true);
    expect(within(answer.headline.peopleReached as number, 120_000, 0.05)).toBe(true);
    expect(within(answer.headline.freeCounselingSessions as number, 36_000, 0.05)).toBe(true);

    // The README's MOU: its traffic targets, typed by their concrete type, with actuals.
    expect(answer.agreement).toEqual(expect.any(String));
    expect(answer.targets.length).toBeGreaterThan(0);
    for (const target of answer.targets) {
      expect(target.kind).toBe('TrafficTarget');
      expect(target.actual).toEqual(expect.any(Number));
    }
  });

  it('refuses at compile time a field the typed document did not ask for', async () => {
    const wrong = join(EXAMPLE, `wrong-${process.pid}.ts`);
    writeFileSync(
      wrong,
      `import type { ProvinceYearOverviewQuery } from '@safety-graph/client';\n` +
        `export const deaths = (answer: ProvinceYearOverviewQuery) => answer.region?.trafficStats.deaths;\n`,
    );
    try {
      const compiled = run(process.execPath, [TSC, '--noEmit', '--strict', '--skipLibCheck', '--esModuleInterop', '--types', 'node', wrong], { cwd: ROOT });
      await expect(compiled).rejects.toMatchObject({ stdout: expect.stringMatching(/TS2339: Property 'deaths' does not exist/) });
    } finally {
      rmSync(wrong, { force: true });
    }
  });
});
