import {
  agencyId,
  armFailpoint,
  disarmFailpoints,
  loadSecrets,
  pseudonymOf,
  regionId,
  SCOPES,
  stableId,
  todayInIran,
  MeasureStore,
} from '@safety-graph/shared';
import { nationalId, callerOf, subgraphHarness, type SingleResult, type SubgraphHarness } from '@safety-graph/test-helpers';
import { divorce } from '../index';
import type { DivorceContext } from '../context';
import { CounselingCase } from '../entities';

let harness: SubgraphHarness<DivorceContext>;

beforeAll(async () => {
  harness = await subgraphHarness(divorce);
});
afterEach(() => disarmFailpoints());
afterAll(() => harness?.close());

const KASHAN_POLICE = 'POLICE-IR-10-12';
const KASHAN_WELFARE = 'WELFARE-IR-10-12';
const unitIdOf = (hostAgencyCode: string) => stableId('counseling-unit', hostAgencyCode);
const KASHAN_POLICE_UNIT = unitIdOf(KASHAN_POLICE);
const KASHAN_WELFARE_UNIT = unitIdOf(KASHAN_WELFARE);
const asKashanPolice = callerOf(KASHAN_POLICE);
const asKashanWelfare = callerOf(KASHAN_WELFARE);

const SUBJECT = nationalId('049937089');
const OTHER_SUBJECT = nationalId('128374650');

