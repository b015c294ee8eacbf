import { parseArgs } from 'node:util';
import { defaultScopesFor, type Caller } from '@safety-graph/shared';
import { createRunCredentials } from './credentials';
import { runImportScenario } from './importScenario';
import { runLoad, summarize, type LoadResult } from './load';
import { writeReport, type BenchResults, type Measurement } from './report';
import { SCENARIOS, SEEDED_IDS_QUERIES, SQL_RATIOS, type RegionSet, type SeededIds, type TargetRepresentation } from './scenarios';
import { seedOnce, startStack, type StoreChoice } from './stack';
import { directTarget, GATEWAY_LABELS, gatewayTarget, send, statementsPerRequest, targetsOf, type Answer, type GatewayKey, type Target } from './targets';

/**
 * `npm run bench`: the five subgraphs and the gateway as separate production
 * processes on the bench's own seeded stores, next to two peer gateways on
 * the same supergraph (plain @apollo/gateway, Hive Gateway with the router
 * runtime), and each subgraph served directly. Every scenario is sent to
 * every target under load (warm-up, targets alternated, medians of repeats);
 * prints and writes req/s, p50, p99, errors, SQL per request, peak memory of
 * each process, ratios, and whether the targets are met. Exit code 1
 * only when requests fail or a SQL ratio drifts from 1.00.
 */
const USAGE = `usage: npm run bench -- [--scale N | --national] [--seconds S] [--connections C] [--repeats R] [--warmup S]
       [--targets safety-graph,apollo,hive,direct] [--scenarios ${SCENARIOS.map((scenario) => scenario.key).join(',')}] [--store mysql|sqlite]`;
const ALL_TARGETS = ['safety-graph', 'apollo', 'hive', 'direct'];
/** A first answer slower than this (autocannon's timeout too) cannot be measured in a run: the target fails. */
const PROBE_TIMEOUT_MS = 30_000;
/** The partner the bench speaks for: the province's police command (reports:read and every domain's read scope). */
const AGENCY = { code: 'POLICE-IR-10', kind: 'POLICE' };
/** The same partner on direct calls: the caller the gateways forward for the bench token. */
const BENCH_CALLER: Caller = { subject: `bench@${AGENCY.code}`, agencyCode: AGENCY.code, scopes: new Set(defaultScopesFor(AGENCY.kind)) };

function options() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      national: { type: 'boolean' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      repeats: { type: 'string' },
      warmup: { type: 'string' },
      targets: { type: 'string' },
      scenarios: { type: 'string' },
      store: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (raw: string | undefined, fallback: number, min: number, max: number, name: string) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return value;
  };
  const list = (raw: string | undefined, known: string[], name: string) => {
    const chosen = raw ? raw.split(',').map((item) => item.trim()) : known;
    const unknown = chosen.filter((item) => !known.includes(item));
    if (unknown.length > 0) throw new Error(`--${name}: unknown ${unknown.join(', ')}; one of ${known.join(', ')}`);
    return chosen;
  };
  const storeKind = values.store ?? 'mysql';
  if (storeKind !== 'mysql' && storeKind !== 'sqlite') throw new Error('--store must be mysql or sqlite');
  const store: StoreChoice = storeKind === 'mysql' ? { kind: 'mysql', url: process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306' } : { kind: 'sqlite' };
  const national = values.national === true;
  if (national && values.scale !== undefined) throw new Error('--national measures the national demo volume (scale 1): no --scale with it');
  return {
    scale: number(values.scale, 1, 1, 1000, 'scale'),
    national,
    // A direct target's signature is valid for a minute: one run must end before.
    seconds: number(values.seconds, 8, 1, 50, 'seconds'),
    connections: number(values.connections, 8, 1, 1000, 'connections'),
    repeats: number(values.repeats, 3, 1, 20, 'repeats'),
    warmup: number(values.warmup, 2, 0, 50, 'warmup'),
    targets: list(values.targets, ALL_TARGETS, 'targets'),
    // By default the scenarios of the data: the scale runs' or the national ones.
    scenarios: list(
      values.scenarios ??
        SCENARIOS.filter((scenario) => scenario.national === national)
          .map((scenario) => scenario.key)
          .join(','),
      SCENARIOS.map((scenario) => scenario.key),
      'scenarios',
    ),
    store,
  };
}

const log = (line: string) => console.log(line);

