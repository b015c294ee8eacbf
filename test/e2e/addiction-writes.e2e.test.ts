import { agencyId, armFailpoint, disarmFailpoints, regionId, todayInIran } from '@safety-graph/shared';
import { inPersianDigits, nationalId, startStack, type QueryOptions, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('addwrites');
}, 180_000);
afterEach(() => disarmFailpoints());
afterAll(() => stack?.stop());

/** The people of this suite: none of them may reach the addiction store or come back in an answer. */
const PERSON_A = nationalId('049937089');
const PERSON_B = nationalId('371024659');
const NATIONAL_IDS = [PERSON_A, PERSON_B];

function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
const today = todayInIran();
const lastWeek = addDays(today, -7);

const KASHAN = regionId('IR-10-12');
const ISFAHAN_PROVINCE = regionId('IR-10');
const WELFARE_PROVINCE = 'WELFARE-IR-10';
const POLICE_KASHAN = 'POLICE-IR-10-12';
const HEALTH_KASHAN = 'HEALTH-IR-10-12';
const TITLE_FA = 'کارگاه مهارت‌های زندگی برای نوجوانان «نه به اعتیاد»';

/** Every answer of this suite, searched at the end for the national ids. */
const answers: string[] = [];

type Answer<TData> = Awaited<ReturnType<Stack['query']>> & { data?: TData | null };

async function ask<TData = Record<string, unknown>>(query: string, variables: Record<string, unknown>, options: QueryOptions): Promise<Answer<TData>> {
  const answer = (await stack.query<TData>(query, variables, options)) as Answer<TData>;
  answers.push(JSON.stringify({ data: answer.data, errors: answer.errors }));
  return answer;
}

function expectError(answer: Answer<unknown>, code: string, argumentName?: string): void {
  expect(answer.errors?.length).toBeGreaterThan(0);
  expect(answer.errors![0].extensions).toMatchObject({ code, ...(argumentName ? { argumentName } : {}) });
  expect(answer.errors![0].message).not.toMatch(/\bSELECT\b|\bINSERT INTO\b|\bWHERE\b|SQLITE|ER_[A-Z]|QueryFailed|\n\s+at /);
}

/** Rows of every addiction table a mutation writes to. */
async function rowCounts(): Promise<Record<string, number>> {
  const { dataSource } = stack.subgraphs.addiction.store;
  const counts: Record<string, number> = {};
  for (const table of ['prevention_program', 'program_session', 'treatment_referral', 'idempotency_key']) {
    const [{ total }] = await dataSource.query(`SELECT COUNT(*) AS total FROM ${table}`);
    counts[table] = Number(total);
  }
  return counts;
}

const CREATE_PROGRAM = `mutation($input: CreatePreventionProgramInput!) {
  createPreventionProgram(input: $input) { id code title titleFa kind startsOn endsOn leadAgency { code nameFa } region { code } } }`;
const RECORD_SESSION = `mutation($input: RecordProgramSessionInput!) {
  recordProgramSession(input: $input) { id heldOn attendance region { code } recordedBy { code } program { code } } }`;
const REFER = `mutation($input: ReferToTreatmentInput!) {
  referToTreatment(input: $input) { id referredOn status admittedOn region { code } fromAgency { code } toAgency { code kind } } }`;
const UPDATE_STATUS = `mutation($input: UpdateReferralStatusInput!) { updateReferralStatus(input: $input) { id status admittedOn } }`;

interface Program {
  id: string;
  code: string;
  title: string;
  titleFa: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  leadAgency: { code: string; nameFa: string };
  region: { code: string };
}
interface Referral {
  id: string;
  referredOn: string;
  status: string;
  admittedOn: string | null;
  region: { code: string };
  fromAgency: { code: string };
  toAgency: { code: string; kind: string };
}

const programInput = (overrides: Record<string, unknown> = {}) => ({
  code: 'PREV-E2E-LIFESKILLS-IR-10',
  title: 'Life skills for teenagers',
  titleFa: TITLE_FA,
  kind: 'PUBLIC_EDUCATION',
  regionId: ISFAHAN_PROVINCE,
  startsOn: '2025-03-21',
  endsOn: addDays(today, 200),
  ...overrides,
});

const referralInput = (overrides: Record<string, unknown> = {}) => ({
  subjectNationalId: PERSON_A,
  referredOn: lastWeek,
  regionId: KASHAN,
  toAgencyId: agencyId(HEALTH_KASHAN),
  ...overrides,
});

