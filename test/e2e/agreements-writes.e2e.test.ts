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
    expect(expectError(await ask(SET_TARGET, { input: targetInput(mou.id, { target: 38 }) }, { agency: LEAD }), 'CONFLICT')).toContain(
      'is SUSPENDED',
    );
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
});
