import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';

/**
 * `npm run bench -- import [--rows N] [--batch-size N] [--store mysql|sqlite]`:
 * crash rows per second through `npm run import` (the built CLI, as a data
 * officer runs it) into fresh stores of their own: a generated police export
 * of N crashes in time order (one to three persons each, every county, a year of days),
 * imported once (all inserted) and again (all compared, unchanged). The
 * issue's target is 20,000 crash rows/s into MariaDB on these machines.
 * `--repeats N`: N such pairs, each into fresh stores, the median reported
 * (the machine is shared: the load average is written beside the figures).
 */
const USAGE = 'usage: npm run bench -- import [--rows N (200000)] [--batch-size N (5000)] [--store mysql|sqlite] [--repeats N (1)]';
const TARGET_ROWS_PER_SECOND = 20_000;
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'cli', 'dist', 'commands', 'import.js');
const ROLES = ['DRIVER', 'PASSENGER', 'PEDESTRIAN', 'MOTORCYCLIST'];
const INJURIES = ['K', 'A', 'B', 'C', 'O', 'O', 'O'];
const FAULTS = ['AT_FAULT', 'NOT_AT_FAULT', 'UNDETERMINED'];
const ROADS = ['URBAN', 'INTERURBAN', 'RURAL'];

async function crashFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('externalId,occurredAt,regionCode,roadType,persons\n');
  // In time order, as a register exports a year: a batch covers a few days of every county.
  const start = Date.UTC(2024, 2, 20);
  const year = 365 * 24 * 60 * 60_000;
  for (let row = 0; row < rows; row += 1) {
    const at = new Date(start + Math.floor((row * year) / rows / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
    const county = `IR-10-${String(1 + (row % 24)).padStart(2, '0')}`;
    const persons = Array.from({ length: 1 + (row % 3) }, (_, index) => ({
      role: ROLES[(row + index) % ROLES.length],
      injury: INJURIES[(row * 3 + index) % INJURIES.length],
      faultStatus: FAULTS[(row + index) % FAULTS.length],
      ageBand: null,
    }));
    await write(`BENCH-${row},${at},${county},${ROADS[row % ROADS.length]},"${JSON.stringify(persons).replace(/"/g, '""')}"\n`);
  }
  out.end();
  await once(out, 'finish');
}

interface Run {
  wallSeconds: number;
  /** The CLI's own time for the rows (the summary line), after start-up, migrations and the file's digest. */
  importSeconds: number;
  summary: string;
}

async function importOnce(file: string, env: NodeJS.ProcessEnv, batchSize: number): Promise<Run> {
  const startedAt = process.hrtime.bigint();
  // As `npm run import` runs it (package.json): with its heap limit.
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=160', CLI, 'traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'crashes', '--batch-size', String(batchSize)],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  const wallSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const summary = stdout.trim().split('\n').at(-1) ?? '';
  const seconds = /, ([\d.]+) s$/.exec(summary);
  if (status !== 0 || !seconds) throw new Error(`the import failed (exit ${status}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return { wallSeconds, importSeconds: Number(seconds[1]), summary };
}

async function dropDatabases(url: string, prefix: string): Promise<void> {
  const parsed = new URL(url);
  const connection = await createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
  });
  try {
    const [rows] = await connection.query('SHOW DATABASES');
    for (const { Database } of rows as { Database: string }[]) {
      if (Database.startsWith(prefix)) await connection.query(`DROP DATABASE \`${Database}\``);
    }
  } finally {
    await connection.end();
  }
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

