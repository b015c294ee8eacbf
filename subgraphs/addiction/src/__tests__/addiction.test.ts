import { buildClientSchema, getIntrospectionQuery, Kind, parse, print, printSchema, type IntrospectionQuery } from 'graphql';
import { agencyId, countiesOf, encodeCursor, regionId, solarYearRange, stableId, statCacheOf } from '@safety-graph/shared';
// The harness module itself, not the helpers' index: the index also loads the whole stack (every
// subgraph), so this file would fail whenever another subgraph is mid-change.
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { addiction } from '../index';
import type { AddictionContext } from '../context';
import { ProgramSession, TreatmentReferral } from '../entities';

let harness: SubgraphHarness<AddictionContext>;

beforeAll(async () => {
  harness = await subgraphHarness(addiction);
});
afterAll(() => harness?.close());

const year1404 = solarYearRange(1404);
const year1403 = solarYearRange(1403);
const agreementId = (code: string) => stableId('agreement', code);

interface ProgramNode {
  id: string;
  code: string;
  kind: string;
  region: { id: string };
}
interface ProgramPage {
  preventionPrograms: {
    totalCount: number;
    edges: { node: ProgramNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface ReferralNode {
  id: string;
  referredOn: string;
  admittedOn: string | null;
  status: string;
  region: { id: string };
  fromAgency: { id: string };
  toAgency: { id: string };
}
interface ReferralPage {
  treatmentReferrals: {
    totalCount: number;
    edges: { cursor: string; node: ReferralNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const PROGRAMS_PAGE = `query($regionId: ID, $kind: ProgramKind, $first: Int, $after: String) {
  preventionPrograms(regionId: $regionId, kind: $kind, first: $first, after: $after) {
    totalCount edges { node { id code kind region { id } } } pageInfo { hasNextPage endCursor } } }`;

const REFERRALS_PAGE = `query($first: Int, $after: String) {
  treatmentReferrals(first: $first, after: $after) {
    totalCount
    edges { cursor node { id referredOn admittedOn status region { id } fromAgency { id } toAgency { id } } }
    pageInfo { hasNextPage endCursor } } }`;

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on PreventionProgram { id code kind }
  ... on TreatmentReferral { id status fromAgency { id } toAgency { id } }
  ... on Agreement { id preventionPrograms { code kind } }
  ... on PreventionTarget { id actual } } }`;

type Entity = Record<string, unknown> | null;

async function entities(representations: object[], caller?: string): Promise<Entity[]> {
  const result = caller
    ? await harness.runAs<{ _entities: Entity[] }>(callerOf(caller), ENTITIES, { representations })
    : await harness.run<{ _entities: Entity[] }>(ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

const target = (metric: string, region: string, period: { from: string; to: string }) => ({
  __typename: 'PreventionTarget',
  id: `target-${metric}-${region}-${period.from}`,
  metric,
  regionId: regionId(region),
  from: period.from,
  to: period.to,
});

async function actuals(representations: object[]): Promise<(number | null)[]> {
  return (await entities(representations)).map((entity) => entity!.actual as number | null);
}

/** Every referral the caller's agency can list, paging to the end. */
async function allReferralsOf(agencyCode: string): Promise<{ totalCount: number; nodes: ReferralNode[]; cursors: string[] }> {
  const nodes: ReferralNode[] = [];
  const cursors: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let pages = 0; pages < 100; pages += 1) {
    const result: { data?: ReferralPage | null; errors?: unknown } = await harness.runAs<ReferralPage>(callerOf(agencyCode), REFERRALS_PAGE, {
      first: 200,
      after,
    });
    expect(result.errors).toBeUndefined();
    const page = result.data!.treatmentReferrals;
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((edge) => edge.node));
    cursors.push(...page.edges.map((edge) => edge.cursor));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { totalCount, nodes, cursors };
}

const allReferralCount = () => harness.store.dataSource.getRepository(TreatmentReferral).count();

describe('addiction subgraph: prevention programmes', () => {
  it('finds a programme by code and by id, with its MOU, lead agency and region as references', async () => {
    const byCode = await harness.run<{ preventionProgram: Record<string, unknown> }>(
      `{ preventionProgram(code: "PREV-1404-SCHOOL-IR-10-12") {
         id code title titleFa kind startsOn endsOn agreement { id } leadAgency { id } region { id } } }`,
    );
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data?.preventionProgram).toMatchObject({
      code: 'PREV-1404-SCHOOL-IR-10-12',
      kind: 'SCHOOL_EDUCATION',
      startsOn: year1404.from,
      endsOn: year1404.to,
      agreement: { id: agreementId('MOU-IR-10-SCHOOLS-1404') },
      leadAgency: { id: agencyId('EDUCATION-IR-10') },
      region: { id: regionId('IR-10-12') },
    });
    expect(byCode.data?.preventionProgram.titleFa).toMatch(/کاشان/);

    const id = byCode.data!.preventionProgram.id as string;
    const byId = await harness.run<{ preventionProgram: { code: string } }>(`query($id: ID) { preventionProgram(id: $id) { code } }`, { id });
    expect(byId.data?.preventionProgram.code).toBe('PREV-1404-SCHOOL-IR-10-12');

    const unknown = await harness.run<{ preventionProgram: unknown }>(`{ preventionProgram(code: "PREV-NONE") { code } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.preventionProgram).toBeNull();
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: [string, string][] = [
      ['{ preventionProgram { code } }', 'id|code'],
      ['{ preventionProgram(id: "x", code: "y") { code } }', 'id|code'],
      ['{ preventionPrograms(first: -1) { totalCount } }', 'first'],
      ['{ preventionPrograms(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
      [`{ preventionProgram(code: "PREV-1404-EXHIBITION-IR-10") { sessions(period: { from: "2025-06-01", to: "2025-05-01" }) { id } } }`, 'period.from'],
      [`{ preventionProgram(code: "PREV-1404-EXHIBITION-IR-10") { sessions(period: { from: "2025-06-01", solarYear: 1404 }) { id } } }`, 'period'],
      [`{ preventionProgram(code: "PREV-1404-EXHIBITION-IR-10") { sessions(period: { solarYear: 99 }) { id } } }`, 'period.solarYear'],
    ];
    for (const [query, argumentName] of cases) {
      const result = await harness.run(query);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    }
    // A well-formed cursor of another connection (a programme code) is no referral cursor.
    const foreign = await harness.runAs(callerOf('POLICE-IR-10-12'), `query($after: String) { treatmentReferrals(after: $after) { totalCount } }`, {
      after: encodeCursor('PREV-1404-SCHOOL-IR-10-12'),
    });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect(foreign.errors?.[0].message).not.toMatch(/select|where|referral_/i);
  });

  it('filters programmes by region (a province includes its counties) and by kind', async () => {
    const count = async (variables: Record<string, unknown>) => {
      const result = await harness.run<ProgramPage>(PROGRAMS_PAGE, { first: 500, ...variables });
      expect(result.errors).toBeUndefined();
      return result.data!.preventionPrograms;
    };
    const all = await count({});
    // Per year: 28 county school programmes, 4 province-wide education programmes, 1 exhibition.
    expect(all.totalCount).toBe(66);
    expect(all.edges).toHaveLength(66);
    expect(new Set(all.edges.map((edge) => edge.node.kind))).toEqual(
      new Set(['SCHOOL_EDUCATION', 'PUBLIC_EDUCATION', 'EXHIBITION', 'MEDIA_CAMPAIGN', 'COMMUNITY']),
    );
    expect((await count({ regionId: regionId('IR-10') })).totalCount).toBe(66);
    expect((await count({ regionId: regionId('IR') })).totalCount).toBe(66);
    expect((await count({ regionId: regionId('IR-07') })).totalCount).toBe(0);

    const kashan = await count({ regionId: regionId('IR-10-12') });
    expect(kashan.edges.map((edge) => edge.node.code)).toEqual(['PREV-1403-SCHOOL-IR-10-12', 'PREV-1404-SCHOOL-IR-10-12']);
    expect(kashan.totalCount).toBe(2);

    const exhibitions = await count({ kind: 'EXHIBITION' });
    expect(exhibitions.edges.map((edge) => edge.node.code)).toEqual(['PREV-1403-EXHIBITION-IR-10', 'PREV-1404-EXHIBITION-IR-10']);
    expect((await count({ kind: 'SCHOOL_EDUCATION', regionId: regionId('IR-10') })).totalCount).toBe(56);
    expect((await count({ kind: 'EXHIBITION', regionId: regionId('IR-10-12') })).totalCount).toBe(0);
    expect((await count({ regionId: 'no-such-region' })).totalCount).toBe(0);
  });

  it('pages programmes with a cursor until the end, in code order, counting them all', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 20; pages += 1) {
      const result: { data?: ProgramPage | null } = await harness.run<ProgramPage>(PROGRAMS_PAGE, { first: 7, after, kind: null });
      const page = result.data!.preventionPrograms;
      total = page.totalCount;
      expect(page.edges.length).toBeLessThanOrEqual(7);
      seen.push(...page.edges.map((edge) => edge.node.code));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);

    const filteredPage = await harness.run<ProgramPage>(PROGRAMS_PAGE, { first: 1, kind: 'EXHIBITION' });
    const second = await harness.run<ProgramPage>(PROGRAMS_PAGE, {
      first: 1,
      kind: 'EXHIBITION',
      after: filteredPage.data!.preventionPrograms.pageInfo.endCursor,
    });
    expect(filteredPage.data!.preventionPrograms.pageInfo.hasNextPage).toBe(true);
    expect(second.data!.preventionPrograms.edges.map((edge) => edge.node.code)).toEqual(['PREV-1404-EXHIBITION-IR-10']);
    expect(second.data!.preventionPrograms.pageInfo.hasNextPage).toBe(false);
  });

