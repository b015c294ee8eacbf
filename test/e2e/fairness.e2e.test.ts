import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { startStack, type Stack } from '@safety-graph/test-helpers';

const ROOT = join(__dirname, '..', '..');
const TEN_YEARS = { from: '2015-03-21', to: '2025-03-20' };

/** The query: 12 aliased ten-year monthly series over all regions × traffic, prevention and family. */
const heavyQuery = (aliases: number) => `query Heavy($period: PeriodInput!) {
  ${Array.from(
    { length: aliases },
    (_, i) => `s${i}: regions {
      code
      trafficSeries(period: $period, granularity: MONTH) { label stats { crashes fatalities injuries } }
      preventionSeries(period: $period, granularity: MONTH) { label stats { sessions peopleReached } }
      familySeries(period: $period, granularity: MONTH) { label stats { counselingSessions } }
    }`,
  ).join('\n')}
}`;

let stack: Stack;

beforeAll(async () => {
  // A queue window far shorter than computing one report, so that a burst is refused however fast the machine is.
  stack = await startStack('fairness', { MAX_CONCURRENT_PER_AGENCY: '1', CONCURRENCY_QUEUE_MS: '30' });
}, 300_000);
afterAll(() => stack?.stop());

describe('operation cost', () => {
  it("refuses the issue's 12 ten-year monthly series over every region before running it, with its cost and the limit", async () => {
    const token = await stack.token('HEALTH-IR-10', ['reports:read', 'agencies:read']);
    // The gateway looks the token's agency up once; do that first, so that what follows counts only the operation.
    await stack.query('{ regions(kind: PROVINCE) { code } }', {}, { token });
    const before = stack.subgraphRequests();
    const answer = await stack.query(heavyQuery(12), { period: TEN_YEARS }, { token });
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    const error = answer.errors![0];
    expect(error.extensions).toMatchObject({ code: 'COST_LIMIT', maxCost: stack.config.limits.maxCost });
    const cost = error.extensions!.cost as number;
    // 12 aliases × 510 regions (the country, 31 provinces, 478 counties) × 3 series × 120 months, each bucket several fields.
    expect(cost).toBeGreaterThan(12 * 510 * 3 * 120);
    expect(error.message).toContain(String(cost));
    expect(error.message).toContain(String(stack.config.limits.maxCost));
    // Refused before execution: no subgraph saw anything.
    expect(stack.subgraphRequests()).toBe(before);
  });

  it('counts series length, the regions asked for and page sizes, given in variables or not', async () => {
    const series = (aliases: number) => `query($period: PeriodInput!, $granularity: Granularity!, $codes: [String!]) {
      ${Array.from({ length: aliases }, (_, i) => `s${i}: regions(codes: $codes) { trafficSeries(period: $period, granularity: $granularity) { label stats { crashes fatalities } } }`).join('\n')} }`;
    const costOf = async (query: string, variables: Record<string, unknown>) => {
      const answer = await stack.query(query, variables, { scopes: ['reports:read', 'traffic:read', 'agencies:read'] });
      return answer.errors?.[0].extensions?.code === 'COST_LIMIT' ? (answer.errors[0].extensions.cost as number) : 'allowed';
    };
    const counties = Array.from({ length: 28 }, (_, i) => `IR-10-${String(i + 1).padStart(2, '0')}`);
    // One year of Solar months for every county: allowed.
    expect(await costOf(series(1), { period: { solarYear: 1404 }, granularity: 'SOLAR_MONTH', codes: counties })).toBe('allowed');
    // Ten years by month, four times over: refused, and the cost follows buckets × regions.
    const monthly = await costOf(series(4), { period: TEN_YEARS, granularity: 'MONTH', codes: counties });
    const quarterly = await costOf(series(4), { period: TEN_YEARS, granularity: 'QUARTER', codes: [...counties, ...counties, ...counties] });
    const halfTheRegions = await costOf(series(8), { period: TEN_YEARS, granularity: 'MONTH', codes: counties.slice(0, 14) });
    expect(monthly).toEqual(expect.any(Number));
    expect(quarterly).toEqual(expect.any(Number));
    expect(halfTheRegions).toBe(monthly);
    // 120 months ≈ 3 × 41 quarters (both cut to the period), with 3 × the regions.
    expect(Math.abs((quarterly as number) / (monthly as number) - 41 / 40)).toBeLessThan(0.05);
    // Ten years by year is cheap again: the granularity counts.
    expect(await costOf(series(4), { period: TEN_YEARS, granularity: 'YEAR', codes: counties })).toBe('allowed');
    // Page sizes, as variables: 12 pages of 10 crashes are fine, 12 of 500 are not.
    const pages = `query($first: Int) { ${Array.from({ length: 12 }, (_, i) => `c${i}: crashes(first: $first) { edges { node { id persons { role injury faultStatus ageBand } } } }`).join(' ')} }`;
    expect(await costOf(pages, { first: 10 })).toBe('allowed');
    expect(await costOf(pages, { first: 500 })).toEqual(expect.any(Number));
    // Without first, a connection counts its default page (50).
    expect(await costOf(pages.replace(/\(first: \$first\)/g, '').replace('query($first: Int) ', ''), {})).toBe(await costOf(pages, { first: 50 }));
  });

  it('keeps the standard reports and the README query under the limit', async () => {
    const reports = readdirSync(join(ROOT, 'reports')).filter((file) => file.endsWith('.graphql'));
    expect(reports.length).toBeGreaterThanOrEqual(3);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const readmeQueries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(readmeQueries.length).toBeGreaterThanOrEqual(1);
    const documents = [...reports.map((file) => readFileSync(join(ROOT, 'reports', file), 'utf8')), ...readmeQueries];
    const periods = [{ solarYear: 1404 }, { from: '2024-03-20', to: '2026-03-20' }];
    for (const document of documents) {
      const operation = parse(document).definitions[0] as OperationDefinitionNode;
      const declared = new Set(operation.variableDefinitions?.map((definition) => definition.variable.name.value));
      for (const period of periods) {
        const variables: Record<string, unknown> = {};
        if (declared.has('period')) variables.period = period;
        if (declared.has('region')) variables.region = 'IR-10';
        const answer = await stack.query(document, variables, {
          agency: 'POLICE-IR-10',
          scopes: ['agencies:read', 'agreements:read', 'traffic:read', 'addiction:read', 'family:read', 'reports:read'],
        });
        const label = operation.name?.value ?? 'README query';
        expect([label, answer.status, answer.errors?.map((error) => error.extensions?.code)]).toEqual([label, 200, undefined]);
      }
    }
  });
});

