import { agencyId, armFailpoint, disarmFailpoints, IdempotencyKey, regionId, stableId } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SingleResult, type SubgraphHarness } from '@safety-graph/test-helpers';
import type { AgreementsContext } from '../context';
import { Agreement, AgreementDomain, AgreementParty, Commitment, Target } from '../entities';
import { agreements } from '../index';

let harness: SubgraphHarness<AgreementsContext>;

beforeAll(async () => {
  harness = await subgraphHarness(agreements);
});
afterAll(() => harness?.close());
afterEach(() => disarmFailpoints());

const LEAD = 'TRAFFIC-POLICE-IR-10';
const PARTNER = 'ROADS-IR-10';
const OBSERVER = 'RED-CRESCENT-IR-10';
const OUTSIDER = 'HEALTH-IR-10';
/** Zero-width non-joiner, Persian digits and a four-byte character: what utf8mb4 must keep. */
const PERSIAN_TITLE = 'تفاهم‌نامه ایمنی راه‌های کاشان ۱۴۰۵ 🚦';
const PERSIAN_COMMITMENT = 'نصب ۱۲ دوربین ثبت تخلف در محورهای پرحادثه‌ی کاشان';

const AGREEMENT_FIELDS = `id code title titleFa status domains signedOn startsOn endsOn leadAgency { id } region { id }
  parties { role status acceptedAt agency { id } commitments { id description descriptionFa dueOn } }
  targets { __typename id metric region { id } from to baseline target direction }`;
const DRAFT = `mutation($input: DraftAgreementInput!) { draftAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`;
const ADD_PARTY = `mutation($input: AddPartyInput!) { addParty(input: $input) { ${AGREEMENT_FIELDS} } }`;
const ADD_COMMITMENT = `mutation($input: AddCommitmentInput!) { addCommitment(input: $input) { ${AGREEMENT_FIELDS} } }`;
const SET_TARGET = `mutation($input: SetTargetInput!) { setTarget(input: $input) {
  __typename id metric region { id } from to baseline target direction } }`;
const STEPS = ['activateAgreement', 'suspendAgreement', 'terminateAgreement'] as const;
type Step = (typeof STEPS)[number];
const lifecycle = (step: Step) => `mutation($id: ID!) { ${step}(id: $id) { id status } }`;
const ACCEPT = `mutation($id: ID!) { acceptAgreement(id: $id) { ${AGREEMENT_FIELDS} } }`;

interface Party {
  role: string;
  status: string;
  /** A Date here: the harness hands back resolver values before they are serialised. */
  acceptedAt: Date | null;
  agency: { id: string };
  commitments: { id: string; description: string; descriptionFa: string; dueOn: string | null }[];
}
interface AgreementResult {
  id: string;
  code: string;
  title: string;
  titleFa: string;
  status: string;
  domains: string[];
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  leadAgency: { id: string };
  region: { id: string };
  parties: Party[];
  targets: Record<string, unknown>[];
}

let serial = 0;
const nextCode = () => `MOU-TEST-W-${(serial += 1)}`;

function draftInput(overrides: Record<string, unknown> = {}) {
  return {
    code: nextCode(),
    title: 'Kashan road safety MOU 1405',
    titleFa: PERSIAN_TITLE,
    domains: ['TRAFFIC'],
    regionId: regionId('IR-10-12'),
    startsOn: '2026-03-21',
    endsOn: '2029-03-19',
    signedOn: '2026-03-01',
    ...overrides,
  };
}

function expectNoErrors(result: SingleResult): void {
  expect(result.errors).toBeUndefined();
}

/** The single error of a refused mutation, whose field must be null. */
function refusal(result: SingleResult, field: string): { code: unknown; argumentName: unknown; message: string } {
  expect(result.errors).toHaveLength(1);
  expect((result.data as Record<string, unknown> | null | undefined)?.[field] ?? null).toBeNull();
  const [error] = result.errors!;
  return { code: error.extensions?.code, argumentName: error.extensions?.argumentName, message: error.message };
}

async function draft(overrides: Record<string, unknown> = {}, as = LEAD): Promise<AgreementResult> {
  const result = await harness.runAs<{ draftAgreement: AgreementResult }>(callerOf(as), DRAFT, { input: draftInput(overrides) });
  expectNoErrors(result);
  return result.data!.draftAgreement;
}

async function addParty(agreementId: string, agency: string, role = 'PARTNER', as = LEAD): Promise<AgreementResult> {
  const result = await harness.runAs<{ addParty: AgreementResult }>(callerOf(as), ADD_PARTY, { input: { agreementId, agencyId: agencyId(agency), role } });
  expectNoErrors(result);
  return result.data!.addParty;
}

const runStep = (step: Step, id: string, as = LEAD) => harness.runAs<Record<Step, { id: string; status: string }>>(callerOf(as), lifecycle(step), { id });

async function takeStep(step: Step, id: string): Promise<string> {
  const result = await runStep(step, id);
  expectNoErrors(result);
  return result.data![step].status;
}

async function accept(agreementId: string, as: string): Promise<AgreementResult> {
  const result = await harness.runAs<{ acceptAgreement: AgreementResult }>(callerOf(as), ACCEPT, { id: agreementId });
  expectNoErrors(result);
  return result.data!.acceptAgreement;
}

/** A draft with two parties, both accepted, and a signing date: everything activation needs. */
async function readyDraft(): Promise<AgreementResult> {
  const agreement = await draft();
  await addParty(agreement.id, PARTNER);
  await accept(agreement.id, PARTNER);
  return agreement;
}

async function activeAgreement(): Promise<AgreementResult> {
  const agreement = await readyDraft();
  expect(await takeStep('activateAgreement', agreement.id)).toBe('ACTIVE');
  return agreement;
}

/**
 * An MOU written straight into the store, for states the mutations cannot
 * reach on today's date (past its end) or older rows (a lead not recorded as a
 * party). Its parties have accepted unless `pending` names them.
 */