function daysFromToday(days: number): string {
  const date = new Date(`${todayInIran()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const PERSIAN_TOPIC = 'اختلاف زناشویی و هزینه‌های زندگی — ۱۴۰۵ 🕊️';

const OPEN = `mutation($input: OpenCounselingCaseInput!) { openCounselingCase(input: $input) {
  id status openedOn topic closedOn outcome unit { id } sessions { id } } }`;
const RECORD = `mutation($input: RecordCounselingSessionInput!) { recordCounselingSession(input: $input) { id heldOn mode free } }`;
const CLOSE = `mutation($input: CloseCounselingCaseInput!) { closeCounselingCase(input: $input) {
  id status closedOn outcome sessions { id heldOn mode free } } }`;

interface CaseAnswer {
  id: string;
  status: string;
  openedOn: string;
  topic: string;
  closedOn: string | null;
  outcome: string | null;
  unit: { id: string };
  sessions: { id: string; heldOn?: string }[];
}
interface SessionAnswer {
  id: string;
  heldOn: string;
  mode: string;
  free: boolean;
}

function openInput(overrides: Record<string, unknown> = {}) {
  return { unitId: KASHAN_POLICE_UNIT, subjectNationalId: SUBJECT, openedOn: daysFromToday(-30), topic: 'Communication', ...overrides };
}

async function openCase(overrides: Record<string, unknown> = {}, caller = asKashanPolice): Promise<CaseAnswer> {
  const result = await harness.runAs<{ openCounselingCase: CaseAnswer }>(caller, OPEN, { input: openInput(overrides) });
  expect(result.errors).toBeUndefined();
  return result.data!.openCounselingCase;
}

async function recordSession(caseId: string, overrides: Record<string, unknown> = {}): Promise<SessionAnswer> {
  const result = await harness.runAs<{ recordCounselingSession: SessionAnswer }>(asKashanPolice, RECORD, {
    input: { caseId, heldOn: daysFromToday(-20), mode: 'IN_PERSON', free: true, ...overrides },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.recordCounselingSession;
}

async function rowCount(table: string): Promise<number> {
  const [row] = await harness.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}
const TABLES = ['counseling_case', 'counseling_session', 'idempotency_key'] as const;
async function rowCounts(): Promise<number[]> {
  return Promise.all(TABLES.map(rowCount));
}

function onlyError(result: SingleResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  expect(result.data ?? null).toBeNull();
  return result.errors![0];
}
function expectBadInput(result: SingleResult<unknown>, argumentName: string) {
  const error = onlyError(result);
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
  return error;
}
function expectCode(result: SingleResult<unknown>, code: string) {
  const error = onlyError(result);
  expect(error.extensions?.code).toBe(code);
  return error;
}

describe('openCounselingCase', () => {
  it('opens an OPEN case at the caller’s own unit, keeps Persian text intact and stores only a keyed pseudonym', async () => {
    const before = await rowCount('counseling_case');
    const opened = await openCase({ topic: `  ${PERSIAN_TOPIC}  ` });
    expect(opened).toEqual({
      id: expect.any(String),
      status: 'OPEN',
      openedOn: daysFromToday(-30),
      topic: PERSIAN_TOPIC,
      closedOn: null,
      outcome: null,
      unit: { id: KASHAN_POLICE_UNIT },
      sessions: [],
    });
    expect(await rowCount('counseling_case')).toBe(before + 1);

    const [stored] = await harness.store.dataSource.query(
      'SELECT subject_pseudonym, topic, region_id, recorded_by_agency_id FROM counseling_case WHERE id = ?',
      [opened.id],
    );
    const { pseudonymKey } = loadSecrets(harness.config);
    expect(stored).toEqual({
      subject_pseudonym: pseudonymOf(pseudonymKey, SUBJECT),
      topic: PERSIAN_TOPIC,
      region_id: regionId('IR-10-12'),
      recorded_by_agency_id: agencyId(KASHAN_POLICE),
    });

    const readBack = await harness.runAs<{ _entities: (CaseAnswer | null)[] }>(
      asKashanPolice,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on CounselingCase { id status topic openedOn } } }`,
      { r: [{ __typename: 'CounselingCase', id: opened.id }] },
    );
    expect(readBack.data?._entities).toEqual([{ id: opened.id, status: 'OPEN', topic: PERSIAN_TOPIC, openedOn: daysFromToday(-30) }]);
  });

  it('accepts a national id written in Persian digits as the same person', async () => {
    const persianDigits = SUBJECT.replace(/\d/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]);
    const opened = await openCase({ subjectNationalId: persianDigits });
    const [stored] = await harness.store.dataSource.query('SELECT subject_pseudonym FROM counseling_case WHERE id = ?', [opened.id]);
    expect(stored.subject_pseudonym).toBe(pseudonymOf(loadSecrets(harness.config).pseudonymKey, SUBJECT));
  });

  it('takes a topic of exactly 200 Persian characters and refuses 201, an empty and a blank one', async () => {
    const longest = 'گ'.repeat(200);
    expect((await openCase({ topic: longest })).topic).toBe(longest);
    const before = await rowCounts();
    for (const topic of ['گ'.repeat(201), '', '   ']) {
      expectBadInput(await harness.runAs(asKashanPolice, OPEN, { input: openInput({ topic }) }), 'input.topic');
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a future or pre-1990 opening date, an unknown unit and an invalid national id, writing nothing', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ openedOn: daysFromToday(1) }, 'input.openedOn'],
      [{ openedOn: '1989-12-31' }, 'input.openedOn'],
      [{ unitId: 'no-such-unit' }, 'input.unitId'],
      [{ subjectNationalId: `${SUBJECT.slice(0, 9)}${(Number(SUBJECT[9]) + 1) % 10}` }, 'input.subjectNationalId'],
      [{ subjectNationalId: '1111111111' }, 'input.subjectNationalId'],
      [{ subjectNationalId: '12345' }, 'input.subjectNationalId'],
    ];
    for (const [overrides, argumentName] of cases) {
      const error = expectBadInput(await harness.runAs(asKashanPolice, OPEN, { input: openInput(overrides) }), argumentName);
      expect(error.message).not.toContain(SUBJECT);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('lets only the agency hosting the unit open a case there (FORBIDDEN for others: units are public)', async () => {
    const before = await rowCounts();
    for (const code of [KASHAN_WELFARE, 'POLICE-IR-10', 'POLICE-IR-10-01']) {
      expectCode(await harness.runAs(callerOf(code), OPEN, { input: openInput() }), 'FORBIDDEN');
    }
    expect(await rowCounts()).toEqual(before);
    const atOwnUnit = await openCase({ unitId: KASHAN_WELFARE_UNIT }, asKashanWelfare);
    expect(atOwnUnit.unit.id).toBe(KASHAN_WELFARE_UNIT);
  });
});

describe('recordCounselingSession and closeCounselingCase', () => {
  it('records sessions of an open case, closes it with its outcome, and then refuses both (CONFLICT naming the state)', async () => {
    const opened = await openCase();
    const first = await recordSession(opened.id, { heldOn: daysFromToday(-10), mode: 'PHONE', free: false });
    const second = await recordSession(opened.id, { heldOn: daysFromToday(-30), mode: 'ONLINE', free: true });
    expect(first).toEqual({ id: expect.any(String), heldOn: daysFromToday(-10), mode: 'PHONE', free: false });
    const [stored] = await harness.store.dataSource.query('SELECT unit_id, region_id, recorded_by_agency_id FROM counseling_session WHERE id = ?', [first.id]);
    expect(stored).toEqual({ unit_id: KASHAN_POLICE_UNIT, region_id: regionId('IR-10-12'), recorded_by_agency_id: agencyId(KASHAN_POLICE) });

    const closed = await harness.runAs<{ closeCounselingCase: CaseAnswer }>(asKashanPolice, CLOSE, {
      input: { caseId: opened.id, closedOn: daysFromToday(-5), outcome: 'RECONCILED' },
    });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCounselingCase).toEqual({
      id: opened.id,
      status: 'CLOSED',
      closedOn: daysFromToday(-5),
      outcome: 'RECONCILED',
      sessions: [
        { id: second.id, heldOn: daysFromToday(-30), mode: 'ONLINE', free: true },
        { id: first.id, heldOn: daysFromToday(-10), mode: 'PHONE', free: false },
      ],
    });

    const before = await rowCounts();
    const lateSession = await harness.runAs(asKashanPolice, RECORD, { input: { caseId: opened.id, heldOn: daysFromToday(-1), mode: 'PHONE', free: true } });
    expect(expectCode(lateSession, 'CONFLICT').message).toMatch(/CLOSED/);
    const closedAgain = await harness.runAs(asKashanPolice, CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(0), outcome: 'DIVORCED' } });
    expect(expectCode(closedAgain, 'CONFLICT').message).toMatch(/already CLOSED/);
    expect(await rowCounts()).toEqual(before);
    const row = await harness.store.dataSource.getRepository(CounselingCase).findOneByOrFail({ id: opened.id });
    expect(row).toMatchObject({ status: 'CLOSED', closedOn: daysFromToday(-5), outcome: 'RECONCILED' });
  });

  it('refuses session and closing dates in the future, before the opening, or a closing before the last session', async () => {
    const opened = await openCase({ openedOn: daysFromToday(-30) });
    await recordSession(opened.id, { heldOn: daysFromToday(-10) });
    const before = await rowCounts();
    const record = (heldOn: string) => harness.runAs(asKashanPolice, RECORD, { input: { caseId: opened.id, heldOn, mode: 'PHONE', free: true } });
    const close = (closedOn: string) => harness.runAs(asKashanPolice, CLOSE, { input: { caseId: opened.id, closedOn, outcome: 'WITHDRAWN' } });
    expectBadInput(await record(daysFromToday(1)), 'input.heldOn');
    expectBadInput(await record(daysFromToday(-31)), 'input.heldOn');
    expectBadInput(await close(daysFromToday(1)), 'input.closedOn');
    expectBadInput(await close(daysFromToday(-31)), 'input.closedOn');
    expect(expectBadInput(await close(daysFromToday(-11)), 'input.closedOn').message).toContain(daysFromToday(-10));
    expect(await rowCounts()).toEqual(before);
    const [row] = await harness.store.dataSource.query('SELECT status FROM counseling_case WHERE id = ?', [opened.id]);
    expect(row.status).toBe('OPEN');
    // The day of the last session itself is a valid closing day.
    expect(((await close(daysFromToday(-10))).data as { closeCounselingCase: CaseAnswer }).closeCounselingCase.status).toBe('CLOSED');
  });

  it('reports another agency’s case, and an unknown one, the same way: BAD_USER_INPUT “no such case”', async () => {
    const opened = await openCase();
    const before = await rowCounts();
    const attempts = [
      () => harness.runAs(asKashanWelfare, RECORD, { input: { caseId: opened.id, heldOn: daysFromToday(-1), mode: 'PHONE', free: true } }),
      () => harness.runAs(callerOf('POLICE-IR-10'), RECORD, { input: { caseId: opened.id, heldOn: daysFromToday(-1), mode: 'PHONE', free: true } }),
      () => harness.runAs(asKashanPolice, RECORD, { input: { caseId: 'no-such-case', heldOn: daysFromToday(-1), mode: 'PHONE', free: true } }),
      () => harness.runAs(asKashanWelfare, CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(-1), outcome: 'DIVORCED' } }),
      () => harness.runAs(asKashanPolice, CLOSE, { input: { caseId: 'no-such-case', closedOn: daysFromToday(-1), outcome: 'DIVORCED' } }),
    ];
    const messages = new Set<string>();
    for (const attempt of attempts) messages.add(expectBadInput(await attempt(), 'input.caseId').message);
    expect([...messages]).toEqual(['input.caseId: no such case']);
    expect(await rowCounts()).toEqual(before);
  });

  it('sees its own writes later in the same request: a session, then the closing, then a refused session', async () => {
    const opened = await openCase();
    const result = await harness.runAs<{ session: SessionAnswer; closed: CaseAnswer; late: SessionAnswer | null }>(
      asKashanPolice,
      `mutation($caseId: ID!, $heldOn: Date!, $closedOn: Date!) {
        session: recordCounselingSession(input: { caseId: $caseId, heldOn: $heldOn, mode: IN_PERSON, free: true }) { id }
        closed: closeCounselingCase(input: { caseId: $caseId, closedOn: $closedOn, outcome: REFERRED }) { status outcome sessions { id } }
        late: recordCounselingSession(input: { caseId: $caseId, heldOn: $closedOn, mode: PHONE, free: true }) { id } }`,
      { caseId: opened.id, heldOn: daysFromToday(-3), closedOn: daysFromToday(-2) },
    );
    // A non-null mutation field that fails nulls the whole answer; its error is the late session's CONFLICT.
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['late'], 'CONFLICT']]);
    const [row] = await harness.store.dataSource.query('SELECT status, outcome FROM counseling_case WHERE id = ?', [opened.id]);
    expect(row).toEqual({ status: 'CLOSED', outcome: 'REFERRED' });
    const sessions = await harness.store.dataSource.query('SELECT id FROM counseling_session WHERE case_id = ?', [opened.id]);
    expect(sessions).toHaveLength(1);
  });

  it('counts a recorded session in the region’s figures at once', async () => {
    const day = daysFromToday(-1);
    const sessionsOn = async () => {
      const result = await harness.runAs<{ _entities: { familyStats: { counselingSessions: number; freeCounselingSessions: number } }[] }>(
        asKashanPolice,
        `query($r: [_Any!]!, $period: PeriodInput!) { _entities(representations: $r) { ... on Region { familyStats(period: $period) { counselingSessions freeCounselingSessions } } } }`,
        { r: [{ __typename: 'Region', id: regionId('IR-10-12') }], period: { from: day, to: day } },
      );
      expect(result.errors).toBeUndefined();
      return result.data!._entities[0].familyStats;
    };
    const before = await sessionsOn();
    const opened = await openCase();
    await recordSession(opened.id, { heldOn: day, free: true });
    expect(await sessionsOn()).toEqual({
      counselingSessions: before.counselingSessions + 1,
      freeCounselingSessions: before.freeCounselingSessions + 1,
    });
  });
});

