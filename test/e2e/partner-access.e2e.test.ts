import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { runAuditVerify, startGateway } from '@safety-graph/gateway';
import { agencyId, defaultScopesFor, DEVELOPMENT_ISSUER, referenceAgencies, regionId, type Caller, type SubgraphName } from '@safety-graph/shared';
import { dropTestDatabases, startStack, testConfig, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;
const KIND = new Map(referenceAgencies().map((agency) => [agency.code, agency.kind]));

beforeAll(async () => {
  stack = await startStack('access');
}, 180_000);
afterAll(() => stack?.stop());

/** Ids of one record of each kind, found as the Kashan police (who may see all of them). */
interface Samples {
  crashId: string;
  violationId: string;
  campaignId: string;
  programId: string;
  referralId: string;
  referralParties: string[];
  unitId: string;
  caseId: string;
  familyProgramId: string;
  agreementId: string;
  targetIds: Record<'TrafficTarget' | 'PreventionTarget' | 'FamilyTarget', string>;
}

async function samples(): Promise<Samples> {
  const answer = await stack.query<{
    crashes: { edges: { node: { id: string } }[] };
    violations: { edges: { node: { id: string } }[] };
    trafficCampaigns: { id: string }[];
    preventionPrograms: { edges: { node: { id: string } }[] };
    treatmentReferrals: { edges: { node: { id: string; fromAgency: { code: string }; toAgency: { code: string } } }[] };
    counselingUnits: { id: string }[];
    counselingCases: { edges: { node: { id: string } }[] };
    familyPrograms: { id: string }[];
    agreements: { edges: { node: { id: string; targets: { __typename: string; id: string }[] } }[] };
  }>(
    `{ crashes(first: 1) { edges { node { id } } } violations(first: 1) { edges { node { id } } } trafficCampaigns { id }
       preventionPrograms(first: 1) { edges { node { id } } } treatmentReferrals(first: 1) { edges { node { id fromAgency { code } toAgency { code } } } }
       counselingUnits(regionId: "${regionId('IR-10-12')}") { id } counselingCases(first: 1) { edges { node { id } } }
       familyPrograms { id } agreements(status: ACTIVE) { edges { node { id targets { __typename id } } } } }`,
    {},
    { agency: 'POLICE-IR-10-12' },
  );
  expect(answer.errors).toBeUndefined();
  const data = answer.data!;
  const targets = data.agreements.edges.flatMap((edge) => edge.node.targets);
  const targetOf = (type: string) => targets.find((target) => target.__typename === type)!.id;
  return {
    crashId: data.crashes.edges[0].node.id,
    violationId: data.violations.edges[0].node.id,
    campaignId: data.trafficCampaigns[0].id,
    programId: data.preventionPrograms.edges[0].node.id,
    referralId: data.treatmentReferrals.edges[0].node.id,
    referralParties: [data.treatmentReferrals.edges[0].node.fromAgency.code, data.treatmentReferrals.edges[0].node.toAgency.code],
    unitId: data.counselingUnits.find(Boolean)!.id,
    caseId: data.counselingCases.edges[0].node.id,
    familyProgramId: data.familyPrograms[0].id,
    agreementId: data.agreements.edges[0].node.id,
    targetIds: { TrafficTarget: targetOf('TrafficTarget'), PreventionTarget: targetOf('PreventionTarget'), FamilyTarget: targetOf('FamilyTarget') },
  };
}

/** The agencies of the matrix and what they hold: the demo defaults by kind, plus one with a single scope. */
const CALLERS: { code: string; scopes: string[] }[] = [
  ...['POLICE-IR-10-12', 'HEALTH-IR-10-12', 'WELFARE-IR-10-12', 'JUDICIARY-IR-10', 'ROADS-IR-10'].map((code) => ({
    code,
    scopes: defaultScopesFor(KIND.get(code)!),
  })),
  { code: 'EDUCATION-IR-10', scopes: ['traffic:read'] },
];

describe('access matrix', () => {
  it('gives every agency exactly what its scopes and its records allow, through root fields and _entities', async () => {
    const ids = await samples();
    const rootFields: { field: string; scope: string; query: string }[] = [
      { field: 'region', scope: 'agencies:read', query: '{ region(code: "IR-10") { code } }' },
      { field: 'regions', scope: 'agencies:read', query: '{ regions(kind: PROVINCE) { code } }' },
      { field: 'agency', scope: 'agencies:read', query: '{ agency(code: "HEALTH-IR-10") { code } }' },
      { field: 'agencies', scope: 'agencies:read', query: '{ agencies(first: 2) { totalCount } }' },
      { field: 'agreement', scope: 'agreements:read', query: '{ agreement(code: "MOU-IR-10-FAMILY-1403") { code } }' },
      { field: 'agreements', scope: 'agreements:read', query: '{ agreements(first: 2) { totalCount } }' },
      { field: 'crashes', scope: 'traffic:read', query: '{ crashes(first: 2) { totalCount } }' },
      { field: 'crash', scope: 'traffic:read', query: `{ crash(id: "${ids.crashId}") { id } }` },
      { field: 'violations', scope: 'traffic:read', query: '{ violations(first: 2) { totalCount } }' },
      { field: 'trafficCampaigns', scope: 'traffic:read', query: '{ trafficCampaigns { id } }' },
      { field: 'preventionProgram', scope: 'addiction:read', query: `{ preventionProgram(id: "${ids.programId}") { id } }` },
      { field: 'preventionPrograms', scope: 'addiction:read', query: '{ preventionPrograms(first: 2) { totalCount } }' },
      {
        field: 'treatmentReferrals',
        scope: 'addiction:read',
        query: '{ treatmentReferrals(first: 500) { totalCount edges { node { fromAgency { code } toAgency { code } } } } }',
      },
      { field: 'counselingUnit', scope: 'family:read', query: `{ counselingUnit(id: "${ids.unitId}") { id } }` },
      { field: 'counselingUnits', scope: 'family:read', query: '{ counselingUnits { id } }' },
      {
        field: 'counselingCases',
        scope: 'family:read',
        query: '{ counselingCases(first: 500) { totalCount edges { node { unit { hostAgency { code } } sessions { heldOn } } } } }',
      },
      { field: 'familyPrograms', scope: 'family:read', query: '{ familyPrograms { id } }' },
    ];
    // An entity a subgraph only extends answers its bare reference to anyone; the scope guards the field it contributes.
    const entities: {
      typename: string;
      subgraph: SubgraphName;
      scope: string;
      id: string;
      extra?: Record<string, unknown>;
      owner?: (caller: string) => boolean;
      field?: string;
    }[] = [
      { typename: 'Region', subgraph: 'agencies', scope: 'agencies:read', id: regionId('IR-10') },
      { typename: 'Agency', subgraph: 'agencies', scope: 'agencies:read', id: agencyId('HEALTH-IR-10') },
      { typename: 'Agreement', subgraph: 'agreements', scope: 'agreements:read', id: ids.agreementId },
      { typename: 'TrafficTarget', subgraph: 'agreements', scope: 'agreements:read', id: ids.targetIds.TrafficTarget },
      { typename: 'PreventionTarget', subgraph: 'agreements', scope: 'agreements:read', id: ids.targetIds.PreventionTarget },
      { typename: 'FamilyTarget', subgraph: 'agreements', scope: 'agreements:read', id: ids.targetIds.FamilyTarget },
      { typename: 'Crash', subgraph: 'traffic', scope: 'traffic:read', id: ids.crashId },
      { typename: 'Violation', subgraph: 'traffic', scope: 'traffic:read', id: ids.violationId },
      { typename: 'TrafficCampaign', subgraph: 'traffic', scope: 'traffic:read', id: ids.campaignId },
      { typename: 'Agreement', subgraph: 'traffic', scope: 'traffic:read', id: ids.agreementId, field: 'trafficCampaigns { id }' },
      { typename: 'PreventionProgram', subgraph: 'addiction', scope: 'addiction:read', id: ids.programId },
      { typename: 'Agreement', subgraph: 'addiction', scope: 'addiction:read', id: ids.agreementId, field: 'preventionPrograms { id }' },
      {
        typename: 'TreatmentReferral',
        subgraph: 'addiction',
        scope: 'addiction:read',
        id: ids.referralId,
        owner: (code) => ids.referralParties.includes(code),
      },
      { typename: 'CounselingUnit', subgraph: 'divorce', scope: 'family:read', id: ids.unitId },
      { typename: 'CounselingCase', subgraph: 'divorce', scope: 'family:read', id: ids.caseId, owner: (code) => code === 'POLICE-IR-10-12' },
      { typename: 'FamilyProgram', subgraph: 'divorce', scope: 'family:read', id: ids.familyProgramId },
      { typename: 'Agency', subgraph: 'divorce', scope: 'family:read', id: agencyId('POLICE-IR-10-12'), field: 'counselingUnits { id }' },
      {
        typename: 'TrafficTarget',
        subgraph: 'traffic',
        scope: 'reports:read',
        id: 'scorecard',
        extra: { metric: 'ROAD_DEATHS', regionId: regionId('IR-10'), from: '2025-03-21', to: '2026-03-20' },
        field: 'actual',
      },
    ];

    const mismatches: string[] = [];
    let cells = 0;
    let allowedCells = 0;
    for (const caller of CALLERS) {
      for (const { field, scope, query } of rootFields) {
        cells += 1;
        const answer = await stack.query<Record<string, unknown>>(query, {}, { agency: caller.code, scopes: caller.scopes });
        const forbidden = answer.errors?.some((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.[0] === field) ?? false;
        const allowed = caller.scopes.includes(scope);
        if (allowed) allowedCells += 1;
        if (allowed && (forbidden || answer.data?.[field] == null))
          mismatches.push(`${caller.code} ${field}: expected allowed, got ${JSON.stringify(answer.errors)}`);
        if (!allowed && (!forbidden || answer.data?.[field] != null)) mismatches.push(`${caller.code} ${field}: expected FORBIDDEN, got data`);
        if (allowed && field === 'treatmentReferrals' && answer.data?.treatmentReferrals) {
          const edges = (answer.data!.treatmentReferrals as { edges: { node: { fromAgency: { code: string }; toAgency: { code: string } } }[] }).edges;
          if (edges.some(({ node }) => node.fromAgency.code !== caller.code && node.toAgency.code !== caller.code))
            mismatches.push(`${caller.code} saw another agency's referral`);
        }
        if (allowed && field === 'counselingCases' && answer.data?.counselingCases) {
          const edges = (answer.data!.counselingCases as { edges: { node: { unit: { hostAgency: { code: string } } } }[] }).edges;
          if (edges.some(({ node }) => node.unit.hostAgency.code !== caller.code)) mismatches.push(`${caller.code} saw another agency's counselling case`);
        }
      }
      const asCaller: Caller = { subject: `matrix@${caller.code}`, agencyCode: caller.code, scopes: new Set(caller.scopes) };
      for (const entity of entities) {
        cells += 1;
        const body = JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ${entity.field ? `... on ${entity.typename} { ${entity.field} }` : ''} } }`,
          variables: { r: [{ __typename: entity.typename, id: entity.id, ...entity.extra }] },
        });
        const { status, json } = await stack.subgraphPost(entity.subgraph, body, stack.sign(asCaller, body));
        const entry = (json.data as { _entities: (Record<string, unknown> | null)[] } | undefined)?._entities?.[0] ?? null;
        const found = entity.field && entry ? (entry[entity.field.split(' ')[0]] ?? null) : entry;
        const forbidden = json.errors?.some((error) => error.extensions?.code === 'FORBIDDEN') ?? false;
        const allowed = caller.scopes.includes(entity.scope);
        const visible = allowed && (entity.owner ? entity.owner(caller.code) : true);
        if (visible) allowedCells += 1;
        const label = `${caller.code} _entities ${entity.typename}@${entity.subgraph}`;
        if (status !== 200) mismatches.push(`${label}: HTTP ${status}`);
        else if (!allowed && (!forbidden || found !== null)) mismatches.push(`${label}: expected FORBIDDEN`);
        else if (allowed && !visible && found !== null) mismatches.push(`${label}: expected null for a non-party`);
        else if (visible && found === null) mismatches.push(`${label}: expected the record, got ${JSON.stringify(json.errors)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(CALLERS.length * (rootFields.length + entities.length));
    expect(allowedCells).toBeGreaterThan(cells / 3);
    expect(allowedCells).toBeLessThan(cells);
  }, 120_000);

  it('shows police, health and welfare some treatment referrals each, none all of them', async () => {
    const totals: number[] = [];
    for (const code of ['POLICE-IR-10-12', 'HEALTH-IR-10-12', 'WELFARE-IR-10-12', 'NARCOTICS-POLICE-IR-10']) {
      const answer = await stack.query<{ treatmentReferrals: { totalCount: number } }>('{ treatmentReferrals { totalCount } }', {}, { agency: code });
      expect(answer.errors).toBeUndefined();
      totals.push(answer.data!.treatmentReferrals.totalCount);
    }
    const all = await stack.subgraphs.addiction.store.dataSource.query('SELECT COUNT(*) AS n FROM treatment_referral');
    for (const total of totals) {
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThan(Number(all[0].n));
    }
  });
});

describe('gateway to subgraph trust', () => {
  const operations = ['{ _service { sdl } }', `query { _entities(representations: [{ __typename: "Region", id: "${regionId('IR-10')}" }]) { __typename } }`];
  const caller: Caller = {
    subject: 'intruder',
    agencyCode: 'POLICE-IR-10',
    scopes: new Set(['agencies:read', 'traffic:read', 'addiction:read', 'family:read', 'agreements:read']),
  };

  it.each(['agencies', 'agreements', 'traffic', 'addiction', 'divorce'] as SubgraphName[])(
    '%s refuses unsigned, wrongly signed, stale and body-swapped requests, and serves only /health openly',
    async (name) => {
      for (const query of operations) {
        const body = JSON.stringify({ query });
        const refusals = [
          await stack.subgraphPost(name, body, {}),
          await stack.subgraphPost(name, body, { ...stack.sign(caller, body), 'x-safety-signature': 'ab'.repeat(32) }),
          await stack.subgraphPost(name, body, stack.sign(caller, body, Date.now() - 120_000)),
          await stack.subgraphPost(name, JSON.stringify({ query: `${query} ` }), stack.sign(caller, body)),
        ];
        for (const refusal of refusals) {
          expect(refusal.status).toBe(401);
          expect(refusal.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
          expect(refusal.json.data).toBeUndefined();
        }
        const signed = await stack.subgraphPost(name, body, stack.sign(caller, body));
        expect(signed.status).toBe(200);
      }
      const base = stack.subgraphs[name].url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/ready`)).status).toBe(401);
      expect((await fetch(`${stack.subgraphs[name].url}?query=%7B__typename%7D`)).status).toBe(405);
    },
  );
});

describe('tokens', () => {
  async function forged(
    claims: Record<string, unknown>,
    options: { secret?: Uint8Array; audience?: string; expires?: number; issuer?: string; issuedAt?: number | null } = {},
  ) {
    const secret = options.secret ?? new Uint8Array(Buffer.from('0'.repeat(64)));
    const token = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer(options.issuer ?? DEVELOPMENT_ISSUER)
      .setAudience(options.audience ?? 'safety-graph');
    if (options.issuedAt !== null) token.setIssuedAt(options.issuedAt ?? Math.floor(Date.now() / 1000));
    return token.setExpirationTime(options.expires ?? Math.floor(Date.now() / 1000) + 3600).sign(secret);
  }

  it('refuses a missing, malformed, foreign, expired, wrong-audience, wrong-issuer, over-long or unknown-agency token with 401 UNAUTHENTICATED', async () => {
    const { loadTokenVerification } = await import('@safety-graph/shared');
    const tokens = loadTokenVerification(stack.config);
    const ownSecret = tokens.kind === 'hs256' ? tokens.secret : undefined;
    const claims = { agency: 'POLICE-IR-10', scope: 'agencies:read' };
    const cases: [string, string | null][] = [
      ['none', null],
      ['malformed', 'not-a-jwt'],
      ['foreign signature', await forged(claims)],
      ['expired', await forged(claims, { secret: ownSecret, expires: Math.floor(Date.now() / 1000) - 3600 })],
      ['wrong audience', await forged(claims, { secret: ownSecret, audience: 'someone-else' })],
      ['unknown agency', await forged({ agency: 'NO-SUCH-AGENCY', scope: 'agencies:read' }, { secret: ownSecret })],
      ['no scope claim', await forged({ agency: 'POLICE-IR-10' }, { secret: ownSecret })],
      ['another issuer', await forged(claims, { secret: ownSecret, issuer: 'https://elsewhere.example' })],
      ['no iat', await forged(claims, { secret: ownSecret, issuedAt: null })],
      ['a 50-year lifetime', await forged(claims, { secret: ownSecret, expires: Math.floor(Date.now() / 1000) + 50 * 365 * 86400 })],
    ];
    for (const [label, token] of cases) {
      const answer = await stack.query('{ regions { code } }', {}, token === null ? { agency: null } : { token });
      expect([label, answer.status]).toEqual([label, 401]);
      expect([label, answer.errors?.[0].extensions?.code]).toEqual([label, 'UNAUTHENTICATED']);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(answer.data).toBeUndefined();
    }
    const valid = await stack.query('{ regions(kind: PROVINCE) { code } }', {}, { token: await forged(claims, { secret: ownSecret }) });
    expect(valid.status).toBe(200);
    expect(valid.data).toEqual({ regions: Array.from({ length: 31 }, (_, i) => ({ code: `IR-${String(i).padStart(2, '0')}` })) });
  });
});

describe('hostile operations', () => {
  const nested = (depth: number) => `{ region(code: "IR-10-12") { ${'parent { '.repeat(depth)}code${' }'.repeat(depth)} } }`;
  const corpus: { label: string; send: () => Promise<{ status: number; code: unknown; body: string }> }[] = [];
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const token = await stack.token('POLICE-IR-10');
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body,
    });
    const text = await response.text();
    let code: unknown;
    try {
      code = JSON.parse(text).errors?.[0]?.extensions?.code;
    } catch {
      code = undefined;
    }
    return { status: response.status, code, body: text };
  };
  corpus.push(
    { label: 'deep nesting', send: () => post(JSON.stringify({ query: nested(20) })) },
    { label: 'alias bomb', send: () => post(JSON.stringify({ query: `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: regions { code }`).join(' ')} }` })) },
    { label: 'directive flood', send: () => post(JSON.stringify({ query: `{ regions ${'@include(if: true) '.repeat(30)}{ code } }` })) },
    { label: 'token flood', send: () => post(JSON.stringify({ query: `{ regions { ${'code '.repeat(3000)}} }` })) },
    { label: 'huge body', send: () => post(JSON.stringify({ query: `{ regions { code } }`, variables: { padding: 'x'.repeat(300_000) } })) },
    { label: 'batched array', send: () => post(JSON.stringify([{ query: '{ regions { code } }' }, { query: '{ regions { code } }' }])) },
    { label: 'introspection without schema:read', send: () => post(JSON.stringify({ query: '{ __schema { types { name } } }' })) },
    { label: 'forged caller header', send: () => post(JSON.stringify({ query: '{ regions { code } }' }), { 'x-safety-caller': 'e30' }) },
    { label: 'field suggestion probe', send: () => post(JSON.stringify({ query: '{ regoins { code } }' })) },
  );

  it('rejects each with a clear code before any subgraph is called', async () => {
    await stack.query('{ regions(kind: PROVINCE) { code } }'); // the token's agency is checked (and cached) once
    for (const { label, send } of corpus) {
      const before = stack.subgraphRequests();
      const { status, code, body } = await send();
      expect([label, stack.subgraphRequests() - before]).toEqual([label, 0]);
      expect([label, status >= 400]).toEqual([label, true]);
      expect([label, typeof code]).toEqual([label, 'string']);
      expect(body).not.toMatch(/Did you mean|stacktrace|at .*\.js:\d+/);
    }
  });

  it('lets a caller with schema:read introspect', async () => {
    const answer = await stack.query<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
      {},
      {
        agency: 'POLICE-IR-10',
        scopes: ['schema:read', 'agencies:read'],
      },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('errors', () => {
  it('masks an internal failure: no SQL, table or stack, and a request id the client can quote', async () => {
    const dataSource = stack.subgraphs.traffic.store.dataSource;
    await dataSource.query('ALTER TABLE violation RENAME TO violation_hidden');
    try {
      const answer = await stack.query('{ violations(first: 1) { totalCount } }');
      const text = JSON.stringify(answer);
      expect(answer.errors?.[0].message).toBe('Internal server error');
      expect(answer.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(answer.errors?.[0].extensions?.requestId).toBe(answer.headers.get('x-request-id'));
      expect(text).not.toMatch(/violation_hidden|no such table|doesn't exist|SELECT|sqlite|serviceName|stacktrace|\/work\//i);
      expect(text).not.toMatch(/ER_NO_SUCH_TABLE|SQLITE_ERROR/);
    } finally {
      await dataSource.query('ALTER TABLE violation_hidden RENAME TO violation');
    }
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once an agency spends its budget, without touching others', async () => {
    const config = testConfig('ratelimit', {
      RATE_LIMIT_PER_MINUTE: '3',
      DATA_DIR: stack.config.dataDir,
      DATABASE_PREFIX: `${stack.config.databasePrefix}rl_`,
    });
    const urls = Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.url]));
    const gateway = await startGateway({ config, port: 0, subgraphUrls: urls });
    try {
      const token = await stack.token('ROADS-IR-10');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ regions(kind: PROVINCE) { code } }' }),
        });
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after');
          expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
        }
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      const other = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('HEALTH-IR-10')}` },
        body: JSON.stringify({ query: '{ regions(kind: PROVINCE) { code } }' }),
      });
      expect(other.status).toBe(200);
    } finally {
      await gateway.stop();
      await dropTestDatabases(config);
    }
  });
});

describe('audit trail', () => {
  it('writes an intent and an outcome row per executed request, counts unauthenticated ones, and audit:verify notices tampering', async () => {
    const auditStore = (stack.gateway.audit as unknown as { store?: unknown }).store;
    expect(auditStore).toBeUndefined(); // the trail is reached through its interface only
    const { AuditLog } = await import('@safety-graph/gateway');
    const log = await AuditLog.open(stack.config, { settings: { checkpointFile: null } });
    try {
      const count = async () => Number((await log.store.dataSource.query('SELECT COUNT(*) AS n FROM audit_entry'))[0].n);
      const before = await count();
      await stack.query('{ regions(kind: PROVINCE) { code } }');
      await stack.query('{ regions { code } }', {}, { agency: null });
      await stack.query('{ crashes(first: 1) { totalCount } }', {}, { agency: 'WELFARE-IR-10', scopes: ['agencies:read'] });
      // Two executed requests, two rows each; the unauthenticated one is only counted (a summary row per interval).
      expect(await count()).toBe(before + 4);
      const rows: { kind: string; outcome: string; agency_code: string | null; subgraphs: string; operation_type: string | null }[] =
        await log.store.dataSource.query('SELECT kind, outcome, agency_code, subgraphs, operation_type FROM audit_entry ORDER BY seq DESC LIMIT 4');
      expect(rows.map((row) => [row.kind, row.outcome, row.operation_type])).toEqual([
        ['outcome', 'FORBIDDEN', 'query'],
        ['intent', 'STARTED', 'query'],
        ['outcome', 'OK', 'query'],
        ['intent', 'STARTED', 'query'],
      ]);
      expect(rows[0].agency_code).toBe('WELFARE-IR-10');
      expect(rows[2].subgraphs).toBe('agencies');
      // Neither the query text nor a plain (reversible by trial) hash of it is kept.
      const stored = JSON.stringify(await log.store.dataSource.query('SELECT * FROM audit_entry'));
      expect(stored).not.toContain('regions(kind');
      const plain = createHash('sha256').update('{ regions(kind: PROVINCE) { code } }').digest('hex');
      expect(stored).not.toContain(plain);
      const quiet = () => undefined;
      expect(await runAuditVerify(stack.config, quiet)).toBe(0);
      const [{ seq }] = await log.store.dataSource.query('SELECT MAX(seq) AS seq FROM audit_entry');
      await log.store.dataSource.query(`UPDATE audit_entry SET outcome = 'OK' WHERE seq = ${Number(seq)}`);
      expect(await runAuditVerify(stack.config, quiet)).toBe(1);
      await log.store.dataSource.query(`UPDATE audit_entry SET outcome = 'FORBIDDEN' WHERE seq = ${Number(seq)}`);
      expect(await runAuditVerify(stack.config, quiet)).toBe(0);
    } finally {
      await log.close();
    }
  });

  it('refuses to answer when the audit log cannot be written', async () => {
    const config = testConfig('auditdown', { DATA_DIR: stack.config.dataDir, DATABASE_PREFIX: `${stack.config.databasePrefix}ad_` });
    const urls = Object.fromEntries(Object.values(stack.subgraphs).map((subgraph) => [subgraph.name, subgraph.url]));
    const gateway = await startGateway({ config, port: 0, subgraphUrls: urls });
    try {
      await gateway.audit.close();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('POLICE-IR-10')}` },
        body: JSON.stringify({ query: '{ regions(kind: PROVINCE) { code nameFa } }' }),
      });
      const body = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(body).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(body).not.toContain('IR-10');
    } finally {
      await gateway.stop().catch(() => undefined);
      await dropTestDatabases(config);
    }
  });
});
