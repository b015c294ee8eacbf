import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { agencyId, loadSecrets, pseudonymOf, regionId, stableId, todayInIran, type ImportContext, type ImportResult, MeasureStore } from '@safety-graph/shared';
import { callerOf, inPersianDigits, nationalId, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { addiction } from '../index';
import type { AddictionContext } from '../context';

let harness: SubgraphHarness<AddictionContext>;

const HEALTH_PROVINCE = 'HEALTH-IR-10';
const PROVINCE_PROGRAM = 'PREV-TEST-IMPORT-IR-10';
const KASHAN_PROGRAM = 'PREV-TEST-IMPORT-IR-10-12';
const ENDED_PROGRAM = 'PREV-TEST-IMPORT-ENDED';
const sessions = addiction.importers!.sessions;
const programIds: Record<string, string> = {};

function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
const today = todayInIran();
const lastWeek = addDays(today, -7);

const CREATE_PROGRAM = `mutation($input: CreatePreventionProgramInput!) { createPreventionProgram(input: $input) { id } }`;

beforeAll(async () => {
  harness = await subgraphHarness(addiction);
  const programs: [string, string, string, string][] = [
    [PROVINCE_PROGRAM, regionId('IR-10'), '2025-03-21', addDays(today, 365)],
    [KASHAN_PROGRAM, regionId('IR-10-12'), '2025-03-21', addDays(today, 365)],
    [ENDED_PROGRAM, regionId('IR-10'), '2025-04-01', '2025-06-30'],
  ];
  for (const [code, region, startsOn, endsOn] of programs) {
    const answer = await harness.runAs<{ createPreventionProgram: { id: string } }>(callerOf(HEALTH_PROVINCE), CREATE_PROGRAM, {
      input: { code, title: 'Import test', titleFa: 'آزمون ورود داده', kind: 'COMMUNITY', regionId: region, startsOn, endsOn, agreementId: null },
    });
    expect(answer.errors).toBeUndefined();
    programIds[code] = answer.data!.createPreventionProgram.id;
  }
});
afterAll(() => harness?.close());

function contextOf(agencyCode: string): ImportContext {
  const { pseudonymKey } = loadSecrets(harness.config);
  return { store: harness.store, config: harness.config, agencyCode, pseudonymize: (id, argument) => pseudonymOf(pseudonymKey, id, argument) };
}

/** Rows as a CSV file gives them (every value a string), on lines 2, 3, ... */
function importAs(agencyCode: string, rows: Record<string, unknown>[]): Promise<ImportResult> {
  return sessions.importRows(
    rows,
    rows.map((_, index) => index + 2),
    contextOf(agencyCode),
  );
}

const sessionIdOf = (agencyCode: string, externalId: string) => stableId('import:addiction:sessions', `${agencyCode}:${externalId}`);

function row(externalId: string, overrides: Record<string, unknown> = {}) {
  return { externalId, programCode: PROVINCE_PROGRAM, heldOn: lastWeek, regionCode: 'IR-10-12', attendance: '35', ...overrides };
}

async function rowCount(): Promise<number> {
  const [result] = await harness.store.dataSource.query('SELECT COUNT(*) AS n FROM program_session');
  return Number(result.n);
}

const PROGRAM_SESSIONS = `query($code: String) { preventionProgram(code: $code) { sessions { id heldOn attendance region { id } recordedBy { id } } } }`;
async function sessionsOf(code: string) {
  const answer = await harness.runAs<{ preventionProgram: { sessions: { id: string }[] } }>(callerOf('EDUCATION-IR-10'), PROGRAM_SESSIONS, { code });
  expect(answer.errors).toBeUndefined();
  return answer.data!.preventionProgram.sessions;
}

describe('addiction sessions import', () => {
  it('records sessions of the agency’s programmes by code or id and county code or id, readable through GraphQL; a second run adds nothing', async () => {
    const persianExternalId = 'جلسه-۱۴۰۴-۰۰۱';
    const rows = [
      row(persianExternalId),
      row('S-2', { regionCode: 'IR-10-01', attendance: '0', heldOn: today }),
      // JSON Lines carries numbers, and may name the programme and the county by id.
      { externalId: 'S-3', programId: programIds[KASHAN_PROGRAM], regionId: regionId('IR-10-12'), heldOn: lastWeek, attendance: 100_000 },
    ];
    const before = await rowCount();
    expect(await importAs(HEALTH_PROVINCE, rows)).toEqual({ inserted: 3, skipped: 0, errors: [] });
    expect(await rowCount()).toBe(before + 3);

    expect(await sessionsOf(PROVINCE_PROGRAM)).toEqual(
      expect.arrayContaining([
        {
          id: sessionIdOf(HEALTH_PROVINCE, persianExternalId),
          heldOn: lastWeek,
          attendance: 35,
          region: { id: regionId('IR-10-12') },
          recordedBy: { id: agencyId(HEALTH_PROVINCE) },
        },
        {
          id: sessionIdOf(HEALTH_PROVINCE, 'S-2'),
          heldOn: today,
          attendance: 0,
          region: { id: regionId('IR-10-01') },
          recordedBy: { id: agencyId(HEALTH_PROVINCE) },
        },
      ]),
    );
    expect(await sessionsOf(KASHAN_PROGRAM)).toContainEqual(expect.objectContaining({ id: sessionIdOf(HEALTH_PROVINCE, 'S-3'), attendance: 100_000 }));

    expect(await importAs(HEALTH_PROVINCE, rows)).toEqual({ inserted: 0, skipped: 3, errors: [] });
    expect(await rowCount()).toBe(before + 3);
    // A repeated external id in one batch is written once.
    expect(await importAs(HEALTH_PROVINCE, [row('TWICE'), row('TWICE')])).toEqual({ inserted: 1, skipped: 1, errors: [] });
  });

  it('refuses each bad row with its line and column, writing the good rows of the same batch', async () => {
    const before = await rowCount();
    const rows = [
      row('B-1', { programCode: 'PREV-NO-SUCH' }),
      row('B-2', { programCode: '', programId: '00000000-0000-4000-8000-000000000000' }),
      row('B-3', { heldOn: addDays(today, 1) }),
      row('B-4', { programCode: ENDED_PROGRAM, heldOn: '2025-07-01' }),
      row('B-5', { heldOn: '1404/01/15' }),
      row('B-6', { regionCode: 'IR-10' }),
      row('B-7', { regionCode: 'IR-99-99' }),
      row('B-8', { programCode: KASHAN_PROGRAM, regionCode: 'IR-10-01' }),
      row('B-9', { attendance: '-1' }),
      row('B-10', { attendance: '100001' }),
      row('B-11', { attendance: 'many' }),
      row('B-12', { programId: programIds[PROVINCE_PROGRAM] }),
      row('B-13', { regionCode: '' }),
      row(''),
      row('GOOD', { programCode: ENDED_PROGRAM, heldOn: '2025-06-30', attendance: '12' }),
    ];
    const result = await importAs(HEALTH_PROVINCE, rows);
    expect(result.inserted).toBe(1);
    expect(result.skipped).toBe(0);
    expect(result.errors.map(({ line, argument }) => ({ line, argument }))).toEqual([
      { line: 2, argument: 'programCode' },
      { line: 3, argument: 'programId' },
      { line: 4, argument: 'heldOn' },
      { line: 5, argument: 'heldOn' },
      { line: 6, argument: 'heldOn' },
      { line: 7, argument: 'regionCode' },
      { line: 8, argument: 'regionCode' },
      { line: 9, argument: 'regionCode' },
      { line: 10, argument: 'attendance' },
      { line: 11, argument: 'attendance' },
      { line: 12, argument: 'attendance' },
      { line: 13, argument: 'programCode' },
      { line: 14, argument: 'regionCode' },
      { line: 15, argument: 'externalId' },
    ]);
    expect(result.errors[0].message).toBe('no such programme');
    expect(result.errors[3].message).toMatch(/within the programme’s dates/);
    expect(result.errors[7].message).toBe('must be a county inside the programme’s region');
    expect(await rowCount()).toBe(before + 1);
    expect(await sessionsOf(ENDED_PROGRAM)).toEqual([expect.objectContaining({ id: sessionIdOf(HEALTH_PROVINCE, 'GOOD'), attendance: 12 })]);
  });

  it('records sessions only for programmes the importing agency leads', async () => {
    const before = await rowCount();
    // A seeded programme led by another agency, and this test's programme imported by an agency that does not lead it.
    const seeded = row('O-1', { programCode: 'PREV-1404-SCHOOL-IR-10-12', heldOn: '2025-05-01' });
    const refusedAtSeeded = await importAs(HEALTH_PROVINCE, [seeded]);
    const refusedAtOthers = await importAs('HEALTH-IR-10-12', [row('O-2')]);
    for (const result of [refusedAtSeeded, refusedAtOthers]) {
      expect(result).toEqual({
        inserted: 0,
        skipped: 0,
        errors: [{ line: 2, argument: 'programCode', message: 'Only the programme’s lead agency records its sessions' }],
      });
    }
    expect(await rowCount()).toBe(before);
  });
});

describe('addiction sessions import: corrected exports', () => {
  it('corrects a session whose row differs (attendance, county) through the same checks, counted updated; an identical row is unchanged; the same external id from another source is another session', async () => {
    const id = sessionIdOf(HEALTH_PROVINCE, 'CORR-1');
    expect(await importAs(HEALTH_PROVINCE, [row('CORR-1')])).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await importAs(HEALTH_PROVINCE, [row('CORR-1')])).toEqual({ inserted: 0, skipped: 1, errors: [] });
    const count = await rowCount();
    expect(await importAs(HEALTH_PROVINCE, [row('CORR-1', { attendance: '41', regionCode: 'IR-10-01' })])).toEqual({
      inserted: 0,
      skipped: 0,
      updated: 1,
      errors: [],
    });
    expect(await rowCount()).toBe(count);
    expect((await sessionsOf(PROVINCE_PROGRAM)).find((session) => session.id === id)).toMatchObject({ attendance: 41, region: { id: regionId('IR-10-01') } });
    // A correction is checked like a new session: refused, and the session stays as it was.
    const refused = await importAs(HEALTH_PROVINCE, [row('CORR-1', { attendance: '-3' })]);
    expect(refused).toMatchObject({ inserted: 0, skipped: 0, errors: [{ line: 2, argument: 'attendance' }] });
    expect((await sessionsOf(PROVINCE_PROGRAM)).find((session) => session.id === id)).toMatchObject({ attendance: 41 });

    const fromAnotherSystem = await sessions.importRows([row('CORR-1', { attendance: '7' })], [2], { ...contextOf(HEALTH_PROVINCE), source: 'SIB-2' });
    expect(fromAnotherSystem).toEqual({ inserted: 1, skipped: 0, errors: [] });
    expect(await rowCount()).toBe(count + 1);
    const ids = (await sessionsOf(PROVINCE_PROGRAM)).map((session) => session.id);
    expect(ids).toContain(stableId('import:addiction:sessions', `${HEALTH_PROVINCE}@SIB-2:CORR-1`));
  });
});