describe('write scope', () => {
  it('refuses all three mutations without family:write (FORBIDDEN), writing nothing', async () => {
    const opened = await openCase();
    const readOnly = callerOf(
      KASHAN_POLICE,
      SCOPES.filter((scope) => scope !== 'family:write'),
    );
    const before = await rowCounts();
    expectCode(await harness.runAs(readOnly, OPEN, { input: openInput() }), 'FORBIDDEN');
    expectCode(await harness.runAs(readOnly, RECORD, { input: { caseId: opened.id, heldOn: daysFromToday(-1), mode: 'PHONE', free: true } }), 'FORBIDDEN');
    expectCode(await harness.runAs(readOnly, CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(-1), outcome: 'DIVORCED' } }), 'FORBIDDEN');
    expect(await rowCounts()).toEqual(before);
    const [row] = await harness.store.dataSource.query('SELECT status FROM counseling_case WHERE id = ?', [opened.id]);
    expect(row.status).toBe('OPEN');
  });

  it('lets family:write alone write (the answer’s own fields need no read scope)', async () => {
    const writeOnly = callerOf(KASHAN_POLICE, ['family:write']);
    const result = await harness.runAs<{ openCounselingCase: { id: string; status: string } }>(
      writeOnly,
      `mutation($input: OpenCounselingCaseInput!) { openCounselingCase(input: $input) { id status } }`,
      { input: openInput() },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.openCounselingCase.status).toBe('OPEN');
  });
});

