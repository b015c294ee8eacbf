import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './chart';
import type { LoadResult } from './load';
import { ROOT } from './stack';
import type { GatewayKey } from './targets';

export interface Measurement extends LoadResult {
  scenario: string;
  scenarioName: string;
  target: string;
  kind: 'gateway' | 'direct' | 'computed';
  gateway?: GatewayKey;
  sql: number | null;
}

export interface BenchResults {
  date: string;
  settings: {
    scale: number;
    national: boolean;
    seconds: number;
    connections: number;
    repeats: number;
    warmup: number;
    store: string;
    targets: string[];
    scenarios: string[];
  };
  seeded: string;
  measurements: Measurement[];
  ratios: { name: string; small: number; large: number; value: number }[];
  memory: { process: string; peakRssMiB: number }[];
  notes: string[];
  reportScenarios: string[];
}

interface Check {
  target: string;
  measured: string;
  met: boolean | null;
}

const RESULTS = join(ROOT, 'bench', 'results');
const PEAK_RSS_LIMIT_MIB = 250;
const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
/** A ratio of two throughputs, NaN unless both completed requests. */
const ratioOf = (a: Measurement | undefined, b: Measurement | undefined) =>
  a && b && a.completed > 0 && b.completed > 0 ? a.requestsPerSecond / b.requestsPerSecond : NaN;
const measured = (row: Measurement | undefined): row is Measurement => row !== undefined && row.completed > 0;

function find(results: BenchResults, scenario: string, gateway: GatewayKey): Measurement | undefined {
  return results.measurements.find((row) => row.scenario === scenario && row.gateway === gateway);
}

/** The slowest direct part of a scenario: what a gateway running the parts one after another cannot beat. */
function slowestDirect(results: BenchResults, scenario: string): Measurement | undefined {
  return results.measurements.filter((row) => row.scenario === scenario && row.kind === 'direct').sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[0];
}

function rows(results: BenchResults): Record<string, string | number>[] {
  return results.measurements.map((row) => {
    const direct = slowestDirect(results, row.scenario);
    const ours = find(results, row.scenario, 'safety-graph');
    return {
      scenario: row.scenario,
      target: row.target,
      'req/s': Math.round(row.requestsPerSecond),
      'p50 ms': fixed(row.p50, 0),
      'p99 ms': fixed(row.p99, 0),
      errors: row.errors,
      'SQL/req': row.sql ?? '—',
      '× direct': row.kind !== 'direct' ? fixed(ratioOf(row, direct)) : '',
      'safety-graph ÷ this': row.kind === 'gateway' && row.gateway !== 'safety-graph' ? fixed(ratioOf(ours, row)) : '',
    };
  });
}

function previousScaleOne(results: BenchResults): BenchResults | undefined {
  const path = join(RESULTS, `${results.settings.store}-scale-1.json`);
  return results.settings.scale > 1 && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchResults) : undefined;
}

/** The run's data in result file names: `scale-30` or `national` (older runs' files have no `national`). */
const dataName = (settings: BenchResults['settings']) => (settings.national ? 'national' : `scale-${settings.scale}`);