describe('concurrent operations per agency', () => {
  it('lets one agency run MAX_CONCURRENT_PER_AGENCY operations, queues the rest briefly, then refuses with 429 and Retry-After, and leaves other agencies alone', async () => {
    const report = readFileSync(join(ROOT, 'reports', 'counties-by-month.graphql'), 'utf8');
    const token = await stack.token('HEALTH-IR-10', ['reports:read', 'agencies:read']);
    // Each asks a period of its own, so every one is computed (none is a remembered answer) and holds the slot a while.
    const periodOf = (i: number) => ({ from: `2024-03-${String(11 + i).padStart(2, '0')}`, to: '2025-03-20' });
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => stack.query(report, { region: 'IR-10', period: periodOf(i) }, { token })));
    const other = await stack.query('{ regions(kind: PROVINCE) { code } }', {}, { agency: 'POLICE-IR-10' });
    const refused = burst.filter((answer) => answer.status === 429);
    const answered = burst.filter((answer) => answer.status === 200);
    // One runs at a time; those still waiting after CONCURRENCY_QUEUE_MS (30 ms) are refused.
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(answered.length + refused.length).toBe(10);
    for (const answer of refused) {
      expect(answer.errors![0].extensions).toMatchObject({ code: 'CONCURRENCY_LIMITED' });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer.data).toBeUndefined();
    }
    for (const answer of answered) expect(answer.errors).toBeUndefined();
    expect(other.status).toBe(200);
    expect(other.data).toEqual({ regions: Array.from({ length: 31 }, (_, i) => ({ code: `IR-${String(i).padStart(2, '0')}` })) });
    // Slots come back: the agency is served again once its operations are done.
    const again = await stack.query(report, { region: 'IR-10', period: { solarYear: 1404 } }, { token });
    expect(again.status).toBe(200);
  });
});