describe('idempotency', () => {
  it('answers a retry of openCounselingCase with the first case and writes nothing; another body under the key is a CONFLICT', async () => {
    const input = openInput({ idempotencyKey: 'open-retry-1', topic: PERSIAN_TOPIC });
    const first = await harness.runAs<{ openCounselingCase: CaseAnswer }>(asKashanPolice, OPEN, { input });
    const before = await rowCounts();
    const retry = await harness.runAs<{ openCounselingCase: CaseAnswer }>(asKashanPolice, OPEN, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.openCounselingCase).toEqual(first.data!.openCounselingCase);
    expect(await rowCounts()).toEqual(before);

    for (const different of [{ topic: 'Another topic' }, { subjectNationalId: OTHER_SUBJECT }, { openedOn: daysFromToday(-29) }]) {
      expect(expectCode(await harness.runAs(asKashanPolice, OPEN, { input: { ...input, ...different } }), 'CONFLICT').message).toContain('open-retry-1');
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('scopes keys to the caller’s agency: another agency’s same key is a new case', async () => {
    const police = await openCase({ idempotencyKey: 'shared-key' });
    const welfare = await openCase({ idempotencyKey: 'shared-key', unitId: KASHAN_WELFARE_UNIT }, asKashanWelfare);
    expect(welfare.id).not.toBe(police.id);
  });

  it('answers a retry of recordCounselingSession with the first session, even once the case is closed', async () => {
    const opened = await openCase();
    const input = { caseId: opened.id, heldOn: daysFromToday(-7), mode: 'IN_PERSON', free: true, idempotencyKey: 'session-retry-1' };
    const first = await harness.runAs<{ recordCounselingSession: SessionAnswer }>(asKashanPolice, RECORD, { input });
    expect(first.errors).toBeUndefined();
    const before = await rowCounts();
    const retry = await harness.runAs<{ recordCounselingSession: SessionAnswer }>(asKashanPolice, RECORD, { input });
    expect(retry.data!.recordCounselingSession).toEqual(first.data!.recordCounselingSession);
    expectCode(await harness.runAs(asKashanPolice, RECORD, { input: { ...input, free: false } }), 'CONFLICT');
    expect(await rowCounts()).toEqual(before);

    await harness.runAs(asKashanPolice, CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(-1), outcome: 'DIVORCED' } });
    const afterClosing = await harness.runAs<{ recordCounselingSession: SessionAnswer }>(asKashanPolice, RECORD, { input });
    expect(afterClosing.errors).toBeUndefined();
    expect(afterClosing.data!.recordCounselingSession.id).toBe(first.data!.recordCounselingSession.id);
  });

  it('refuses an empty or overlong key', async () => {
    const before = await rowCounts();
    for (const idempotencyKey of ['', 'k'.repeat(129)]) {
      const error = onlyError(await harness.runAs(asKashanPolice, OPEN, { input: openInput({ idempotencyKey }) }));
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.argumentName).toMatch(/idempotencyKey$/);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('writes one session for 20 concurrent retries with one key, and one closing for 20 concurrent closings', async () => {
    const opened = await openCase();
    const before = await rowCount('counseling_session');
    const input = { caseId: opened.id, heldOn: daysFromToday(-4), mode: 'PHONE', free: false, idempotencyKey: 'session-burst' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => harness.runAs<{ recordCounselingSession: SessionAnswer }>(asKashanPolice, RECORD, { input })),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data!.recordCounselingSession.id)).size).toBe(1);
    expect(await rowCount('counseling_session')).toBe(before + 1);

    const closings = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        harness.runAs(asKashanPolice, CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(-3), outcome: index % 2 ? 'DIVORCED' : 'RECONCILED' } }),
      ),
    );
    expect(closings.filter((answer) => !answer.errors)).toHaveLength(1);
    expect(closings.filter((answer) => answer.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(19);
  });
});