  it('lists a programme’s sessions oldest first, within a period when one is given', async () => {
    const result = await harness.run<{
      preventionProgram: {
        all: { id: string; heldOn: string; attendance: number; region: { id: string }; recordedBy: { id: string } }[];
        year: { heldOn: string; attendance: number }[];
        before: { id: string }[];
        spring: { heldOn: string }[];
      };
    }>(`{ preventionProgram(code: "PREV-1404-EXHIBITION-IR-10") {
          all: sessions { id heldOn attendance region { id } recordedBy { id } }
          year: sessions(period: { solarYear: 1404 }) { heldOn attendance }
          before: sessions(period: { solarYear: 1403 }) { id }
          spring: sessions(period: { from: "2025-04-01", to: "2025-04-30" }) { heldOn } } }`);
    expect(result.errors).toBeUndefined();
    const program = result.data!.preventionProgram;
    const countyIds = new Set(countiesOf('IR-10').map((county) => county.id));
    expect(program.all.length).toBeGreaterThan(450);
    expect(program.all.length).toBeLessThan(550);
    expect(program.all.map((session) => session.heldOn)).toEqual(program.all.map((session) => session.heldOn).sort());
    for (const session of program.all) {
      expect(session.attendance).toBeGreaterThanOrEqual(100);
      expect(session.attendance).toBeLessThanOrEqual(400);
      expect(countyIds.has(session.region.id)).toBe(true);
      expect(session.recordedBy.id).toBe(agencyId('NARCOTICS-POLICE-IR-10'));
    }
    expect(program.year.reduce((sum, session) => sum + session.attendance, 0)).toBe(120_000);
    expect(program.before).toEqual([]);
    expect(program.spring.length).toBeGreaterThan(0);
    for (const session of program.spring) expect(session.heldOn >= '2025-04-01' && session.heldOn <= '2025-04-30').toBe(true);
  });