let program: Program;

describe('addiction writes through the gateway', () => {
  it('starts a programme led by the caller’s agency, Persian text intact, and reads it back joined with the agencies subgraph', async () => {
    const created = await ask<{ createPreventionProgram: Program }>(CREATE_PROGRAM, { input: programInput() }, { agency: WELFARE_PROVINCE });
    expect(created.errors).toBeUndefined();
    program = created.data!.createPreventionProgram;
    expect(program).toMatchObject({
      code: 'PREV-E2E-LIFESKILLS-IR-10',
      titleFa: TITLE_FA,
      kind: 'PUBLIC_EDUCATION',
      startsOn: '2025-03-21',
      leadAgency: { code: WELFARE_PROVINCE, nameFa: 'اداره کل بهزیستی استان اصفهان' },
      region: { code: 'IR-10' },
    });

    const readBack = await ask<{ preventionProgram: Program }>(
      `query($code: String) { preventionProgram(code: $code) { id titleFa leadAgency { code } } }`,
      { code: program.code },
      { agency: 'EDUCATION-IR-10' },
    );
    expect(readBack.data!.preventionProgram).toEqual({ id: program.id, titleFa: TITLE_FA, leadAgency: { code: WELFARE_PROVINCE } });
    const [row] = await stack.subgraphs.addiction.store.dataSource.query('SELECT title_fa FROM prevention_program WHERE id = ?', [program.id]);
    expect(row.title_fa).toBe(TITLE_FA);
  });

  it('refuses bad programmes with BAD_USER_INPUT naming the field, a taken code with CONFLICT, and writes without the scope with FORBIDDEN', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'PREV E2E' }, 'input.code'],
      [{ titleFa: ' ' }, 'input.titleFa'],
      [{ regionId: regionId('IR') }, 'input.regionId'],
      [{ startsOn: '2025-06-02', endsOn: '2025-06-01' }, 'input.endsOn'],
    ];
    for (const [overrides, argumentName] of cases) {
      expectError(
        await ask(CREATE_PROGRAM, { input: programInput({ code: 'PREV-E2E-INVALID', ...overrides }) }, { agency: WELFARE_PROVINCE }),
        'BAD_USER_INPUT',
        argumentName,
      );
    }
    const taken = await ask(CREATE_PROGRAM, { input: programInput({ code: 'PREV-1404-SCHOOL-IR-10-12' }) }, { agency: WELFARE_PROVINCE });
    expectError(taken, 'CONFLICT');
    expect(taken.errors![0].message).toMatch(/PREV-1404-SCHOOL-IR-10-12/);

    // The judiciary holds no addiction scope; a health network with only addiction:read cannot write either.
    for (const options of [{ agency: 'JUDICIARY-IR-10' }, { agency: 'HEALTH-IR-10', scopes: ['addiction:read'] }]) {
      expectError(await ask(CREATE_PROGRAM, { input: programInput({ code: 'PREV-E2E-NO-SCOPE' }) }, options), 'FORBIDDEN');
    }
    const anonymous = await ask(CREATE_PROGRAM, { input: programInput({ code: 'PREV-E2E-NO-TOKEN' }) }, { agency: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await rowCounts()).toEqual(before);
  });

  it('records a session of the caller’s programme and reads it back; another agency is FORBIDDEN, bad fields are BAD_USER_INPUT', async () => {
    const before = await rowCounts();
    const input = { programId: program.id, heldOn: lastWeek, regionId: KASHAN, attendance: 64 };
    const recorded = await ask<{ recordProgramSession: { id: string } }>(RECORD_SESSION, { input }, { agency: WELFARE_PROVINCE });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordProgramSession).toMatchObject({
      heldOn: lastWeek,
      attendance: 64,
      region: { code: 'IR-10-12' },
      recordedBy: { code: WELFARE_PROVINCE },
      program: { code: program.code },
    });
    const readBack = await ask<{ preventionProgram: { sessions: { id: string; attendance: number; recordedBy: { code: string } }[] } }>(
      `query($id: ID) { preventionProgram(id: $id) { sessions { id attendance recordedBy { code } } } }`,
      { id: program.id },
      { agency: 'HEALTH-IR-10' },
    );
    expect(readBack.data!.preventionProgram.sessions).toEqual([
      { id: recorded.data!.recordProgramSession.id, attendance: 64, recordedBy: { code: WELFARE_PROVINCE } },
    ]);

    // The county welfare office runs the sessions on the ground, but only the lead agency records them.
    expectError(await ask(RECORD_SESSION, { input }, { agency: 'WELFARE-IR-10-12' }), 'FORBIDDEN');
    expectError(await ask(RECORD_SESSION, { input }, { agency: WELFARE_PROVINCE, scopes: ['addiction:read'] }), 'FORBIDDEN');
    const cases: [Record<string, unknown>, string][] = [
      [{ programId: '00000000-0000-4000-8000-000000000000' }, 'input.programId'],
      [{ heldOn: addDays(today, 1) }, 'input.heldOn'],
      [{ heldOn: '2025-03-20' }, 'input.heldOn'],
      [{ regionId: ISFAHAN_PROVINCE }, 'input.regionId'],
      [{ attendance: 100_001 }, 'input.attendance'],
    ];
    for (const [overrides, argumentName] of cases) {
      expectError(await ask(RECORD_SESSION, { input: { ...input, ...overrides } }, { agency: WELFARE_PROVINCE }), 'BAD_USER_INPUT', argumentName);
    }
    expect(await rowCounts()).toEqual({ ...before, program_session: before.program_session + 1 });
  });

  it('answers a retry with the same key with the first result and no new row, and the same key with another body with CONFLICT', async () => {
    const sessionInput = { programId: program.id, heldOn: today, regionId: regionId('IR-10-01'), attendance: 12, idempotencyKey: 'e2e-session-1' };
    const first = await ask<{ recordProgramSession: { id: string } }>(RECORD_SESSION, { input: sessionInput }, { agency: WELFARE_PROVINCE });
    expect(first.errors).toBeUndefined();
    const afterFirst = await rowCounts();
    const retry = await ask<{ recordProgramSession: { id: string } }>(RECORD_SESSION, { input: sessionInput }, { agency: WELFARE_PROVINCE });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.recordProgramSession.id).toBe(first.data!.recordProgramSession.id);
    expect(await rowCounts()).toEqual(afterFirst);
    expectError(await ask(RECORD_SESSION, { input: { ...sessionInput, attendance: 13 } }, { agency: WELFARE_PROVINCE }), 'CONFLICT');

    const referral = referralInput({ idempotencyKey: 'e2e-referral-1' });
    const referred = await ask<{ referToTreatment: Referral }>(REFER, { input: referral }, { agency: POLICE_KASHAN });
    expect(referred.errors).toBeUndefined();
    const afterReferral = await rowCounts();
    const referredAgain = await ask<{ referToTreatment: Referral }>(REFER, { input: referral }, { agency: POLICE_KASHAN });
    expect(referredAgain.data!.referToTreatment.id).toBe(referred.data!.referToTreatment.id);
    expectError(await ask(REFER, { input: { ...referral, subjectNationalId: PERSON_B } }, { agency: POLICE_KASHAN }), 'CONFLICT');
    expect(await rowCounts()).toEqual(afterReferral);

    const programKey = programInput({ code: 'PREV-E2E-IDEMPOTENT', idempotencyKey: 'e2e-program-1' });
    const created = await ask<{ createPreventionProgram: Program }>(CREATE_PROGRAM, { input: programKey }, { agency: WELFARE_PROVINCE });
    const createdAgain = await ask<{ createPreventionProgram: Program }>(CREATE_PROGRAM, { input: programKey }, { agency: WELFARE_PROVINCE });
    expect(createdAgain.data!.createPreventionProgram.id).toBe(created.data!.createPreventionProgram.id);
    expectError(await ask(CREATE_PROGRAM, { input: { ...programKey, kind: 'COMMUNITY' } }, { agency: WELFARE_PROVINCE }), 'CONFLICT');
  });

  it('leaves zero new rows when a write fails after its first insert', async () => {
    const failures: [string, string, Record<string, unknown>, string][] = [
      [
        'addiction.createPreventionProgram.after-first-insert',
        CREATE_PROGRAM,
        programInput({ code: 'PREV-E2E-FAILED', idempotencyKey: 'e2e-failed-program' }),
        WELFARE_PROVINCE,
      ],
      [
        'addiction.recordProgramSession.after-first-insert',
        RECORD_SESSION,
        { programId: program.id, heldOn: lastWeek, regionId: KASHAN, attendance: 5, idempotencyKey: 'e2e-failed-session' },
        WELFARE_PROVINCE,
      ],
      ['addiction.referToTreatment.after-first-insert', REFER, referralInput({ idempotencyKey: 'e2e-failed-referral' }), POLICE_KASHAN],
    ];
    for (const [point, mutation, input, agency] of failures) {
      const before = await rowCounts();
      armFailpoint(point);
      const failed = await ask(mutation, { input }, { agency });
      expectError(failed, 'INTERNAL_SERVER_ERROR');
      expect(failed.errors![0].message).not.toMatch(/failure injected/);
      expect(await rowCounts()).toEqual(before);
    }
  });

  it('refers a person to a health or welfare agency, refusing any other, and links repeat referrals without keeping the id', async () => {
    const referred = await ask<{ referToTreatment: Referral }>(REFER, { input: referralInput() }, { agency: POLICE_KASHAN });
    expect(referred.errors).toBeUndefined();
    const referral = referred.data!.referToTreatment;
    expect(referral).toMatchObject({
      referredOn: lastWeek,
      status: 'REFERRED',
      admittedOn: null,
      region: { code: 'IR-10-12' },
      fromAgency: { code: POLICE_KASHAN },
      toAgency: { code: HEALTH_KASHAN, kind: 'HEALTH' },
    });
    // The same person, written in Persian digits, referred again by the welfare office.
    const again = await ask<{ referToTreatment: Referral }>(
      REFER,
      { input: referralInput({ subjectNationalId: inPersianDigits(PERSON_A), toAgencyId: agencyId('HEALTH-IR-10') }) },
      { agency: 'WELFARE-IR-10-12' },
    );
    expect(again.errors).toBeUndefined();
    const pseudonyms = await stack.subgraphs.addiction.store.dataSource.query('SELECT id, subject_pseudonym FROM treatment_referral WHERE id IN (?, ?)', [
      referral.id,
      again.data!.referToTreatment.id,
    ]);
    expect(pseudonyms).toHaveLength(2);
    expect(pseudonyms[0].subject_pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonyms[1].subject_pseudonym).toBe(pseudonyms[0].subject_pseudonym);

    const cases: [string, Record<string, unknown>, string][] = [
      [POLICE_KASHAN, { subjectNationalId: `${PERSON_A.slice(0, 9)}${(Number(PERSON_A[9]) + 1) % 10}` }, 'input.subjectNationalId'],
      [POLICE_KASHAN, { referredOn: addDays(today, 1) }, 'input.referredOn'],
      [POLICE_KASHAN, { regionId: ISFAHAN_PROVINCE }, 'input.regionId'],
      [POLICE_KASHAN, { toAgencyId: agencyId('NARCOTICS-POLICE-IR-10') }, 'input.toAgencyId'],
      [POLICE_KASHAN, { toAgencyId: '00000000-0000-4000-8000-000000000000' }, 'input.toAgencyId'],
      [HEALTH_KASHAN, { toAgencyId: agencyId(HEALTH_KASHAN) }, 'input.toAgencyId'],
    ];
    for (const [agency, overrides, argumentName] of cases) {
      expectError(await ask(REFER, { input: referralInput(overrides) }, { agency }), 'BAD_USER_INPUT', argumentName);
    }
    expectError(await ask(REFER, { input: referralInput() }, { agency: 'RED-CRESCENT-IR-10' }), 'FORBIDDEN');
  });

  it('lets the receiving agency move a referral REFERRED → ADMITTED → COMPLETED, refuses other steps with CONFLICT, the referrer with FORBIDDEN and strangers as not found', async () => {
    const referred = await ask<{ referToTreatment: Referral }>(REFER, { input: referralInput({ subjectNationalId: PERSON_B }) }, { agency: POLICE_KASHAN });
    const id = referred.data!.referToTreatment.id;
    const step = (status: string, on: string, agency = HEALTH_KASHAN) =>
      ask<{ updateReferralStatus: { id: string; status: string; admittedOn: string | null } }>(
        UPDATE_STATUS,
        { input: { referralId: id, status, on } },
        { agency },
      );

    expectError(await step('ADMITTED', today, POLICE_KASHAN), 'FORBIDDEN');
    for (const stranger of ['WELFARE-IR-10-12', 'HEALTH-IR-10']) {
      const answer = await step('ADMITTED', today, stranger);
      expectError(answer, 'BAD_USER_INPUT', 'input.referralId');
      expect(answer.errors![0].message).toMatch(/no such referral/);
    }
    expectError(await step('ADMITTED', addDays(lastWeek, -1)), 'BAD_USER_INPUT', 'input.on');
    expectError(await step('ADMITTED', addDays(today, 1)), 'BAD_USER_INPUT', 'input.on');
    const refused = await step('COMPLETED', today);
    expectError(refused, 'CONFLICT');
    expect(refused.errors![0].message).toMatch(/REFERRED/);

    const admitted = await step('ADMITTED', addDays(lastWeek, 1));
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data!.updateReferralStatus).toEqual({ id, status: 'ADMITTED', admittedOn: addDays(lastWeek, 1) });
    const completed = await step('COMPLETED', today);
    expect(completed.data!.updateReferralStatus).toEqual({ id, status: 'COMPLETED', admittedOn: addDays(lastWeek, 1) });
    const afterEnd = await step('DROPPED_OUT', today);
    expectError(afterEnd, 'CONFLICT');
    expect(afterEnd.errors![0].message).toMatch(/COMPLETED/);

    // Both parties read the new state back; the referrer sees it in its list, a stranger does not.
    const listQuery = `{ treatmentReferrals(first: 500) { edges { node { id status admittedOn } } } }`;
    for (const agency of [POLICE_KASHAN, HEALTH_KASHAN]) {
      const list = await ask<{ treatmentReferrals: { edges: { node: { id: string; status: string; admittedOn: string | null } }[] } }>(
        listQuery,
        {},
        { agency },
      );
      expect(list.data!.treatmentReferrals.edges.map((edge) => edge.node)).toContainEqual({ id, status: 'COMPLETED', admittedOn: addDays(lastWeek, 1) });
    }
    const stranger = await ask<{ treatmentReferrals: { edges: { node: { id: string } }[] } }>(listQuery, {}, { agency: 'WELFARE-IR-10-12' });
    expect(stranger.data!.treatmentReferrals.edges.map((edge) => edge.node.id)).not.toContain(id);

    const dropped = await ask<{ referToTreatment: Referral }>(
      REFER,
      { input: referralInput({ toAgencyId: agencyId('WELFARE-IR-10-12') }) },
      { agency: POLICE_KASHAN },
    );
    const droppedId = dropped.data!.referToTreatment.id;
    const dropOut = await ask<{ updateReferralStatus: { status: string; admittedOn: string | null } }>(
      UPDATE_STATUS,
      { input: { referralId: droppedId, status: 'DROPPED_OUT', on: today } },
      { agency: 'WELFARE-IR-10-12' },
    );
    expect(dropOut.data!.updateReferralStatus).toMatchObject({ status: 'DROPPED_OUT', admittedOn: null });
  });

  it('keeps none of the national ids in any text column of any addiction table, nor in any answer', async () => {
    const forms = NATIONAL_IDS.flatMap((id) => [id, inPersianDigits(id)]);
    const store = stack.subgraphs.addiction.store;
    const found: string[] = [];
    if (store.kind === 'mysql') {
      const columns: { table: string; column: string }[] = await store.dataSource.query(
        `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\` FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = ? AND DATA_TYPE IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext')`,
        [store.database],
      );
      expect(new Set(columns.map((column) => column.table))).toEqual(
        new Set([
          'migrations',
          'region_scope',
          'idempotency_key',
          'store_probe',
          'stat_rollup',
          'stat_version',
          'prevention_program',
          'program_session',
          'treatment_referral',
        ]),
      );
      for (const { table, column } of columns) {
        for (const form of forms) {
          const [{ hits }] = await store.dataSource.query(`SELECT COUNT(*) AS hits FROM \`${table}\` WHERE \`${column}\` LIKE ?`, [`%${form}%`]);
          if (Number(hits) > 0) found.push(`${table}.${column}`);
        }
      }
    } else {
      const tables: { name: string }[] = await store.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
      expect(tables.map((table) => table.name)).toEqual(
        expect.arrayContaining(['migrations', 'region_scope', 'idempotency_key', 'prevention_program', 'program_session', 'treatment_referral']),
      );
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
    expect(answers.length).toBeGreaterThan(40);
    for (const answer of answers) for (const form of forms) expect(answer).not.toContain(form);
  });
});