/** The targets of issues 10 and 15, each met, not met, or not measured in this run. */
function checks(results: BenchResults): Check[] {
  const list: Check[] = [];
  const ours = (scenario: string) => find(results, scenario, 'safety-graph');
  const joint = ours('joint');
  const hive = find(results, 'joint', 'hive');
  list.push({
    target: "joint report of Isfahan's 28 counties through the gateway ≥ 200 req/s and p50 ≤ 25 ms",
    measured: joint ? `${Math.round(joint.requestsPerSecond)} req/s, p50 ${fixed(joint.p50, 0)} ms` : 'not measured',
    met: measured(joint) ? joint.requestsPerSecond >= 200 && joint.p50 <= 25 : joint ? false : null,
  });
  const overHive = ratioOf(joint, hive);
  // Hive answering while ours completes nothing is a miss, not a gap in the data.
  const hiveOnly = measured(hive) && joint !== undefined && !measured(joint);
  list.push({
    target: 'joint report ≥ 1.2× Hive Gateway + router runtime',
    measured: Number.isFinite(overHive)
      ? `${fixed(overHive)}×`
      : hiveOnly
        ? `ours completed no request, Hive ${Math.round(hive.requestsPerSecond)} req/s`
        : 'not measured (both must complete requests)',
    met: Number.isFinite(overHive) ? overHive >= 1.2 : hiveOnly ? false : null,
  });
  for (const [scenario, label, requests, p50] of [
    ['provinces', '31 provinces × 3 domains, national data,', 200, 25],
    ['counties', '478 counties × 3 domains, national data,', 20, 250],
  ] as const) {
    const row = ours(scenario);
    list.push({
      target: `joint report of ${label} ≥ ${requests} req/s and p50 ≤ ${p50} ms`,
      measured: row ? `${Math.round(row.requestsPerSecond)} req/s, p50 ${fixed(row.p50, 0)} ms` : 'not measured',
      met: measured(row) ? row.requestsPerSecond >= requests && row.p50 <= p50 : row ? false : null,
    });
  }
  for (const [scenario, label] of [
    ['series', "monthly series, Isfahan's 28 counties × 12 × 3,"],
    ['scorecards', 'scorecards'],
  ] as const) {
    const row = ours(scenario);
    list.push({
      target: `${label} ≥ 100 req/s`,
      measured: row ? `${Math.round(row.requestsPerSecond)} req/s` : 'not measured',
      met: row ? row.requestsPerSecond >= 100 : null,
    });
  }
  const before = previousScaleOne(results);
  // A national run is no step of the scale series: it has no scale check.
  for (const scenario of results.settings.national ? [] : results.reportScenarios) {
    const now = ours(scenario);
    const then = before && find(before, scenario, 'safety-graph');
    const cost = ratioOf(then, now);
    const stalled = measured(then) && now !== undefined && !measured(now);
    const why =
      results.settings.scale === 1 ? 'this run is the scale-1 baseline' : `needs bench/results/${results.settings.store}-scale-1.json from a scale-1 run`;
    list.push({
      target: `${scenario}: growing data from scale 1 to ${results.settings.scale === 1 ? 'N' : results.settings.scale} costs ≤ 1.3× time per request`,
      measured: Number.isFinite(cost)
        ? `${fixed(cost)}× (${fixed(then!.requestsPerSecond, 1)} → ${fixed(now!.requestsPerSecond, 1)} req/s)`
        : stalled
          ? `no request completed within ${results.settings.seconds} s at scale ${results.settings.scale} (${fixed(then.requestsPerSecond, 1)} req/s at scale 1)`
          : `not measured (${why})`,
      met: Number.isFinite(cost) ? cost <= 1.3 : stalled ? false : null,
    });
  }
  const page = ours('page');
  const pageDirect = slowestDirect(results, 'page');
  list.push({
    target: 'single-subgraph page through the gateway ≥ 0.7× direct',
    measured: Number.isFinite(ratioOf(page, pageDirect)) ? `${fixed(ratioOf(page, pageDirect))}×` : 'not measured',
    met: Number.isFinite(ratioOf(page, pageDirect)) ? ratioOf(page, pageDirect) >= 0.7 : null,
  });
  list.push({
    target: 'SQL statements per request unchanged by result size (ratios 1.00)',
    measured: results.ratios.map((ratio) => fixed(ratio.value)).join(', ') || 'not measured',
    met: results.ratios.length > 0 ? results.ratios.every((ratio) => fixed(ratio.value) === '1.00') : null,
  });
  const ownProcesses = results.memory.filter((entry) => !['@apollo/gateway', 'Hive Gateway'].includes(entry.process));
  const largest = ownProcesses.sort((a, b) => b.peakRssMiB - a.peakRssMiB)[0];
  list.push({
    target: `peak RSS of each safety-graph process ≤ ${PEAK_RSS_LIMIT_MIB} MB`,
    measured: largest ? `largest ${largest.peakRssMiB} MiB (${largest.process})` : 'not measured',
    met: largest ? ownProcesses.every((entry) => entry.peakRssMiB <= PEAK_RSS_LIMIT_MIB) : null,
  });
  return list;
}

const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT MET');