describe('npm run import -- addiction', () => {
  const cli = resolve(__dirname, '../../../../cli/dist/commands/import.js');
  const run = (file: string, agency = HEALTH_PROVINCE, kind = 'sessions', ...options: string[]) =>
    spawnSync(process.execPath, [cli, 'addiction', file, '--agency', agency, '--kind', kind, ...options], {
      env: { ...harness.config.env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });

  it('imports treatment referrals: the national id only as its keyed pseudonym, never stored, in the reject file nor the output', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'addiction-referrals-'));
    const police = 'POLICE-IR-10-12';
    const subjects = [nationalId('049937089'), nationalId('128374650'), nationalId('300512877')];
    const invalid = `${subjects[2].slice(0, 9)}${(Number(subjects[2][9]) + 1) % 10}`;
    const file = join(folder, 'referrals.csv');
    writeFileSync(
      file,
      'externalId,subjectNationalId,referredOn,regionCode,toAgencyCode\n' +
        `R-1,${subjects[0]},${lastWeek},IR-10-12,HEALTH-IR-10-12\n` +
        `R-2,${inPersianDigits(subjects[1])},${lastWeek},IR-10-12,WELFARE-IR-10-12\n` +
        `R-3,${invalid},${lastWeek},IR-10-12,HEALTH-IR-10-12\n` +
        `R-4,${subjects[2]},${lastWeek},IR-10-12,EDUCATION-IR-10\n`,
    );
    const rejects = join(folder, 'rejects.csv');
    const first = run(file, police, 'referrals', '--rejects', rejects);
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('addiction referrals: read 4, inserted 2, updated 0, unchanged 0, refused 2');
    expect(first.stderr).toContain('line 4 (subjectNationalId): is not a valid national id');
    expect(first.stderr).toContain('line 5 (toAgencyCode): must be a health or welfare agency');
    const again = run(file, police, 'referrals');
    expect(again.stdout).toContain('inserted 0, updated 0, unchanged 2, refused 2');
    // Referred to another agency after all: corrected while still REFERRED.
    writeFileSync(file, readFileSync(file, 'utf8').replace('WELFARE-IR-10-12', 'HEALTH-IR-10-12'));
    expect(run(file, police, 'referrals').stdout).toContain('inserted 0, updated 1, unchanged 1, refused 2');

    const answer = await harness.runAs<{ treatmentReferrals: { edges: { node: { id: string; status: string; toAgency: { id: string } } }[] } }>(
      callerOf('HEALTH-IR-10-12'),
      'query { treatmentReferrals(first: 500) { edges { node { id status toAgency { id } } } } }',
    );
    expect(answer.errors).toBeUndefined();
    const ids = ['R-1', 'R-2'].map((externalId) => stableId('import:addiction:referrals', `${police}:${externalId}`));
    expect(answer.data!.treatmentReferrals.edges.map((edge) => edge.node).filter((node) => ids.includes(node.id))).toHaveLength(2);

    const rejected = readFileSync(rejects, 'utf8');
    expect(rejected.split('\n')[1]).toMatch(/^4,subjectNationalId: is not a valid national id,/);
    expect(rejected).toContain('(withheld)');
    // Every table of the store, every byte the command wrote: no national id, in either digit form.
    const stored: string[] = [];
    for (const table of new Set(harness.store.dataSource.entityMetadatas.map((metadata) => metadata.tableName))) {
      stored.push(JSON.stringify(await harness.store.dataSource.query(`SELECT * FROM ${table}`)));
    }
    const everything = [rejected, first.stdout, first.stderr, again.stdout, again.stderr, ...stored].join('\n');
    for (const id of [...subjects, invalid]) {
      expect(everything).not.toContain(id);
      expect(everything).not.toContain(inPersianDigits(id));
    }
  });

  it('imports prevention programmes as createPreventionProgram creates them, corrects a differing one, refuses a taken code', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'addiction-programs-'));
    const file = join(folder, 'programs.csv');
    const header = 'externalId,code,title,titleFa,kind,regionCode,startsOn,endsOn';
    writeFileSync(
      file,
      `${header}\nP-1,PREV-IMPORTED-1,Imported,برنامه وارد شده,COMMUNITY,IR-10-12,2025-03-21,2026-03-20\nP-2,${PROVINCE_PROGRAM},Taken,گرفته,COMMUNITY,IR-10,2025-03-21,2026-03-20\n`,
    );
    const first = run(file, HEALTH_PROVINCE, 'programs');
    expect(first.stdout).toContain('addiction programs: read 2, inserted 1, updated 0, unchanged 0, refused 1');
    expect(first.stderr).toContain(`line 3 (code): a programme with code ${PROVINCE_PROGRAM} already exists`);
    // A session counts as people reached; once its programme is an exhibition, as visits (the rollups check below).
    const session = await importAs(HEALTH_PROVINCE, [
      { externalId: 'P-1-S', programCode: 'PREV-IMPORTED-1', heldOn: '2025-05-01', regionCode: 'IR-10-12', attendance: '30' },
    ]);
    expect(session.inserted).toBe(1);
    writeFileSync(file, `${header}\nP-1,PREV-IMPORTED-1,Imported again,برنامه وارد شده,EXHIBITION,IR-10-12,2025-03-21,2026-03-20\n`);
    expect(run(file, HEALTH_PROVINCE, 'programs').stdout).toContain('read 1, inserted 0, updated 1, unchanged 0, refused 0');
    const answer = await harness.runAs<{ preventionProgram: { title: string; kind: string; leadAgency: { id: string } } }>(
      callerOf('EDUCATION-IR-10'),
      'query { preventionProgram(code: "PREV-IMPORTED-1") { title kind leadAgency { id } } }',
    );
    expect(answer.data!.preventionProgram).toEqual({ title: 'Imported again', kind: 'EXHIBITION', leadAgency: { id: agencyId(HEALTH_PROVINCE) } });
  });

  it('imports a CSV file (exit 0, again 0 with everything already there) and names refused rows (exit 1)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'addiction-import-'));
    const good = join(folder, 'sessions.csv');
    writeFileSync(good, `externalId,programCode,heldOn,regionCode,attendance\nCLI-1,${PROVINCE_PROGRAM},${lastWeek},IR-10-05,40\n`);
    const first = run(good);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('inserted 1, updated 0, unchanged 0, refused 0');
    expect(await sessionsOf(PROVINCE_PROGRAM)).toContainEqual(expect.objectContaining({ id: sessionIdOf(HEALTH_PROVINCE, 'CLI-1'), attendance: 40 }));
    const again = run(good);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('inserted 0, updated 0, unchanged 1, refused 0');

    const bad = join(folder, 'bad.csv');
    writeFileSync(
      bad,
      `externalId,programCode,heldOn,regionCode,attendance\nCLI-2,${PROVINCE_PROGRAM},${lastWeek},IR-10-05,40\nCLI-3,${PROVINCE_PROGRAM},${lastWeek},IR-10-05,-3\n`,
    );
    const refused = run(bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 3 (attendance): must be a whole number from 0 to 100000');
    expect(refused.stdout).toContain('inserted 1, updated 0, unchanged 0, refused 1');
  });
});

describe('addiction subgraph: statistics rollups after every write above', () => {
  it('match the raw records, key by key (what npm run rollups -- --check compares)', async () => {
    expect(await new MeasureStore(harness.store.dataSource).differences(addiction.measures!)).toEqual([]);
  });
});