async function seededIds(secret: string): Promise<SeededIds> {
  const ask = async (subgraph: 'agencies' | 'agreements', query: string) => {
    const answer = await send(directTarget(subgraph, { query }, secret, BENCH_CALLER));
    if (!answer.data) throw new Error(`${subgraph} did not answer: ${JSON.stringify(answer.errors ?? answer.status)}`);
    return answer.data;
  };
  const idsOf = async (set: RegionSet) =>
    ((await ask('agencies', SEEDED_IDS_QUERIES.regions(set))) as { regions: { id: string }[] }).regions.map((region) => region.id);
  const regionIds = { isfahanCounties: await idsOf('isfahanCounties'), provinces: await idsOf('provinces'), counties: await idsOf('counties') };
  const { agreements } = (await ask('agreements', SEEDED_IDS_QUERIES.activeTargets)) as {
    agreements: { edges: { node: { targets: TargetRepresentation[] } }[] };
  };
  if (regionIds.counties.length === 0) throw new Error('the agencies subgraph lists no counties: is the store seeded?');
  return { regionIds, activeTargets: agreements.edges.flatMap((edge) => edge.node.targets) };
}

/** Where two answers part, with a little context, for the note that reports it. */
function firstDifference(expected: string, actual: string): string {
  let index = 0;
  while (index < expected.length && expected[index] === actual[index]) index += 1;
  return `expected …${expected.slice(Math.max(0, index - 60), index + 40)}…, got …${actual.slice(Math.max(0, index - 60), index + 40)}…`;
}