function markdownTable(records: Record<string, string | number>[]): string {
  if (records.length === 0) return '';
  const headers = Object.keys(records[0]);
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...records.map((record) => `| ${headers.map((header) => String(record[header])).join(' | ')} |`),
  ].join('\n');
}

/** Prints the results, writes bench/results/latest.md, the chart and this scale's JSON; says whether a SQL ratio drifted. */
export async function writeReport(results: BenchResults): Promise<{ ratioDrift: boolean }> {
  const { settings } = results;
  const table = rows(results);
  const ratioRows = results.ratios.map((ratio) => ({
    ratio: ratio.name,
    statements: `${ratio.large} ÷ ${ratio.small}`,
    value: fixed(ratio.value),
    target: '1.00',
  }));
  const memoryRows = results.memory.map((entry) => ({ process: entry.process, 'peak RSS MiB': entry.peakRssMiB }));
  const checkRows = checks(results).map((check) => ({ target: check.target, measured: check.measured, verdict: verdict(check.met) }));
  const data = settings.national ? 'national data (every province, `npm run seed -- --national`)' : `scale ${settings.scale}`;
  const heading = `safety-graph bench: ${settings.store === 'mysql' ? 'MariaDB/MySQL' : 'SQLite'}, ${data}, ${settings.connections} connections, ${settings.seconds} s × ${settings.repeats} repeats (medians) after ${settings.warmup} s warm-up, each service its own NODE_ENV=production process`;
  console.log(`\n${heading}`);
  console.table(table);
  console.table(ratioRows);
  console.table(memoryRows);
  console.table(checkRows);
  for (const note of results.notes) console.log(`note: ${note}`);

  mkdirSync(RESULTS, { recursive: true });
  const chart = `${settings.store}-${dataName(settings)}.png`;
  writeFileSync(join(RESULTS, chart), renderChart(results));
  writeFileSync(join(RESULTS, `${settings.store}-${dataName(settings)}.json`), `${JSON.stringify(results, null, 2)}\n`);
  // National runs have their own page, so that the scale runs' stays.
  const page = settings.national ? 'national-latest.md' : 'latest.md';
  const markdown = `# npm run bench — latest results

${heading}. Run on ${results.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench -- ${settings.national ? '--national' : `--scale ${settings.scale}`} --scenarios ${settings.scenarios.join(',')} --targets ${settings.targets.join(',')} --seconds ${settings.seconds} --connections ${settings.connections} --repeats ${settings.repeats} --store ${settings.store}\`.

![req/s by scenario and target](${chart})

## Throughput and latency

\`× direct\` divides by the slowest direct subgraph call of the scenario (the part the gateway's plan cannot go faster than); \`safety-graph ÷ this\` compares our gateway with each peer. SQL/req counts the statements all subgraphs sent for one warm request (store version reads, which depend on the gateway's freshness window, are counted apart and left out). Hive Gateway deduplicates identical in-flight subgraph queries by default (\`@graphql-tools/executor-http\`, keyed by URL and body), and the bench sends the same request on every connection: Hive can therefore beat the slowest direct call, which answers every request it gets. Our gateway remembers a caller's answer while the stores it came from are unchanged (\`gateway/src/answerCache.ts\`; a store version read stands \`ANSWER_CACHE_FRESH_MS\`, 1 s): the repeated request of a polling dashboard, which this load is, costs it no subgraph call. The row "every answer computed" sends each request with a variable of its own, so that none is served from memory: what a report costs the first time it is asked after a write.

${markdownTable(table)}

## Targets (issues 10 and 15)

${markdownTable(checkRows)}

## SQL ratios (must stay 1.00)

${markdownTable(ratioRows)}

## Peak resident memory (VmHWM) of each process

${markdownTable(memoryRows)}
${results.notes.length > 0 ? `\n## Notes\n\n${results.notes.map((note) => `- ${note}`).join('\n')}\n` : ''}
## Data

\`\`\`
${results.seeded}
\`\`\`
`;
  writeFileSync(join(RESULTS, page), markdown);
  console.log(`\nwritten: bench/results/${page}, bench/results/${chart}`);
  return { ratioDrift: results.ratios.some((ratio) => fixed(ratio.value) !== '1.00') };
}
