import { loadConfig, openSubgraphStore, SUBGRAPH_NAMES, type SubgraphName } from '@safety-graph/shared';
import { SUBGRAPHS } from '../subgraphs';
import { commandArgs, runCommand } from '../runCommand';

const USAGE = 'usage: npm run seed -- [--scale N] [--national] [--only SUBGRAPH[,SUBGRAPH…]]';

/**
 * `npm run seed`: the deterministic demo data, N times its volume, into every
 * subgraph's store (migrated first). Idempotent: a second run adds nothing.
 * The whole country's regions and agencies always; records for Isfahan, or
 * with `--national` for every province (about 28 times the rows).
 */
async function main(): Promise<number> {
  const values = commandArgs(
    { options: { scale: { type: 'string' }, national: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } } },
    USAGE,
  );
  if (typeof values === 'number') return values;
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
    console.error(`--scale must be a whole number from 1 to 1000\n${USAGE}`);
    return 2;
  }
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : [...SUBGRAPH_NAMES];
  const unknown = only.filter((name) => !(SUBGRAPH_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown subgraph ${unknown.join(', ')}; one of ${SUBGRAPH_NAMES.join(', ')}`);
    return 2;
  }
  // A batch job, not a request: the per-statement limit of requests
  // (STATEMENT_TIMEOUT_MS, 8 s) does not bound it unless set explicitly; the
  // rollup rebuild at national volume takes longer than a request may.
  const config = loadConfig({ ...process.env, STATEMENT_TIMEOUT_MS: process.env.STATEMENT_TIMEOUT_MS ?? '0' });
  // The stores are independent (each subgraph its own database): they are
  // seeded side by side, so one's database work overlaps another's row
  // generation. Each line is printed as its subgraph finishes.
  const started = Date.now();
  const results = await Promise.allSettled(
    (only as SubgraphName[]).map(async (name) => {
      const module = SUBGRAPHS[name];
      const store = await openSubgraphStore(module, config);
      try {
        const report = await module.seed(store, { scale, national: values.national === true });
        const rows = Object.entries(report)
          .map(([table, count]) => `${table} ${count}`)
          .join(', ');
        console.log(`${name}: ${rows} (${((Date.now() - started) / 1000).toFixed(1)} s, ${store.kind} ${store.database})`);
      } finally {
        await store.close();
      }
    }),
  );
  const failed = results.filter((result) => result.status === 'rejected');
  if (failed.length > 0) throw (failed[0] as PromiseRejectedResult).reason;
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

runCommand('seed', main);
