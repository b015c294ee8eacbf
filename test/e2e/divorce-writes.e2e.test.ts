import { armFailpoint, defaultScopesFor, disarmFailpoints, stableId, todayInIran } from '@safety-graph/shared';
import { nationalId, startStack, type QueryOptions, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;

beforeAll(async () => {
  // 50 concurrent retries of one write test idempotency, not the per-agency concurrency limit (test/e2e/fairness).
  stack = await startStack('divorcewrites', { MAX_CONCURRENT_PER_AGENCY: '64', MAX_CONCURRENT: '64', CONCURRENCY_QUEUE_MS: '60000' });
}, 180_000);
afterEach(() => disarmFailpoints());
afterAll(() => stack?.stop());

const KASHAN_POLICE = 'POLICE-IR-10-12';
const KASHAN_WELFARE = 'WELFARE-IR-10-12';
const KASHAN_POLICE_UNIT = stableId('counseling-unit', KASHAN_POLICE);

const toPersianDigits = (text: string) => text.replace(/\d/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]);

/** Every national id this file sends, valid or not: none may be stored anywhere or come back in any answer. */
const SUBJECTS = [nationalId('049937089'), nationalId('128374650'), nationalId('300512877'), nationalId('561209334')];
const INVALID_SUBJECT = `${SUBJECTS[0].slice(0, 9)}${(Number(SUBJECTS[0][9]) + 1) % 10}`;
const SENT_NATIONAL_IDS = [...SUBJECTS, toPersianDigits(SUBJECTS[3]), INVALID_SUBJECT];

const PERSIAN_TOPIC = 'اختلاف زناشویی و هزینه‌های زندگی — ۱۴۰۵ 🕊️';

