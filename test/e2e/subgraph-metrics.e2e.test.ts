import { startStack, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('submetrics');
}, 180_000);
afterAll(() => stack?.stop());

const BENCH_CALLER = { subject: 'bench', agencyCode: 'POLICE-IR-10', scopes: new Set(['agencies:read']) };

async function statementCounter(headers: Record<string, string>): Promise<{ status: number; count?: number }> {
  const response = await fetch(stack.subgraphs.agencies.url.replace(/\/graphql$/, '/metrics'), { headers });
  const match = /^safety_graph_sql_statements_total (\d+)$/m.exec(await response.text());
  return { status: response.status, count: match ? Number(match[1]) : undefined };
}

describe("a subgraph's /metrics (the bench's SQL statement counter)", () => {
  it('refuses an unsigned request, like everything but /health', async () => {
    expect(await statementCounter({})).toEqual({ status: 401, count: undefined });
  });

  it('counts the SQL statements a request through the gateway costs the subgraph', async () => {
    const before = await statementCounter(stack.sign(BENCH_CALLER, '', undefined, { method: 'GET', url: '/metrics' }));
    expect(before.status).toBe(200);
    const answer = await stack.query('{ agencies(first: 5) { edges { node { code } } } }');
    expect(answer.errors).toBeUndefined();
    const after = await statementCounter(stack.sign(BENCH_CALLER, '', undefined, { method: 'GET', url: '/metrics' }));
    expect(after.count! - before.count!).toBeGreaterThan(0);
  });
});