async function insertAgreement(fields: Partial<Agreement> & { parties: [string, string][]; pending?: string[] }): Promise<Agreement> {
  const code = nextCode();
  const { parties, pending = [], ...overrides } = fields;
  const agreement: Agreement = {
    id: stableId('agreement', code),
    code,
    title: code,
    titleFa: code,
    status: 'ACTIVE',
    leadAgencyId: agencyId(LEAD),
    regionId: regionId('IR-10-12'),
    signedOn: '2019-03-01',
    startsOn: '2019-03-21',
    endsOn: '2020-03-19',
    ...overrides,
  };
  const dataSource = harness.store.dataSource;
  await dataSource.getRepository(Agreement).insert(agreement);
  await dataSource.getRepository(AgreementDomain).insert({ agreementId: agreement.id, domain: 'TRAFFIC' });
  await dataSource.getRepository(AgreementParty).insert(
    parties.map(([agency, role], position) => ({
      id: stableId('agreement-party', `${code}#${agency}`),
      agreementId: agreement.id,
      agencyId: agencyId(agency),
      role,
      position,
      status: pending.includes(agency) ? 'PENDING' : 'ACCEPTED',
      acceptedAt: null,
    })),
  );
  return agreement;
}

const lapsed = (status: string) =>
  insertAgreement({
    status,
    parties: [
      [LEAD, 'LEAD'],
      [PARTNER, 'PARTNER'],
    ],
  });

const TABLES = [Agreement, AgreementDomain, AgreementParty, Commitment, Target, IdempotencyKey];
const countRows = () => Promise.all(TABLES.map((entity) => harness.store.dataSource.getRepository(entity).count()));

const recordedStatus = async (id: string) => (await harness.store.dataSource.getRepository(Agreement).findOneByOrFail({ id })).status;

describe('draftAgreement', () => {
  it('drafts an MOU led by the caller, its first party with role LEAD, Persian text intact, and reads it back', async () => {
    const input = draftInput({ domains: ['FAMILY', 'TRAFFIC'] });
    const result = await harness.runAs<{ draftAgreement: AgreementResult }>(callerOf(LEAD), DRAFT, { input: { ...input, title: `  ${input.title} ` } });
    expectNoErrors(result);
    const drafted = result.data!.draftAgreement;
    expect(drafted).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code: input.code,
      title: 'Kashan road safety MOU 1405',
      titleFa: PERSIAN_TITLE,
      status: 'DRAFT',
      domains: ['TRAFFIC', 'FAMILY'],
      signedOn: '2026-03-01',
      startsOn: '2026-03-21',
      endsOn: '2029-03-19',
      leadAgency: { id: agencyId(LEAD) },
      region: { id: regionId('IR-10-12') },
      parties: [{ role: 'LEAD', status: 'ACCEPTED', acceptedAt: expect.any(Date), agency: { id: agencyId(LEAD) }, commitments: [] }],
      targets: [],
    });
    const stored = await harness.store.dataSource.getRepository(Agreement).findOneByOrFail({ id: drafted.id });
    expect(stored).toMatchObject({ status: 'DRAFT', leadAgencyId: agencyId(LEAD), titleFa: PERSIAN_TITLE });

    const readBack = await harness.runAs<{ agreement: AgreementResult; agreements: { edges: { node: { code: string } }[] } }>(
      callerOf(OUTSIDER, ['agreements:read']),
      `query($code: String, $lead: ID) { agreement(code: $code) { ${AGREEMENT_FIELDS} }
         agreements(status: DRAFT, partyAgencyId: $lead) { edges { node { code } } } }`,
      { code: input.code, lead: agencyId(LEAD) },
    );
    expectNoErrors(readBack);
    expect(readBack.data!.agreement).toEqual(drafted);
    expect(readBack.data!.agreements.edges.map((edge) => edge.node.code)).toContain(input.code);
  });

  it('accepts an MOU of exactly ten years and one without a signing date', async () => {
    const tenYears = await draft({ startsOn: '2026-03-21', endsOn: '2036-03-21', signedOn: null });
    expect(tenYears).toMatchObject({ endsOn: '2036-03-21', signedOn: null, status: 'DRAFT' });
  });

  it('refuses each invalid field with BAD_USER_INPUT naming it, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'AB' }, 'input.code'],
      [{ code: 'mou-ir-10-lower' }, 'input.code'],
      [{ code: 'MOU_IR_10' }, 'input.code'],
      [{ code: `MOU-${'X'.repeat(61)}` }, 'input.code'],
      [{ title: '   ' }, 'input.title'],
      [{ titleFa: 'ف'.repeat(301) }, 'input.titleFa'],
      [{ domains: [] }, 'input.domains'],
      [{ domains: ['TRAFFIC', 'CYBER', 'TRAFFIC'] }, 'input.domains[2]'],
      [{ regionId: 'no-such-region' }, 'input.regionId'],
      [{ startsOn: '2026-03-21', endsOn: '2026-03-20' }, 'input.endsOn'],
      [{ startsOn: '2026-03-21', endsOn: '2036-03-22' }, 'input.endsOn'],
      [{ signedOn: '2099-01-01' }, 'input.signedOn'],
    ];
    const before = await countRows();
    for (const [overrides, argumentName] of cases) {
      const result = await harness.runAs(callerOf(LEAD), DRAFT, { input: draftInput(overrides) });
      expect({ overrides, ...refusal(result, 'draftAgreement') }).toMatchObject({ overrides, code: 'BAD_USER_INPUT', argumentName });
    }
    expect(await countRows()).toEqual(before);
  });

  it('refuses a code already taken with CONFLICT', async () => {
    const before = await countRows();
    const result = await harness.runAs(callerOf(LEAD), DRAFT, { input: draftInput({ code: 'MOU-IR-10-TRAFFIC-1403' }) });
    expect(refusal(result, 'draftAgreement')).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('MOU-IR-10-TRAFFIC-1403') });
    expect(await countRows()).toEqual(before);
  });

  it('answers a retry with the same idempotency key with the first draft and writes nothing; the same key with another body is a CONFLICT', async () => {
    const input = draftInput({ idempotencyKey: 'draft-kashan-1405' });
    const first = await harness.runAs<{ draftAgreement: AgreementResult }>(callerOf(LEAD), DRAFT, { input });
    expectNoErrors(first);
    const afterFirst = await countRows();
    const retry = await harness.runAs<{ draftAgreement: AgreementResult }>(callerOf(LEAD), DRAFT, { input });
    expectNoErrors(retry);
    expect(retry.data!.draftAgreement.id).toBe(first.data!.draftAgreement.id);
    expect(await countRows()).toEqual(afterFirst);

    const changed = await harness.runAs(callerOf(LEAD), DRAFT, { input: { ...input, title: 'Another title' } });
    expect(refusal(changed, 'draftAgreement').code).toBe('CONFLICT');
    expect(await countRows()).toEqual(afterFirst);

    // Keys belong to the agency that sent them: another agency's key of the same name is another request.
    const otherAgency = await harness.runAs<{ draftAgreement: AgreementResult }>(callerOf(OUTSIDER), DRAFT, {
      input: { ...input, code: nextCode() },
    });
    expectNoErrors(otherAgency);
    expect(otherAgency.data!.draftAgreement.leadAgency).toEqual({ id: agencyId(OUTSIDER) });
  });

  it('leaves no row behind when it fails after inserting the agreement, and succeeds when retried', async () => {
    const input = draftInput({ idempotencyKey: 'draft-interrupted' });
    const before = await countRows();
    armFailpoint('agreements.draftAgreement.after-first-insert');
    const failed = await harness.runAs(callerOf(LEAD), DRAFT, { input });
    expect(refusal(failed, 'draftAgreement')).toEqual({ code: 'INTERNAL_SERVER_ERROR', argumentName: undefined, message: 'Internal server error' });
    expect(await countRows()).toEqual(before);
    const retried = await harness.runAs<{ draftAgreement: AgreementResult }>(callerOf(LEAD), DRAFT, { input });
    expectNoErrors(retried);
    expect(retried.data!.draftAgreement.code).toBe(input.code);
  });
});

