import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { agreements } from '@safety-graph/agreements';
import { regionId } from '@safety-graph/shared';
import { startStack, type Stack } from '@safety-graph/test-helpers';

/**
 * `npm run bench`: the whole graph in one process on a fresh store (SQLite, or
 * MySQL/MariaDB with DATABASE_URL), seeded at `--scale`, then each scenario
 * under load through the gateway. Prints throughput and latency, the SQL
 * statements one request costs, and the ratios that must stay at 1.0 (a
 * bigger answer must not cost more statements). Targets live here, not in
 * timed tests.
 */
interface Scenario {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const STATS = `trafficStats(period: $period) { fatalities fatalitiesNotAtFault injuries }
  preventionStats(period: $period) { peopleReached exhibitionVisits referralsToTreatment suppressed }
  familyStats(period: $period) { freeCounselingSessions casesOpened suppressed }`;
const JOINT = `query($period: PeriodInput!, $codes: [String!], $kind: RegionKind) { regions(codes: $codes, kind: $kind) { code ${STATS} } }`;
const AGREEMENTS = `query($first: Int) { agreements(first: $first) { edges { node { code leadAgency { name region { name } } parties { role agency { name } } } } } }`;

const SCENARIOS: Scenario[] = [
  { name: 'joint report, 24 counties, 1404', query: JOINT, variables: { period: { solarYear: 1404 }, kind: 'COUNTY' } },
  { name: 'MOU page of 50 with parties', query: AGREEMENTS, variables: { first: 50 } },
  {
    name: 'fatal crashes page of 100',
    query: `query($region: ID) { crashes(regionId: $region, severity: FATAL, first: 100, period: { solarYear: 1404 }) { totalCount edges { node { occurredAt fatalities persons { role injury faultStatus } region { name } } } } }`,
    variables: { region: regionId('IR-10') },
  },
  {
    name: 'MOU scorecards',
    query: `{ agreements(status: ACTIVE) { edges { node { code targets { metric region { code } actual attainment } } } } }`,
  },
];

async function statementsFor(stack: Stack, query: string, variables: Record<string, unknown>): Promise<number> {
  const answer = await stack.query(query, variables);
  if (answer.errors) throw new Error(`${JSON.stringify(answer.errors)}`);
  stack.statements();
  await stack.query(query, variables);
  return stack.statements();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, connections: { type: 'string' }, scale: { type: 'string' } } });
  const seconds = Number(values.seconds ?? 8);
  const connections = Number(values.connections ?? 8);
  const scale = Number(values.scale ?? 1);
  const stack = await startStack('bench', { RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
  try {
    if (scale > 1) await agreements.seed(stack.subgraphs.agreements.store, { scale });
    else await agreements.seed(stack.subgraphs.agreements.store, { scale: 5 });
    const token = await stack.token('POLICE-IR-10');
    const rows: Record<string, string | number>[] = [];
    for (const scenario of SCENARIOS) {
      const statements = await statementsFor(stack, scenario.query, scenario.variables ?? {});
      const result = await autocannon({
        url: stack.gateway.url,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: scenario.query, variables: scenario.variables ?? {} }),
      });
      rows.push({
        scenario: scenario.name,
        'req/s': Math.round(result.requests.average),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        errors: result.errors + result.non2xx,
        'SQL/request': statements,
      });
    }
    const ratio = async (query: string, small: Record<string, unknown>, large: Record<string, unknown>) =>
      ((await statementsFor(stack, query, large)) / (await statementsFor(stack, query, small))).toFixed(2);
    const ratios = [
      { ratio: 'SQL, joint report 24 counties ÷ 3 counties', value: await ratio(JOINT, { period: { solarYear: 1404 }, codes: ['IR-10-01', 'IR-10-12', 'IR-10-19'] }, { period: { solarYear: 1404 }, kind: 'COUNTY' }), target: '1.00' },
      { ratio: 'SQL, 200 MOUs with parties ÷ 10 MOUs', value: await ratio(AGREEMENTS, { first: 10 }, { first: 200 }), target: '1.00' },
    ];
    console.log(`\nsafety-graph bench: ${seconds} s × ${connections} connections per scenario, ${stack.config.env.DATABASE_URL ? 'MySQL/MariaDB' : 'SQLite'}, scale ${scale}`);
    console.table(rows);
    console.table(ratios);
    console.log(`resident memory after the run: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB (one process: gateway and five subgraphs)`);
    const failed = ratios.filter((row) => row.value !== row.target);
    if (failed.length > 0 || rows.some((row) => Number(row.errors) > 0)) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
