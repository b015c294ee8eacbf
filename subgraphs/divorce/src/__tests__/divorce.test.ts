import { agencyId, countiesOf, referenceAgencies, regionId, solarYearRange, stableId, statCacheOf } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { divorce } from '../index';
import type { DivorceContext } from '../context';

let harness: SubgraphHarness<DivorceContext>;

beforeAll(async () => {
  harness = await subgraphHarness(divorce);
});
afterAll(() => harness?.close());

const unitIdOf = (hostAgencyCode: string) => stableId('counseling-unit', hostAgencyCode);
const KASHAN_POLICE = 'POLICE-IR-10-12';
const KASHAN_WELFARE = 'WELFARE-IR-10-12';
const year1404 = solarYearRange(1404);
const year1403 = solarYearRange(1403);

interface CaseNode {
  id: string;
  openedOn: string;
  status: string;
  topic: string;
  closedOn: string | null;
  outcome: string | null;
  unit: { id: string; hostAgency: { id: string } };
  sessions: { id: string; heldOn: string; mode: string; free: boolean }[];
}
interface CasePage {
  counselingCases: {
    totalCount: number;
    edges: { cursor: string; node: CaseNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const CASE_PAGE = `query($first: Int, $after: String) { counselingCases(first: $first, after: $after) {
  totalCount
  edges { cursor node { id openedOn status topic closedOn outcome unit { id hostAgency { id } } sessions { id heldOn mode free } } }
  pageInfo { hasNextPage endCursor } } }`;

async function allCasesOf(agencyCode: string): Promise<{ totalCount: number; cases: CaseNode[]; pages: number }> {
  const cases: CaseNode[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let pages = 0;
  for (; pages < 50;) {
    const result: { data?: CasePage | null; errors?: unknown } = await harness.runAs<CasePage>(callerOf(agencyCode), CASE_PAGE, { first: 300, after });
    expect(result.errors).toBeUndefined();
    const page = result.data!.counselingCases;
    pages += 1;
    totalCount = page.totalCount;
    cases.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { totalCount, cases, pages };
}

const ACTUALS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on FamilyTarget { id actual } } }`;

function familyTarget(metric: string, regionCode: string, period: { from: string; to: string }, id = `${metric}/${regionCode}`) {
  return { __typename: 'FamilyTarget', id, metric, regionId: regionId(regionCode), from: period.from, to: period.to };
}

async function actualsOf(representations: Record<string, unknown>[]): Promise<(number | null)[]> {
  const result = await harness.run<{ _entities: { id: string; actual: number | null }[] }>(ACTUALS, { r: representations });
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((entity) => entity.actual);
}

describe('divorce subgraph: counselling units and family programmes', () => {
  it('finds a unit by id with its host agency and county, and null for an unknown id', async () => {
    const result = await harness.run<{ known: unknown; unknown: unknown }>(
      `query($id: ID!) { known: counselingUnit(id: $id) { id name nameFa hostAgency { id } region { id } }
                         unknown: counselingUnit(id: "no-such-unit") { id } }`,
      { id: unitIdOf(KASHAN_POLICE) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.known).toEqual({
      id: unitIdOf(KASHAN_POLICE),
      name: 'Kashan Police Family Counselling Unit',
      nameFa: 'واحد مشاوره خانواده فرماندهی انتظامی شهرستان کاشان',
      hostAgency: { id: agencyId(KASHAN_POLICE) },
      region: { id: regionId('IR-10-12') },
    });
    expect(result.data?.unknown).toBeNull();
  });

  it('lists a unit in each county police station and six welfare units; a province includes its counties', async () => {
    const list = async (regionCode?: string) => {
      const result = await harness.run<{ counselingUnits: { id: string; hostAgency: { id: string }; region: { id: string } }[] }>(
        `query($regionId: ID) { counselingUnits(regionId: $regionId) { id hostAgency { id } region { id } } }`,
        { regionId: regionCode ? regionId(regionCode) : null },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.counselingUnits;
    };
    const all = await list();
    expect(all).toHaveLength(34);
    const hostIds = new Set(all.map((unit) => unit.hostAgency.id));
    for (const county of countiesOf('IR-10')) expect(hostIds.has(agencyId(`POLICE-${county.code}`))).toBe(true);
    for (const code of ['IR-10-01', 'IR-10-12', 'IR-10-13', 'IR-10-19', 'IR-10-22', 'IR-10-16']) {
      expect(hostIds.has(agencyId(`WELFARE-${code}`))).toBe(true);
    }
    expect((await list('IR-10')).map((unit) => unit.id).sort()).toEqual(all.map((unit) => unit.id).sort());
    expect((await list('IR')).length).toBe(34);
    expect(await list('IR-07')).toEqual([]);
    const kashan = await list('IR-10-12');
    expect(kashan.map((unit) => unit.id).sort()).toEqual([unitIdOf(KASHAN_POLICE), unitIdOf(KASHAN_WELFARE)].sort());
    expect(kashan.every((unit) => unit.region.id === regionId('IR-10-12'))).toBe(true);
    expect(await list('IR-10-15')).toEqual([
      { id: unitIdOf('POLICE-IR-10-15'), hostAgency: { id: agencyId('POLICE-IR-10-15') }, region: { id: regionId('IR-10-15') } },
    ]);
    expect(await list('no-such-region')).toEqual([]);
  });

  it('lists a dozen family programmes led by welfare, religious affairs, health and education, filtered by region', async () => {
    const kindOfAgency = new Map(referenceAgencies().map((agency) => [agency.id, agency.kind]));
    const list = async (regionCode?: string) => {
      const result = await harness.run<{
        familyPrograms: {
          id: string;
          title: string;
          titleFa: string;
          kind: string;
          region: { id: string };
          leadAgency: { id: string };
          startsOn: string;
          endsOn: string;
          participants: number;
        }[];
      }>(
        `query($regionId: ID) { familyPrograms(regionId: $regionId) { id title titleFa kind region { id } leadAgency { id } startsOn endsOn participants } }`,
        { regionId: regionCode ? regionId(regionCode) : null },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.familyPrograms;
    };
    const all = await list();
    expect(all).toHaveLength(12);
    expect(new Set(all.map((program) => program.kind))).toEqual(new Set(['PREMARITAL_EDUCATION', 'PARENTING', 'COUPLES_WORKSHOP', 'FAMILY_LIFE_SKILLS']));
    expect(new Set(all.map((program) => kindOfAgency.get(program.leadAgency.id)))).toEqual(new Set(['WELFARE', 'RELIGIOUS_AFFAIRS', 'HEALTH', 'EDUCATION']));
    for (const program of all) {
      expect(program.startsOn <= program.endsOn).toBe(true);
      expect(program.startsOn >= year1403.from && program.endsOn <= year1404.to).toBe(true);
      expect(program.participants).toBeGreaterThan(0);
    }
    expect(await list('IR-10')).toHaveLength(12);
    const kashan = await list('IR-10-12');
    expect(kashan.length).toBeGreaterThan(0);
    expect(kashan.every((program) => program.region.id === regionId('IR-10-12'))).toBe(true);
    expect((await list('IR-10-15')).length).toBe(0);
  });
});

describe('divorce subgraph: counselling cases are visible only to the agency hosting the unit', () => {
  it('shows the Kashan police station its own unit’s cases, paged to the end, and nothing else', async () => {
    const { totalCount, cases, pages } = await allCasesOf(KASHAN_POLICE);
    expect(totalCount).toBeGreaterThan(300);
    expect(pages).toBeGreaterThan(1);
    expect(cases).toHaveLength(totalCount);
    const ids = cases.map((node) => node.id);
    expect(new Set(ids).size).toBe(totalCount);
    expect([...ids].sort()).toEqual(ids);
    for (const node of cases) {
      expect(node.unit).toEqual({ id: unitIdOf(KASHAN_POLICE), hostAgency: { id: agencyId(KASHAN_POLICE) } });
      expect(['OPEN', 'CLOSED']).toContain(node.status);
      expect(node.sessions.length).toBeGreaterThan(0);
      expect(node.sessions.length).toBeLessThanOrEqual(8);
      expect(node.sessions[0].heldOn).toBe(node.openedOn);
      for (const session of node.sessions) {
        expect(session.heldOn >= node.openedOn && session.heldOn <= year1404.to).toBe(true);
        if (node.closedOn) expect(session.heldOn <= node.closedOn).toBe(true);
      }
      if (node.status === 'CLOSED') expect(node.outcome).not.toBeNull();
      else expect([node.closedOn, node.outcome]).toEqual([null, null]);
      if (node.status === 'CLOSED' || node.openedOn < year1404.from) expect(node.sessions.length).toBeGreaterThanOrEqual(3);
    }
    const closed = cases.filter((node) => node.status === 'CLOSED');
    const reconciled = closed.filter((node) => node.outcome === 'RECONCILED');
    expect(reconciled.length / closed.length).toBeGreaterThan(0.3);
    expect(reconciled.length / closed.length).toBeLessThan(0.4);
    const sessions = cases.flatMap((node) => node.sessions);
    const free = sessions.filter((session) => session.free).length;
    expect(free / sessions.length).toBeGreaterThan(0.85);
    expect(free).toBeLessThan(sessions.length);
  });

  it('filters the caller’s cases by status, open and closed adding up to all', async () => {
    const query = `query($status: CaseStatus) { counselingCases(status: $status, first: 500) { totalCount edges { node { status } } } }`;
    const totals: Record<string, number> = {};
    for (const status of ['OPEN', 'CLOSED', null]) {
      const result = await harness.runAs<{ counselingCases: { totalCount: number; edges: { node: { status: string } }[] } }>(callerOf(KASHAN_POLICE), query, {
        status,
      });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.counselingCases;
      if (status) expect(connection.edges.every((edge) => edge.node.status === status)).toBe(true);
      totals[String(status)] = connection.totalCount;
    }
    expect(totals.OPEN).toBeGreaterThan(0);
    expect(totals.CLOSED).toBeGreaterThan(totals.OPEN);
    expect(totals.OPEN + totals.CLOSED).toBe(totals.null);
  });

  it('shows the Kashan welfare office only its own cases, all sessions paid', async () => {
    const { totalCount, cases } = await allCasesOf(KASHAN_WELFARE);
    expect(totalCount).toBeGreaterThan(0);
    expect(cases.every((node) => node.unit.id === unitIdOf(KASHAN_WELFARE))).toBe(true);
    expect(cases.flatMap((node) => node.sessions).every((session) => !session.free)).toBe(true);
  });

  it('shows the province police command, which hosts no unit, and a request with no caller nothing', async () => {
    const province = await harness.runAs<CasePage>(callerOf('POLICE-IR-10'), CASE_PAGE, { first: 10 });
    expect(province.errors).toBeUndefined();
    expect(province.data?.counselingCases).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const anonymous = await harness.run<CasePage>(CASE_PAGE, { first: 10 });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.counselingCases).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('rejects a negative first and a forged cursor', async () => {
    const negative = await harness.runAs(callerOf(KASHAN_POLICE), `{ counselingCases(first: -1) { totalCount } }`);
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    const forged = await harness.runAs(callerOf(KASHAN_POLICE), `{ counselingCases(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('resolves a CounselingCase reference only for the hosting agency, null for any other caller or none', async () => {
    const firstCaseOf = async (agencyCode: string) =>
      (await harness.runAs<CasePage>(callerOf(agencyCode), CASE_PAGE, { first: 1 })).data!.counselingCases.edges[0].node;
    const policeCase = await firstCaseOf(KASHAN_POLICE);
    const welfareCase = await firstCaseOf(KASHAN_WELFARE);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CounselingCase { id status unit { id } sessions { heldOn free } } } }`;
    const representations = [
      { __typename: 'CounselingCase', id: policeCase.id },
      { __typename: 'CounselingCase', id: welfareCase.id },
      { __typename: 'CounselingCase', id: 'no-such-case' },
    ];
    const asPolice = await harness.runAs<{ _entities: unknown[] }>(callerOf(KASHAN_POLICE), query, { r: representations });
    expect(asPolice.errors).toBeUndefined();
    expect(asPolice.data?._entities).toEqual([
      {
        id: policeCase.id,
        status: policeCase.status,
        unit: { id: unitIdOf(KASHAN_POLICE) },
        sessions: policeCase.sessions.map(({ heldOn, free }) => ({ heldOn, free })),
      },
      null,
      null,
    ]);
    const asProvince = await harness.runAs<{ _entities: unknown[] }>(callerOf('POLICE-IR-10'), query, { r: representations });
    expect(asProvince.data?._entities).toEqual([null, null, null]);
    const anonymous = await harness.run<{ _entities: unknown[] }>(query, { r: representations });
    expect(anonymous.data?._entities).toEqual([null, null, null]);
  });

  it('never exposes the subject pseudonym or any national id in the schema: only one input takes a national id', async () => {
    const result = await harness.run<{
      __schema: { types: { kind: string; name: string; fields: { name: string }[] | null; inputFields: { name: string }[] | null }[] };
    }>(`{ __schema { types { kind name fields { name } inputFields { name } } } }`);
    expect(result.errors).toBeUndefined();
    const personal = /pseudonym|national|subject/i;
    const outputFields = result.data!.__schema.types.flatMap((type) => (type.fields ?? []).map((field) => `${type.name}.${field.name}`));
    const inputFields = result.data!.__schema.types.flatMap((type) => (type.inputFields ?? []).map((field) => `${type.name}.${field.name}`));
    expect(outputFields).toContain('CounselingCase.topic');
    expect(outputFields.filter((name) => personal.test(name))).toEqual([]);
    expect(inputFields.filter((name) => personal.test(name))).toEqual(['OpenCounselingCaseInput.subjectNationalId']);
    const introspection = await harness.run<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "CounselingCase") { fields { name } } }`);
    expect(introspection.data?.__type.fields.map((field) => field.name).sort()).toEqual([
      'closedOn',
      'id',
      'openedOn',
      'outcome',
      'sessions',
      'status',
      'topic',
      'unit',
    ]);
  });
});