describe('write scope', () => {
  it('refuses every mutation without agreements:write, and writes nothing', async () => {
    const agreement = await readyDraft();
    const readOnly = callerOf(LEAD, ['agreements:read', 'reports:read']);
    const before = await countRows();
    const attempts: [string, string, Record<string, unknown>][] = [
      ['draftAgreement', DRAFT, { input: draftInput() }],
      ['addParty', ADD_PARTY, { input: { agreementId: agreement.id, agencyId: agencyId(OBSERVER), role: 'OBSERVER' } }],
      ['addCommitment', ADD_COMMITMENT, { input: { agreementId: agreement.id, agencyId: agencyId(LEAD), description: 'Patrols', descriptionFa: 'گشت' } }],
      [
        'setTarget',
        SET_TARGET,
        {
          input: {
            agreementId: agreement.id,
            metric: 'ROAD_DEATHS',
            regionId: regionId('IR-10-12'),
            from: '2026-03-21',
            to: '2027-03-20',
            baseline: 46,
            target: 40,
          },
        },
      ],
      ['acceptAgreement', ACCEPT, { id: agreement.id }],
      ...STEPS.map((step): [string, string, Record<string, unknown>] => [step, lifecycle(step), { id: agreement.id }]),
    ];
    for (const [field, mutation, variables] of attempts) {
      expect({ field, ...refusal(await harness.runAs(readOnly, mutation, variables), field) }).toMatchObject({ field, code: 'FORBIDDEN' });
    }
    expect(await countRows()).toEqual(before);
    expect(await recordedStatus(agreement.id)).toBe('DRAFT');
  });
});

describe('addParty', () => {
  it('adds partners and observers in order of signature, each seen by the next mutation of the same operation', async () => {
    const agreement = await draft();
    const result = await harness.runAs<{ first: AgreementResult; second: AgreementResult }>(
      callerOf(LEAD),
      `mutation($a: AddPartyInput!, $b: AddPartyInput!) {
         first: addParty(input: $a) { parties { role agency { id } } }
         second: addParty(input: $b) { parties { role agency { id } } leadAgency { agreements(status: DRAFT) { code } } } }`,
      {
        a: { agreementId: agreement.id, agencyId: agencyId(PARTNER), role: 'PARTNER' },
        b: { agreementId: agreement.id, agencyId: agencyId(OBSERVER), role: 'OBSERVER' },
      },
    );
    expectNoErrors(result);
    const lead = { role: 'LEAD', agency: { id: agencyId(LEAD) } };
    const partner = { role: 'PARTNER', agency: { id: agencyId(PARTNER) } };
    expect(result.data!.first.parties).toEqual([lead, partner]);
    expect(result.data!.second.parties).toEqual([lead, partner, { role: 'OBSERVER', agency: { id: agencyId(OBSERVER) } }]);
  });

  it('lets only the lead agency add parties, refuses unknown MOUs and agencies, and an agency already party', async () => {
    const agreement = await draft();
    await addParty(agreement.id, PARTNER);
    const before = await countRows();
    const attempt = (agency: string, role: string, as = LEAD, agreementId = agreement.id) =>
      harness.runAs(callerOf(as), ADD_PARTY, { input: { agreementId, agencyId: agency, role } });
    expect(refusal(await attempt(agencyId(OBSERVER), 'OBSERVER', PARTNER), 'addParty')).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await attempt(agencyId(OBSERVER), 'OBSERVER', OUTSIDER), 'addParty')).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await attempt(agencyId(OBSERVER), 'OBSERVER', LEAD, 'no-such-mou'), 'addParty')).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'input.agreementId',
    });
    expect(refusal(await attempt('no-such-agency', 'PARTNER'), 'addParty')).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.agencyId' });
    expect(refusal(await attempt(agencyId(PARTNER), 'OBSERVER'), 'addParty')).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`${PARTNER} is already a party`),
    });
    expect(refusal(await attempt(agencyId(LEAD), 'PARTNER'), 'addParty')).toMatchObject({ code: 'CONFLICT' });
    // LEAD is not a role one can add: the input type itself refuses it.
    const lead = await attempt(agencyId(OBSERVER), 'LEAD');
    expect(lead.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows()).toEqual(before);
  });

  it('adds parties to draft, active and suspended MOUs, never to terminated or expired ones', async () => {
    const active = await activeAgreement();
    expect((await addParty(active.id, OBSERVER, 'OBSERVER')).parties).toHaveLength(3);
    const suspended = await activeAgreement();
    await takeStep('suspendAgreement', suspended.id);
    expect((await addParty(suspended.id, OBSERVER, 'OBSERVER')).parties).toHaveLength(3);

    const terminated = await activeAgreement();
    await takeStep('terminateAgreement', terminated.id);
    const expired = await lapsed('ACTIVE');
    const before = await countRows();
    for (const [id, shown] of [
      [terminated.id, 'TERMINATED'],
      [expired.id, 'EXPIRED'],
    ]) {
      const result = await harness.runAs(callerOf(LEAD), ADD_PARTY, { input: { agreementId: id, agencyId: agencyId(OBSERVER), role: 'OBSERVER' } });
      expect(refusal(result, 'addParty')).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`is ${shown}`) });
    }
    expect(await countRows()).toEqual(before);
  });
});

