import { startStack, type Stack } from '@safety-graph/test-helpers';
import { defaultScopesFor, regionId, type Caller } from '@safety-graph/shared';

/**
 * The gateway keeps whole answers per caller and serves one again only while
 * the stores it came from are unchanged (gateway/src/answerCache.ts): asked
 * again, no subgraph runs it; asked by another caller, it runs; after a
 * write carried by this gateway the next answer shows it, after one it did
 * not carry (another replica's, an import's) every answer asked
 * ANSWER_CACHE_FRESH_MS later does.
 */
let stack: Stack;
/** How long a store version read stands for writes the gateway did not carry (ANSWER_CACHE_FRESH_MS). */
const FRESH_MS = 400;

beforeAll(async () => {
  stack = await startStack('answercache', { ANSWER_CACHE_FRESH_MS: String(FRESH_MS) });
}, 180_000);
afterAll(() => stack?.stop());

const ANALYST = { agency: 'HEALTH-IR-10', scopes: ['agencies:read', 'reports:read'] };
const KASHAN = 'IR-10-12';

interface Answer {
  region: { trafficStats: { crashes: number; fatalities: number }; familyStats: { counselingSessions: number | null } };
}

const REPORT = `query Kashan($period: PeriodInput!) {
  region(code: "${KASHAN}") {
    trafficStats(period: $period) { crashes fatalities }
    familyStats(period: $period) { counselingSessions }
  }
}`;
const PERIOD = { period: { solarYear: 1404 } };

/** The report and how many GraphQL requests the subgraphs got for it. */
async function ask(options: { agency: string; scopes?: string[] } = ANALYST) {
  const before = stack.subgraphRequests();
  const answer = await stack.query<Answer>(REPORT, PERIOD, options);
  return { answer, subgraphRequests: stack.subgraphRequests() - before };
}

const CRASH = `mutation($input: ReportCrashInput!) { reportCrash(input: $input) { id } }`;
const crashInput = (minute: number) => ({
  occurredAt: `2025-06-01T18:${String(minute).padStart(2, '0')}:00+03:30`,
  regionId: regionId(KASHAN),
  roadType: 'URBAN',
  persons: [{ role: 'PEDESTRIAN', injury: 'K', faultStatus: 'NOT_AT_FAULT', ageBand: '65+' }],
});

describe('remembered answers', () => {
  it('answers a repeated query without the subgraphs, and only to the same caller', async () => {
    const first = await ask();
    expect(first.answer.errors).toBeUndefined();
    expect(first.subgraphRequests).toBeGreaterThan(0);

    const again = await ask();
    expect(again.answer.errors).toBeUndefined();
    expect(again.answer.data).toEqual(first.answer.data);
    expect(again.subgraphRequests).toBe(0);

    // Another agency: its own answer, from the subgraphs.
    const other = await ask({ agency: 'WELFARE-IR-10', scopes: ANALYST.scopes });
    expect(other.answer.errors).toBeUndefined();
    expect(other.subgraphRequests).toBeGreaterThan(0);

    // The same agency with fewer scopes: refused as it would be, never the remembered answer.
    const narrower = await ask({ agency: ANALYST.agency, scopes: ['agencies:read'] });
    expect(narrower.answer.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
  });

  it('shows a write made through the gateway in the next answer', async () => {
    const before = await ask();
    const written = await stack.query(CRASH, { input: crashInput(10) }, { agency: 'POLICE-IR-10-12' });
    expect(written.errors).toBeUndefined();
    const after = await ask();
    expect(after.subgraphRequests).toBeGreaterThan(0);
    expect(after.answer.data?.region.trafficStats).toEqual({
      crashes: before.answer.data!.region.trafficStats.crashes + 1,
      fatalities: before.answer.data!.region.trafficStats.fatalities + 1,
    });
    // Remembered again until the next write.
    expect((await ask()).subgraphRequests).toBe(0);
  });

  it('shows a write the gateway never saw (another replica, an import) once its store version is read again', async () => {
    const before = await ask();
    expect((await ask()).subgraphRequests).toBe(0);
    // Sent to the traffic subgraph itself, signed as a gateway replica would: this gateway knows nothing of it.
    const writer: Caller = { subject: 'officer@POLICE-IR-10-12', agencyCode: 'POLICE-IR-10-12', scopes: new Set(defaultScopesFor('POLICE')) };
    const body = JSON.stringify({ query: CRASH, variables: { input: crashInput(20) } });
    const direct = await stack.subgraphPost('traffic', body, stack.sign(writer, body));
    expect(direct.status).toBe(200);
    expect(direct.json.errors).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, FRESH_MS + 100));
    const after = await ask();
    expect(after.subgraphRequests).toBeGreaterThan(0);
    expect(after.answer.data?.region.trafficStats.fatalities).toBe(before.answer.data!.region.trafficStats.fatalities + 1);
  });

  it('never remembers an answer with errors', async () => {
    const refused = await ask({ agency: ANALYST.agency, scopes: ['agencies:read'] });
    expect(refused.answer.errors).toBeDefined();
    const again = await ask({ agency: ANALYST.agency, scopes: ['agencies:read'] });
    expect(again.answer.errors).toBeDefined();
    expect(again.subgraphRequests).toBeGreaterThan(0);
  });
});
