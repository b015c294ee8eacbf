import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionId, stableId } from '@safety-graph/shared';
import { startStack, type Stack } from '@safety-graph/test-helpers';

// Every sample legacy export under import-samples/, imported with its mapping
// through `npm run import` (the built CLI, as a child process) into a running
// stack's stores, then read back as a partner reads it: through the gateway.

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'cli', 'dist', 'commands', 'import.js');

interface Sample {
  subgraph: string;
  kind: string;
  agency: string;
  file?: string;
  options?: string[];
}

/** In dependency order: MOUs before their parties, targets and campaigns; programmes before sessions; cases before sessions. */
const SAMPLES: Sample[] = [
  { subgraph: 'agreements', kind: 'agreements', agency: 'POLICE-IR-10' },
  { subgraph: 'agreements', kind: 'parties', agency: 'POLICE-IR-10' },
  { subgraph: 'agreements', kind: 'targets', agency: 'POLICE-IR-10' },
  { subgraph: 'traffic', kind: 'crashes', agency: 'POLICE-IR-10-12' },
  { subgraph: 'traffic', kind: 'violations', agency: 'POLICE-IR-10-12' },
  { subgraph: 'traffic', kind: 'campaigns', agency: 'POLICE-IR-10', file: 'export.jsonl' },
  { subgraph: 'addiction', kind: 'programs', agency: 'HEALTH-IR-10' },
  { subgraph: 'addiction', kind: 'sessions', agency: 'HEALTH-IR-10', options: ['--delimiter', ';'] },
  { subgraph: 'addiction', kind: 'referrals', agency: 'POLICE-IR-10-12' },
  { subgraph: 'divorce', kind: 'cases', agency: 'POLICE-IR-10-12' },
  { subgraph: 'divorce', kind: 'sessions', agency: 'POLICE-IR-10-12' },
];

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('importsamples');
}, 180_000);
afterAll(() => stack?.stop());

function folderOf(sample: Sample): string {
  return join(ROOT, 'import-samples', sample.subgraph, sample.kind);
}