describe('addCommitment', () => {
  const commitmentInput = (agreementId: string, agency: string, overrides: Record<string, unknown> = {}) => ({
    agreementId,
    agencyId: agencyId(agency),
    description: 'Install 12 enforcement cameras on the deadliest roads of Kashan',
    descriptionFa: PERSIAN_COMMITMENT,
    dueOn: '2027-03-20',
    ...overrides,
  });

  it('records commitments by the lead for any party and by a party for itself, in order, Persian text intact', async () => {
    const agreement = await readyDraft();
    const byLead = await harness.runAs<{ addCommitment: AgreementResult }>(callerOf(LEAD), ADD_COMMITMENT, { input: commitmentInput(agreement.id, PARTNER) });
    expectNoErrors(byLead);
    const byParty = await harness.runAs<{ addCommitment: AgreementResult }>(callerOf(PARTNER), ADD_COMMITMENT, {
      input: commitmentInput(agreement.id, PARTNER, {
        description: 'Resurface 40 km of the Kashan-Natanz road',
        descriptionFa: 'روکش ۴۰ کیلومتر از محور کاشان–نطنز',
        dueOn: null,
      }),
    });
    expectNoErrors(byParty);
    const partner = byParty.data!.addCommitment.parties.find((party) => party.agency.id === agencyId(PARTNER))!;
    expect(partner.commitments.map(({ description, descriptionFa, dueOn }) => ({ description, descriptionFa, dueOn }))).toEqual([
      { description: 'Install 12 enforcement cameras on the deadliest roads of Kashan', descriptionFa: PERSIAN_COMMITMENT, dueOn: '2027-03-20' },
      { description: 'Resurface 40 km of the Kashan-Natanz road', descriptionFa: 'روکش ۴۰ کیلومتر از محور کاشان–نطنز', dueOn: null },
    ]);
    const stored = await harness.store.dataSource.getRepository(Commitment).findBy({ agreementId: agreement.id });
    expect(stored.map((row) => row.position).sort()).toEqual([0, 1]);
    expect(stored.map((row) => row.descriptionFa)).toContain(PERSIAN_COMMITMENT);
  });

  it('answers a retry with the same idempotency key without a second commitment; another body is a CONFLICT', async () => {
    const agreement = await readyDraft();
    const input = commitmentInput(agreement.id, LEAD, { idempotencyKey: 'commitment-1' });
    expectNoErrors(await harness.runAs(callerOf(LEAD), ADD_COMMITMENT, { input }));
    const afterFirst = await countRows();
    const retry = await harness.runAs<{ addCommitment: AgreementResult }>(callerOf(LEAD), ADD_COMMITMENT, { input });
    expectNoErrors(retry);
    expect(retry.data!.addCommitment.parties[0].commitments).toHaveLength(1);
    expect(await countRows()).toEqual(afterFirst);
    const changed = await harness.runAs(callerOf(LEAD), ADD_COMMITMENT, { input: { ...input, dueOn: '2028-03-19' } });
    expect(refusal(changed, 'addCommitment').code).toBe('CONFLICT');
    expect(await countRows()).toEqual(afterFirst);
  });

  it('refuses outsiders, a party writing for another, non-parties, bad texts and dates, and closed MOUs', async () => {
    const agreement = await readyDraft();
    const terminated = await activeAgreement();
    await takeStep('terminateAgreement', terminated.id);
    const expired = await lapsed('SUSPENDED');
    const before = await countRows();
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [OUTSIDER, commitmentInput(agreement.id, PARTNER), { code: 'FORBIDDEN' }],
      [OUTSIDER, commitmentInput(agreement.id, OUTSIDER), { code: 'BAD_USER_INPUT', argumentName: 'input.agencyId' }],
      [PARTNER, commitmentInput(agreement.id, LEAD), { code: 'FORBIDDEN' }],
      [LEAD, commitmentInput(agreement.id, OUTSIDER), { code: 'BAD_USER_INPUT', argumentName: 'input.agencyId' }],
      [LEAD, commitmentInput('no-such-mou', PARTNER), { code: 'BAD_USER_INPUT', argumentName: 'input.agreementId' }],
      [LEAD, commitmentInput(agreement.id, PARTNER, { description: '' }), { code: 'BAD_USER_INPUT', argumentName: 'input.description' }],
      [LEAD, commitmentInput(agreement.id, PARTNER, { descriptionFa: 'ب'.repeat(501) }), { code: 'BAD_USER_INPUT', argumentName: 'input.descriptionFa' }],
      [LEAD, commitmentInput(agreement.id, PARTNER, { dueOn: '2026-03-20' }), { code: 'BAD_USER_INPUT', argumentName: 'input.dueOn' }],
      [LEAD, commitmentInput(agreement.id, PARTNER, { dueOn: '2029-03-20' }), { code: 'BAD_USER_INPUT', argumentName: 'input.dueOn' }],
      [LEAD, commitmentInput(terminated.id, PARTNER), { code: 'CONFLICT', message: expect.stringContaining('is TERMINATED') }],
      [LEAD, commitmentInput(expired.id, PARTNER, { dueOn: null }), { code: 'CONFLICT', message: expect.stringContaining('is EXPIRED') }],
    ];
    for (const [as, input, expected] of cases) {
      const result = await harness.runAs(callerOf(as), ADD_COMMITMENT, { input });
      expect({ as, input, ...refusal(result, 'addCommitment') }).toMatchObject({ as, input, ...expected });
    }
    expect(await countRows()).toEqual(before);
  });
});

