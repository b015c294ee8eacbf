import { agreements } from '@safety-graph/agreements';
import { startStack, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('joint', {
    // Counts the plan's own SQL statements: no answer from the gateway's memory, no store version reads (test/e2e/answer-cache tests those).
    ANSWER_CACHE_MB: '0',
  });
  // Scale 5 adds 200 synthetic MOUs beside the demo ones, for the batching check.
  await agreements.seed(stack.subgraphs.agreements.store, { scale: 5 });
}, 180_000);
afterAll(() => stack?.stop());

interface AgreementAnswer {
  agreement: {
    code: string;
    title: string;
    leadAgency: { code: string; name: string; region: { code: string; name: string } };
    parties: { role: string; agency: { code: string; name: string; kind: string } }[];
  } | null;
}

describe('the composed graph through the gateway', () => {
  it('joins an MOU with its lead agency, its region and its parties across two subgraphs', async () => {
    const result = await stack.query<AgreementAnswer>(
      `query($code: String!) { agreement(code: $code) { code title leadAgency { code name region { code name } } parties { role agency { code name kind } } } }`,
      { code: 'MOU-IR-10-TRAFFIC-1403' },
    );
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    const agreement = result.data!.agreement!;
    expect(agreement.leadAgency).toMatchObject({ code: 'TRAFFIC-POLICE-IR-10', name: 'Isfahan Traffic Police', region: { code: 'IR-10', name: 'Isfahan' } });
    const partyCodes = agreement.parties.map((party) => party.agency.code);
    expect(partyCodes).toEqual(expect.arrayContaining(['TRAFFIC-POLICE-IR-10', 'ROADS-IR-10', 'HEALTH-IR-10']));
    expect(agreement.parties.every((party) => party.agency.name.length > 0)).toBe(true);
  });

  it('goes from an agency to its MOUs and its counselling units, and from a region to its MOUs', async () => {
    const result = await stack.query<{
      agency: { agreements: { code: string }[]; counselingUnits: { name: string; region: { code: string } }[] };
      region: { agreements: { code: string }[] };
    }>(
      `{ agency(code: "POLICE-IR-10-12") { agreements { code } counselingUnits { name region { code } } }
         region(code: "IR-10") { agreements(status: ACTIVE) { code } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.agency.agreements.map((agreement) => agreement.code)).toContain('MOU-IR-10-12-ROADS-1404');
    expect(result.data!.agency.counselingUnits).toHaveLength(1);
    expect(result.data!.agency.counselingUnits[0].region.code).toBe('IR-10-12');
    expect(result.data!.region.agreements.map((agreement) => agreement.code)).toContain('MOU-IR-10-TRAFFIC-1403');
  });

  it('answers an MOU scorecard with actuals computed by the domain subgraphs, without inline fragments', async () => {
    const result = await stack.query<{
      agreement: { targets: { metric: string; region: { code: string }; actual: number | null; attainment: number | null }[] };
    }>(`{ agreement(code: "MOU-IR-10-TRAFFIC-1403") { targets { metric region { code } from to baseline target actual attainment } } }`);
    expect(result.errors).toBeUndefined();
    const deaths = result.data!.agreement.targets.find((target) => target.metric === 'ROAD_DEATHS' && target.region.code === 'IR-10');
    expect(deaths).toBeDefined();
    expect(deaths!.actual).not.toBeNull();
    expect(deaths!.attainment).not.toBeNull();
  });

  it('reads crashes with their region and reporting police across subgraphs', async () => {
    const result = await stack.query<{
      crashes: { totalCount: number; edges: { node: { severity: string; region: { kind: string }; reportedBy: { kind: string } } }[] };
    }>(
      `{ crashes(regionId: null, period: { solarYear: 1404 }, severity: FATAL, first: 5) { totalCount edges { node { severity fatalities region { kind } reportedBy { kind } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.crashes.totalCount).toBeGreaterThan(400);
    for (const { node } of result.data!.crashes.edges) {
      expect(node).toMatchObject({ severity: 'FATAL', region: { kind: 'COUNTY' }, reportedBy: { kind: 'POLICE' } });
    }
  });

  it('sends as many SQL statements for a page of 10 agreements with their parties as for 200', async () => {
    const page = (first: number) =>
      stack.query(
        `query($first: Int) { agreements(first: $first) { edges { node { code leadAgency { name region { name } } parties { role agency { name kind region { code } } } } } } }`,
        { first },
      );
    stack.statements();
    const few = await page(10);
    expect(few.errors).toBeUndefined();
    const forFew = stack.statements();
    const many = await page(200);
    expect(many.errors).toBeUndefined();
    const forMany = stack.statements();
    expect(forFew).toBeGreaterThan(0);
    expect(forMany).toBe(forFew);
  });

  it('reports bad arguments as BAD_USER_INPUT and hides internals', async () => {
    const result = await stack.query(`{ crashes(period: { from: "2025-03-01", to: "2024-03-01" }) { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result)).not.toMatch(/serviceName|stacktrace|SELECT|\/work\//);
  });

  it('serves /health and reports /ready when every subgraph and store answers', async () => {
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