function runImport(sample: Sample) {
  const folder = folderOf(sample);
  const result = spawnSync(
    process.execPath,
    [
      CLI,
      sample.subgraph,
      join(folder, sample.file ?? 'export.csv'),
      '--kind',
      sample.kind,
      '--agency',
      sample.agency,
      '--mapping',
      join(folder, 'mapping.yaml'),
      ...(sample.options ?? []),
    ],
    {
      env: { ...stack.config.env, DATA_DIR: stack.config.dataDir, DATABASE_PREFIX: stack.config.databasePrefix, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Data rows of a sample export (CSV: after the header; JSON Lines: every line). */
function rowsIn(sample: Sample): number {
  const lines = readFileSync(join(folderOf(sample), sample.file ?? 'export.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  return (sample.file ?? 'export.csv').endsWith('.csv') ? lines.length - 1 : lines.length;
}

async function ask<TData>(query: string, variables: Record<string, unknown>, agency: string): Promise<TData> {
  const answer = await stack.query<TData>(query, variables, { agency });
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

const idOf = (namespace: string, agency: string, source: string, externalId: string) => stableId(namespace, `${agency}@${source}:${externalId}`);

describe('import-samples: every kind, its legacy export and mapping, round-tripped through the CLI and the gateway', () => {
  it('imports each sample with exit 0, every row inserted; again, every row unchanged', () => {
    expect(existsSync(CLI)).toBe(true); // built by `npx tsc -b`
    for (const sample of SAMPLES) {
      const rows = rowsIn(sample);
      const first = runImport(sample);
      expect({ sample: `${sample.subgraph}/${sample.kind}`, status: first.status, stderr: first.stderr }).toEqual({
        sample: `${sample.subgraph}/${sample.kind}`,
        status: 0,
        stderr: '',
      });
      expect(first.stdout).toContain(`read ${rows}, inserted ${rows}, updated 0, unchanged 0, refused 0`);
    }
    for (const sample of SAMPLES) {
      const again = runImport(sample);
      expect(again.status).toBe(0);
      expect(again.stdout).toContain(`read ${rowsIn(sample)}, inserted 0, updated 0, unchanged ${rowsIn(sample)}, refused 0`);
    }
  }, 600_000);

  it('reads the MOU back with its parties, targets and campaigns', async () => {
    const data = await ask<{ agreement: Record<string, unknown> }>(
      `query($code: String) { agreement(code: $code) { id title titleFa status domains startsOn endsOn signedOn leadAgency { code }
        parties { role status agency { code } } targets { metric region { code } from to baseline target }
        trafficCampaigns { title titleFa channel startsOn endsOn region { code } } } }`,
      { code: 'MOU-IR-10-12-SAFE-ROADS-1404' },
      'HEALTH-IR-10',
    );
    expect(data.agreement).toEqual({
      id: idOf('import:agreements:agreements', 'POLICE-IR-10', 'DABIRKHANEH', '۱۴۰۳-ت-۰۰۷'),
      title: 'Safer roads of Kashan',
      titleFa: 'راه‌های ایمن‌تر کاشان',
      status: 'DRAFT',
      domains: ['TRAFFIC', 'ADDICTION'],
      startsOn: '2025-03-21',
      endsOn: '2028-03-19',
      signedOn: '2025-03-10',
      leadAgency: { code: 'POLICE-IR-10' },
      parties: [
        { role: 'LEAD', status: 'ACCEPTED', agency: { code: 'POLICE-IR-10' } },
        { role: 'PARTNER', status: 'PENDING', agency: { code: 'ROADS-IR-10' } },
        { role: 'OBSERVER', status: 'PENDING', agency: { code: 'HEALTH-IR-10' } },
      ],
      targets: [
        { metric: 'TREATMENT_ADMISSIONS', region: { code: 'IR-10-12' }, from: '2025-03-21', to: '2026-03-20', baseline: 12, target: 20 },
        { metric: 'ROAD_DEATHS', region: { code: 'IR-10-12' }, from: '2025-03-21', to: '2026-03-20', baseline: 48, target: 36 },
      ],
      trafficCampaigns: [
        {
          title: 'Safe Nowruz Travel',
          titleFa: 'سفر ایمن نوروزی',
          channel: 'CHECKPOINTS',
          startsOn: '2025-03-21',
          endsOn: '2025-04-04',
          region: { code: 'IR-10' },
        },
        {
          title: 'A Helmet Saves a Life',
          titleFa: 'کلاه ایمنی، نجات جان',
          channel: 'SOCIAL_MEDIA',
          startsOn: '2025-05-22',
          endsOn: '2025-07-06',
          region: { code: 'IR-10-12' },
        },
      ],
    });
  });

  it('reads the crashes and violations back: Solar Hijri date and time in Iran, legacy codes mapped', async () => {
    // An imported crash's id is time-ordered (not derived from the export's id): found among the county's crashes of that day.
    type CrashNode = { occurredAt: string; severity: string; roadType: string; fatalities: number; region: { code: string }; persons: unknown[] };
    const { crashes } = await ask<{ crashes: { edges: { node: CrashNode }[] } }>(
      'query($regionId: ID, $period: PeriodInput) { crashes(regionId: $regionId, period: $period, first: 500) { edges { node { occurredAt severity roadType fatalities region { code } persons { role injury faultStatus ageBand } } } } }',
      { regionId: regionId('IR-10-12'), period: { from: '2024-08-02', to: '2024-08-02' } },
      'POLICE-IR-10-12',
    );
    // 1403/05/12 08:45 in Iran
    const found = crashes.edges.map((edge) => edge.node).filter((node) => new Date(node.occurredAt).toISOString() === '2024-08-02T05:15:00.000Z');
    expect(found).toHaveLength(1);
    const [crash] = found;
    expect(crash).toMatchObject({
      severity: 'FATAL',
      roadType: 'INTERURBAN',
      fatalities: 1,
      region: { code: 'IR-10-12' },
      persons: [
        { role: 'DRIVER', injury: 'K', faultStatus: 'AT_FAULT', ageBand: '25-34' },
        { role: 'PASSENGER', injury: 'B', faultStatus: 'NOT_AT_FAULT', ageBand: null },
      ],
    });
    const { violations } = await ask<{ violations: { edges: { node: { id: string; type: string; occurredAt: string } }[] } }>(
      'query($regionId: ID, $period: PeriodInput) { violations(regionId: $regionId, period: $period, first: 500) { edges { node { id type occurredAt } } } }',
      { regionId: regionId('IR-10-12'), period: { from: '2025-08-02', to: '2025-08-02' } },
      'POLICE-IR-10-12',
    );
    const ids = ['CAM-7-000101', 'CAM-7-000102'].map((externalId) => idOf('import:traffic:violations', 'POLICE-IR-10-12', 'CAMERA-NET', externalId));
    const imported = violations.edges.map((edge) => edge.node).filter((node) => ids.includes(node.id));
    expect(imported.map((node) => ({ type: node.type, at: new Date(node.occurredAt).toISOString() }))).toEqual([
      { type: 'SPEEDING', at: '2025-08-02T04:11:00.000Z' },
      { type: 'RED_LIGHT', at: '2025-08-02T18:35:30.000Z' },
    ]);
  });

  it('reads the prevention programmes, their sessions and the referrals back (referrals only for the agencies party to them)', async () => {
    const { preventionProgram } = await ask<{ preventionProgram: Record<string, unknown> }>(
      'query { preventionProgram(code: "PREV-SIB-1404-SCHOOL-IR-10-12") { title kind startsOn endsOn region { code } leadAgency { code } sessions { heldOn attendance region { code } } } }',
      {},
      'EDUCATION-IR-10',
    );
    expect(preventionProgram).toEqual({
      title: 'Drug-free schools of Kashan',
      kind: 'SCHOOL_EDUCATION',
      startsOn: '2025-03-21',
      endsOn: '2026-03-20',
      region: { code: 'IR-10-12' },
      leadAgency: { code: 'HEALTH-IR-10' },
      sessions: [
        { heldOn: '2025-04-30', attendance: 120, region: { code: 'IR-10-12' } },
        { heldOn: '2025-05-07', attendance: 95, region: { code: 'IR-10-12' } },
      ],
    });
    const referralIds = ['ار-۱۴۰۴-۰۱', 'ار-۱۴۰۴-۰۲'].map((externalId) => idOf('import:addiction:referrals', 'POLICE-IR-10-12', 'POLICE-FARAJA', externalId));
    const referrals = async (agency: string) =>
      (
        await ask<{ treatmentReferrals: { edges: { node: { id: string; referredOn: string; status: string; toAgency: { code: string } } }[] } }>(
          'query { treatmentReferrals(first: 500) { edges { node { id referredOn status toAgency { code } } } } }',
          {},
          agency,
        )
      ).treatmentReferrals.edges
        .map((edge) => edge.node)
        .filter((node) => referralIds.includes(node.id));
    expect(await referrals('POLICE-IR-10-12')).toEqual([
      { id: referralIds[0], referredOn: '2025-06-01', status: 'REFERRED', toAgency: { code: 'HEALTH-IR-10-12' } },
      { id: referralIds[1], referredOn: '2025-06-08', status: 'REFERRED', toAgency: { code: 'WELFARE-IR-10-12' } },
    ]);
    expect((await referrals('WELFARE-IR-10-12')).map((node) => node.id)).toEqual([referralIds[1]]);
    expect(await referrals('EDUCATION-IR-10')).toEqual([]);
  });

  it('reads the counselling cases and their sessions back, for the hosting agency only', async () => {
    const caseIds = ['م-۱۴۰۴-۰۱', 'م-۱۴۰۴-۰۲'].map((externalId) => idOf('import:divorce:cases', 'POLICE-IR-10-12', 'UNIT-REGISTER', externalId));
    type Case = { id: string; openedOn: string; topic: string; sessions: unknown[] };
    // Every page: the demo's cases come before and after the imported ones in id order.
    const cases = async (agency: string) => {
      const found: Case[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { counselingCases: { edges: { node: Case }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await ask(
          'query($after: String) { counselingCases(first: 500, after: $after) { edges { node { id openedOn topic sessions { heldOn mode free } } } pageInfo { hasNextPage endCursor } } }',
          { after },
          agency,
        );
        found.push(...page.counselingCases.edges.map((edge) => edge.node).filter((node) => caseIds.includes(node.id)));
        if (!page.counselingCases.pageInfo.hasNextPage) return found;
        after = page.counselingCases.pageInfo.endCursor;
      }
    };
    const found = await cases('POLICE-IR-10-12');
    expect(found.sort((first, second) => first.openedOn.localeCompare(second.openedOn))).toEqual([
      {
        id: caseIds[0],
        openedOn: '2025-04-21',
        topic: 'اختلاف زناشویی',
        sessions: [
          { heldOn: '2025-04-28', mode: 'IN_PERSON', free: true },
          { heldOn: '2025-05-12', mode: 'PHONE', free: false },
        ],
      },
      { id: caseIds[1], openedOn: '2025-05-05', topic: 'هزینه‌های زندگی', sessions: [{ heldOn: '2025-05-22', mode: 'ONLINE', free: true }] },
    ]);
    expect(await cases('WELFARE-IR-10-12')).toEqual([]);
  });
});