describe('setTarget', () => {
  const targetInput = (agreementId: string, overrides: Record<string, unknown> = {}) => ({
    agreementId,
    metric: 'ROAD_DEATHS',
    regionId: regionId('IR-10-12'),
    from: '2026-03-21',
    to: '2027-03-20',
    baseline: 46,
    target: 40,
    ...overrides,
  });

  it('sets targets whose type and direction follow from the metric, on draft and active MOUs', async () => {
    const agreement = await draft({ domains: ['TRAFFIC', 'ADDICTION'], regionId: regionId('IR-10') });
    const traffic = await harness.runAs<{ setTarget: Record<string, unknown> }>(callerOf(LEAD), SET_TARGET, {
      input: targetInput(agreement.id, { regionId: regionId('IR-10-12'), baseline: 46.5 }),
    });
    expectNoErrors(traffic);
    expect(traffic.data!.setTarget).toEqual({
      __typename: 'TrafficTarget',
      id: expect.any(String),
      metric: 'ROAD_DEATHS',
      region: { id: regionId('IR-10-12') },
      from: '2026-03-21',
      to: '2027-03-20',
      baseline: 46.5,
      target: 40,
      direction: 'DECREASE',
    });
    await addParty(agreement.id, PARTNER);
    await accept(agreement.id, PARTNER);
    await takeStep('activateAgreement', agreement.id);
    const prevention = await harness.runAs<{ setTarget: Record<string, unknown> }>(callerOf(LEAD), SET_TARGET, {
      input: targetInput(agreement.id, { metric: 'PEOPLE_REACHED', regionId: regionId('IR-10'), baseline: 100_000, target: 0 }),
    });
    expectNoErrors(prevention);
    expect(prevention.data!.setTarget).toMatchObject({ __typename: 'PreventionTarget', direction: 'INCREASE', target: 0 });

    const readBack = await harness.run<{ agreement: { targets: { __typename: string; metric: string }[] } }>(
      `query($id: ID) { agreement(id: $id) { targets { __typename metric } } }`,
      { id: agreement.id },
    );
    // Same period: listed by kind.
    expect(readBack.data!.agreement.targets).toEqual([
      { __typename: 'PreventionTarget', metric: 'PEOPLE_REACHED' },
      { __typename: 'TrafficTarget', metric: 'ROAD_DEATHS' },
    ]);
    const stored = await harness.store.dataSource.getRepository(Target).findBy({ agreementId: agreement.id });
    expect(stored.map(({ kind, direction }) => ({ kind, direction })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'PREVENTION', direction: 'INCREASE' },
      { kind: 'TRAFFIC', direction: 'DECREASE' },
    ]);
  });

  it('answers a retry with the same idempotency key with the first target; another body is a CONFLICT', async () => {
    const agreement = await draft();
    const input = targetInput(agreement.id, { idempotencyKey: 'target-deaths-1405' });
    const first = await harness.runAs<{ setTarget: { id: string } }>(callerOf(LEAD), SET_TARGET, { input });
    expectNoErrors(first);
    const afterFirst = await countRows();
    const retry = await harness.runAs<{ setTarget: { id: string } }>(callerOf(LEAD), SET_TARGET, { input });
    expectNoErrors(retry);
    expect(retry.data!.setTarget.id).toBe(first.data!.setTarget.id);
    expect(await countRows()).toEqual(afterFirst);
    expect(refusal(await harness.runAs(callerOf(LEAD), SET_TARGET, { input: { ...input, target: 38 } }), 'setTarget').code).toBe('CONFLICT');
    expect(await countRows()).toEqual(afterFirst);
  });

  it('refuses unknown or uncovered metrics, regions outside the MOU, bad periods and amounts, other agencies and closed MOUs', async () => {
    const agreement = await readyDraft();
    const suspended = await activeAgreement();
    await takeStep('suspendAgreement', suspended.id);
    const terminated = await activeAgreement();
    await takeStep('terminateAgreement', terminated.id);
    const expired = await lapsed('ACTIVE');
    const before = await countRows();
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [LEAD, targetInput(agreement.id, { metric: 'HAPPINESS' }), { code: 'BAD_USER_INPUT', argumentName: 'input.metric' }],
      [LEAD, targetInput(agreement.id, { metric: 'FREE_COUNSELING_SESSIONS' }), { code: 'BAD_USER_INPUT', argumentName: 'input.metric' }],
      [LEAD, targetInput(agreement.id, { regionId: regionId('IR-10') }), { code: 'BAD_USER_INPUT', argumentName: 'input.regionId' }],
      [LEAD, targetInput(agreement.id, { regionId: regionId('IR-10-01') }), { code: 'BAD_USER_INPUT', argumentName: 'input.regionId' }],
      [LEAD, targetInput(agreement.id, { regionId: 'nowhere' }), { code: 'BAD_USER_INPUT', argumentName: 'input.regionId' }],
      [LEAD, targetInput(agreement.id, { from: '2027-03-21', to: '2027-03-20' }), { code: 'BAD_USER_INPUT', argumentName: 'input.to' }],
      [LEAD, targetInput(agreement.id, { baseline: -1 }), { code: 'BAD_USER_INPUT', argumentName: 'input.baseline' }],
      [LEAD, targetInput(agreement.id, { target: -0.5 }), { code: 'BAD_USER_INPUT', argumentName: 'input.target' }],
      [LEAD, targetInput('no-such-mou'), { code: 'BAD_USER_INPUT', argumentName: 'input.agreementId' }],
      [PARTNER, targetInput(agreement.id), { code: 'FORBIDDEN' }],
      [OUTSIDER, targetInput(agreement.id), { code: 'FORBIDDEN' }],
      [LEAD, targetInput(suspended.id), { code: 'CONFLICT', message: expect.stringContaining('is SUSPENDED') }],
      [LEAD, targetInput(terminated.id), { code: 'CONFLICT', message: expect.stringContaining('is TERMINATED') }],
      [LEAD, targetInput(expired.id), { code: 'CONFLICT', message: expect.stringContaining('is EXPIRED') }],
    ];
    for (const [as, input, expected] of cases) {
      const result = await harness.runAs(callerOf(as), SET_TARGET, { input });
      expect({ as, input, ...refusal(result, 'setTarget') }).toMatchObject({ as, input, ...expected });
    }
    expect(await countRows()).toEqual(before);
  });
});

