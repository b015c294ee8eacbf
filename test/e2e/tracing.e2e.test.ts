import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type RunningTracing } from '@safety-graph/shared';
import { instrumentJestModules, startStack, storeLabel, type Stack } from '@safety-graph/test-helpers';

// Tracing before the stack, as each service's main does; spans stay in memory.
const exporter = new InMemorySpanExporter();
let tracing: RunningTracing;
let stack: Stack;

beforeAll(async () => {
  tracing = startTracing({ service: 'safety-graph-test', exporter, simple: true });
  instrumentJestModules(tracing.instrumentations);
  stack = await startStack('tracing', {
    // Every request followed down to its SQL: none answered from the gateway's memory.
    ANSWER_CACHE_MB: '0',
  });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await tracing?.shutdown();
});

const JOINT_REPORT = `query($period: PeriodInput!) { region(code: "IR-10") {
  trafficStats(period: $period) { crashes fatalities injuries }
  preventionStats(period: $period) { sessions peopleReached suppressed }
  familyStats(period: $period) { counselingSessions casesOpened suppressed }
  children { code trafficStats(period: $period) { fatalities } familyStats(period: $period) { counselingSessions suppressed } }
} }`;

const CLIENT_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_SPAN = 'b7ad6b7169203331';

describe(`one trace from the gateway to the SQL (${storeLabel()})`, () => {
  it('follows the joint report from the client through the gateway and the subgraphs down to its statements', async () => {
    exporter.reset();
    const answer = await stack.query(
      JOINT_REPORT,
      { period: { solarYear: 1404 } },
      {
        scopes: ['agencies:read', 'traffic:read', 'addiction:read', 'family:read', 'reports:read'],
        headers: { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`, 'x-request-id': 'trace-joint-0001' },
      },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.headers.get('x-request-id')).toBe('trace-joint-0001');

    const spans = exporter.getFinishedSpans();
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const ancestors = (span: ReadableSpan): ReadableSpan[] => {
      const chain: ReadableSpan[] = [];
      for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId))
        chain.push(parent);
      return chain;
    };

    // The gateway's request continues the client's trace.
    const gateway = spans.find((span) => span.name === 'gateway request' && span.attributes['http.request.id'] === 'trace-joint-0001');
    expect(gateway).toBeDefined();
    expect(gateway!.spanContext().traceId).toBe(CLIENT_TRACE);
    expect(gateway!.parentSpanId).toBe(CLIENT_SPAN);
    const trace = spans.filter((span) => span.spanContext().traceId === CLIENT_TRACE);

    // Each domain subgraph served its part inside that trace, below the gateway's signed call to it.
    for (const subgraph of ['traffic', 'addiction', 'divorce']) {
      const served = trace.filter((span) => span.name === `${subgraph} request`);
      expect([subgraph, served.length]).not.toEqual([subgraph, 0]);
      for (const span of served) {
        const chain = ancestors(span);
        expect(chain[0].name).toMatch(/^POST 127\.0\.0\.1:\d+$/);
        expect(chain).toContain(gateway);
        expect(span.attributes['http.request.id']).toBe('trace-joint-0001');
        expect(span.attributes['http.response.status_code']).toBe(200);
      }
      // …and its statements hang below it: the mysql2 instrumentation's spans on MariaDB, the store's own on SQLite.
      const statements = trace.filter((span) => span.attributes['db.system'] !== undefined && ancestors(span).some((parent) => served.includes(parent)));
      expect([subgraph, statements.length]).not.toEqual([subgraph, 0]);
      for (const span of statements) {
        expect(span.attributes['db.system']).toBe(storeLabel() === 'mysql' ? 'mysql' : 'sqlite');
        // A read answers the report; a pooled connection opened for it first gets its session's statement time limit.
        expect(String(span.attributes['db.statement'])).toMatch(/^\s*(SELECT|WITH|SET SESSION max_(statement|execution)_time)/i);
      }
      expect(statements.some((span) => /^\s*(SELECT|WITH)/i.test(String(span.attributes['db.statement'])))).toBe(true);
    }
  });

  it('starts a trace of its own for a request that brings none', async () => {
    exporter.reset();
    const answer = await stack.query('{ agency(code: "POLICE-IR-10") { code } }');
    expect(answer.errors).toBeUndefined();
    const gateway = exporter.getFinishedSpans().find((span) => span.name === 'gateway request');
    expect(gateway).toBeDefined();
    expect(gateway!.parentSpanId).toBeUndefined();
    const agencies = exporter.getFinishedSpans().find((span) => span.name === 'agencies request');
    expect(agencies?.spanContext().traceId).toBe(gateway!.spanContext().traceId);
  });
});