function daysFromToday(days: number): string {
  const date = new Date(`${todayInIran()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every answer this file gets, to prove afterwards that none carries a national id. */
const answers: string[] = [];
async function ask<TData = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, options: QueryOptions = { agency: KASHAN_POLICE }) {
  const answer = await stack.query<TData>(query, variables, options);
  answers.push(JSON.stringify({ data: answer.data, errors: answer.errors }));
  return answer;
}

const OPEN = `mutation($input: OpenCounselingCaseInput!) { openCounselingCase(input: $input) {
  id status openedOn topic closedOn outcome unit { id nameFa hostAgency { code } region { code } } sessions { id } } }`;
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
  sessions: { id: string; heldOn?: string; mode?: string; free?: boolean }[];
}
interface CasePage {
  edges: { node: CaseAnswer }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface SessionAnswer {
  id: string;
  heldOn: string;
  mode: string;
  free: boolean;
}

const openInput = (overrides: Record<string, unknown> = {}) => ({
  unitId: KASHAN_POLICE_UNIT,
  subjectNationalId: SUBJECTS[0],
  openedOn: daysFromToday(-40),
  topic: 'Communication',
  ...overrides,
});

async function openCase(overrides: Record<string, unknown> = {}): Promise<CaseAnswer> {
  const answer = await ask<{ openCounselingCase: CaseAnswer }>(OPEN, { input: openInput(overrides) });
  expect(answer.errors).toBeUndefined();
  return answer.data!.openCounselingCase;
}

const sessionInput = (caseId: string, overrides: Record<string, unknown> = {}) => ({
  caseId,
  heldOn: daysFromToday(-20),
  mode: 'IN_PERSON',
  free: true,
  ...overrides,
});

async function rowCount(table: string): Promise<number> {
  const [row] = await stack.subgraphs.divorce.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}
const TABLES = ['counseling_case', 'counseling_session', 'idempotency_key'];
const rowCounts = () => Promise.all(TABLES.map(rowCount));

/** One of the caller's cases as `counselingCases` lists it, paging to the end. */
async function listedCase(caseId: string, status: 'OPEN' | 'CLOSED', agency = KASHAN_POLICE): Promise<CaseAnswer | null> {
  let after: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const answer = await ask<{ counselingCases: CasePage }>(
      `query($after: String, $status: CaseStatus) { counselingCases(first: 500, after: $after, status: $status) {
        edges { node { id status openedOn topic closedOn outcome sessions { id heldOn mode free } } } pageInfo { hasNextPage endCursor } } }`,
      { after, status },
      { agency },
    );
    expect(answer.errors).toBeUndefined();
    const casePage: CasePage = answer.data!.counselingCases;
    const found = casePage.edges.find((edge) => edge.node.id === caseId);
    if (found) return found.node;
    if (!casePage.pageInfo.hasNextPage) return null;
    after = casePage.pageInfo.endCursor;
  }
  throw new Error('more pages than expected');
}

function onlyError(answer: { data?: unknown; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }) {
  expect(answer.errors).toHaveLength(1);
  expect(answer.data ?? null).toBeNull();
  return answer.errors![0];
}

describe('divorce writes through the gateway: the lifecycle', () => {
  it('opens a case with a Persian topic, records sessions, closes it, and reads each step back', async () => {
    const opened = await openCase({ topic: PERSIAN_TOPIC, subjectNationalId: SUBJECTS[1] });
    expect(opened).toMatchObject({
      status: 'OPEN',
      openedOn: daysFromToday(-40),
      topic: PERSIAN_TOPIC,
      closedOn: null,
      outcome: null,
      unit: { id: KASHAN_POLICE_UNIT, hostAgency: { code: KASHAN_POLICE }, region: { code: 'IR-10-12' } },
      sessions: [],
    });
    expect((opened as unknown as { unit: { nameFa: string } }).unit.nameFa).toMatch(/کاشان/);
    expect(await listedCase(opened.id, 'OPEN')).toMatchObject({ id: opened.id, status: 'OPEN', topic: PERSIAN_TOPIC });

    const first = await ask<{ recordCounselingSession: SessionAnswer }>(RECORD, {
      input: sessionInput(opened.id, { heldOn: daysFromToday(-30), mode: 'PHONE', free: false }),
    });
    const second = await ask<{ recordCounselingSession: SessionAnswer }>(RECORD, {
      input: sessionInput(opened.id, { heldOn: daysFromToday(-25), mode: 'ONLINE' }),
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordCounselingSession).toEqual({ id: expect.any(String), heldOn: daysFromToday(-30), mode: 'PHONE', free: false });
    const sessions = [first.data!.recordCounselingSession, second.data!.recordCounselingSession];
    expect((await listedCase(opened.id, 'OPEN'))!.sessions).toEqual(sessions);

    const closed = await ask<{ closeCounselingCase: CaseAnswer }>(CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(-10), outcome: 'RECONCILED' } });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCounselingCase).toEqual({ id: opened.id, status: 'CLOSED', closedOn: daysFromToday(-10), outcome: 'RECONCILED', sessions });
    expect(await listedCase(opened.id, 'CLOSED')).toEqual({ ...closed.data!.closeCounselingCase, openedOn: daysFromToday(-40), topic: PERSIAN_TOPIC });
    expect(await listedCase(opened.id, 'OPEN')).toBeNull();

    // The stored topic is the same text, byte for byte (utf8mb4 on MySQL/MariaDB).
    const [stored] = await stack.subgraphs.divorce.store.dataSource.query('SELECT topic FROM counseling_case WHERE id = ?', [opened.id]);
    expect(stored.topic).toBe(PERSIAN_TOPIC);
  });

  it('counts a new case in the next figures though the year’s suppression table was cached by the reads before', async () => {
    const casesOpened = async () => {
      const answer = await ask<{ region: { familyStats: { casesOpened: number | null } } }>(
        `{ region(code: "IR-10") { familyStats(period: { solarYear: 1404 }) { casesOpened } } }`,
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.region.familyStats.casesOpened;
    };
    const before = await casesOpened();
    expect(before).toEqual(expect.any(Number));
    // Asked again, the answer comes from the cached table: the same figure.
    expect(await casesOpened()).toBe(before);
    // 1 June 2025 is in Solar 1404 (Khordad).
    await openCase({ subjectNationalId: SUBJECTS[3], openedOn: '2025-06-01' });
    expect(await casesOpened()).toBe(before! + 1);
  });

  it('refuses a session or a second closing once the case is closed: CONFLICT naming CLOSED, nothing written', async () => {
    const opened = await openCase({ subjectNationalId: SUBJECTS[2] });
    await ask(CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(-5), outcome: 'DIVORCED' } });
    const before = await rowCounts();
    const late = onlyError(await ask(RECORD, { input: sessionInput(opened.id, { heldOn: daysFromToday(-1) }) }));
    expect(late.extensions?.code).toBe('CONFLICT');
    expect(late.message).toMatch(/CLOSED/);
    const again = onlyError(await ask(CLOSE, { input: { caseId: opened.id, closedOn: daysFromToday(-1), outcome: 'RECONCILED' } }));
    expect(again.extensions?.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already CLOSED/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('divorce writes through the gateway: refusals', () => {
  it('names the argument of each bad input (BAD_USER_INPUT) and writes nothing', async () => {
    const opened = await openCase({ openedOn: daysFromToday(-30) });
    await ask(RECORD, { input: sessionInput(opened.id, { heldOn: daysFromToday(-10) }) });
    const before = await rowCounts();
    const refusals: [string, Record<string, unknown>, string][] = [
      [OPEN, openInput({ topic: '' }), 'input.topic'],
      [OPEN, openInput({ topic: 'ب'.repeat(201) }), 'input.topic'],
      [OPEN, openInput({ openedOn: daysFromToday(1) }), 'input.openedOn'],
      [OPEN, openInput({ unitId: 'no-such-unit' }), 'input.unitId'],
      [OPEN, openInput({ subjectNationalId: INVALID_SUBJECT }), 'input.subjectNationalId'],
      [RECORD, sessionInput(opened.id, { heldOn: daysFromToday(1) }), 'input.heldOn'],
      [RECORD, sessionInput(opened.id, { heldOn: daysFromToday(-31) }), 'input.heldOn'],
      [RECORD, sessionInput('no-such-case'), 'input.caseId'],
      [CLOSE, { caseId: opened.id, closedOn: daysFromToday(1), outcome: 'WITHDRAWN' }, 'input.closedOn'],
      [CLOSE, { caseId: opened.id, closedOn: daysFromToday(-31), outcome: 'WITHDRAWN' }, 'input.closedOn'],
      [CLOSE, { caseId: opened.id, closedOn: daysFromToday(-11), outcome: 'WITHDRAWN' }, 'input.closedOn'],
    ];
    const mismatches: string[] = [];
    for (const [mutation, input, argumentName] of refusals) {
      const answer = await ask(mutation, { input });
      const error = answer.errors?.[0];
      if (answer.errors?.length !== 1 || error?.extensions?.code !== 'BAD_USER_INPUT' || error.extensions.argumentName !== argumentName) {
        mismatches.push(`${argumentName}: ${JSON.stringify(answer.errors)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('needs family:write: the health network (family:read only) and a police token without it are FORBIDDEN', async () => {
    const opened = await openCase();
    const before = await rowCounts();
    const withoutWrite: QueryOptions[] = [
      { agency: 'HEALTH-IR-10-12' },
      { agency: KASHAN_POLICE, scopes: defaultScopesFor('POLICE').filter((scope) => scope !== 'family:write') },
    ];
    for (const options of withoutWrite) {
      for (const [mutation, input] of [
        [OPEN, openInput()],
        [RECORD, sessionInput(opened.id)],
        [CLOSE, { caseId: opened.id, closedOn: daysFromToday(-1), outcome: 'WITHDRAWN' }],
      ] as const) {
        expect(onlyError(await ask(mutation, { input }, options)).extensions?.code).toBe('FORBIDDEN');
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('lets only the hosting agency write: FORBIDDEN at another’s unit, “no such case” for another’s case', async () => {
    const opened = await openCase();
    const before = await rowCounts();
    const asWelfare = { agency: KASHAN_WELFARE };
    expect(onlyError(await ask(OPEN, { input: openInput() }, asWelfare)).extensions?.code).toBe('FORBIDDEN');
    for (const [mutation, input] of [
      [RECORD, sessionInput(opened.id)],
      [CLOSE, { caseId: opened.id, closedOn: daysFromToday(-1), outcome: 'WITHDRAWN' }],
    ] as const) {
      const error = onlyError(await ask(mutation, { input }, asWelfare));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.caseId' });
      expect(error.message).toBe('input.caseId: no such case');
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('divorce writes through the gateway: retries and failures', () => {
  it('answers a retried openCounselingCase with the first case, and the same key with another body with CONFLICT', async () => {
    const input = openInput({ idempotencyKey: 'e2e-open-1', subjectNationalId: SUBJECTS[3] });
    const first = await ask<{ openCounselingCase: CaseAnswer }>(OPEN, { input });
    expect(first.errors).toBeUndefined();
    const before = await rowCounts();
    const retry = await ask<{ openCounselingCase: CaseAnswer }>(OPEN, { input });
    expect(retry.data!.openCounselingCase.id).toBe(first.data!.openCounselingCase.id);
    // The same person written in Persian digits is the same body.
    const persianRetry = await ask<{ openCounselingCase: CaseAnswer }>(OPEN, { input: { ...input, subjectNationalId: toPersianDigits(SUBJECTS[3]) } });
    expect(persianRetry.data!.openCounselingCase.id).toBe(first.data!.openCounselingCase.id);
    const other = onlyError(await ask(OPEN, { input: { ...input, topic: 'Another topic' } }));
    expect(other.extensions?.code).toBe('CONFLICT');
    expect(await rowCounts()).toEqual(before);
  });

  /** A fresh open case, a session input for it under `key`, and the row counts the burst must change by one. */
  async function burst(key: string) {
    const opened = await openCase();
    const input = sessionInput(opened.id, { heldOn: daysFromToday(-3), idempotencyKey: key });
    return { opened, input, sessionsBefore: await rowCount('counseling_session'), keysBefore: await rowCount('idempotency_key') };
  }

  it('writes exactly one session for 50 concurrent retries of one recordCounselingSession, all answered with its id', async () => {
    const { opened, input, sessionsBefore, keysBefore } = await burst('e2e-burst-same');
    const retries = await Promise.all(Array.from({ length: 50 }, () => ask<{ recordCounselingSession: SessionAnswer }>(RECORD, { input })));
    expect(retries.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(retries.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    const ids = new Set(retries.map((answer) => answer.data!.recordCounselingSession.id));
    expect(ids.size).toBe(1);
    expect(await rowCount('counseling_session')).toBe(sessionsBefore + 1);
    expect(await rowCount('idempotency_key')).toBe(keysBefore + 1);
    const [stored] = await stack.subgraphs.divorce.store.dataSource.query('SELECT case_id FROM counseling_session WHERE id = ?', [[...ids][0]]);
    expect(stored.case_id).toBe(opened.id);
  });

  it('writes one session when 50 concurrent calls share a key but half carry another body: that half is CONFLICT', async () => {
    const { input, sessionsBefore, keysBefore } = await burst('e2e-burst-mixed');
    const bodies = Array.from({ length: 50 }, (_, index) => (index % 2 ? { ...input, free: false } : input));
    const answers = await Promise.all(bodies.map((body) => ask<{ recordCounselingSession: SessionAnswer }>(RECORD, { input: body })));
    // Whichever body commits first wins; every call with the other body is refused.
    const succeeded = answers.filter((answer) => !answer.errors);
    const conflicts = answers.filter((answer) => answer.errors?.length === 1 && answer.errors[0].extensions?.code === 'CONFLICT');
    expect([succeeded.length, conflicts.length]).toEqual([25, 25]);
    expect(new Set(succeeded.map((answer) => answer.data!.recordCounselingSession.id)).size).toBe(1);
    expect(await rowCount('counseling_session')).toBe(sessionsBefore + 1);
    expect(await rowCount('idempotency_key')).toBe(keysBefore + 1);
  });

  it('leaves zero rows when openCounselingCase fails after inserting the case and before its key; the retry writes once', async () => {
    const before = await rowCounts();
    const input = openInput({ idempotencyKey: 'e2e-failing-open', subjectNationalId: SUBJECTS[2] });
    armFailpoint('divorce.openCounselingCase.after-first-insert');
    const failed = onlyError(await ask(OPEN, { input }));
    expect(failed.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(failed.message).not.toMatch(/injected|failpoint|INSERT|counseling_case/i);
    expect(await rowCounts()).toEqual(before);

    const retry = await ask<{ openCounselingCase: CaseAnswer }>(OPEN, { input });
    expect(retry.errors).toBeUndefined();
    expect(await rowCounts()).toEqual([before[0] + 1, before[1], before[2] + 1]);
  });

  it('leaves zero rows when recordCounselingSession fails after inserting the session and before its key', async () => {
    const opened = await openCase();
    const before = await rowCounts();
    armFailpoint('divorce.recordCounselingSession.after-first-insert');
    onlyError(await ask(RECORD, { input: sessionInput(opened.id, { idempotencyKey: 'e2e-failing-session' }) }));
    expect(await rowCounts()).toEqual(before);
  });
});

describe('divorce writes through the gateway: no national id anywhere', () => {
  /** Every text value of every table of the divorce store that contains one of `needles`, as `table.column`. */
  async function textColumnsContaining(needles: string[]): Promise<string[]> {
    const { dataSource, kind } = stack.subgraphs.divorce.store;
    const found = new Set<string>();
    if (kind === 'mysql') {
      const columns: { tableName: string; columnName: string }[] = await dataSource.query(
        `SELECT TABLE_NAME AS tableName, COLUMN_NAME AS columnName FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext')`,
      );
      expect(new Set(columns.map((column) => column.tableName))).toEqual(
        new Set([
          'migrations',
          'region_scope',
          'idempotency_key',
          'store_probe',
          'stat_rollup',
          'stat_version',
          'counseling_unit',
          'counseling_case',
          'counseling_session',
          'family_program',
        ]),
      );
      for (const { tableName, columnName } of columns) {
        const [row] = await dataSource.query(
          `SELECT COUNT(*) AS n FROM \`${tableName}\` WHERE ${needles.map(() => `\`${columnName}\` LIKE ?`).join(' OR ')}`,
          needles.map((needle) => `%${needle}%`),
        );
        if (Number(row.n) > 0) found.add(`${tableName}.${columnName}`);
      }
    } else {
      const tables: { name: string }[] = await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
      expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['idempotency_key', 'counseling_case', 'counseling_session']));
      for (const { name } of tables) {
        for (const row of (await dataSource.query(`SELECT * FROM "${name}"`)) as Record<string, unknown>[]) {
          for (const [column, value] of Object.entries(row)) {
            if (typeof value === 'string' && needles.some((needle) => value.includes(needle))) found.add(`${name}.${column}`);
          }
        }
      }
    }
    return [...found].sort();
  }

  it('finds the topics written (the scan sees text) but none of the national ids sent, in any table', async () => {
    expect(await textColumnsContaining(['اختلاف زناشویی و هزینه'])).toEqual(['counseling_case.topic']);
    expect(await textColumnsContaining(SENT_NATIONAL_IDS)).toEqual([]);
  });

  it('returned none of them in any answer', () => {
    expect(answers.length).toBeGreaterThan(100);
    const leaks = answers.filter((answer) => SENT_NATIONAL_IDS.some((id) => answer.includes(id)));
    expect(leaks).toEqual([]);
  });
});
