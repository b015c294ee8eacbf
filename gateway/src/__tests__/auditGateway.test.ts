import { regionId, type Config } from '@safety-graph/shared';
import { dropTestDatabases, startStack, testConfig, type Stack } from '../../../test/helpers';
import { AuditLog, runAuditVerify, startGateway, type RunningGateway } from '..';

/**
 * The audit log as the gateway writes it: an intent row committed before any
 * subgraph is called, an outcome row after; nothing executes when the intent
 * cannot be written; variables that nest too deep are refused first;
 * unauthenticated floods are limited per address and summarized.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack('auditgw');
}, 180_000);
afterAll(() => stack?.stop());

const KASHAN_POLICE = { agency: 'POLICE-IR-10-12' };
const RECORD_VIOLATION = `mutation Fine($input: RecordViolationInput!) { recordViolation(input: $input) { id } }`;
const violation = (key: string) => ({ occurredAt: '2025-07-01T08:15:00Z', regionId: regionId('IR-10-12'), type: 'SPEEDING', idempotencyKey: key });

interface Row {
  seq: number;
  kind: string;
  request_id: string;
  agency_code: string | null;
  operation_name: string | null;
  operation_type: string | null;
  outcome: string;
  http_status: number;
  subgraphs: string;
  detail: string | null;
}

/** Reads a gateway's audit store through a second connection, as an auditor would. */
async function auditRows(config: Config, afterSeq = 0): Promise<Row[]> {
  const log = await AuditLog.open(config, { settings: { checkpointFile: null } });
  try {
    const rows: Row[] = await log.store.dataSource.query(
      'SELECT seq, kind, request_id, agency_code, operation_name, operation_type, outcome, http_status, subgraphs, detail FROM audit_entry WHERE seq > ? ORDER BY seq',
      [afterSeq],
    );
    return rows.map((row) => ({ ...row, seq: Number(row.seq), http_status: Number(row.http_status) }));
  } finally {
    await log.close();
  }
}

const lastSeq = async (config: Config) => (await auditRows(config)).reduce((max, row) => Math.max(max, row.seq), 0);

async function post(
  gateway: { url: string },
  body: string,
  token?: string,
): Promise<{ status: number; headers: Headers; json: { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as never };
}

/** A gateway of its own (own audit store, own limits) in front of the stack's subgraphs. */
async function ownGateway(label: string, overrides: NodeJS.ProcessEnv = {}): Promise<{ gateway: RunningGateway; config: Config }> {
  const config = testConfig(label, {
    DATA_DIR: stack.config.dataDir,
    DATABASE_PREFIX: `${stack.config.databasePrefix}${label}_`,
    ...overrides,
  });
  const urls = Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.url]));
  return { gateway: await startGateway({ config, port: 0, subgraphUrls: urls }), config };
}