describe('lifecycle', () => {
  /** How to reach each status the matrix starts from. */
  const setups: Record<string, () => Promise<{ id: string }>> = {
    DRAFT: readyDraft,
    ACTIVE: activeAgreement,
    SUSPENDED: async () => {
      const agreement = await activeAgreement();
      expect(await takeStep('suspendAgreement', agreement.id)).toBe('SUSPENDED');
      return agreement;
    },
    TERMINATED: async () => {
      const agreement = await activeAgreement();
      expect(await takeStep('terminateAgreement', agreement.id)).toBe('TERMINATED');
      return agreement;
    },
    'EXPIRED (recorded ACTIVE)': () => lapsed('ACTIVE'),
    'EXPIRED (recorded SUSPENDED)': () => lapsed('SUSPENDED'),
    'EXPIRED (recorded EXPIRED)': () => lapsed('EXPIRED'),
  };
  /** The status each step leads to from each status; absent means refused. */
  const allowed: Record<string, Partial<Record<Step, string>>> = {
    DRAFT: { activateAgreement: 'ACTIVE' },
    ACTIVE: { suspendAgreement: 'SUSPENDED', terminateAgreement: 'TERMINATED' },
    SUSPENDED: { activateAgreement: 'ACTIVE', terminateAgreement: 'TERMINATED' },
    TERMINATED: {},
    'EXPIRED (recorded ACTIVE)': {},
    'EXPIRED (recorded SUSPENDED)': {},
    'EXPIRED (recorded EXPIRED)': {},
  };

  it('allows exactly DRAFT -> ACTIVE <-> SUSPENDED -> TERMINATED and refuses every other step with CONFLICT naming the status', async () => {
    const outcomes: string[] = [];
    for (const [from, setup] of Object.entries(setups)) {
      for (const step of STEPS) {
        const { id } = await setup();
        const recordedBefore = await recordedStatus(id);
        const result = await runStep(step, id);
        const expected = allowed[from][step];
        if (expected) {
          expectNoErrors(result);
          outcomes.push(`${from} ${step} -> ${result.data![step].status}`);
          expect(await recordedStatus(id)).toBe(expected);
        } else {
          const { code, message } = refusal(result, step);
          outcomes.push(`${from} ${step} -> ${code}`);
          expect(message).toContain(`is ${from.split(' ')[0]};`);
          expect(await recordedStatus(id)).toBe(recordedBefore);
        }
      }
    }
    expect(outcomes).toEqual([
      'DRAFT activateAgreement -> ACTIVE',
      'DRAFT suspendAgreement -> CONFLICT',
      'DRAFT terminateAgreement -> CONFLICT',
      'ACTIVE activateAgreement -> CONFLICT',
      'ACTIVE suspendAgreement -> SUSPENDED',
      'ACTIVE terminateAgreement -> TERMINATED',
      'SUSPENDED activateAgreement -> ACTIVE',
      'SUSPENDED suspendAgreement -> CONFLICT',
      'SUSPENDED terminateAgreement -> TERMINATED',
      ...['TERMINATED', 'EXPIRED (recorded ACTIVE)', 'EXPIRED (recorded SUSPENDED)', 'EXPIRED (recorded EXPIRED)'].flatMap((from) =>
        STEPS.map((step) => `${from} ${step} -> CONFLICT`),
      ),
    ]);
  });

  it('goes round ACTIVE -> SUSPENDED -> ACTIVE more than once before termination', async () => {
    const agreement = await activeAgreement();
    const path = [];
    for (const step of ['suspendAgreement', 'activateAgreement', 'suspendAgreement', 'activateAgreement', 'terminateAgreement'] as const) {
      path.push(await takeStep(step, agreement.id));
    }
    expect(path).toEqual(['SUSPENDED', 'ACTIVE', 'SUSPENDED', 'ACTIVE', 'TERMINATED']);
  });

  it('activates a draft only with two parties including the lead, a signing date and a period not yet ended, naming what is missing', async () => {
    const cases: [() => Promise<{ id: string }>, string[]][] = [
      [() => draft(), ['at least two parties (it has 1)']],
      [
        async () => {
          const { id } = await addParty((await draft({ signedOn: null })).id, PARTNER);
          return accept(id, PARTNER);
        },
        ['a signing date'],
      ],
      [async () => await addParty((await draft({ signedOn: null })).id, PARTNER), [`the acceptance of ${PARTNER} (pending)`, 'a signing date']],
      [() => draft({ signedOn: null }), ['at least two parties (it has 1)', 'a signing date']],
      [
        async () => accept((await addParty((await draft({ startsOn: '2020-03-20', endsOn: '2021-03-20', signedOn: '2020-03-01' })).id, PARTNER)).id, PARTNER),
        ['a period that has not ended (it ended on 2021-03-20)'],
      ],
      // An older record whose lead never signed as a party.
      [
        () =>
          insertAgreement({
            status: 'DRAFT',
            endsOn: '2030-03-20',
            parties: [
              [PARTNER, 'PARTNER'],
              [OBSERVER, 'OBSERVER'],
            ],
          }),
        ['the lead agency among its parties'],
      ],
    ];
    for (const [setup, missing] of cases) {
      const { id } = await setup();
      const { code, message } = refusal(await runStep('activateAgreement', id), 'activateAgreement');
      expect(code).toBe('CONFLICT');
      expect(message).toMatch(/cannot be activated yet; it needs /);
      expect(message.slice(message.indexOf('it needs ') + 'it needs '.length)).toBe(missing.join(', '));
      expect(await recordedStatus(id)).toBe('DRAFT');
    }
  });

  it('lets only the lead agency change the status, and refuses an unknown MOU by its id argument', async () => {
    const agreement = await activeAgreement();
    for (const as of [PARTNER, OUTSIDER]) {
      for (const step of STEPS) {
        expect(refusal(await runStep(step, agreement.id, as), step).code).toBe('FORBIDDEN');
      }
    }
    expect(await recordedStatus(agreement.id)).toBe('ACTIVE');
    for (const step of STEPS) {
      expect(refusal(await runStep(step, 'no-such-mou'), step)).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
    }
  });
});

