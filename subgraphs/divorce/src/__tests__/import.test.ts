import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { agencyId, loadSecrets, pseudonymOf, stableId, todayInIran, type ImportContext, type ImportResult, MeasureStore } from '@safety-graph/shared';
import { callerOf, inPersianDigits, nationalId, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { divorce } from '../index';
import type { DivorceContext } from '../context';

let harness: SubgraphHarness<DivorceContext>;

beforeAll(async () => {
  harness = await subgraphHarness(divorce);
});
afterAll(() => harness?.close());

const KASHAN_POLICE = 'POLICE-IR-10-12';
const KASHAN_WELFARE = 'WELFARE-IR-10-12';
const KASHAN_POLICE_UNIT = stableId('counseling-unit', KASHAN_POLICE);
const KASHAN_WELFARE_UNIT = stableId('counseling-unit', KASHAN_WELFARE);
const SUBJECT = nationalId('049937089');
const PERSIAN_TOPIC = 'اختلاف زناشویی و هزینه‌های زندگی — ۱۴۰۵ 🕊️';

const cases = divorce.importers!.cases;
const sessions = divorce.importers!.sessions;

function contextOf(agencyCode: string): ImportContext {
  const { pseudonymKey } = loadSecrets(harness.config);
  return {
    store: harness.store,
    config: harness.config,
    agencyCode,
    pseudonymize: (id, argument) => pseudonymOf(pseudonymKey, id, argument),
  };
}

function daysFromToday(days: number): string {
  const date = new Date(`${todayInIran()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Rows as a CSV file gives them (every value a string), on lines 2, 3, ... */
function importAs(importer: typeof cases, agencyCode: string, rows: Record<string, unknown>[]): Promise<ImportResult> {
  return importer.importRows(
    rows,
    rows.map((_, index) => index + 2),
    contextOf(agencyCode),
  );
}

const caseIdOf = (agencyCode: string, externalId: string) => stableId('import:divorce:cases', `${agencyCode}:${externalId}`);
const sessionIdOf = (agencyCode: string, externalId: string) => stableId('import:divorce:sessions', `${agencyCode}:${externalId}`);

function caseRow(externalId: string, overrides: Record<string, unknown> = {}) {
  return { externalId, unitId: KASHAN_POLICE_UNIT, subjectNationalId: SUBJECT, openedOn: daysFromToday(-40), topic: 'Communication', ...overrides };
}
function sessionRow(externalId: string, caseExternalId: string, overrides: Record<string, unknown> = {}) {
  return { externalId, caseExternalId, heldOn: daysFromToday(-20), mode: 'IN_PERSON', free: 'true', ...overrides };
}

async function rowCount(table: string): Promise<number> {
  const [row] = await harness.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

const CASE_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CounselingCase {
  id status openedOn topic unit { id } sessions { id heldOn mode free } } } }`;
async function readCases(agencyCode: string, ids: string[]) {
  const result = await harness.runAs<{ _entities: unknown[] }>(callerOf(agencyCode), CASE_QUERY, {
    r: ids.map((id) => ({ __typename: 'CounselingCase', id })),
  });
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

describe('divorce cases import', () => {
  it('opens the cases of a unit the agency hosts, readable through GraphQL, Persian text intact and only a pseudonym stored; a second run adds nothing', async () => {
    const rows = [
      caseRow('K-1401-001', { topic: PERSIAN_TOPIC }),
      caseRow('K-1401-002', { subjectNationalId: inPersianDigits(SUBJECT), openedOn: daysFromToday(-10) }),
    ];
    const before = await rowCount('counseling_case');
    expect(await importAs(cases, KASHAN_POLICE, rows)).toEqual({ inserted: 2, skipped: 0, errors: [] });
    expect(await rowCount('counseling_case')).toBe(before + 2);

    const ids = [caseIdOf(KASHAN_POLICE, 'K-1401-001'), caseIdOf(KASHAN_POLICE, 'K-1401-002')];
    expect(await readCases(KASHAN_POLICE, ids)).toEqual([
      { id: ids[0], status: 'OPEN', openedOn: daysFromToday(-40), topic: PERSIAN_TOPIC, unit: { id: KASHAN_POLICE_UNIT }, sessions: [] },
      { id: ids[1], status: 'OPEN', openedOn: daysFromToday(-10), topic: 'Communication', unit: { id: KASHAN_POLICE_UNIT }, sessions: [] },
    ]);
    // Cases stay the host's: another agency sees none of them.
    expect(await readCases(KASHAN_WELFARE, ids)).toEqual([null, null]);

    const stored = await harness.store.dataSource.query('SELECT subject_pseudonym, recorded_by_agency_id FROM counseling_case WHERE id IN (?, ?)', ids);
    const pseudonym = pseudonymOf(loadSecrets(harness.config).pseudonymKey, SUBJECT);
    expect(stored).toEqual([
      { subject_pseudonym: pseudonym, recorded_by_agency_id: agencyId(KASHAN_POLICE) },
      { subject_pseudonym: pseudonym, recorded_by_agency_id: agencyId(KASHAN_POLICE) },
    ]);

    expect(await importAs(cases, KASHAN_POLICE, rows)).toEqual({ inserted: 0, skipped: 2, errors: [] });
    expect(await rowCount('counseling_case')).toBe(before + 2);
  });

  it('refuses each bad row with its line and column and writes the good rows of the same batch', async () => {
    const before = await rowCount('counseling_case');
    const rows = [
      caseRow('BAD-1', { openedOn: daysFromToday(1) }),
      caseRow('BAD-2', { openedOn: '1403/01/15' }),
      caseRow('BAD-3', { unitId: 'no-such-unit' }),
      caseRow('BAD-4', { subjectNationalId: '1111111111' }),
      caseRow('BAD-5', { topic: 'گ'.repeat(201) }),
      caseRow('BAD-6', { topic: '' }),
      caseRow(''),
      caseRow('x'.repeat(101)),
      caseRow('GOOD-1', { topic: 'گ'.repeat(200) }),
      // Units are public: the unit's host rule is named, the row written not.
      caseRow('BAD-7', { unitId: KASHAN_WELFARE_UNIT }),
      caseRow('GOOD-2'),
    ];
    const result = await importAs(cases, KASHAN_POLICE, rows);
    expect(result.inserted).toBe(2);
    expect(result.skipped).toBe(0);
    expect(result.errors.map(({ line, argument }) => ({ line, argument }))).toEqual([
      { line: 2, argument: 'openedOn' },
      { line: 3, argument: 'openedOn' },
      { line: 4, argument: 'unitId' },
      { line: 5, argument: 'subjectNationalId' },
      { line: 6, argument: 'topic' },
      { line: 7, argument: 'topic' },
      { line: 8, argument: 'externalId' },
      { line: 9, argument: 'externalId' },
      { line: 11, argument: 'unitId' },
    ]);
    expect(result.errors[0].message).toBe('must not be in the future');
    expect(result.errors[2].message).toBe('no such counselling unit');
    expect(result.errors[8].message).toMatch(/hosting the unit/);
    for (const error of result.errors) expect(error.message).not.toContain(SUBJECT);
    expect(await rowCount('counseling_case')).toBe(before + 2);
    expect(await readCases(KASHAN_POLICE, [caseIdOf(KASHAN_POLICE, 'GOOD-1'), caseIdOf(KASHAN_POLICE, 'BAD-7')])).toEqual([
      expect.objectContaining({ topic: 'گ'.repeat(200) }),
      null,
    ]);
  });

  it('keeps each agency’s external ids apart and writes a repeated external id of one batch once', async () => {
    const atWelfare = await importAs(cases, KASHAN_WELFARE, [caseRow('K-1401-001', { unitId: KASHAN_WELFARE_UNIT })]);
    expect(atWelfare).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await readCases(KASHAN_WELFARE, [caseIdOf(KASHAN_WELFARE, 'K-1401-001')])).toEqual([expect.objectContaining({ unit: { id: KASHAN_WELFARE_UNIT } })]);
    expect(await importAs(cases, KASHAN_POLICE, [caseRow('TWICE'), caseRow('TWICE')])).toEqual({ inserted: 1, skipped: 1, errors: [] });
  });
});

describe('divorce sessions import', () => {
  beforeAll(async () => {
    const result = await importAs(cases, KASHAN_POLICE, [caseRow('S-CASE-1'), caseRow('S-CASE-2'), caseRow('S-CASE-CLOSED')]);
    expect(result.errors).toEqual([]);
    const closed = await harness.runAs(callerOf(KASHAN_POLICE), `mutation($input: CloseCounselingCaseInput!) { closeCounselingCase(input: $input) { id } }`, {
      input: { caseId: caseIdOf(KASHAN_POLICE, 'S-CASE-CLOSED'), closedOn: daysFromToday(-30), outcome: 'WITHDRAWN' },
    });
    expect(closed.errors).toBeUndefined();
  });

  it('records sessions of the agency’s imported cases, by their external id or by case id; a second run adds nothing', async () => {
    const caseId = caseIdOf(KASHAN_POLICE, 'S-CASE-2');
    const rows = [
      sessionRow('SES-1', 'S-CASE-1', { heldOn: daysFromToday(-25), mode: 'PHONE', free: 'false' }),
      sessionRow('SES-2', 'S-CASE-1', { heldOn: daysFromToday(-15), mode: 'ONLINE', free: 'TRUE' }),
      // JSON Lines carries real booleans, and may name the case by its id.
      { externalId: 'SES-3', caseId, heldOn: daysFromToday(-40), mode: 'IN_PERSON', free: true },
    ];
    expect(await importAs(sessions, KASHAN_POLICE, rows)).toEqual({ inserted: 3, skipped: 0, errors: [] });
    const [first, second] = await readCases(KASHAN_POLICE, [caseIdOf(KASHAN_POLICE, 'S-CASE-1'), caseId]);
    expect(first).toMatchObject({
      sessions: [
        { id: sessionIdOf(KASHAN_POLICE, 'SES-1'), heldOn: daysFromToday(-25), mode: 'PHONE', free: false },
        { id: sessionIdOf(KASHAN_POLICE, 'SES-2'), heldOn: daysFromToday(-15), mode: 'ONLINE', free: true },
      ],
    });
    expect(second).toMatchObject({ sessions: [{ id: sessionIdOf(KASHAN_POLICE, 'SES-3'), heldOn: daysFromToday(-40), mode: 'IN_PERSON', free: true }] });
    const [stored] = await harness.store.dataSource.query('SELECT recorded_by_agency_id FROM counseling_session WHERE id = ?', [
      sessionIdOf(KASHAN_POLICE, 'SES-1'),
    ]);
    expect(stored.recorded_by_agency_id).toBe(agencyId(KASHAN_POLICE));

    const before = await rowCount('counseling_session');
    expect(await importAs(sessions, KASHAN_POLICE, rows)).toEqual({ inserted: 0, skipped: 3, errors: [] });
    expect(await rowCount('counseling_session')).toBe(before);
  });

  it('refuses bad sessions with their line and column, cases of other agencies as unknown, and writes the good ones', async () => {
    const before = await rowCount('counseling_session');
    const welfareCase = caseIdOf(KASHAN_WELFARE, 'K-1401-001');
    const rows = [
      sessionRow('SB-1', 'S-CASE-1', { mode: 'BY_LETTER' }),
      sessionRow('SB-2', 'S-CASE-1', { free: 'yes' }),
      sessionRow('SB-3', 'S-CASE-1', { heldOn: daysFromToday(-41) }),
      sessionRow('SB-4', 'S-CASE-1', { heldOn: daysFromToday(2) }),
      sessionRow('SB-5', 'NO-SUCH-CASE'),
      // The welfare office's case, under the same external id as a police case and by its id: neither is the police's.
      { ...sessionRow('SB-6', ''), caseId: welfareCase },
      sessionRow('SB-7', 'S-CASE-CLOSED'),
      { ...sessionRow('SB-8', 'S-CASE-1'), caseId: caseIdOf(KASHAN_POLICE, 'S-CASE-1') },
      sessionRow('SB-9', ''),
      sessionRow('SB-GOOD', 'S-CASE-1', { heldOn: daysFromToday(-40) }),
    ];
    const result = await importAs(sessions, KASHAN_POLICE, rows);
    expect(result.inserted).toBe(1);
    expect(result.errors.map(({ line, argument }) => ({ line, argument }))).toEqual([
      { line: 2, argument: 'mode' },
      { line: 3, argument: 'free' },
      { line: 4, argument: 'heldOn' },
      { line: 5, argument: 'heldOn' },
      { line: 6, argument: 'caseExternalId' },
      { line: 7, argument: 'caseId' },
      { line: 8, argument: 'caseExternalId' },
      { line: 9, argument: 'caseExternalId' },
      { line: 10, argument: 'caseExternalId' },
    ]);
    expect(result.errors[4].message).toBe('no such case');
    expect(result.errors[5].message).toBe('no such case');
    expect(result.errors[6].message).toMatch(/is CLOSED/);
    expect(await rowCount('counseling_session')).toBe(before + 1);

    // The welfare office records its own case's sessions.
    expect(await importAs(sessions, KASHAN_WELFARE, [sessionRow('SB-6', 'K-1401-001')])).toEqual({ inserted: 1, skipped: 0, errors: [] });
  });
});

describe('divorce import: corrected exports', () => {
  it('corrects a case (topic, opening) and a session (mode, free) whose rows differ, counted updated, statistics following; identical rows are unchanged; a case never changes unit', async () => {
    const caseId = caseIdOf(KASHAN_POLICE, 'CORR-C');
    const sessionId = sessionIdOf(KASHAN_POLICE, 'CORR-S');
    expect(await importAs(cases, KASHAN_POLICE, [caseRow('CORR-C', { openedOn: daysFromToday(-30) })])).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await importAs(sessions, KASHAN_POLICE, [sessionRow('CORR-S', 'CORR-C', { heldOn: daysFromToday(-12) })])).toEqual({
      inserted: 1,
      skipped: 0,
      errors: [],
    });
    expect(await importAs(cases, KASHAN_POLICE, [caseRow('CORR-C', { openedOn: daysFromToday(-30) })])).toEqual({ inserted: 0, skipped: 1, errors: [] });

    const corrected = await importAs(cases, KASHAN_POLICE, [caseRow('CORR-C', { openedOn: daysFromToday(-31), topic: 'Finances' })]);
    expect(corrected).toEqual({ inserted: 0, skipped: 0, updated: 1, errors: [] });
    expect(await readCases(KASHAN_POLICE, [caseId])).toEqual([expect.objectContaining({ openedOn: daysFromToday(-31), topic: 'Finances' })]);
    // Opened after its first session, or at another unit: refused, the case as it was.
    const late = await importAs(cases, KASHAN_POLICE, [caseRow('CORR-C', { openedOn: daysFromToday(-5), topic: 'Finances' })]);
    expect(late.errors).toEqual([expect.objectContaining({ line: 2, argument: 'openedOn' })]);
    const moved = await importAs(cases, KASHAN_WELFARE, [caseRow('CORR-C', { unitId: KASHAN_WELFARE_UNIT })]);
    expect(moved).toEqual({ inserted: 1, skipped: 0, errors: [] }); // another agency's external id: another case
    expect(await readCases(KASHAN_POLICE, [caseId])).toEqual([expect.objectContaining({ openedOn: daysFromToday(-31), unit: { id: KASHAN_POLICE_UNIT } })]);

    expect(await importAs(sessions, KASHAN_POLICE, [sessionRow('CORR-S', 'CORR-C', { heldOn: daysFromToday(-12) })])).toEqual({
      inserted: 0,
      skipped: 1,
      errors: [],
    });
    const sessionCorrected = await importAs(sessions, KASHAN_POLICE, [
      sessionRow('CORR-S', 'CORR-C', { heldOn: daysFromToday(-11), mode: 'PHONE', free: 'false' }),
    ]);
    expect(sessionCorrected).toEqual({ inserted: 0, skipped: 0, updated: 1, errors: [] });
    const [read] = (await readCases(KASHAN_POLICE, [caseId])) as { sessions: unknown[] }[];
    expect(read.sessions).toEqual([{ id: sessionId, heldOn: daysFromToday(-11), mode: 'PHONE', free: false }]);
    expect(await new MeasureStore(harness.store.dataSource).differences(divorce.measures!)).toEqual([]);
  });
});

describe('npm run import -- divorce', () => {
  const cli = resolve(__dirname, '../../../../cli/dist/commands/import.js');
  const run = (file: string, agency: string, kind: string, ...options: string[]) =>
    spawnSync(process.execPath, [cli, 'divorce', file, '--agency', agency, '--kind', kind, ...options], {
      env: { ...harness.config.env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });

  it('imports a CSV file (exit 0, then 0 again with everything already there) and names refused rows (exit 1)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'divorce-import-'));
    const good = join(folder, 'cases.csv');
    writeFileSync(
      good,
      `externalId,unitId,subjectNationalId,openedOn,topic\nCLI-1,${KASHAN_POLICE_UNIT},${SUBJECT},${daysFromToday(-5)},"${PERSIAN_TOPIC}, دوم"\n`,
    );
    const first = run(good, KASHAN_POLICE, 'cases');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('inserted 1, updated 0, unchanged 0, refused 0');
    expect(await readCases(KASHAN_POLICE, [caseIdOf(KASHAN_POLICE, 'CLI-1')])).toEqual([expect.objectContaining({ topic: `${PERSIAN_TOPIC}, دوم` })]);
    const again = run(good, KASHAN_POLICE, 'cases');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('inserted 0, updated 0, unchanged 1, refused 0');

    const bad = join(folder, 'sessions.csv');
    writeFileSync(
      bad,
      `externalId,caseExternalId,heldOn,mode,free\nCLI-S1,CLI-1,${daysFromToday(-1)},PHONE,true\nCLI-S2,CLI-1,${daysFromToday(-9)},PHONE,true\n`,
    );
    const refused = run(bad, KASHAN_POLICE, 'sessions');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 3 (heldOn): must not be before the case was opened');
    expect(refused.stdout).toContain('inserted 1, updated 0, unchanged 0, refused 1');
  });

  it('never copies a national id into the reject file: a refused case is written without it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'divorce-rejects-'));
    const file = join(folder, 'cases.csv');
    writeFileSync(file, `externalId,unitId,subjectNationalId,openedOn,topic\nREJ-1,${KASHAN_POLICE_UNIT},${SUBJECT},${daysFromToday(5)},topic\n`);
    const rejects = join(folder, 'rejects.csv');
    const result = run(file, KASHAN_POLICE, 'cases', '--rejects', rejects);
    expect(result.status).toBe(1);
    const text = readFileSync(rejects, 'utf8');
    expect(text).toContain('REJ-1');
    expect(text).toContain('(withheld)');
    expect(text).not.toContain(SUBJECT);
    expect(result.stdout + result.stderr).not.toContain(SUBJECT);
  });
});

describe('divorce subgraph: statistics rollups after every write above', () => {
  it('match the raw records, key by key (what npm run rollups -- --check compares)', async () => {
    expect(await new MeasureStore(harness.store.dataSource).differences(divorce.measures!)).toEqual([]);
  });
});