describe('injected failures', () => {
  it('leaves no case and no key when openCounselingCase fails after its first insert; the retry then writes once', async () => {
    const before = await rowCounts();
    const input = openInput({ idempotencyKey: 'open-failing' });
    armFailpoint('divorce.openCounselingCase.after-first-insert');
    const failed = await harness.runAs(asKashanPolice, OPEN, { input });
    expect(onlyError(failed).message).not.toMatch(/injected|counseling_case|INSERT/i);
    expect(await rowCounts()).toEqual(before);

    const retry = await harness.runAs<{ openCounselingCase: CaseAnswer }>(asKashanPolice, OPEN, { input });
    expect(retry.errors).toBeUndefined();
    expect(await rowCounts()).toEqual([before[0] + 1, before[1], before[2] + 1]);
  });

  it('leaves no session and no key when recordCounselingSession fails after its first insert', async () => {
    const opened = await openCase();
    const before = await rowCounts();
    armFailpoint('divorce.recordCounselingSession.after-first-insert');
    const failed = await harness.runAs(asKashanPolice, RECORD, {
      input: { caseId: opened.id, heldOn: daysFromToday(-2), mode: 'PHONE', free: true, idempotencyKey: 'session-failing' },
    });
    onlyError(failed);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('divorce subgraph: statistics rollups after every write above', () => {
  it('match the raw records, key by key (what npm run rollups -- --check compares)', async () => {
    expect(await new MeasureStore(harness.store.dataSource).differences(divorce.measures!)).toEqual([]);
  });
});