  it('keeps education sessions between 10 and 80 people, about 3,000 of them a year', async () => {
    const sessions = harness.store.dataSource.getRepository(ProgramSession);
    const { count, least, most } = (await sessions
      .createQueryBuilder('session')
      .innerJoin('prevention_program', 'program', 'program.id = session.program_id')
      .where("program.kind <> 'EXHIBITION'")
      .andWhere('session.held_on BETWEEN :from AND :to', year1404)
      .select('COUNT(*)', 'count')
      .addSelect('MIN(session.attendance)', 'least')
      .addSelect('MAX(session.attendance)', 'most')
      .getRawOne())!;
    expect(Number(count)).toBeGreaterThan(2_700);
    expect(Number(count)).toBeLessThan(3_300);
    expect(Number(least)).toBeGreaterThanOrEqual(10);
    expect(Number(most)).toBeLessThanOrEqual(80);
  });

  it('resolves PreventionProgram and Agreement references through _entities, null for unknown programmes', async () => {
    const exhibition = stableId('prevention-program', 'PREV-1404-EXHIBITION-IR-10');
    const [program, unknown, addictionMou, schoolsMou, trafficMou] = await entities([
      { __typename: 'PreventionProgram', id: exhibition },
      { __typename: 'PreventionProgram', id: 'no-such-program' },
      { __typename: 'Agreement', id: agreementId('MOU-IR-10-ADDICTION-1403') },
      { __typename: 'Agreement', id: agreementId('MOU-IR-10-SCHOOLS-1404') },
      { __typename: 'Agreement', id: agreementId('MOU-IR-10-TRAFFIC-1403') },
    ]);
    expect(program).toEqual({ id: exhibition, code: 'PREV-1404-EXHIBITION-IR-10', kind: 'EXHIBITION' });
    expect(unknown).toBeNull();

    const addictionPrograms = addictionMou!.preventionPrograms as { code: string; kind: string }[];
    expect(addictionPrograms.map((entry) => entry.code)).toEqual(expect.arrayContaining(['PREV-1403-EXHIBITION-IR-10', 'PREV-1404-EXHIBITION-IR-10']));
    expect(addictionPrograms.map((entry) => entry.code)).toEqual(addictionPrograms.map((entry) => entry.code).sort());
    const schoolPrograms = schoolsMou!.preventionPrograms as { code: string; kind: string }[];
    expect(schoolPrograms).toHaveLength(28);
    expect(schoolPrograms.every((entry) => entry.kind === 'SCHOOL_EDUCATION' && entry.code.startsWith('PREV-1404-SCHOOL-'))).toBe(true);
    expect(trafficMou).toEqual({ id: agreementId('MOU-IR-10-TRAFFIC-1403'), preventionPrograms: [] });
  });