describe('intent before execution, outcome after', () => {
  it('records the operation type and name: an intent row then an outcome row with the same request id', async () => {
    const before = await lastSeq(stack.config);
    const query = await stack.query('query Provinces { regions(kind: PROVINCE) { code } }');
    expect(query.errors).toBeUndefined();
    const mutation = await stack.query(RECORD_VIOLATION, { input: violation('audit-type-1') }, KASHAN_POLICE);
    expect(mutation.errors).toBeUndefined();
    const rows = await auditRows(stack.config, before);
    expect(
      rows.map(({ kind, operation_type, operation_name, outcome, http_status }) => ({ kind, operation_type, operation_name, outcome, http_status })),
    ).toEqual([
      { kind: 'intent', operation_type: 'query', operation_name: 'Provinces', outcome: 'STARTED', http_status: 0 },
      { kind: 'outcome', operation_type: 'query', operation_name: 'Provinces', outcome: 'OK', http_status: 200 },
      { kind: 'intent', operation_type: 'mutation', operation_name: 'Fine', outcome: 'STARTED', http_status: 0 },
      { kind: 'outcome', operation_type: 'mutation', operation_name: 'Fine', outcome: 'OK', http_status: 200 },
    ]);
    expect(rows[0].request_id).toBe(rows[1].request_id);
    expect(rows[2].request_id).toBe(rows[3].request_id);
    expect(rows[2].request_id).toBe(mutation.headers.get('x-request-id'));
    expect(rows[2].subgraphs).toBe(''); // written before any subgraph was called
    expect(rows[3].subgraphs).toBe('traffic');
    expect(rows[3].agency_code).toBe('POLICE-IR-10-12');
  });

  it('gives a request refused before it was resolved (syntax, validation) one row with its outcome', async () => {
    const before = await lastSeq(stack.config);
    // (A syntax error's status is the error-handling work's: only its single row is checked here.)
    const syntax = await stack.query('{ regions(kind: PROVINCE) { code }');
    expect((await stack.query('query Nope { noSuchField }')).status).toBe(400);
    const rows = await auditRows(stack.config, before);
    expect(rows.map(({ kind, outcome, operation_type, http_status }) => ({ kind, outcome, operation_type, http_status }))).toEqual([
      { kind: 'request', outcome: expect.any(String), operation_type: null, http_status: syntax.status },
      { kind: 'request', outcome: 'REJECTED', operation_type: null, http_status: 400 },
    ]);
  });

  it('keeps 20 concurrent requests in one intact chain, each answered after its rows', async () => {
    const before = await lastSeq(stack.config);
    const answers = await Promise.all([...Array(20).keys()].map(() => stack.query('{ regions(kind: PROVINCE) { code } }')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const rows = await auditRows(stack.config, before);
    expect(rows).toHaveLength(40);
    const ids = new Set(answers.map((answer) => answer.headers.get('x-request-id')));
    for (const kind of ['intent', 'outcome']) expect(new Set(rows.filter((row) => row.kind === kind).map((row) => row.request_id))).toEqual(ids);
    expect(await runAuditVerify(stack.config, () => undefined)).toBe(0);
  });
});

describe('nothing executes unaudited', () => {
  it('refuses variables nested 5,000 levels (unused) with 400 VARIABLES_TOO_DEEP before any subgraph sees the mutation', async () => {
    const before = await lastSeq(stack.config);
    const token = await stack.token('POLICE-IR-10-12');
    stack.subgraphRequests();
    const requestsBefore = stack.subgraphRequests();
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const input = JSON.stringify(violation('audit-deep-1'));
    const answer = await post(stack.gateway, `{"query":${JSON.stringify(RECORD_VIOLATION)},"variables":{"input":${input},"unused":${deep}}}`, token);
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]).toMatchObject({ extensions: { code: 'VARIABLES_TOO_DEEP' }, message: expect.stringMatching(/at most 32/) });
    expect(stack.subgraphRequests()).toBe(requestsBefore);
    // Variables 33 levels deep (the variables object is the first) are refused, 32 pass.
    const nest = (levels: number) => `${'['.repeat(levels - 1)}{}${']'.repeat(levels - 1)}`;
    expect((await post(stack.gateway, `{"query":"{ regions(kind: PROVINCE) { code } }","variables":{"x":${nest(32)}}}`, token)).status).toBe(400);
    expect((await post(stack.gateway, `{"query":"{ regions(kind: PROVINCE) { code } }","variables":{"x":${nest(31)}}}`, token)).status).toBe(200);
    // The same bound on GET, whose variables come in the query string.
    const get = await fetch(
      `${stack.gateway.url}?query=${encodeURIComponent('{ regions(kind: PROVINCE) { code } }')}&variables=${encodeURIComponent(`{"x":${nest(40)}}`)}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('VARIABLES_TOO_DEEP');
    expect(stack.subgraphRequests()).toBe(requestsBefore + 1);
    const rows = await auditRows(stack.config, before);
    expect(rows[0]).toMatchObject({ kind: 'request', outcome: 'VARIABLES_TOO_DEEP', http_status: 400, agency_code: null });
    expect(await runAuditVerify(stack.config, () => undefined)).toBe(0);
  });

  it('refuses the mutation (503 SERVICE_UNAVAILABLE) without calling any subgraph when the audit store cannot be written; /ready says so', async () => {
    const { gateway, config } = await ownGateway('adown');
    try {
      const token = await stack.token('POLICE-IR-10-12');
      // Warm: the token's agency is looked up (and cached) on the first request.
      expect((await post(gateway, JSON.stringify({ query: '{ regions(kind: PROVINCE) { code } }' }), token)).status).toBe(200);
      const readyBefore = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
      expect(((await readyBefore.json()) as { audit: string }).audit).toBe('ok');
      // Someone (or a fault) takes the table away; reads still work.
      const log = await AuditLog.open(config, { settings: { checkpointFile: null } });
      await log.store.dataSource.query('DROP TABLE audit_entry');
      await log.close();
      const requestsBefore = stack.subgraphRequests();
      const answer = await post(gateway, JSON.stringify({ query: RECORD_VIOLATION, variables: { input: violation('audit-down-1') } }), token);
      expect(answer.status).toBe(503);
      expect(answer.json.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(answer.json.errors![0].message).toMatch(/audit log/);
      expect(answer.json.data).toBeUndefined();
      expect(stack.subgraphRequests()).toBe(requestsBefore);
      const ready = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { audit: string }).audit).toBe('unavailable');
      // The same key through the stack's own gateway: the violation was never stored, so it is created now.
      const retried = await stack.query<{ recordViolation: { id: string } }>(RECORD_VIOLATION, { input: violation('audit-down-1') }, KASHAN_POLICE);
      expect(retried.errors).toBeUndefined();
    } finally {
      await gateway.stop().catch(() => undefined);
      await dropTestDatabases(config);
    }
  });
});

describe('unauthenticated requests', () => {
  it('are limited per address (429 + Retry-After) and counted in a metric and one summary row, not a row each', async () => {
    const { gateway, config } = await ownGateway('aflood', { UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '5', AUDIT_SUMMARY_INTERVAL_MS: '600000' });
    try {
      const before = await lastSeq(config);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let index = 0; index < 40; index += 1) {
        const answer = await post(gateway, JSON.stringify({ query: '{ regions { code } }' }), index % 2 === 0 ? undefined : 'not-a-token');
        statuses.push(answer.status);
        if (answer.status === 429) {
          retryAfter = answer.headers.get('retry-after');
          expect(answer.json.errors![0].extensions.code).toBe('RATE_LIMITED');
        }
      }
      expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
      expect(statuses.slice(5)).toEqual(Array(35).fill(429));
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // A partner with a valid token from the same address is not held back by the flood.
      const partner = await post(gateway, JSON.stringify({ query: '{ regions(kind: PROVINCE) { code } }' }), await stack.token('POLICE-IR-10'));
      expect(partner.status).toBe(200);
      const metrics = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
      expect(metrics).toMatch(/safety_graph_unauthenticated_requests_total\{outcome="UNAUTHENTICATED"\} 5\n/);
      expect(metrics).toMatch(/safety_graph_unauthenticated_requests_total\{outcome="RATE_LIMITED"\} 35\n/);
      // Only the partner's two rows so far; the summary is written at the interval or on shutdown.
      expect((await auditRows(config, before)).map((row) => row.kind)).toEqual(['intent', 'outcome']);
      await gateway.stop();
      const summary = (await auditRows(config, before)).filter((row) => row.kind === 'summary');
      expect(summary).toHaveLength(1);
      expect(JSON.parse(summary[0].detail!)).toMatchObject({ addresses: 1, requests: 40, rateLimited: 35 });
      expect(await runAuditVerify(config, () => undefined)).toBe(0);
    } finally {
      await gateway.stop().catch(() => undefined);
      await dropTestDatabases(config);
    }
  });
});
