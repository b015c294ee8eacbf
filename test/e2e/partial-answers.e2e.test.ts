import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_LAST_FULL_SOLAR_YEAR } from '@safety-graph/shared';
import { startStack, type Stack } from '@safety-graph/test-helpers';

/**
 * Partial answers by design (CONTRACT "Tokens and scopes"): a field another
 * domain contributes, or one that needs a scope the entity's readers may lack,
 * is nullable, so a refusal nulls that field alone with FORBIDDEN on its own
 * path. Every default token of every agency kind in the demo runs the standard
 * reports and the README's queries, plus the pages the issue found broken.
 */

const ROOT = join(__dirname, '..', '..');

/** The fields a caller's scopes or agency may refuse; an error anywhere else is a null parent or a fault. */
const GUARDED_FIELDS = new Set([
  'trafficCampaigns',
  'preventionPrograms',
  'trafficStats',
  'trafficSeries',
  'preventionStats',
  'preventionSeries',
  'familyStats',
  'familySeries',
  'actual',
  'counselingUnits',
  'agreements',
  'email',
  'phone',
]);

interface DemoAgency {
  code: string;
  kind: string;
  scopes: string[];
}

interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

function operations(ownAgencyCode: string): Operation[] {
  const variables = { region: 'IR-10', period: { solarYear: DEMO_LAST_FULL_SOLAR_YEAR }, code: 'MOU-IR-10-TRAFFIC-1403' };
  const reports = readdirSync(join(ROOT, 'reports'))
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ name: `reports/${file}`, query: readFileSync(join(ROOT, 'reports', file), 'utf8'), variables }));
  const readmeQueries = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `README query ${index + 1}`,
    query: match[1],
    variables: {},
  }));
  const found = [
    {
      name: 'MOU list with what each domain contributes',
      query: `{ agreements(first: 50) { edges { node { code trafficCampaigns { title } preventionPrograms { title }
                targets { metric actual attainment } } } } }`,
      variables: {},
    },
    {
      name: 'own agency page',
      query: `query Own($code: String!) { agency(code: $code) { code name region { name }
                liaisons { name email phone } counselingUnits { name } agreements { code } } }`,
      variables: { code: ownAgencyCode },
    },
    {
      name: 'county stats',
      query: `query Counties($period: PeriodInput!) { regions(parentCode: "IR-10") { code name agreements { code }
                trafficStats(period: $period) { fatalities } preventionStats(period: $period) { sessions }
                familyStats(period: $period) { counselingSessions } } }`,
      variables: { period: { solarYear: DEMO_LAST_FULL_SOLAR_YEAR } },
    },
  ];
  expect(reports.length).toBeGreaterThanOrEqual(3);
  expect(readmeQueries.length).toBeGreaterThanOrEqual(1);
  return [...reports, ...readmeQueries, ...found];
}

/** What is wrong with one answer; empty when every refusal nulls only the refused field. */
function problems(answer: {
  status: number;
  data?: unknown;
  errors?: ReadonlyArray<{ path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}): string[] {
  const found: string[] = [];
  if (answer.status !== 200) found.push(`HTTP ${answer.status}`);
  if (answer.data === null || answer.data === undefined) return [...found, 'data is null'];
  for (const error of answer.errors ?? []) {
    const path = error.path ?? [];
    const where = path.join('.') || '(no path)';
    if (error.extensions?.code !== 'FORBIDDEN') found.push(`${where}: ${String(error.extensions?.code)}`);
    const last = path[path.length - 1];
    if (typeof last !== 'string' || !GUARDED_FIELDS.has(last)) found.push(`${where}: the error does not end at a guarded field`);
    let value: unknown = answer.data;
    for (const [index, key] of path.entries()) {
      if (value === null || typeof value !== 'object') {
        found.push(`${where}: ${path.slice(0, index).join('.')} is null because of a child`);
        break;
      }
      value = (value as Record<string | number, unknown>)[key];
    }
  }
  return found;
}

let stack: Stack;
let demo: DemoAgency[];

beforeAll(async () => {
  stack = await startStack('partial');
  const response = await fetch(new URL('/dev/agencies', stack.gateway.url));
  demo = (await response.json()) as DemoAgency[];
}, 180_000);
afterAll(() => stack?.stop());

test('every default token of every agency kind gets partial answers, never a null parent', async () => {
  const kinds = new Set(demo.map((agency) => agency.kind));
  expect(kinds.size).toBeGreaterThanOrEqual(5);
  const failures: string[] = [];
  let refusals = 0;
  // Warm the stores' suppression tables and answer caches first (one agency, uncounted): a cold national-width
  // table decided under eleven agencies' load can outlast the subgraph timeout, which this walk does not test.
  const warming = demo.find((candidate) => candidate.scopes.includes('reports:read')) ?? demo[0];
  for (const operation of operations(warming.code)) await stack.query(operation.query, operation.variables, { agency: warming.code, scopes: warming.scopes });
  // One agency of each kind at a time in parallel, its operations in turn.
  await Promise.all(
    [...kinds].map(async (kind) => {
      const agency = demo.find((candidate) => candidate.kind === kind)!;
      for (const operation of operations(agency.code)) {
        const answer = await stack.query(operation.query, operation.variables, { agency: agency.code, scopes: agency.scopes });
        refusals += answer.errors?.length ?? 0;
        for (const problem of problems(answer)) failures.push(`${agency.code} ${operation.name}: ${problem}`);
      }
    }),
  );
  expect(failures.sort()).toEqual([]);
  // The walk must meet refusals to prove anything: WELFARE may not read traffic, ROADS not family.
  expect(refusals).toBeGreaterThan(0);
}, 600_000);

test('a token without reports:read gets the region with its statistics null and FORBIDDEN on each', async () => {
  const answer = await stack.query(
    `query ($period: PeriodInput!) { region(code: "IR-10") { name trafficStats(period: $period) { fatalities }
       preventionStats(period: $period) { sessions } familyStats(period: $period) { counselingSessions } } }`,
    { period: { solarYear: DEMO_LAST_FULL_SOLAR_YEAR } },
    { agency: 'POLICE-IR-10', scopes: ['agencies:read', 'traffic:read', 'addiction:read', 'family:read'] },
  );
  expect(problems(answer)).toEqual([]);
  expect(answer.data).toEqual({ region: { name: expect.any(String), trafficStats: null, preventionStats: null, familyStats: null } });
  expect((answer.errors ?? []).map((error) => error.path?.join('.')).sort()).toEqual(['region.familyStats', 'region.preventionStats', 'region.trafficStats']);
});

test('a welfare office asking an MOU for its traffic campaigns keeps the MOU', async () => {
  const answer = await stack.query(`{ agreement(code: "MOU-IR-10-TRAFFIC-1403") { code trafficCampaigns { title } } }`, {}, { agency: 'WELFARE-IR-10' });
  expect(problems(answer)).toEqual([]);
  expect(answer.data).toEqual({ agreement: { code: 'MOU-IR-10-TRAFFIC-1403', trafficCampaigns: null } });
  expect(answer.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([['agreement.trafficCampaigns', 'FORBIDDEN']]);
});