  it('answers programme references, their MOU programmes and sessions with a constant number of SQL statements', async () => {
    const codes = countiesOf('IR-10').map((county) => `PREV-1404-SCHOOL-${county.code}`);
    const count = async (size: number) => {
      harness.store.statements.reset();
      const result = await harness.run(
        `query($r: [_Any!]!) { _entities(representations: $r) {
           ... on PreventionProgram { code sessions(period: { solarYear: 1404 }) { attendance } all: sessions { id } }
           ... on Agreement { preventionPrograms { code } } } }`,
        {
          r: [
            ...codes.slice(0, size).map((code) => ({ __typename: 'PreventionProgram', id: stableId('prevention-program', code) })),
            ...['MOU-IR-10-ADDICTION-1403', 'MOU-IR-10-SCHOOLS-1404', 'MOU-IR-10-FAMILY-1403']
              .slice(0, Math.min(size, 3))
              .map((code) => ({ __typename: 'Agreement', id: agreementId(code) })),
          ],
        },
      );
      expect(result.errors).toBeUndefined();
      return harness.store.statements.reset();
    };
    const few = await count(2);
    expect(few).toBeGreaterThan(0);
    expect(await count(codes.length)).toBe(few);
  });
});

describe('addiction subgraph: MOU target actuals', () => {
  it('reproduces the plan’s figures for IR-10 in 1404: 120,000 people reached and 120,000 exhibition visits', async () => {
    expect(await actuals([target('PEOPLE_REACHED', 'IR-10', year1404), target('EXHIBITION_VISITS', 'IR-10', year1404)])).toEqual([120_000, 120_000]);
  });

  it('has 1403 a little below: 100,000 reached and 105,000 visits', async () => {
    expect(await actuals([target('PEOPLE_REACHED', 'IR-10', year1403), target('EXHIBITION_VISITS', 'IR-10', year1403)])).toEqual([100_000, 105_000]);
  });

  it('adds the counties up to the province and the province up to the country', async () => {
    const counties = countiesOf('IR-10');
    const values = await actuals([...counties.map((county) => target('PEOPLE_REACHED', county.code, year1404)), target('PEOPLE_REACHED', 'IR', year1404)]);
    const countyValues = values.slice(0, counties.length) as number[];
    expect(countyValues.every((value) => value > 0)).toBe(true);
    expect(countyValues.reduce((sum, value) => sum + value, 0)).toBe(120_000);
    expect(values[counties.length]).toBe(120_000);
    // Isfahan county holds about 44% of the province's people, hence the largest share.
    expect(Math.max(...countyValues)).toBe(countyValues[0]);
  });

  it('counts sessions and admissions, gives 0 where nothing happened and null for a metric it does not own', async () => {
    const [sessions, admissions, quiet, unknownMetric, otherDomain] = await actuals([
      target('PREVENTION_SESSIONS', 'IR-10', year1404),
      target('TREATMENT_ADMISSIONS', 'IR-10', year1404),
      target('PEOPLE_REACHED', 'IR-10', { from: '2020-01-01', to: '2020-12-31' }),
      target('NO_SUCH_METRIC', 'IR-10', year1404),
      target('ROAD_DEATHS', 'IR-10', year1404),
    ]);
    expect(sessions).toBeGreaterThan(3_000);
    expect(sessions).toBeLessThan(4_000);
    expect(admissions).toBeGreaterThan(800);
    expect(admissions).toBeLessThan(1_400);
    expect(quiet).toBe(0);
    expect(unknownMetric).toBeNull();
    expect(otherDomain).toBeNull();
  });

  it('answers actuals for 28 counties with as many SQL statements as for 3', async () => {
    const counties = countiesOf('IR-10');
    const ask = (size: number) =>
      actuals(
        counties
          .slice(0, size)
          .flatMap((county) => [
            target('PEOPLE_REACHED', county.code, year1404),
            target('EXHIBITION_VISITS', county.code, year1404),
            target('TREATMENT_ADMISSIONS', county.code, year1403),
          ]),
      );
    // Counted cold (nothing cached in process), then warm: answers are cached until the measures' versions change.
    const count = async (size: number) => {
      statCacheOf(harness.store.dataSource).clear();
      harness.store.statements.reset();
      await ask(size);
      const cold = harness.store.statements.reset();
      await ask(size);
      expect(harness.store.statements.reset()).toBe(1);
      return cold;
    };
    const few = await count(3);
    // The versions; people reached and visits of both periods in one grouped query over the rollup; the 1403 admissions table.
    expect(few).toBe(3);
    expect(await count(counties.length)).toBe(few);
  });
});

