import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { agencyId, armFailpoint, disarmFailpoints, regionId, solarYearRange } from '@safety-graph/shared';
import { startStack, type QueryOptions, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('agrwrites');
}, 180_000);
afterEach(() => disarmFailpoints());
afterAll(() => stack?.stop());

const LEAD = 'TRAFFIC-POLICE-IR-10';
const PARTNER = 'ROADS-IR-10';
const OUTSIDER = 'HEALTH-IR-10';
const KASHAN = regionId('IR-10-12');
const YEAR_1404 = solarYearRange(1404);
const CODE = 'MOU-IR-10-12-E2E-ROADS-1404';
/** Zero-width non-joiner, Persian digits and a four-byte character: what utf8mb4 must keep. */
const TITLE_FA = 'تفاهم‌نامه کاهش تلفات جاده‌ای کاشان ۱۴۰۴ 🚦';
const COMMITMENT_FA = 'روکش ۴۰ کیلومتر از محور کاشان–نطنز و نصب گاردریل';

type Answer<TData> = Awaited<ReturnType<Stack['query']>> & { data?: TData | null };

const ask = <TData = Record<string, unknown>>(query: string, variables: Record<string, unknown>, options: QueryOptions) =>
  stack.query<TData>(query, variables, options) as Promise<Answer<TData>>;

function expectError(answer: Answer<unknown>, code: string, argumentName?: string): string {
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors![0].extensions).toMatchObject({ code, ...(argumentName ? { argumentName } : {}) });
  expect(answer.errors![0].message).not.toMatch(/\bSELECT\b|\bINSERT INTO\b|\bWHERE\b|SQLITE|ER_[A-Z]|QueryFailed|\n\s+at /);
  return answer.errors![0].message;
}

/** Rows of every agreements table a mutation writes to. */
async function rowCounts(): Promise<Record<string, number>> {
  const { dataSource } = stack.subgraphs.agreements.store;
  const counts: Record<string, number> = {};
  for (const table of ['agreement', 'agreement_domain', 'agreement_party', 'commitment', 'target', 'idempotency_key']) {
    const [{ total }] = await dataSource.query(`SELECT COUNT(*) AS total FROM ${table}`);
    counts[table] = Number(total);
  }
  return counts;
}

const AGREEMENT = `id code title titleFa status domains signedOn startsOn endsOn leadAgency { code nameFa } region { code }
  parties { role agency { code } commitments { description descriptionFa dueOn } }`;
const DRAFT = `mutation($input: DraftAgreementInput!) { draftAgreement(input: $input) { ${AGREEMENT} } }`;
const ADD_PARTY = `mutation($input: AddPartyInput!) { addParty(input: $input) { ${AGREEMENT} } }`;
const ADD_COMMITMENT = `mutation($input: AddCommitmentInput!) { addCommitment(input: $input) { ${AGREEMENT} } }`;
const SET_TARGET = `mutation($input: SetTargetInput!) { setTarget(input: $input) {
  __typename id metric region { code } from to baseline target actual attainment } }`;
const STEP = (step: string) => `mutation($id: ID!) { ${step}(id: $id) { code status } }`;
const ACCEPT = `mutation($id: ID!) { acceptAgreement(id: $id) { status parties { role status acceptedAt agency { code } } } }`;

interface Agreement {
  id: string;
  code: string;
  title: string;
  titleFa: string;
  status: string;
  domains: string[];
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  leadAgency: { code: string; nameFa: string };
  region: { code: string };
  parties: { role: string; agency: { code: string }; commitments: { description: string; descriptionFa: string; dueOn: string | null }[] }[];
}

const draftInput = (overrides: Record<string, unknown> = {}) => ({
  code: CODE,
  title: 'Kashan road deaths MOU 1404',
  titleFa: TITLE_FA,
  domains: ['TRAFFIC'],
  regionId: KASHAN,
  startsOn: YEAR_1404.from,
  endsOn: '2028-03-19',
  signedOn: '2025-03-10',
  ...overrides,
});

