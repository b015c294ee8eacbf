import { loadConfig, MeasureStore, openSubgraphStore, SUBGRAPH_NAMES, type SubgraphName } from '@safety-graph/shared';
import { SUBGRAPHS } from '../subgraphs';
import { commandArgs, runCommand } from '../runCommand';

const USAGE = 'usage: npm run rollups -- --check | --rebuild [--only SUBGRAPH[,SUBGRAPH…]]';
const SHOWN_DIFFERENCES = 20;

/**
 * `npm run rollups`: the statistics rollups of every subgraph that keeps
 * them, compared with (`--check`, exit 1 on any difference, printing which)
 * or rebuilt from (`--rebuild`) the raw records.
 */
async function main(): Promise<number> {
  const args = commandArgs(
    { options: { check: { type: 'boolean' }, rebuild: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } } },
    USAGE,
  );
  if (typeof args === 'number') return args;
  const { values } = args;
  if (Boolean(values.check) === Boolean(values.rebuild)) {
    console.error(`give one of --check or --rebuild\n${USAGE}`);
    return 2;
  }
  const withRollups = SUBGRAPH_NAMES.filter((name) => SUBGRAPHS[name].measures);
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : withRollups;
  const unknown = only.filter((name) => !(withRollups as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`no rollups in ${unknown.join(', ')}; one of ${withRollups.join(', ')}`);
    return 2;
  }
  // A maintenance command reads or rewrites every rollup of a store: the services' statement limit (meant for
  // partner queries) would stop it at national volume, so it runs unbounded unless STATEMENT_TIMEOUT_MS says otherwise.
  const config = loadConfig({ ...process.env, STATEMENT_TIMEOUT_MS: process.env.STATEMENT_TIMEOUT_MS ?? '0' });
  let differing = 0;
  for (const name of only as SubgraphName[]) {
    const module = SUBGRAPHS[name];
    const store = await openSubgraphStore(module, config);
    try {
      const measures = new MeasureStore(store.dataSource);
      if (values.rebuild) {
        console.log(`${name}: rebuilt ${await measures.rebuild(module.measures!)} rollup rows`);
        continue;
      }
      const differences = await measures.differences(module.measures!);
      differing += differences.length;
      if (differences.length === 0) console.log(`${name}: rollups match the records`);
      else {
        console.log(`${name}: ${differences.length} rollup rows differ from the records (measure|county|day|agency)`);
        for (const line of differences.slice(0, SHOWN_DIFFERENCES)) console.log(`  ${line}`);
        if (differences.length > SHOWN_DIFFERENCES) console.log(`  … and ${differences.length - SHOWN_DIFFERENCES} more`);
      }
    } finally {
      await store.close();
    }
  }
  return differing === 0 ? 0 : 1;
}

runCommand('rollups', main, 2);