describe('acceptAgreement', () => {
  /** The attack of issue 8: a formula for a title, another agency named as a party without asking it. */
  const FORMULA_TITLE = "=cmd|' /C calc'!A0";

  it('refuses to activate an MOU naming an agency that has not accepted it, and activates it once that agency accepts', async () => {
    const agreement = await draft({ title: FORMULA_TITLE });
    const added = await addParty(agreement.id, OUTSIDER);
    expect(added.title).toBe(FORMULA_TITLE);
    expect(added.parties.map(({ role, status, acceptedAt, agency }) => ({ role, status, acceptedAt, agency }))).toEqual([
      { role: 'LEAD', status: 'ACCEPTED', acceptedAt: expect.any(Date), agency: { id: agencyId(LEAD) } },
      { role: 'PARTNER', status: 'PENDING', acceptedAt: null, agency: { id: agencyId(OUTSIDER) } },
    ]);

    const refused = refusal(await runStep('activateAgreement', agreement.id), 'activateAgreement');
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(new RegExp(`it needs the acceptance of ${OUTSIDER} \\(pending\\)$`)) });
    expect(await recordedStatus(agreement.id)).toBe('DRAFT');

    // The named agency finds the MOU awaiting its acceptance, marked as such.
    const awaiting = await harness.runAs<{ agreements: { edges: { node: { code: string; parties: { status: string; agency: { id: string } }[] } }[] } }>(
      callerOf(OUTSIDER, ['agreements:read']),
      `query($me: ID) { agreements(status: DRAFT, partyAgencyId: $me) { edges { node { code parties { status agency { id } } } } } }`,
      { me: agencyId(OUTSIDER) },
    );
    expectNoErrors(awaiting);
    const listed = awaiting.data!.agreements.edges.find((edge) => edge.node.code === agreement.code)!.node;
    expect(listed.parties.find((party) => party.agency.id === agencyId(OUTSIDER))!.status).toBe('PENDING');

    const before = Date.now() - 1000;
    const accepted = await accept(agreement.id, OUTSIDER);
    const party = accepted.parties.find((candidate) => candidate.agency.id === agencyId(OUTSIDER))!;
    expect(party.status).toBe('ACCEPTED');
    expect(party.acceptedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(party.acceptedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await takeStep('activateAgreement', agreement.id)).toBe('ACTIVE');

    // Another agency reads the consent as recorded.
    const readBack = await harness.runAs<{ agreement: AgreementResult }>(
      callerOf(OBSERVER, ['agreements:read']),
      `query($id: ID) { agreement(id: $id) { ${AGREEMENT_FIELDS} } }`,
      {
        id: agreement.id,
      },
    );
    expectNoErrors(readBack);
    expect(readBack.data!.agreement.parties[1]).toMatchObject({ status: 'ACCEPTED', acceptedAt: party.acceptedAt });
  });

  it('names every pending party, in order of signature', async () => {
    const agreement = await draft();
    await addParty(agreement.id, PARTNER);
    await addParty(agreement.id, OBSERVER, 'OBSERVER');
    expect(refusal(await runStep('activateAgreement', agreement.id), 'activateAgreement').message).toMatch(
      new RegExp(`it needs the acceptance of ${PARTNER}, ${OBSERVER} \\(pending\\)$`),
    );
    await accept(agreement.id, OBSERVER);
    expect(refusal(await runStep('activateAgreement', agreement.id), 'activateAgreement').message).toMatch(
      new RegExp(`it needs the acceptance of ${PARTNER} \\(pending\\)$`),
    );
    expect(await recordedStatus(agreement.id)).toBe('DRAFT');
  });

  it('is idempotent: accepting again, or the lead accepting, changes nothing', async () => {
    const agreement = await readyDraft();
    const before = await countRows();
    const stored = await harness.store.dataSource.getRepository(AgreementParty).findBy({ agreementId: agreement.id });
    const again = await accept(agreement.id, PARTNER);
    const byLead = await accept(agreement.id, LEAD);
    expect(byLead).toEqual(again);
    expect(again.parties.map((party) => [party.status, party.acceptedAt === null ? null : party.acceptedAt.getTime()])).toEqual(
      stored.map((party) => [party.status, party.acceptedAt === null ? null : party.acceptedAt.getTime()]),
    );
    expect(await countRows()).toEqual(before);
  });

  it('refuses an agency that is not a party, an unknown MOU, and a pending party of a terminated or expired MOU', async () => {
    const agreement = await readyDraft();
    const terminated = await activeAgreement();
    await addParty(terminated.id, OBSERVER, 'OBSERVER');
    await takeStep('terminateAgreement', terminated.id);
    const expired = await insertAgreement({
      status: 'ACTIVE',
      parties: [
        [LEAD, 'LEAD'],
        [PARTNER, 'PARTNER'],
        [OBSERVER, 'OBSERVER'],
      ],
      pending: [OBSERVER],
    });
    const before = await countRows();
    const cases: [string, string, Record<string, unknown>][] = [
      [OUTSIDER, agreement.id, { code: 'FORBIDDEN', message: expect.stringContaining('Only the parties') }],
      [PARTNER, 'no-such-mou', { code: 'BAD_USER_INPUT', argumentName: 'id' }],
      [OBSERVER, terminated.id, { code: 'CONFLICT', message: expect.stringContaining('is TERMINATED') }],
      [OBSERVER, expired.id, { code: 'CONFLICT', message: expect.stringContaining('is EXPIRED') }],
    ];
    for (const [as, id, expected] of cases) {
      expect({ as, id, ...refusal(await harness.runAs(callerOf(as), ACCEPT, { id }), 'acceptAgreement') }).toMatchObject({ as, id, ...expected });
    }
    const pending = await harness.store.dataSource.getRepository(AgreementParty).findBy({ agencyId: agencyId(OBSERVER), status: 'PENDING' });
    expect(pending.map((party) => party.agreementId).sort()).toEqual(expect.arrayContaining([terminated.id, expired.id]));
    // A party that accepted before the end gets its answer again.
    expect((await accept(terminated.id, PARTNER)).status).toBe('TERMINATED');
    expect(await countRows()).toEqual(before);
  });

  it('lists a party added to a running MOU as pending until it accepts, and resumes the MOU without waiting for it', async () => {
    const agreement = await activeAgreement();
    const added = await addParty(agreement.id, OBSERVER, 'OBSERVER');
    expect(added.status).toBe('ACTIVE');
    expect(added.parties[2]).toMatchObject({ status: 'PENDING', acceptedAt: null });
    expect(await takeStep('suspendAgreement', agreement.id)).toBe('SUSPENDED');
    expect(await takeStep('activateAgreement', agreement.id)).toBe('ACTIVE');
    expect((await accept(agreement.id, OBSERVER)).parties[2]).toMatchObject({ status: 'ACCEPTED', acceptedAt: expect.any(Date) });
  });
});