const targetInput = (agreementId: string, overrides: Record<string, unknown> = {}) => ({
  agreementId,
  metric: 'ROAD_DEATHS',
  regionId: KASHAN,
  from: YEAR_1404.from,
  to: YEAR_1404.to,
  baseline: 46,
  target: 40,
  ...overrides,
});

async function step(name: string, id: string, agency = LEAD): Promise<Answer<Record<string, { code: string; status: string }>>> {
  return ask<Record<string, { code: string; status: string }>>(STEP(name), { id }, { agency });
}

let mou: Agreement;
/** A draft with only its lead and no signature. */
let unsigned: Agreement;

describe('agreements writes through the gateway', () => {
  it('drafts, adds a party, a commitment and a target, activates, and another agency reads it all back joined across subgraphs', async () => {
    const drafted = await ask<{ draftAgreement: Agreement }>(DRAFT, { input: draftInput() }, { agency: LEAD });
    expect(drafted.errors).toBeUndefined();
    mou = drafted.data!.draftAgreement;
    expect(mou).toMatchObject({
      code: CODE,
      titleFa: TITLE_FA,
      status: 'DRAFT',
      domains: ['TRAFFIC'],
      signedOn: '2025-03-10',
      leadAgency: { code: LEAD, nameFa: expect.stringMatching(/[\u0600-\u06FF]/) },
      region: { code: 'IR-10-12' },
      parties: [{ role: 'LEAD', agency: { code: LEAD }, commitments: [] }],
    });

    const withParty = await ask<{ addParty: Agreement }>(
      ADD_PARTY,
      { input: { agreementId: mou.id, agencyId: agencyId(PARTNER), role: 'PARTNER' } },
      { agency: LEAD },
    );
    expect(withParty.errors).toBeUndefined();
    expect(withParty.data!.addParty.parties.map((party) => [party.role, party.agency.code])).toEqual([
      ['LEAD', LEAD],
      ['PARTNER', PARTNER],
    ]);

    // The partner records its own undertaking.
    const committed = await ask<{ addCommitment: Agreement }>(
      ADD_COMMITMENT,
      {
        input: {
          agreementId: mou.id,
          agencyId: agencyId(PARTNER),
          description: 'Resurface 40 km of the Kashan-Natanz road and fit guardrails',
          descriptionFa: COMMITMENT_FA,
          dueOn: YEAR_1404.to,
        },
      },
      { agency: PARTNER },
    );
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.addCommitment.parties[1].commitments).toEqual([
      { description: 'Resurface 40 km of the Kashan-Natanz road and fit guardrails', descriptionFa: COMMITMENT_FA, dueOn: YEAR_1404.to },
    ]);

    const targeted = await ask<{ setTarget: Record<string, unknown> & { actual: number } }>(SET_TARGET, { input: targetInput(mou.id) }, { agency: LEAD });
    expect(targeted.errors).toBeUndefined();
    expect(targeted.data!.setTarget).toMatchObject({
      __typename: 'TrafficTarget',
      metric: 'ROAD_DEATHS',
      region: { code: 'IR-10-12' },
      from: YEAR_1404.from,
      to: YEAR_1404.to,
      baseline: 46,
      target: 40,
      actual: expect.any(Number),
    });

    // The partner was added by the lead: nothing binds it until it accepts.
    expect(expectError(await step('activateAgreement', mou.id), 'CONFLICT')).toContain(`it needs the acceptance of ${PARTNER} (pending)`);
    const accepted = await ask<{ acceptAgreement: { parties: { status: string; acceptedAt: string | null }[] } }>(ACCEPT, { id: mou.id }, { agency: PARTNER });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptAgreement.parties.map((party) => party.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect(accepted.data!.acceptAgreement.parties[1].acceptedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const activated = await step('activateAgreement', mou.id);
    expect(activated.errors).toBeUndefined();
    expect(activated.data!.activateAgreement).toEqual({ code: CODE, status: 'ACTIVE' });

    const readBack = await ask<{
      agreement: { status: string; titleFa: string; parties: { agency: { name: string } }[]; targets: { metric: string; actual: number }[] };
      region: { trafficStats: { fatalities: number } };
      agency: { agreements: { code: string }[] };
    }>(
      `query($code: String, $period: PeriodInput!) {
         agreement(code: $code) { status titleFa parties { agency { name } } targets { metric actual } }
         region(code: "IR-10-12") { trafficStats(period: $period) { fatalities } }
         agency(code: "${PARTNER}") { agreements(status: ACTIVE) { code } } }`,
      { code: CODE, period: { solarYear: 1404 } },
      { agency: OUTSIDER },
    );
    expect(readBack.errors).toBeUndefined();
    const { agreement, region, agency } = readBack.data!;
    expect(agreement.status).toBe('ACTIVE');
    expect(agreement.titleFa).toBe(TITLE_FA);
    expect(agreement.parties.map((party) => party.agency.name)).toEqual(['Isfahan Traffic Police', 'Isfahan Roads and Urban Development']);
    // The actual is the traffic subgraph's count of Kashan's road deaths in 1404, the same as its statistics.
    expect(agreement.targets).toEqual([{ metric: 'ROAD_DEATHS', actual: region.trafficStats.fatalities }]);
    expect(region.trafficStats.fatalities).toBeGreaterThan(0);
    expect(agency.agreements.map((found) => found.code)).toContain(CODE);
  });

  it('takes the MOU through its lifecycle, refusing with CONFLICT what its status does not allow and FORBIDDEN to anyone but the lead', async () => {
    expect(expectError(await step('activateAgreement', mou.id), 'CONFLICT')).toContain('is ACTIVE');
    for (const name of ['suspendAgreement', 'terminateAgreement', 'activateAgreement']) {
      expectError(await step(name, mou.id, PARTNER), 'FORBIDDEN');
    }
    expect((await step('suspendAgreement', mou.id)).data!.suspendAgreement.status).toBe('SUSPENDED');
    expect(expectError(await step('suspendAgreement', mou.id), 'CONFLICT')).toContain('is SUSPENDED');
    expect(expectError(await ask(SET_TARGET, { input: targetInput(mou.id, { target: 38 }) }, { agency: LEAD }), 'CONFLICT')).toContain('is SUSPENDED');
    expect((await step('activateAgreement', mou.id)).data!.activateAgreement.status).toBe('ACTIVE');
    expect((await step('terminateAgreement', mou.id)).data!.terminateAgreement.status).toBe('TERMINATED');
    for (const name of ['activateAgreement', 'suspendAgreement', 'terminateAgreement']) {
      expect(expectError(await step(name, mou.id), 'CONFLICT')).toContain('is TERMINATED');
    }
    const addParty = await ask(ADD_PARTY, { input: { agreementId: mou.id, agencyId: agencyId(OUTSIDER), role: 'OBSERVER' } }, { agency: LEAD });
    expect(expectError(addParty, 'CONFLICT')).toContain('is TERMINATED');

    const readBack = await ask<{ agreement: { status: string } }>(`{ agreement(code: "${CODE}") { status } }`, {}, { agency: OUTSIDER });
    expect(readBack.data!.agreement.status).toBe('TERMINATED');
  });

  it('refuses a draft that cannot be activated yet or is not in a state to be suspended, naming why', async () => {
    const drafted = await ask<{ draftAgreement: Agreement }>(
      DRAFT,
      { input: draftInput({ code: 'MOU-IR-10-12-E2E-UNSIGNED', signedOn: null }) },
      { agency: LEAD },
    );
    expect(drafted.errors).toBeUndefined();
    unsigned = drafted.data!.draftAgreement;
    const { id } = unsigned;
    expect(expectError(await step('activateAgreement', id), 'CONFLICT')).toMatch(/it needs at least two parties \(it has 1\), a signing date$/);
    expect(expectError(await step('suspendAgreement', id), 'CONFLICT')).toContain('is DRAFT');
    expect(expectError(await step('terminateAgreement', id), 'CONFLICT')).toContain('is DRAFT');
  });

  it('names the wrong argument of each refused input and writes nothing', async () => {
    const before = await rowCounts();
    const cases: [string, Record<string, unknown>, string][] = [
      [DRAFT, { input: draftInput({ code: 'mou lower case' }) }, 'input.code'],
      [DRAFT, { input: draftInput({ code: 'MOU-IR-10-12-E2E-BAD', domains: [] }) }, 'input.domains'],
      [DRAFT, { input: draftInput({ code: 'MOU-IR-10-12-E2E-BAD', endsOn: '2040-01-01' }) }, 'input.endsOn'],
      [DRAFT, { input: draftInput({ code: 'MOU-IR-10-12-E2E-BAD', signedOn: '2099-01-01' }) }, 'input.signedOn'],
      [SET_TARGET, { input: targetInput(unsigned.id, { metric: 'FREE_COUNSELING_SESSIONS' }) }, 'input.metric'],
      [SET_TARGET, { input: targetInput(unsigned.id, { regionId: regionId('IR-10-01') }) }, 'input.regionId'],
      [SET_TARGET, { input: targetInput('no-such-mou') }, 'input.agreementId'],
      [ADD_PARTY, { input: { agreementId: mou.id, agencyId: 'no-such-agency', role: 'PARTNER' } }, 'input.agencyId'],
    ];
    for (const [mutation, variables, argumentName] of cases) {
      expectError(await ask(mutation, variables, { agency: LEAD }), 'BAD_USER_INPUT', argumentName);
    }
    expect(expectError(await ask(DRAFT, { input: draftInput() }, { agency: LEAD }), 'CONFLICT')).toContain(`${CODE} already exists`);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses every mutation to a token without agreements:write, and a commitment by an agency outside the MOU', async () => {
    const readOnly = { agency: LEAD, scopes: ['agreements:read', 'agencies:read'] };
    const before = await rowCounts();
    expectError(await ask(DRAFT, { input: draftInput({ code: 'MOU-IR-10-12-E2E-READONLY' }) }, readOnly), 'FORBIDDEN');
    expectError(await ask(SET_TARGET, { input: targetInput(mou.id) }, readOnly), 'FORBIDDEN');
    expectError(await ask(STEP('activateAgreement'), { id: mou.id }, readOnly), 'FORBIDDEN');
    const commitment = {
      agreementId: mou.id,
      agencyId: agencyId(PARTNER),
      description: 'Not mine to promise',
      descriptionFa: 'وعده‌ی دیگری',
    };
    expectError(await ask(ADD_COMMITMENT, { input: commitment }, { agency: OUTSIDER }), 'FORBIDDEN');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a retried draft with the first one and refuses the same key with another body', async () => {
    const input = draftInput({ code: 'MOU-IR-10-12-E2E-RETRY', idempotencyKey: 'e2e-draft-retry' });
    const first = await ask<{ draftAgreement: Agreement }>(DRAFT, { input }, { agency: LEAD });
    expect(first.errors).toBeUndefined();
    const afterFirst = await rowCounts();
    const retry = await ask<{ draftAgreement: Agreement }>(DRAFT, { input }, { agency: LEAD });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.draftAgreement.id).toBe(first.data!.draftAgreement.id);
    expect(await rowCounts()).toEqual(afterFirst);
    expectError(await ask(DRAFT, { input: { ...input, titleFa: 'عنوانی دیگر' } }, { agency: LEAD }), 'CONFLICT');
    expect(await rowCounts()).toEqual(afterFirst);
  });

  it('leaves no row in any table when a draft fails after its first insert, and says nothing about why', async () => {
    const before = await rowCounts();
    armFailpoint('agreements.draftAgreement.after-first-insert');
    const failed = await ask(DRAFT, { input: draftInput({ code: 'MOU-IR-10-12-E2E-FAILED', idempotencyKey: 'e2e-draft-failed' }) }, { agency: LEAD });
    expect(failed.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(failed.errors)).not.toMatch(/failure injected|agreement_party|INSERT/);
    expect(await rowCounts()).toEqual(before);
    const lookup = await ask<{ agreement: null }>(`{ agreement(code: "MOU-IR-10-12-E2E-FAILED") { id } }`, {}, { agency: LEAD });
    expect(lookup.data!.agreement).toBeNull();
  });

  it('keeps the MOU of issue 8 (a formula for a title, another agency named without its consent) out of force until that agency accepts, and out of spreadsheets as a formula', async () => {
    const FORMULA = "=cmd|' /C calc'!A0";
    const code = 'MOU-IR-10-12-E2E-FORMULA';
    // The report command, against this stack's gateway; asynchronously, as the gateway runs in this very process.
    const report = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(__dirname, '..', '..', 'cli', 'dist', 'commands', 'report.js'), 'mou-scorecards', '--format', 'csv'],
          {
            env: { ...process.env, GATEWAY_URL: stack.gateway.url, DATA_DIR: stack.config.dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' },
            encoding: 'utf8',
          },
          (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        );
      });

    const drafted = await ask<{ draftAgreement: Agreement }>(DRAFT, { input: draftInput({ code, title: FORMULA }) }, { agency: LEAD });
    expect(drafted.errors).toBeUndefined();
    const { id } = drafted.data!.draftAgreement;
    expect(drafted.data!.draftAgreement.title).toBe(FORMULA);
    expect((await ask(ADD_PARTY, { input: { agreementId: id, agencyId: agencyId(OUTSIDER), role: 'PARTNER' } }, { agency: LEAD })).errors).toBeUndefined();
    // Baseline 1, target 0: Kashan's road deaths put the attainment far below zero, a negative number in the report.
    const targeted = await ask<{ setTarget: { actual: number; attainment: number } }>(
      SET_TARGET,
      { input: targetInput(id, { baseline: 1, target: 0 }) },
      { agency: LEAD },
    );
    expect(targeted.errors).toBeUndefined();
    expect(targeted.data!.setTarget.attainment).toBeLessThan(0);

    expect(expectError(await step('activateAgreement', id), 'CONFLICT')).toMatch(new RegExp(`it needs the acceptance of ${OUTSIDER} \\(pending\\)$`));
    const refusedReport = await report();
    expect(refusedReport.status).toBe(0);
    expect(refusedReport.stdout).not.toContain(code);

    const accepted = await ask<{ acceptAgreement: { parties: { status: string; agency: { code: string } }[] } }>(ACCEPT, { id }, { agency: OUTSIDER });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptAgreement.parties.map((party) => [party.agency.code, party.status])).toEqual([
      [LEAD, 'ACCEPTED'],
      [OUTSIDER, 'ACCEPTED'],
    ]);
    expect((await step('activateAgreement', id)).data!.activateAgreement.status).toBe('ACTIVE');

    const { status, stdout, stderr } = await report();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    const mine = rows.filter((row) => row['agreements.edges.node.code'] === code);
    expect(mine).toHaveLength(1);
    expect(mine[0]['agreements.edges.node.title']).toBe(`'${FORMULA}`);
    expect(mine[0]['agreements.edges.node.targets.attainment']).toBe(String(targeted.data!.setTarget.attainment));
    // No cell of the whole report starts a formula, unless it is a number.
    const cells = (parse(stdout) as string[][]).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell)))).toEqual([]);
  });
});
