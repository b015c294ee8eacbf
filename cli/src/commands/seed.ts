import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadConfig, openSubgraphStore, SUBGRAPH_NAMES, type Config, type SeedOptions, type SeedReport, type SubgraphName } from '@safety-graph/shared';
import { SUBGRAPHS } from '../subgraphs';
import { commandArgs, runCommand } from '../runCommand';

const USAGE = 'usage: npm run seed -- [--scale N] [--only-isfahan] [--only SUBGRAPH[,SUBGRAPH…]] [--if-empty]';

/**
 * `npm run seed`: the deterministic demo data, N times its volume, into every
 * subgraph's store (migrated first). Idempotent: a second run adds nothing.
 * The whole country's regions and agencies always; records for every
 * province, or with `--only-isfahan` for Isfahan alone (about a 28th of the
 * rows, for a quick demo). `--national`, the default, is still accepted.
 * `--if-empty` leaves a store that has records as it is (`npm start` seeds
 * this way before it starts the services: a seed holds a whole province's or
 * the country's rows in memory, more than a service's heap bound allows).
 */
async function main(): Promise<number> {
  const args = commandArgs(
    {
      options: {
        scale: { type: 'string' },
        national: { type: 'boolean' },
        'only-isfahan': { type: 'boolean' },
        only: { type: 'string' },
        'if-empty': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    },
    USAGE,
  );
  if (typeof args === 'number') return args;
  const { values } = args;
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
    console.error(`--scale must be a whole number from 1 to 1000\n${USAGE}`);
    return 2;
  }
  if (values.national && values['only-isfahan']) {
    console.error(`--national and --only-isfahan exclude each other\n${USAGE}`);
    return 2;
  }
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : [...SUBGRAPH_NAMES];
  const unknown = only.filter((name) => !(SUBGRAPH_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown subgraph ${unknown.join(', ')}; one of ${SUBGRAPH_NAMES.join(', ')}`);
    return 2;
  }
  // The stores are independent (each subgraph its own database): each is
  // seeded in a worker thread of its own, so one's row generation (seconds of
  // JavaScript at national volume) never holds up another's database work.
  // Each line is printed as its subgraph finishes.
  // Read here first, so that a configuration error is reported as one (the workers read it again).
  seedConfig();
  const started = Date.now();
  const options: SeedOptions = { scale, national: values['only-isfahan'] !== true };
  const ifEmpty = values['if-empty'] === true;
  const results = await Promise.allSettled(
    (only as SubgraphName[]).map(async (name) => {
      const seeded = await seedInWorker({ name, options, ifEmpty });
      if (!seeded.report) {
        console.log(`${name}: has records, left as it is (${seeded.kind} ${seeded.database})`);
        return;
      }
      const rows = Object.entries(seeded.report)
        .map(([table, count]) => `${table} ${count}`)
        .join(', ');
      console.log(`${name}: ${rows} (${((Date.now() - started) / 1000).toFixed(1)} s, ${seeded.kind} ${seeded.database})`);
    }),
  );
  const failed = results.filter((result) => result.status === 'rejected');
  if (failed.length > 0) throw (failed[0] as PromiseRejectedResult).reason;
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

interface SeedJob {
  name: SubgraphName;
  options: SeedOptions;
  /** Seed only if the store has no records. */
  ifEmpty: boolean;
}

interface Seeded {
  /** What was written; none when the store had records and the job was `ifEmpty`. */
  report?: SeedReport;
  kind: string;
  database: string;
}

/** Runs one subgraph's seed in a worker thread running this file; its error, if any, is the promise's. */
function seedInWorker(job: SeedJob): Promise<Seeded> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    worker.once('message', (seeded: Seeded) => {
      resolve(seeded);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${job.name}: seed worker stopped with exit code ${code}`)));
  });
}

/**
 * A batch job, not a request: the per-statement limit of requests
 * (STATEMENT_TIMEOUT_MS, 8 s) does not bound it unless set explicitly; the
 * rollup rebuild at national volume takes longer than a request may.
 */
function seedConfig(): Config {
  return loadConfig({ ...process.env, STATEMENT_TIMEOUT_MS: process.env.STATEMENT_TIMEOUT_MS ?? '0' });
}

/** A worker's part: the store of one subgraph, migrated and seeded. */
async function seedOne(job: SeedJob): Promise<Seeded> {
  const config = seedConfig();
  const module = SUBGRAPHS[job.name];
  const store = await openSubgraphStore(module, config);
  try {
    if (job.ifEmpty && !(await module.isEmpty(store))) return { kind: store.kind, database: store.database };
    const report = await module.seed(store, job.options);
    return { report, kind: store.kind, database: store.database };
  } finally {
    await store.close();
  }
}

if (isMainThread) runCommand('seed', main);
else void seedOne(workerData as SeedJob).then((seeded) => parentPort?.postMessage(seeded));
