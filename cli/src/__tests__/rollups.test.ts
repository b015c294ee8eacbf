import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openSubgraphStore, StatRollup } from '@safety-graph/shared';
import { dropTestDatabases, testConfig } from '@safety-graph/test-helpers';
import { SUBGRAPHS } from '../subgraphs';

const ROOT = join(__dirname, '..', '..', '..');
const config = testConfig('rollups');
const run = (command: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'cli', 'dist', 'commands', `${command}.js`), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: config.dataDir, DATABASE_PREFIX: config.databasePrefix, NODE_ENV: 'development', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });

beforeAll(() => {
  const seeded = run('seed', ['--only-isfahan', '--only', 'traffic,addiction,divorce']);
  expect(seeded.status).toBe(0);
}, 600_000);
afterAll(() => dropTestDatabases(config));

describe('npm run rollups', () => {
  it.each([[[]], [['--check', '--rebuild']], [['--check', '--only', 'agencies']], [['--chek']]])('exits 2 for %j', (args) => {
    const result = run('rollups', args);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('finds the seeded rollups matching the records in every subgraph', () => {
    const result = run('rollups', ['--check']);
    expect(result.stdout).toMatch(/traffic: rollups match the records/);
    expect(result.stdout).toMatch(/addiction: rollups match the records/);
    expect(result.stdout).toMatch(/divorce: rollups match the records/);
    expect(result.status).toBe(0);
  });

  it('exits 1 naming every altered, missing or extra rollup row, and --rebuild makes them match again', async () => {
    const store = await openSubgraphStore(SUBGRAPHS.divorce, config);
    let altered: StatRollup;
    let removed: StatRollup;
    try {
      const repository = store.dataSource.getRepository(StatRollup);
      [altered, removed] = await repository.find({ where: { measure: 'casesOpened' }, order: { day: 'ASC', regionId: 'ASC', agencyId: 'ASC' }, take: 2 });
      await repository.update(
        { measure: altered.measure, regionId: altered.regionId, day: altered.day, agencyId: altered.agencyId },
        { value: Number(altered.value) + 1 },
      );
      await repository.delete({ measure: removed.measure, regionId: removed.regionId, day: removed.day, agencyId: removed.agencyId });
      await repository.insert({ measure: 'counselingSessions', regionId: altered.regionId, day: '1999-01-01', agencyId: '', value: 3 });
    } finally {
      await store.close();
    }
    const check = run('rollups', ['--check']);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/divorce: 3 rollup rows differ/);
    expect(check.stdout).toContain(
      `casesOpened|${altered.regionId}|${altered.day}|${altered.agencyId}: rollup ${Number(altered.value) + 1}, records ${altered.value}`,
    );
    expect(check.stdout).toContain(`casesOpened|${removed.regionId}|${removed.day}|${removed.agencyId}: rollup missing, records ${removed.value}`);
    expect(check.stdout).toContain(`counselingSessions|${altered.regionId}|1999-01-01|: rollup 3, records 0`);
    expect(check.stdout).toMatch(/traffic: rollups match the records/);

    const rebuild = run('rollups', ['--rebuild', '--only', 'divorce']);
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout).toMatch(/divorce: rebuilt \d+ rollup rows/);
    expect(run('rollups', ['--check']).status).toBe(0);
  });
});
