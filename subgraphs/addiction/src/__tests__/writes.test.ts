import {
  agencyId,
  armFailpoint,
  disarmFailpoints,
  IdempotencyKey,
  isValidNationalId,
  regionId,
  todayInIran,
  type Store,
  MeasureStore,
} from '@safety-graph/shared';
import { inPersianDigits, nationalId, callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { addiction } from '../index';
import type { AddictionContext } from '../context';
import { PreventionProgram, ProgramSession, TreatmentReferral } from '../entities';

let harness: SubgraphHarness<AddictionContext>;

beforeAll(async () => {
  harness = await subgraphHarness(addiction);
});
afterEach(() => disarmFailpoints());
afterAll(() => harness?.close());

/** The people of these tests; none of them may ever reach the store or an answer. */
const PERSON_A = nationalId('049937089');
const PERSON_B = nationalId('128456731');
const PERSON_C = nationalId('245983107');
const NATIONAL_IDS = [PERSON_A, PERSON_B, PERSON_C];

function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
const today = todayInIran();
const tomorrow = addDays(today, 1);
const lastWeek = addDays(today, -7);

const WRITE = ['addiction:read', 'addiction:write', 'reports:read'];
const READ_ONLY = ['addiction:read', 'reports:read'];

/** Every answer of this file, searched at the end for the national ids. */
const answers: string[] = [];

interface Answer<TData> {
  data?: TData | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

async function ask<TData = Record<string, unknown>>(
  agency: string,
  query: string,
  variables: Record<string, unknown> = {},
  scopes: string[] = WRITE,
): Promise<Answer<TData>> {
  const answer = await harness.runAs<TData>(callerOf(agency, scopes), query, variables);
  answers.push(JSON.stringify(answer));
  return answer;
}

const CREATE_PROGRAM = `mutation($input: CreatePreventionProgramInput!) {
  createPreventionProgram(input: $input) {
    id code title titleFa kind startsOn endsOn agreement { id } leadAgency { id } region { id } sessions { id } } }`;
const RECORD_SESSION = `mutation($input: RecordProgramSessionInput!) {
  recordProgramSession(input: $input) { id heldOn attendance region { id } recordedBy { id } program { id code } } }`;
const REFER = `mutation($input: ReferToTreatmentInput!) {
  referToTreatment(input: $input) { id referredOn status admittedOn region { id } fromAgency { id } toAgency { id } } }`;
const UPDATE_STATUS = `mutation($input: UpdateReferralStatusInput!) {
  updateReferralStatus(input: $input) { id status referredOn admittedOn fromAgency { id } toAgency { id } } }`;

interface ProgramAnswer {
  createPreventionProgram: {
    id: string;
    code: string;
    title: string;
    titleFa: string;
    kind: string;
    startsOn: string;
    endsOn: string;
    agreement: { id: string } | null;
    leadAgency: { id: string };
    region: { id: string };
    sessions: { id: string }[];
  };
}
interface SessionAnswer {
  recordProgramSession: {
    id: string;
    heldOn: string;
    attendance: number;
    region: { id: string };
    recordedBy: { id: string };
    program: { id: string; code: string };
  };
}
interface ReferralNode {
  id: string;
  referredOn: string;
  status: string;
  admittedOn: string | null;
  region: { id: string };
  fromAgency: { id: string };
  toAgency: { id: string };
}

/** Rows in every table a mutation may touch. */
async function rowCounts(store: Store = harness.store): Promise<Record<string, number>> {
  const manager = store.dataSource.manager;
  return {
    prevention_program: await manager.count(PreventionProgram),
    program_session: await manager.count(ProgramSession),
    treatment_referral: await manager.count(TreatmentReferral),
    idempotency_key: await manager.count(IdempotencyKey),
  };
}

function expectError(answer: Answer<unknown>, code: string, argumentName?: string): void {
  expect(answer.errors?.length).toBeGreaterThan(0);
  expect(answer.errors![0].extensions).toMatchObject({ code, ...(argumentName ? { argumentName } : {}) });
  // Never SQL, a driver's error or a stack.
  expect(answer.errors![0].message).not.toMatch(/\bSELECT\b|\bINSERT INTO\b|\bWHERE\b|SQLITE|ER_[A-Z]|QueryFailed|\n\s+at /);
  expect(answer.errors![0].extensions).not.toHaveProperty('stacktrace');
}

const KASHAN = regionId('IR-10-12');
const ISFAHAN_PROVINCE = regionId('IR-10');
const HEALTH_PROVINCE = 'HEALTH-IR-10';

function programInput(overrides: Record<string, unknown> = {}) {
  return {
    code: 'PREV-TEST-FAMILIES-IR-10',
    title: 'Family evenings on addiction prevention',
    titleFa: 'شب‌های خانواده: پیشگیری از اعتیاد در محله‌ها',
    kind: 'COMMUNITY',
    regionId: ISFAHAN_PROVINCE,
    startsOn: '2025-03-21',
    endsOn: addDays(today, 365),
    agreementId: null,
    ...overrides,
  };
}

async function createProgram(overrides: Record<string, unknown> = {}, agency = HEALTH_PROVINCE): Promise<ProgramAnswer['createPreventionProgram']> {
  const answer = await ask<ProgramAnswer>(agency, CREATE_PROGRAM, { input: programInput(overrides) });
  expect(answer.errors).toBeUndefined();
  return answer.data!.createPreventionProgram;
}

async function refer(agency: string, overrides: Record<string, unknown> = {}): Promise<ReferralNode> {
  const answer = await ask<{ referToTreatment: ReferralNode }>(agency, REFER, {
    input: { subjectNationalId: PERSON_A, referredOn: lastWeek, regionId: KASHAN, toAgencyId: agencyId('HEALTH-IR-10-12'), ...overrides },
  });
  expect(answer.errors).toBeUndefined();
  return answer.data!.referToTreatment;
}

describe('createPreventionProgram', () => {
  it('starts a programme led by the caller’s agency, Persian title intact, and reads it back', async () => {
    const mouId = '6f1d2c3b-4a59-5e68-8d7c-0b1a2c3d4e5f';
    const created = await createProgram({ code: 'PREV-TEST-CREATED-IR-10', agreementId: mouId });
    expect(created).toMatchObject({
      code: 'PREV-TEST-CREATED-IR-10',
      titleFa: 'شب‌های خانواده: پیشگیری از اعتیاد در محله‌ها',
      kind: 'COMMUNITY',
      startsOn: '2025-03-21',
      agreement: { id: mouId },
      leadAgency: { id: agencyId(HEALTH_PROVINCE) },
      region: { id: ISFAHAN_PROVINCE },
      sessions: [],
    });

    const readBack = await ask<{ preventionProgram: { id: string; titleFa: string; leadAgency: { id: string } } }>(
      'EDUCATION-IR-10',
      `{ preventionProgram(code: "PREV-TEST-CREATED-IR-10") { id titleFa leadAgency { id } } }`,
    );
    expect(readBack.data?.preventionProgram).toEqual({ id: created.id, titleFa: created.titleFa, leadAgency: { id: agencyId(HEALTH_PROVINCE) } });
    const row = await harness.store.dataSource.manager.findOneByOrFail(PreventionProgram, { id: created.id });
    expect(row.titleFa).toBe('شب‌های خانواده: پیشگیری از اعتیاد در محله‌ها');

    const underMou = await ask<{ _entities: { preventionPrograms: { code: string }[] }[] }>(
      HEALTH_PROVINCE,
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agreement { preventionPrograms { code } } } }`,
      { representations: [{ __typename: 'Agreement', id: mouId }] },
    );
    expect(underMou.data?._entities[0].preventionPrograms).toEqual([{ code: 'PREV-TEST-CREATED-IR-10' }]);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ code: '  ' }, 'input.code'],
      [{ code: 'PREV TEST' }, 'input.code'],
      [{ code: 'P'.repeat(65) }, 'input.code'],
      [{ title: '' }, 'input.title'],
      [{ titleFa: 'ا'.repeat(201) }, 'input.titleFa'],
      [{ regionId: 'no-such-region' }, 'input.regionId'],
      [{ regionId: regionId('IR') }, 'input.regionId'],
      [{ startsOn: '2025-06-01', endsOn: '2025-05-31' }, 'input.endsOn'],
      [{ agreementId: 'MOU-IR-10-ADDICTION-1403' }, 'input.agreementId'],
      [{ idempotencyKey: '' }, 'input.idempotencyKey'],
    ];
    for (const [overrides, argumentName] of cases) {
      expectError(
        await ask(HEALTH_PROVINCE, CREATE_PROGRAM, { input: programInput({ code: 'PREV-TEST-INVALID', ...overrides }) }),
        'BAD_USER_INPUT',
        argumentName,
      );
    }
    // A programme of one day, and a title of exactly 200 Persian letters, are fine.
    await createProgram({ code: 'PREV-TEST-ONE-DAY', startsOn: '2025-06-01', endsOn: '2025-06-01', titleFa: 'ا'.repeat(200) });
    expect(await rowCounts()).toEqual({ ...before, prevention_program: before.prevention_program + 1 });
  });

  it('refuses a code that is taken with CONFLICT', async () => {
    const answer = await ask(HEALTH_PROVINCE, CREATE_PROGRAM, { input: programInput({ code: 'PREV-1404-SCHOOL-IR-10-12' }) });
    expectError(answer, 'CONFLICT');
    expect(answer.errors![0].message).toMatch(/PREV-1404-SCHOOL-IR-10-12/);
  });

  it('needs addiction:write', async () => {
    const before = await rowCounts();
    const answer = await ask(HEALTH_PROVINCE, CREATE_PROGRAM, { input: programInput({ code: 'PREV-TEST-NO-SCOPE' }) }, READ_ONLY);
    expectError(answer, 'FORBIDDEN');
    expect(answer.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a retry with the same key with the first programme, and the same key with another body with CONFLICT', async () => {
    const input = programInput({ code: 'PREV-TEST-IDEMPOTENT', idempotencyKey: 'program-retry-1' });
    const first = await ask<ProgramAnswer>(HEALTH_PROVINCE, CREATE_PROGRAM, { input });
    expect(first.errors).toBeUndefined();
    const afterFirst = await rowCounts();
    const retry = await ask<ProgramAnswer>(HEALTH_PROVINCE, CREATE_PROGRAM, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.createPreventionProgram).toEqual(first.data!.createPreventionProgram);
    expect(await rowCounts()).toEqual(afterFirst);

    expectError(await ask(HEALTH_PROVINCE, CREATE_PROGRAM, { input: { ...input, title: 'Another title' } }), 'CONFLICT');
    // Keys belong to the caller's agency: another agency's same key is another request (and here a taken code).
    expectError(await ask('WELFARE-IR-10', CREATE_PROGRAM, { input }), 'CONFLICT');
    const other = await ask<ProgramAnswer>('WELFARE-IR-10', CREATE_PROGRAM, { input: { ...input, code: 'PREV-TEST-IDEMPOTENT-WELFARE' } });
    expect(other.errors).toBeUndefined();
    expect(other.data!.createPreventionProgram.id).not.toBe(first.data!.createPreventionProgram.id);
  });

  it('leaves no row behind when it fails after the insert, and the key stays free for a retry', async () => {
    const before = await rowCounts();
    const input = programInput({ code: 'PREV-TEST-FAILPOINT', idempotencyKey: 'program-failpoint' });
    armFailpoint('addiction.createPreventionProgram.after-first-insert');
    const failed = await ask(HEALTH_PROVINCE, CREATE_PROGRAM, { input });
    expectError(failed, 'INTERNAL_SERVER_ERROR');
    expect(failed.errors![0].message).toBe('Internal server error');
    expect(await rowCounts()).toEqual(before);
    const retried = await ask<ProgramAnswer>(HEALTH_PROVINCE, CREATE_PROGRAM, { input });
    expect(retried.errors).toBeUndefined();
    expect(await rowCounts()).toEqual({ ...before, prevention_program: before.prevention_program + 1, idempotency_key: before.idempotency_key + 1 });
  });
});

describe('recordProgramSession', () => {
  let provinceProgram: ProgramAnswer['createPreventionProgram'];
  let countyProgram: ProgramAnswer['createPreventionProgram'];
  let endedProgram: ProgramAnswer['createPreventionProgram'];

  beforeAll(async () => {
    provinceProgram = await createProgram({ code: 'PREV-TEST-SESSIONS-IR-10' });
    countyProgram = await createProgram({ code: 'PREV-TEST-SESSIONS-IR-10-12', regionId: KASHAN, kind: 'PUBLIC_EDUCATION' });
    endedProgram = await createProgram({ code: 'PREV-TEST-ENDED', startsOn: '2025-04-01', endsOn: '2025-06-30' });
  });

  const sessionInput = (overrides: Record<string, unknown> = {}) => ({
    programId: provinceProgram.id,
    heldOn: lastWeek,
    regionId: KASHAN,
    attendance: 35,
    ...overrides,
  });

  it('records a session of the caller’s programme in one of its counties, recorded by the caller, and reads it back', async () => {
    const answer = await ask<SessionAnswer>(HEALTH_PROVINCE, RECORD_SESSION, { input: sessionInput({ regionId: regionId('IR-10-01'), attendance: 0 }) });
    expect(answer.errors).toBeUndefined();
    const session = answer.data!.recordProgramSession;
    expect(session).toMatchObject({
      heldOn: lastWeek,
      attendance: 0,
      region: { id: regionId('IR-10-01') },
      recordedBy: { id: agencyId(HEALTH_PROVINCE) },
      program: { id: provinceProgram.id, code: 'PREV-TEST-SESSIONS-IR-10' },
    });
    const readBack = await ask<{ preventionProgram: { sessions: { id: string; attendance: number }[] } }>(
      'EDUCATION-IR-10',
      `query($id: ID) { preventionProgram(id: $id) { sessions { id attendance } } }`,
      { id: provinceProgram.id },
    );
    expect(readBack.data!.preventionProgram.sessions).toContainEqual({ id: session.id, attendance: 0 });

    // Today, on the last day of an ended programme, and a full hall are fine too.
    for (const input of [
      sessionInput({ heldOn: today, attendance: 100_000 }),
      sessionInput({ programId: endedProgram.id, heldOn: '2025-06-30' }),
      sessionInput({ programId: countyProgram.id }),
    ]) {
      expect((await ask(HEALTH_PROVINCE, RECORD_SESSION, { input })).errors).toBeUndefined();
    }
  });

  it('shows a new session to later fields of the same request: the programme’s sessions and the region’s figures', async () => {
    const period = { from: lastWeek, to: lastWeek };
    const answer = await ask<
      Record<
        'first' | 'second',
        { id: string; program: { sessions: { id: string }[] }; region: { preventionStats: { sessions: number; peopleReached: number } } }
      >
    >(
      HEALTH_PROVINCE,
      `mutation($first: RecordProgramSessionInput!, $second: RecordProgramSessionInput!, $period: PeriodInput!) {
        first: recordProgramSession(input: $first) { id program { sessions { id } } region { preventionStats(period: $period) { sessions peopleReached } } }
        second: recordProgramSession(input: $second) { id program { sessions { id } } region { preventionStats(period: $period) { sessions peopleReached } } } }`,
      { first: sessionInput({ programId: countyProgram.id, attendance: 20 }), second: sessionInput({ programId: countyProgram.id, attendance: 30 }), period },
    );
    expect(answer.errors).toBeUndefined();
    const { first, second } = answer.data!;
    expect(second.program.sessions.map((session) => session.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(second.program.sessions).toHaveLength(first.program.sessions.length + 1);
    expect(second.region.preventionStats.sessions).toBe(first.region.preventionStats.sessions + 1);
    expect(second.region.preventionStats.peopleReached).toBe(first.region.preventionStats.peopleReached + 30);
  });

  it('lets only the programme’s lead agency record its sessions', async () => {
    const before = await rowCounts();
    for (const agency of ['HEALTH-IR-10-12', 'EDUCATION-IR-10', 'WELFARE-IR-10']) {
      const answer = await ask(agency, RECORD_SESSION, { input: sessionInput() });
      expectError(answer, 'FORBIDDEN');
    }
    // Seeded programmes are led by others too.
    const seeded = await ask<{ preventionProgram: { id: string } }>(HEALTH_PROVINCE, `{ preventionProgram(code: "PREV-1404-SCHOOL-IR-10-12") { id } }`);
    expectError(
      await ask(HEALTH_PROVINCE, RECORD_SESSION, { input: sessionInput({ programId: seeded.data!.preventionProgram.id, heldOn: '2025-05-01' }) }),
      'FORBIDDEN',
    );
    expectError(await ask(HEALTH_PROVINCE, RECORD_SESSION, { input: sessionInput() }, READ_ONLY), 'FORBIDDEN');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ programId: '00000000-0000-4000-8000-000000000000' }, 'input.programId'],
      [{ programId: 'not-an-id' }, 'input.programId'],
      [{ heldOn: tomorrow }, 'input.heldOn'],
      [{ heldOn: '2025-03-20' }, 'input.heldOn'],
      [{ programId: endedProgram.id, heldOn: '2025-07-01' }, 'input.heldOn'],
      [{ programId: endedProgram.id, heldOn: '2025-03-31' }, 'input.heldOn'],
      [{ regionId: ISFAHAN_PROVINCE }, 'input.regionId'],
      [{ regionId: 'no-such-region' }, 'input.regionId'],
      [{ programId: countyProgram.id, regionId: regionId('IR-10-01') }, 'input.regionId'],
      [{ attendance: -1 }, 'input.attendance'],
      [{ attendance: 100_001 }, 'input.attendance'],
    ];
    for (const [overrides, argumentName] of cases) {
      expectError(await ask(HEALTH_PROVINCE, RECORD_SESSION, { input: sessionInput(overrides) }), 'BAD_USER_INPUT', argumentName);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a retry with the same key with the first session, and the same key with another body with CONFLICT', async () => {
    const input = sessionInput({ idempotencyKey: 'session-retry-1', attendance: 41 });
    const first = await ask<SessionAnswer>(HEALTH_PROVINCE, RECORD_SESSION, { input });
    expect(first.errors).toBeUndefined();
    const afterFirst = await rowCounts();
    const retry = await ask<SessionAnswer>(HEALTH_PROVINCE, RECORD_SESSION, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect(await rowCounts()).toEqual(afterFirst);
    expectError(await ask(HEALTH_PROVINCE, RECORD_SESSION, { input: { ...input, attendance: 42 } }), 'CONFLICT');
    expect(await rowCounts()).toEqual(afterFirst);
  });

  it('leaves no row behind when it fails after the insert', async () => {
    const before = await rowCounts();
    armFailpoint('addiction.recordProgramSession.after-first-insert');
    expectError(await ask(HEALTH_PROVINCE, RECORD_SESSION, { input: sessionInput({ idempotencyKey: 'session-failpoint' }) }), 'INTERNAL_SERVER_ERROR');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('referToTreatment and updateReferralStatus', () => {
  const POLICE_KASHAN = 'POLICE-IR-10-12';
  const HEALTH_KASHAN = 'HEALTH-IR-10-12';

  it('refers a person from the caller’s agency, visible to both agencies and no other', async () => {
    const referral = await refer(POLICE_KASHAN);
    expect(referral).toMatchObject({
      referredOn: lastWeek,
      status: 'REFERRED',
      admittedOn: null,
      region: { id: KASHAN },
      fromAgency: { id: agencyId(POLICE_KASHAN) },
      toAgency: { id: agencyId(HEALTH_KASHAN) },
    });
    const lookup = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on TreatmentReferral { id status } } }`;
    const representations = [{ __typename: 'TreatmentReferral', id: referral.id }];
    for (const agency of [POLICE_KASHAN, HEALTH_KASHAN]) {
      const answer = await ask<{ _entities: unknown[] }>(agency, lookup, { representations });
      expect(answer.data!._entities).toEqual([{ id: referral.id, status: 'REFERRED' }]);
    }
    expect((await ask<{ _entities: unknown[] }>('WELFARE-IR-10-12', lookup, { representations })).data!._entities).toEqual([null]);
  });

  it('keeps the person only as a pseudonym: the same person twice links up, another person does not', async () => {
    const first = await refer(POLICE_KASHAN, { subjectNationalId: PERSON_B });
    // The same id in Persian digits and with a dash is the same person.
    const again = await refer('WELFARE-IR-10-12', { subjectNationalId: `${inPersianDigits(PERSON_B.slice(0, 3))}-${PERSON_B.slice(3)}` });
    const other = await refer(POLICE_KASHAN, { subjectNationalId: PERSON_C });
    const rows = await harness.store.dataSource.manager.findBy(TreatmentReferral, [{ id: first.id }, { id: again.id }, { id: other.id }]);
    const pseudonymOf = new Map(rows.map((row) => [row.id, row.subjectPseudonym]));
    expect(pseudonymOf.get(first.id)).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymOf.get(again.id)).toBe(pseudonymOf.get(first.id));
    expect(pseudonymOf.get(other.id)).not.toBe(pseudonymOf.get(first.id));
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, without echoing the national id', async () => {
    const before = await rowCounts();
    const mistyped = `${PERSON_A.slice(0, 9)}${(Number(PERSON_A[9]) + 1) % 10}`;
    expect(isValidNationalId(mistyped)).toBe(false);
    const cases: [string, Record<string, unknown>, string][] = [
      [POLICE_KASHAN, { subjectNationalId: mistyped }, 'input.subjectNationalId'],
      [POLICE_KASHAN, { subjectNationalId: '1111111111' }, 'input.subjectNationalId'],
      [POLICE_KASHAN, { subjectNationalId: PERSON_A.slice(0, 9) }, 'input.subjectNationalId'],
      [POLICE_KASHAN, { referredOn: tomorrow }, 'input.referredOn'],
      [POLICE_KASHAN, { regionId: ISFAHAN_PROVINCE }, 'input.regionId'],
      [POLICE_KASHAN, { toAgencyId: '00000000-0000-4000-8000-000000000000' }, 'input.toAgencyId'],
      [POLICE_KASHAN, { toAgencyId: agencyId('NARCOTICS-POLICE-IR-10') }, 'input.toAgencyId'],
      [POLICE_KASHAN, { toAgencyId: agencyId('EDUCATION-IR-10') }, 'input.toAgencyId'],
      [HEALTH_KASHAN, { toAgencyId: agencyId(HEALTH_KASHAN) }, 'input.toAgencyId'],
    ];
    for (const [agency, overrides, argumentName] of cases) {
      const answer = await ask(agency, REFER, {
        input: { subjectNationalId: PERSON_A, referredOn: lastWeek, regionId: KASHAN, toAgencyId: agencyId(HEALTH_KASHAN), ...overrides },
      });
      expectError(answer, 'BAD_USER_INPUT', argumentName);
      expect(answer.errors![0].message).not.toContain(mistyped);
    }
    // A health network may refer on to a welfare office, and the other way round.
    await refer(HEALTH_KASHAN, { toAgencyId: agencyId('WELFARE-IR-10') });
    expect(await rowCounts()).toEqual({ ...before, treatment_referral: before.treatment_referral + 1 });
  });

  it('needs addiction:write', async () => {
    const before = await rowCounts();
    const answer = await ask(
      POLICE_KASHAN,
      REFER,
      {
        input: { subjectNationalId: PERSON_A, referredOn: lastWeek, regionId: KASHAN, toAgencyId: agencyId(HEALTH_KASHAN) },
      },
      READ_ONLY,
    );
    expectError(answer, 'FORBIDDEN');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a retry with the same key with the first referral, and the same key for another person with CONFLICT', async () => {
    const input = {
      subjectNationalId: PERSON_C,
      referredOn: lastWeek,
      regionId: KASHAN,
      toAgencyId: agencyId(HEALTH_KASHAN),
      idempotencyKey: 'referral-retry-1',
    };
    const first = await ask<{ referToTreatment: ReferralNode }>(POLICE_KASHAN, REFER, { input });
    expect(first.errors).toBeUndefined();
    const afterFirst = await rowCounts();
    const retry = await ask<{ referToTreatment: ReferralNode }>(POLICE_KASHAN, REFER, { input });
    expect(retry.data).toEqual(first.data);
    expect(await rowCounts()).toEqual(afterFirst);
    expectError(await ask(POLICE_KASHAN, REFER, { input: { ...input, subjectNationalId: PERSON_B } }), 'CONFLICT');
    expect(await rowCounts()).toEqual(afterFirst);
    // What the key remembers of the request is a hash over the pseudonym, never over the national id.
    const key = await harness.store.dataSource.manager.findOneByOrFail(IdempotencyKey, { agencyCode: POLICE_KASHAN, key: 'referral-retry-1' });
    expect(key.resultId).toBe(first.data!.referToTreatment.id);
  });

  it('leaves no row behind when it fails after the insert', async () => {
    const before = await rowCounts();
    armFailpoint('addiction.referToTreatment.after-first-insert');
    const answer = await ask(POLICE_KASHAN, REFER, {
      input: { subjectNationalId: PERSON_A, referredOn: lastWeek, regionId: KASHAN, toAgencyId: agencyId(HEALTH_KASHAN), idempotencyKey: 'referral-failpoint' },
    });
    expectError(answer, 'INTERNAL_SERVER_ERROR');
    expect(await rowCounts()).toEqual(before);
  });

  it('moves a referral along its lifecycle by the receiving agency, refusing any other step with CONFLICT', async () => {
    const completed = await refer(POLICE_KASHAN, { referredOn: addDays(today, -30) });
    const step = (referralId: string, status: string, on: string, agency = HEALTH_KASHAN) =>
      ask<{ updateReferralStatus: ReferralNode }>(agency, UPDATE_STATUS, { input: { referralId, status, on } });

    const admitted = await step(completed.id, 'ADMITTED', addDays(today, -20));
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data!.updateReferralStatus).toMatchObject({ status: 'ADMITTED', admittedOn: addDays(today, -20) });
    expectError(await step(completed.id, 'ADMITTED', addDays(today, -19)), 'CONFLICT');
    expectError(await step(completed.id, 'REFERRED', addDays(today, -19)), 'CONFLICT');
    const done = await step(completed.id, 'COMPLETED', addDays(today, -2));
    expect(done.data!.updateReferralStatus).toMatchObject({ status: 'COMPLETED', admittedOn: addDays(today, -20) });
    for (const status of ['DROPPED_OUT', 'ADMITTED', 'COMPLETED', 'REFERRED']) {
      const refused = await step(completed.id, status, today);
      expectError(refused, 'CONFLICT');
      expect(refused.errors![0].message).toMatch(/COMPLETED/);
    }

    const droppedBefore = await refer(POLICE_KASHAN);
    const refusedFromReferred = await step(droppedBefore.id, 'COMPLETED', today);
    expectError(refusedFromReferred, 'CONFLICT');
    expect(refusedFromReferred.errors![0].message).toMatch(/REFERRED/);
    const dropped = await step(droppedBefore.id, 'DROPPED_OUT', today);
    expect(dropped.data!.updateReferralStatus).toMatchObject({ status: 'DROPPED_OUT', admittedOn: null });
    expect((await step(droppedBefore.id, 'ADMITTED', today)).errors![0].message).toMatch(/DROPPED_OUT/);

    const droppedAfter = await refer(POLICE_KASHAN);
    expect((await step(droppedAfter.id, 'ADMITTED', lastWeek)).errors).toBeUndefined();
    expect((await step(droppedAfter.id, 'DROPPED_OUT', today)).data!.updateReferralStatus).toMatchObject({ status: 'DROPPED_OUT', admittedOn: lastWeek });

    // Both agencies read the new state back.
    for (const agency of [POLICE_KASHAN, HEALTH_KASHAN]) {
      const readBack = await ask<{ _entities: ReferralNode[] }>(
        agency,
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on TreatmentReferral { id status admittedOn } } }`,
        { representations: [completed, droppedBefore, droppedAfter].map((referral) => ({ __typename: 'TreatmentReferral', id: referral.id })) },
      );
      expect(readBack.data!._entities.map((referral) => [referral.status, referral.admittedOn])).toEqual([
        ['COMPLETED', addDays(today, -20)],
        ['DROPPED_OUT', null],
        ['DROPPED_OUT', lastWeek],
      ]);
    }
  });

  it('lets only the receiving agency move a referral: the referring one is FORBIDDEN, any other is told there is no such referral', async () => {
    const referral = await refer(POLICE_KASHAN);
    const input = { referralId: referral.id, status: 'ADMITTED', on: today };
    expectError(await ask(POLICE_KASHAN, UPDATE_STATUS, { input }), 'FORBIDDEN');
    for (const agency of ['WELFARE-IR-10-12', 'HEALTH-IR-10', 'BROADCASTING-IR-10']) {
      const answer = await ask(agency, UPDATE_STATUS, { input });
      expectError(answer, 'BAD_USER_INPUT', 'input.referralId');
      expect(answer.errors![0].message).toMatch(/no such referral/);
    }
    expectError(
      await ask(HEALTH_KASHAN, UPDATE_STATUS, { input: { ...input, referralId: '00000000-0000-4000-8000-000000000000' } }),
      'BAD_USER_INPUT',
      'input.referralId',
    );
    expectError(await ask(HEALTH_KASHAN, UPDATE_STATUS, { input }, READ_ONLY), 'FORBIDDEN');
    const row = await harness.store.dataSource.manager.findOneByOrFail(TreatmentReferral, { id: referral.id });
    expect([row.status, row.admittedOn]).toEqual(['REFERRED', null]);
  });

  it('refuses a date in the future, before the referral or before the admission', async () => {
    const referral = await refer(POLICE_KASHAN, { referredOn: lastWeek });
    const step = (status: string, on: string) => ask(HEALTH_KASHAN, UPDATE_STATUS, { input: { referralId: referral.id, status, on } });
    expectError(await step('ADMITTED', tomorrow), 'BAD_USER_INPUT', 'input.on');
    expectError(await step('ADMITTED', addDays(lastWeek, -1)), 'BAD_USER_INPUT', 'input.on');
    expect((await step('ADMITTED', addDays(lastWeek, 2))).errors).toBeUndefined();
    expectError(await step('COMPLETED', addDays(lastWeek, 1)), 'BAD_USER_INPUT', 'input.on');
    expect((await step('COMPLETED', addDays(lastWeek, 2))).errors).toBeUndefined();
  });
});

describe('privacy of the people referred', () => {
  it('holds none of the national ids used above in any text column of any table, nor in any answer', async () => {
    const forms = NATIONAL_IDS.flatMap((id) => [id, inPersianDigits(id), `${id.slice(0, 3)}-${id.slice(3)}`]);
    const store = harness.store;
    const found: string[] = [];
    if (store.kind === 'mysql') {
      const columns: { table: string; column: string }[] = await store.dataSource.query(
        `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\` FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = ? AND DATA_TYPE IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext')`,
        [store.database],
      );
      expect(columns.map((column) => column.table)).toEqual(expect.arrayContaining(['treatment_referral', 'idempotency_key', 'prevention_program']));
      for (const { table, column } of columns) {
        for (const form of forms) {
          const [{ hits }] = await store.dataSource.query(`SELECT COUNT(*) AS hits FROM \`${table}\` WHERE \`${column}\` LIKE ?`, [`%${form}%`]);
          if (Number(hits) > 0) found.push(`${table}.${column}`);
        }
      }
    } else {
      const tables: { name: string }[] = await store.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
      expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['treatment_referral', 'idempotency_key', 'prevention_program']));
      for (const { name } of tables) {
        const rows: Record<string, unknown>[] = await store.dataSource.query(`SELECT * FROM "${name}"`);
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            if (typeof value === 'string' && forms.some((form) => value.includes(form))) found.push(`${name}.${column}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
    expect(answers.length).toBeGreaterThan(50);
    for (const answer of answers) for (const form of forms) expect(answer).not.toContain(form);
  });
});

describe('addiction subgraph: statistics rollups after every write above', () => {
  it('match the raw records, key by key (what npm run rollups -- --check compares)', async () => {
    expect(await new MeasureStore(harness.store.dataSource).differences(addiction.measures!)).toEqual([]);
  });
});
