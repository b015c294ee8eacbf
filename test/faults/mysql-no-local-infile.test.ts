import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { PrivateMariadb } from './privateMariadb';

// A server that refuses LOAD DATA LOCAL (local_infile OFF, as MySQL 8 ships): crash imports, which load batches with
// LOAD DATA on MySQL/MariaDB, fall back to INSERTs and store every row once, with its persons and rollups.
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'cli', 'dist', 'commands');
const PREFIX = 'sgt_noinfile_';
let server: PrivateMariadb;

beforeAll(async () => {
  server = await PrivateMariadb.create(['--local-infile=0']);
}, 120_000);
afterAll(async () => {
  await server?.destroy();
});

function run(command: string, args: string[]) {
  const env = { ...process.env, DATABASE_URL: server.url, DATABASE_PREFIX: PREFIX, LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'sg-noinfile-')) };
  return spawnSync(process.execPath, [join(CLI, `${command}.js`), ...args], { env, encoding: 'utf8', timeout: 240_000 });
}

test('crash imports into a server without LOAD DATA LOCAL: every row stored once, rollups in step', async () => {
  const connection = await createConnection(server.url);
  try {
    const [[setting]] = (await connection.query('SELECT @@local_infile AS on_')) as unknown as [{ on_: number }[]];
    expect(Number(setting.on_)).toBe(0);
    const rows = 300;
    const lines = ['externalId,occurredAt,regionCode,roadType,persons'];
    for (let row = 0; row < rows; row += 1) {
      const persons = Array.from({ length: 1 + (row % 3) }, (_, index) => ({
        role: 'DRIVER',
        injury: ['K', 'B', 'O'][(row + index) % 3],
        faultStatus: 'AT_FAULT',
        ageBand: null,
      }));
      const at = new Date(Date.UTC(2024, 3, 1) + row * 3_600_000).toISOString().replace('.000Z', 'Z');
      lines.push(`NOINFILE-${row},${at},IR-10-${String(1 + (row % 24)).padStart(2, '0')},URBAN,"${JSON.stringify(persons).replace(/"/g, '""')}"`);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'sg-noinfile-file-')), 'crashes.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const first = run('import', ['traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'crashes', '--batch-size', '100']);
    expect({ status: first.status, stderr: first.stderr.replace(/^.*rows\/s.*\n/gm, '') }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout).toContain(`read ${rows}, inserted ${rows}, updated 0, unchanged 0, refused 0`);
    // Run again: every row is there already, nothing doubles.
    const again = run('import', ['traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'crashes', '--batch-size', '100']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`read ${rows}, inserted 0, updated 0, unchanged ${rows}, refused 0`);

    const [[counts]] = (await connection.query(
      `SELECT (SELECT COUNT(*) FROM \`${PREFIX}traffic\`.crash) AS crashes,
              (SELECT COUNT(*) FROM \`${PREFIX}traffic\`.crash_person) AS persons`,
    )) as unknown as [{ crashes: number; persons: number }[]];
    expect(Number(counts.crashes)).toBe(rows);
    expect(Number(counts.persons)).toBe(rows * 2);
    const check = run('rollups', ['--check', '--only', 'traffic']);
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  } finally {
    await connection.end();
  }
}, 300_000);