async function main(): Promise<void> {
  if (process.argv[2] === 'import') return runImportScenario(process.argv.slice(3));
  const settings = options();
  const credentials = await createRunCredentials();
  const token = await credentials.token(AGENCY.code, AGENCY.kind);
  const dataset = { scale: settings.scale, national: settings.national };
  const seeded = await seedOnce(settings.store, dataset, log);
  log(seeded);
  const gateways = settings.targets.filter((target): target is GatewayKey => target !== 'direct');
  const direct = settings.targets.includes('direct');
  log(`starting ${gateways.length} gateway(s) and 5 subgraphs as production processes…`);
  const stack = await startStack({
    store: settings.store,
    dataset,
    credentials,
    gateways,
    peerToken: token,
    connections: settings.connections,
    log,
  });
  let failed = false;
  try {
    const ids = await seededIds(credentials.subgraphSecret);
    log(
      `${ids.regionIds.isfahanCounties.length} counties in Isfahan, ${ids.regionIds.provinces.length} provinces, ${ids.regionIds.counties.length} counties, ${ids.activeTargets.length} active MOU targets`,
    );
    const secret = credentials.subgraphSecret;
    const scenarios = SCENARIOS.filter((scenario) => settings.scenarios.includes(scenario.key));
    const plan: { scenario: (typeof scenarios)[number]; targets: Target[] }[] = [];
    const measurements: Measurement[] = [];
    const leftOut: string[] = [];
    /** Targets whose first answer failed: reported as one failed request, no throughput, so the targets read NOT MET. */
    const unanswered: { scenario: (typeof scenarios)[number]; target: Target }[] = [];
    // One answer from every target first: what fails here is reported, not loaded.
    for (const scenario of scenarios) {
      const targets: Target[] = [];
      const reference = new Map<string, string>();
      for (const target of targetsOf(scenario, gateways, direct, ids, token, secret, BENCH_CALLER)) {
        let answer: Answer;
        const started = Date.now();
        try {
          answer = await send(target, PROBE_TIMEOUT_MS);
          // The first target asked of a scenario answers cold (rollups read, suppression tables decided).
          log(`  first answer: ${scenario.key} ${target.label} in ${Date.now() - started} ms`);
        } catch {
          leftOut.push(`${target.label} on "${scenario.name}" failed, not loaded: no answer within ${PROBE_TIMEOUT_MS / 1000} s`);
          unanswered.push({ scenario, target });
          failed = true;
          continue;
        }
        let problem =
          answer.status !== 200
            ? `HTTP ${answer.status}: ${answer.errors?.[0]?.message ?? ''}`
            : answer.errors?.length
              ? answer.errors[0].message
              : answer.data == null
                ? 'no data'
                : null;
        if (!problem && target.kind !== 'direct') {
          // Every gateway must give the same answer as the first one asked (ours): a faster wrong answer is no result.
          const text = JSON.stringify(answer.data);
          const first = reference.get('data');
          if (first === undefined) reference.set('data', text);
          else if (first !== text) problem = `its answer differs from the ${GATEWAY_LABELS[gateways[0]]}'s (${firstDifference(first, text)})`;
        }
        if (problem && target.gateway === 'hive' && scenario.key === 'scorecards') {
          leftOut.push(`${target.label} cannot serve "${scenario.name}", left out: ${problem}`);
          continue;
        }
        if (problem) {
          leftOut.push(`${target.label} on "${scenario.name}" failed, not loaded: ${problem}`);
          unanswered.push({ scenario, target });
          failed = true;
          continue;
        }
        targets.push(target);
      }
      plan.push({ scenario, targets });
    }
    log('measuring SQL statements per request…');
    const statements = new Map<Target, number>();
    for (const { scenario, targets } of plan) {
      for (const target of targets) {
        try {
          statements.set(target, await statementsPerRequest(target, secret, BENCH_CALLER, target.kind === 'computed'));
        } catch (error) {
          leftOut.push(`${target.label} on "${scenario.name}": SQL per request not measured (${(error as Error).message})`);
          failed = true;
        }
      }
    }
    const ratioGateway = gateways[0];
    const ratios = [];
    if (ratioGateway) {
      for (const check of SQL_RATIOS) {
        try {
          const small = await statementsPerRequest(gatewayTarget(ratioGateway, check.small, token), secret, BENCH_CALLER, true);
          const large = await statementsPerRequest(gatewayTarget(ratioGateway, check.large, token), secret, BENCH_CALLER, true);
          ratios.push({ name: check.name, small, large, value: small === 0 ? NaN : large / small });
        } catch (error) {
          // Reported as a drift: a ratio that cannot be measured is not known to be 1.00.
          leftOut.push(`${check.name}: not measured (${(error as Error).message})`);
          ratios.push({ name: check.name, small: NaN, large: NaN, value: NaN });
        }
      }
    }
    const results = new Map<Target, LoadResult[]>();
    const total = plan.reduce((count, { targets }) => count + targets.length, 0) * (settings.repeats * settings.seconds + settings.warmup);
    log(
      `load: ${settings.seconds} s × ${settings.connections} connections, ${settings.repeats} repeats, ${settings.warmup} s warm-up; about ${Math.ceil(total / 60)} min`,
    );
    for (let repeat = 0; repeat < settings.repeats; repeat += 1) {
      for (const { scenario, targets } of plan) {
        // Alternated: each repeat starts with the next target, so no target always runs on a cooler machine.
        const order = targets.map((_, index) => targets[(index + repeat) % targets.length]);
        for (const target of order) {
          const run = { url: target.url, body: target.body, bodyFor: target.bodyFor, connections: settings.connections };
          if (repeat === 0 && settings.warmup > 0) await runLoad({ ...run, headers: target.headers, seconds: settings.warmup });
          const result = await runLoad({ ...run, headers: target.headers, seconds: settings.seconds });
          results.set(target, [...(results.get(target) ?? []), result]);
          log(
            `  ${repeat + 1}/${settings.repeats} ${scenario.key.padEnd(10)} ${target.label.padEnd(32)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  errors ${result.errors}`,
          );
        }
      }
    }
    const measurementOf = ({ key, name }: (typeof scenarios)[number], target: Target, figures: LoadResult, sql: number | null): Measurement => ({
      scenario: key,
      scenarioName: name,
      target: target.label,
      kind: target.kind,
      gateway: target.gateway,
      ...figures,
      sql,
    });
    for (const { scenario, targets } of plan) {
      for (const target of targets) {
        const summary = summarize(results.get(target) ?? []);
        measurements.push(measurementOf(scenario, target, summary, statements.get(target) ?? null));
        if (summary.errors > 0) failed = true;
      }
    }
    // A target that never answered its first request is a row of one error and no figures.
    for (const { scenario, target } of unanswered) {
      measurements.push(measurementOf(scenario, target, { completed: 0, requestsPerSecond: 0, p50: NaN, p99: NaN, errors: 1 }, null));
    }
    const memory = stack.services.map((service) => ({ process: service.name, peakRssMiB: service.peakRssMiB() }));
    const bench: BenchResults = {
      date: new Date().toISOString(),
      settings: { ...settings, store: settings.store.kind },
      seeded,
      measurements,
      ratios,
      memory,
      notes: leftOut,
      reportScenarios: scenarios.filter((scenario) => scenario.report).map((scenario) => scenario.key),
    };
    const outcome = await writeReport(bench);
    if (outcome.ratioDrift) failed = true;
  } finally {
    await stack.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}\n${USAGE}`);
  process.exit(1);
});