describe('addiction subgraph: treatment referrals', () => {
  it('lists no referral without a caller', async () => {
    const result = await harness.run<ReferralPage>(REFERRALS_PAGE, {});
    expect(result.errors).toBeUndefined();
    expect(result.data?.treatmentReferrals).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('lists to police, health and welfare callers only the referrals their agency made or received: some, never all', async () => {
    const everything = await allReferralCount();
    expect(everything).toBeGreaterThan(2_800);
    expect(everything).toBeLessThan(3_200);
    for (const code of ['POLICE-IR-10-12', 'NARCOTICS-POLICE-IR-10', 'HEALTH-IR-10-12', 'WELFARE-IR-10-12', 'HEALTH-IR-10-01', 'WELFARE-IR-10-03']) {
      const { totalCount, nodes } = await allReferralsOf(code);
      expect(totalCount).toBeGreaterThan(0);
      expect(totalCount).toBeLessThan(everything);
      expect(nodes).toHaveLength(totalCount);
      const own = agencyId(code);
      for (const node of nodes) expect(node.fromAgency.id === own || node.toAgency.id === own).toBe(true);
    }
    expect((await allReferralsOf('EDUCATION-IR-10')).totalCount).toBe(0);
  });

  it('pages a caller’s referrals oldest first without gaps or repeats', async () => {
    const { totalCount, nodes } = await allReferralsOf('HEALTH-IR-10-12');
    const small: ReferralNode[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 200; pages += 1) {
      const result: { data?: ReferralPage | null } = await harness.runAs<ReferralPage>(callerOf('HEALTH-IR-10-12'), REFERRALS_PAGE, { first: 37, after });
      const page = result.data!.treatmentReferrals;
      small.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(small.map((node) => node.id)).toEqual(nodes.map((node) => node.id));
    expect(new Set(small.map((node) => node.id)).size).toBe(totalCount);
    const order = small.map((node) => `${node.referredOn}|${node.id}`);
    expect([...order].sort()).toEqual(order);
  });

  it('records admission after referral, and none for a person still only referred', async () => {
    const { nodes } = await allReferralsOf('POLICE-IR-10-01');
    expect(new Set(nodes.map((node) => node.status))).toEqual(new Set(['REFERRED', 'ADMITTED', 'COMPLETED', 'DROPPED_OUT']));
    for (const node of nodes) {
      if (node.status === 'REFERRED') expect(node.admittedOn).toBeNull();
      if (node.status === 'ADMITTED' || node.status === 'COMPLETED') expect(node.admittedOn! > node.referredOn).toBe(true);
      if (node.admittedOn !== null) expect(node.admittedOn > node.referredOn).toBe(true);
      expect(node.region.id).toBe(regionId('IR-10-01'));
    }
  });

  it('resolves a referral reference for the referring and the receiving agency only', async () => {
    const { nodes } = await allReferralsOf('POLICE-IR-10-12');
    const referral = nodes.find((node) => node.fromAgency.id === agencyId('POLICE-IR-10-12'))!;
    const receiving = referral.toAgency.id === agencyId('HEALTH-IR-10-12') ? 'HEALTH-IR-10-12' : 'WELFARE-IR-10-12';
    expect(referral.toAgency.id).toBe(agencyId(receiving));
    const representations = [
      { __typename: 'TreatmentReferral', id: referral.id },
      { __typename: 'TreatmentReferral', id: 'no-such-referral' },
    ];
    const expected = { id: referral.id, status: referral.status, fromAgency: referral.fromAgency, toAgency: referral.toAgency };
    expect(await entities(representations, 'POLICE-IR-10-12')).toEqual([expected, null]);
    expect(await entities(representations, receiving)).toEqual([expected, null]);
    for (const outsider of ['EDUCATION-IR-10', 'POLICE-IR-10', 'POLICE-IR-10-01', receiving === 'HEALTH-IR-10-12' ? 'WELFARE-IR-10-12' : 'HEALTH-IR-10-12']) {
      expect(await entities(representations, outsider)).toEqual([null, null]);
    }
    expect(await entities(representations)).toEqual([null, null]);
  });

  it('stores the person only as a 64-character pseudonym, some of them referred more than once', async () => {
    const repository = harness.store.dataSource.getRepository(TreatmentReferral);
    const sample = await repository.find({ take: 50 });
    for (const referral of sample) expect(referral.subjectPseudonym).toMatch(/^[0-9a-f]{64}$/);
    const repeated = await repository
      .createQueryBuilder('referral')
      .select('referral.subject_pseudonym', 'pseudonym')
      .groupBy('referral.subject_pseudonym')
      .having('COUNT(*) > 1')
      .getRawMany();
    expect(repeated.length).toBeGreaterThan(50);
  });

  it('exposes no pseudonym, national id or other personal field in its schema; the national id is only an input', async () => {
    const service = await harness.run<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    const introspection = await harness.run<IntrospectionQuery>(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    const introspected = printSchema(buildClientSchema(introspection.data!));
    const personal = /pseudonym|national|subject/i;
    for (const sdl of [service.data!._service.sdl, introspected]) {
      expect(sdl).toMatch(/type TreatmentReferral/);
      // Every definition but the write side's (the Mutation type and its inputs), descriptions included: nothing personal.
      const readSide = parse(sdl).definitions.filter(
        (definition) => definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION && !('name' in definition && definition.name?.value === 'Mutation'),
      );
      expect(readSide.length).toBeGreaterThan(20);
      for (const definition of readSide) expect(print(definition)).not.toMatch(personal);
    }
    const types = introspection.data!.__schema.types as readonly {
      kind: string;
      name: string;
      fields?: readonly { name: string }[] | null;
      inputFields?: readonly { name: string }[] | null;
    }[];
    const personalFields = types.flatMap((type) =>
      [...(type.fields ?? []), ...(type.inputFields ?? [])].filter((field) => personal.test(field.name)).map((field) => `${type.name}.${field.name}`),
    );
    expect(personalFields).toEqual(['ReferToTreatmentInput.subjectNationalId']);
    const referralType = introspection.data!.__schema.types.find((type) => type.name === 'TreatmentReferral') as { fields: { name: string }[] };
    expect(referralType.fields.map((field) => field.name).sort()).toEqual(['admittedOn', 'fromAgency', 'id', 'referredOn', 'region', 'status', 'toAgency']);
  });
});

describe('addiction subgraph: store', () => {
  it('seeds idempotently: a second run adds nothing', async () => {
    const counts = () =>
      Promise.all([
        harness.run<ProgramPage>(PROGRAMS_PAGE, {}).then((result) => result.data!.preventionPrograms.totalCount),
        harness.store.dataSource.getRepository(ProgramSession).count(),
        allReferralCount(),
      ]);
    const before = await counts();
    await addiction.seed(harness.store, { scale: 1 });
    expect(await counts()).toEqual(before);
    expect(await addiction.isEmpty(harness.store)).toBe(false);
  });

  it('has migrations that match its entities exactly', async () => {
    const pending = await harness.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