describe('concurrent writes', () => {
  it('lets one of two simultaneous requests win a code, a party or an activation, and the other get a CONFLICT', async () => {
    const code = nextCode();
    const drafts = await Promise.all([0, 1].map(() => harness.runAs(callerOf(LEAD), DRAFT, { input: draftInput({ code }) })));
    expect(drafts.map((result) => result.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    expect(await harness.store.dataSource.getRepository(Agreement).countBy({ code })).toBe(1);

    const agreement = await draft();
    const parties = await Promise.all(
      [0, 1].map(() => harness.runAs(callerOf(LEAD), ADD_PARTY, { input: { agreementId: agreement.id, agencyId: agencyId(PARTNER), role: 'PARTNER' } })),
    );
    expect(parties.map((result) => result.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    expect(await harness.store.dataSource.getRepository(AgreementParty).countBy({ agreementId: agreement.id })).toBe(2);

    const acceptances = await Promise.all(
      [0, 1].map(() => harness.runAs<{ acceptAgreement: AgreementResult }>(callerOf(PARTNER), ACCEPT, { id: agreement.id })),
    );
    acceptances.forEach(expectNoErrors);
    const [first, second] = acceptances.map((result) => result.data!.acceptAgreement.parties[1]);
    expect(first).toMatchObject({ status: 'ACCEPTED', acceptedAt: second.acceptedAt });

    const activations = await Promise.all([0, 1].map(() => runStep('activateAgreement', agreement.id)));
    expect(activations.map((result) => result.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    expect(await recordedStatus(agreement.id)).toBe('ACTIVE');
  });
});

describe('schema after the write migrations', () => {
  it('has migrations that match its entities exactly, the unique party pair and idempotency keys included', async () => {
    const pending = await harness.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});

describe('the acceptance migration', () => {
  it('records every party written before it as ACCEPTED, with no time, and new rows as PENDING by default', async () => {
    const { dataSource } = harness.store;
    const agreement = await readyDraft();
    const pendingBefore = await addParty((await draft()).id, OBSERVER, 'OBSERVER');
    expect(pendingBefore.parties[1].status).toBe('PENDING');
    // Undo migrations down to (and including) PartyAcceptance: later ones (the store probe of every store) first.
    for (let undone = 0; undone < 5; undone += 1) {
      const executed = (await dataSource.query('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1')) as { name: string }[];
      await dataSource.undoLastMigration();
      if (executed[0]?.name.startsWith('PartyAcceptance')) break;
    }
    const columns = (await dataSource.createQueryRunner().getTable('agreement_party'))!.columns.map((column) => column.name);
    expect(columns).not.toContain('status');
    // A row as main wrote it, without any consent recorded.
    await dataSource.query('INSERT INTO agreement_party (id, agreement_id, agency_id, role, position) VALUES (?, ?, ?, ?, ?)', [
      'party-from-main',
      agreement.id,
      agencyId(OUTSIDER),
      'OBSERVER',
      9,
    ]);
    await dataSource.runMigrations({ transaction: 'all' });
    const parties = await dataSource.getRepository(AgreementParty).find();
    expect(parties.length).toBeGreaterThan(3);
    expect(parties.filter((party) => party.status !== 'ACCEPTED' || party.acceptedAt !== null)).toEqual([]);
    await dataSource.query('INSERT INTO agreement_party (id, agreement_id, agency_id, role, position) VALUES (?, ?, ?, ?, ?)', [
      'party-without-status',
      pendingBefore.id,
      agencyId(PARTNER),
      'PARTNER',
      9,
    ]);
    expect(await dataSource.getRepository(AgreementParty).findOneByOrFail({ id: 'party-without-status' })).toMatchObject({
      status: 'PENDING',
      acceptedAt: null,
    });
  });
});