export async function runImportScenario(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { rows: { type: 'string' }, 'batch-size': { type: 'string' }, store: { type: 'string' }, repeats: { type: 'string' } },
  });
  const rows = Number(values.rows ?? 200_000);
  const batchSize = Number(values['batch-size'] ?? 5000);
  const store = values.store ?? 'mysql';
  const repeats = Number(values.repeats ?? 1);
  if (
    !Number.isInteger(rows) ||
    rows < 1 ||
    !Number.isInteger(batchSize) ||
    batchSize < 1 ||
    !['mysql', 'sqlite'].includes(store) ||
    !Number.isInteger(repeats) ||
    repeats < 1
  )
    throw new Error(USAGE);
  const url = process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306';
  const folder = mkdtempSync(join(tmpdir(), 'bench-import-'));
  // BENCH_DATABASE_PREFIX: several checkouts benching on one server keep their databases apart.
  const prefix = `${process.env.BENCH_DATABASE_PREFIX ?? 'bench_'}import_${process.pid}_`;
  try {
    const file = join(folder, 'crashes.csv');
    console.log(`import scenario: writing ${rows} crash rows…`);
    await crashFile(file, rows);
    console.log(`importing into ${store === 'mysql' ? url.replace(/\/\/[^@]*@/, '//') : 'SQLite'} (batch size ${batchSize}, ${repeats} time(s))…`);
    const results: { first: Run; again: Run; loadBefore: string; loadAfter: string }[] = [];
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      // Fresh stores for every repeat: the first run always inserts every row.
      const databasePrefix = `${prefix}${repeat}_`;
      const dataDir = join(folder, `data-${repeat}`);
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_PREFIX: databasePrefix, LOG_LEVEL: 'silent', NODE_ENV: 'development' };
      if (store === 'mysql') env.DATABASE_URL = url;
      else delete env.DATABASE_URL;
      try {
        const loadBefore = loadAverage();
        const first = await importOnce(file, env, batchSize);
        console.log(`  first run:  ${first.summary} (load ${loadBefore})`);
        const again = await importOnce(file, env, batchSize);
        const loadAfter = loadAverage();
        console.log(`  second run: ${again.summary} (load ${loadAfter})`);
        results.push({ first, again, loadBefore, loadAfter });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        if (store === 'mysql') await dropDatabases(url, databasePrefix).catch(() => undefined);
      }
    }
    const insertRates = results.map(({ first }) => rows / first.importSeconds);
    const compareRates = results.map(({ again }) => rows / again.importSeconds);
    const insertRate = median(insertRates);
    const compareRate = median(compareRates);
    const range = (rates: number[]) => (rates.length > 1 ? ` (${Math.min(...rates).toFixed(0)} to ${Math.max(...rates).toFixed(0)})` : '');
    const lines = [
      `# Import scenario (${new Date().toISOString()})`,
      '',
      `${rows} crash rows (1-3 persons each) through \`npm run import -- traffic FILE --kind crashes --batch-size ${batchSize}\` into ${store === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'}, ${repeats} time(s) into fresh stores; ${cpus().length} CPUs, load average (1, 5, 15 min) written beside each run.`,
      '',
      '| run | rows/s (import) | import s | wall s (with start-up) | load before first / after second |',
      '|---|---:|---:|---:|---|',
      ...results.flatMap(({ first, again, loadBefore, loadAfter }, index) => [
        `| ${repeats > 1 ? `${index + 1}: ` : ''}first: all inserted | ${(rows / first.importSeconds).toFixed(0)} | ${first.importSeconds.toFixed(1)} | ${first.wallSeconds.toFixed(1)} | ${loadBefore} |`,
        `| ${repeats > 1 ? `${index + 1}: ` : ''}second: all compared, unchanged | ${(rows / again.importSeconds).toFixed(0)} | ${again.importSeconds.toFixed(1)} | ${again.wallSeconds.toFixed(1)} | ${loadAfter} |`,
      ]),
      '',
      `Median: ${insertRate.toFixed(0)} rows/s inserted${range(insertRates)}, ${compareRate.toFixed(0)} rows/s compared${range(compareRates)}.`,
      '',
      `Target: ${TARGET_ROWS_PER_SECOND} crash rows/s inserted into MariaDB: ${store === 'mysql' ? (insertRate >= TARGET_ROWS_PER_SECOND ? 'met' : 'NOT met') : 'not measured (SQLite run)'}.`,
    ];
    console.log(lines.slice(4).join('\n'));
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'import-latest.md'), `${lines.join('\n')}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