describe('divorce subgraph: entity references', () => {
  it('resolves CounselingUnit, FamilyProgram and Agency references, null for unknown ids', async () => {
    const programs = await harness.run<{ familyPrograms: { id: string; title: string }[] }>(
      `{ familyPrograms(regionId: "${regionId('IR-10-12')}") { id title } }`,
    );
    const program = programs.data!.familyPrograms[0];
    const result = await harness.run<{ _entities: unknown[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on CounselingUnit { id name hostAgency { id } }
         ... on FamilyProgram { id title }
         ... on Agency { id counselingUnits { id } } } }`,
      {
        r: [
          { __typename: 'CounselingUnit', id: unitIdOf('WELFARE-IR-10-01') },
          { __typename: 'CounselingUnit', id: 'no-such-unit' },
          { __typename: 'FamilyProgram', id: program.id },
          { __typename: 'FamilyProgram', id: 'no-such-program' },
          { __typename: 'Agency', id: agencyId(KASHAN_POLICE) },
          { __typename: 'Agency', id: agencyId('POLICE-IR-10') },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: unitIdOf('WELFARE-IR-10-01'), name: 'Isfahan Welfare Family Counselling Centre', hostAgency: { id: agencyId('WELFARE-IR-10-01') } },
      null,
      { id: program.id, title: program.title },
      null,
      { id: agencyId(KASHAN_POLICE), counselingUnits: [{ id: unitIdOf(KASHAN_POLICE) }] },
      { id: agencyId('POLICE-IR-10'), counselingUnits: [] },
    ]);
  });
});

describe('divorce subgraph: family target actuals', () => {
  it('reproduces the plan’s 36,000 free counselling sessions in the police stations’ units of IR-10 in 1404', async () => {
    const [free1404, free1403] = await actualsOf([
      familyTarget('FREE_COUNSELING_SESSIONS', 'IR-10', year1404),
      familyTarget('FREE_COUNSELING_SESSIONS', 'IR-10', year1403, 'free-1403'),
    ]);
    expect(Math.abs(free1404! - 36_000)).toBeLessThanOrEqual(36_000 * 0.05);
    expect(free1404).toBe(36_000);
    expect(free1403).toBe(33_000);
  });

  it('counts all sessions, free ones and reconciliations, a province being the sum of its counties', async () => {
    const counties = countiesOf('IR-10');
    for (const metric of ['COUNSELING_SESSIONS', 'FREE_COUNSELING_SESSIONS', 'RECONCILIATIONS']) {
      const [province, ...byCounty] = await actualsOf([
        familyTarget(metric, 'IR-10', year1404),
        ...counties.map((county) => familyTarget(metric, county.code, year1404)),
      ]);
      expect(province).toBeGreaterThan(0);
      if (metric === 'RECONCILIATIONS') {
        // Couples are individuals: county cells from 1 to 9 are hidden, with a complementary county,
        // so the province cannot be differenced into them; published cells are 0 or at least 10.
        expect(byCounty.filter((value) => value === null).length).not.toBe(1);
        for (const value of byCounty) if (value !== null) expect(value === 0 || value >= 10).toBe(true);
        if (byCounty.includes(null)) continue;
      }
      expect(byCounty.reduce((sum, value) => sum! + value!, 0)).toBe(province);
    }
    const [all, free, reconciliations, kashanFree, oneDay] = await actualsOf([
      familyTarget('COUNSELING_SESSIONS', 'IR-10', year1404),
      familyTarget('FREE_COUNSELING_SESSIONS', 'IR-10', year1404),
      familyTarget('RECONCILIATIONS', 'IR-10', year1404),
      familyTarget('FREE_COUNSELING_SESSIONS', 'IR-10-12', year1404),
      familyTarget('COUNSELING_SESSIONS', 'IR-10', { from: '2025-06-01', to: '2025-06-01' }),
    ]);
    // Police units are mostly free with some paid sessions; welfare units are paid only.
    expect(all! - free!).toBeGreaterThan(0.05 * all!);
    expect(all! - free!).toBeLessThan(0.25 * all!);
    expect(reconciliations).toBeGreaterThan(1_500);
    expect(reconciliations).toBeLessThan(3_500);
    expect(kashanFree).toBeGreaterThan(2_000);
    expect(kashanFree).toBeLessThan(3_000);
    expect(oneDay).toBeGreaterThan(0);
    expect(oneDay).toBeLessThan(all! / 100);
  });

  it('gives null for a metric it does not compute and zero where there is nothing to count', async () => {
    expect(
      await actualsOf([
        familyTarget('ROAD_DEATHS', 'IR-10', year1404),
        familyTarget('NO_SUCH_METRIC', 'IR-10', year1404),
        familyTarget('COUNSELING_SESSIONS', 'IR-10', { from: '2020-01-01', to: '2020-12-31' }),
        { ...familyTarget('COUNSELING_SESSIONS', 'IR-10', year1404, 'unknown-region'), regionId: 'no-such-region' },
        familyTarget('COUNSELING_SESSIONS', 'IR-10', { from: year1404.to, to: year1404.from }, 'backwards'),
        { ...familyTarget('COUNSELING_SESSIONS', 'IR-10', year1404, 'no-region'), regionId: undefined },
      ]),
    ).toEqual([null, null, 0, 0, null, null]);
  });
});

describe('divorce subgraph: batching', () => {
  const count = async (run: () => Promise<{ errors?: unknown }>) => {
    harness.store.statements.reset();
    const result = await run();
    expect(result.errors).toBeUndefined();
    return harness.store.statements.reset();
  };

  it('answers target actuals for 3 or 28 counties, over three metrics, with the same number of statements', async () => {
    const representationsFor = (size: number) =>
      countiesOf('IR-10')
        .slice(0, size)
        .flatMap((county) =>
          ['COUNSELING_SESSIONS', 'FREE_COUNSELING_SESSIONS', 'RECONCILIATIONS'].map((metric) =>
            familyTarget(metric, county.code, year1404, `${metric}/${county.code}`),
          ),
        );
    const cold = (size: number) => {
      statCacheOf(harness.store.dataSource).clear();
      return count(() => harness.run(ACTUALS, { r: representationsFor(size) }));
    };
    const few = await cold(3);
    // The versions, both session actuals in one grouped query over the rollup, reconciliations from the one suppression table they need.
    expect(few).toBe(3);
    expect(await cold(28)).toBe(few);
    // Asked again: the versions, and every actual from the cache.
    expect(await count(() => harness.run(ACTUALS, { r: representationsFor(28) }))).toBe(1);
  });

  it('answers 3 or 34 unit references, with their hosts’ units, with the same number of statements', async () => {
    const units = (await harness.run<{ counselingUnits: { id: string; hostAgency: { id: string } }[] }>(`{ counselingUnits { id hostAgency { id } } }`)).data!
      .counselingUnits;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on CounselingUnit { id name region { id } }
      ... on Agency { counselingUnits { id name } } } }`;
    const representationsFor = (size: number) =>
      units.slice(0, size).flatMap((unit) => [
        { __typename: 'CounselingUnit', id: unit.id },
        { __typename: 'Agency', id: unit.hostAgency.id },
      ]);
    const few = await count(() => harness.run(query, { r: representationsFor(3) }));
    expect(few).toBeGreaterThan(0);
    expect(await count(() => harness.run(query, { r: representationsFor(units.length) }))).toBe(few);
  });

  it('answers 3 or 200 case references, with units and sessions, with the same number of statements', async () => {
    const { cases } = await allCasesOf(KASHAN_POLICE);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CounselingCase { id unit { name } sessions { heldOn } } } }`;
    const representationsFor = (size: number) => cases.slice(0, size).map((node) => ({ __typename: 'CounselingCase', id: node.id }));
    const few = await count(() => harness.runAs(callerOf(KASHAN_POLICE), query, { r: representationsFor(3) }));
    expect(few).toBe(3);
    expect(await count(() => harness.runAs(callerOf(KASHAN_POLICE), query, { r: representationsFor(200) }))).toBe(few);
  });
});

describe('divorce subgraph: store', () => {
  it('seeds idempotently: a second run adds nothing', async () => {
    const snapshot = async () => {
      const units = await harness.run<{ counselingUnits: unknown[]; familyPrograms: unknown[] }>(`{ counselingUnits { id } familyPrograms { id } }`);
      const cases = await harness.runAs<CasePage>(callerOf(KASHAN_POLICE), `{ counselingCases(first: 0) { totalCount } }`);
      const [sessions] = await actualsOf([familyTarget('COUNSELING_SESSIONS', 'IR-10', { from: year1403.from, to: year1404.to })]);
      return [units.data?.counselingUnits.length, units.data?.familyPrograms.length, cases.data?.counselingCases.totalCount, sessions];
    };
    const before = await snapshot();
    expect(await divorce.isEmpty(harness.store)).toBe(false);
    await divorce.seed(harness.store, { scale: 1 });
    expect(await snapshot()).toEqual(before);
  });

  it('has migrations that match its entities exactly', async () => {
    const pending = await harness.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
