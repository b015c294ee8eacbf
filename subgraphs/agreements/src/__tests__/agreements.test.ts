import { agencyId, regionId, solarYearRange, stableId } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { agreements } from '../index';
import type { AgreementsContext } from '../context';
import { Agreement, AgreementDomain, AgreementParty, Commitment, Target } from '../entities';

let harness: SubgraphHarness<AgreementsContext>;

beforeAll(async () => {
  harness = await subgraphHarness(agreements);
});
afterAll(() => harness?.close());

const DEMO_CODES_IN_ORDER = [
  'MOU-IR-06-FAMILY-1404',
  'MOU-IR-07-TRAFFIC-1404',
  'MOU-IR-09-ADDICTION-1404',
  'MOU-IR-10-12-ROADS-1404',
  'MOU-IR-10-ADDICTION-1403',
  'MOU-IR-10-CYBER-1405',
  'MOU-IR-10-FAMILY-1403',
  'MOU-IR-10-SCHOOLS-1404',
  'MOU-IR-10-TRAFFIC-1403',
  'MOU-IR-23-TRAFFIC-1404',
  'MOU-IR-ADDICTION-1404',
  'MOU-IR-FAMILY-1404',
  'MOU-IR-TRAFFIC-1404',
];
const year1404 = solarYearRange(1404);
const year1405 = solarYearRange(1405);

interface ConnectionPage {
  totalCount: number;
  edges: { cursor: string; node: { code: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function codesOf(harnessToUse: SubgraphHarness<AgreementsContext>, filter: string): Promise<{ codes: string[]; totalCount: number }> {
  const result = await harnessToUse.run<{ agreements: ConnectionPage }>(`{ agreements${filter ? `(${filter})` : ''} { totalCount edges { node { code } } } }`);
  expect(result.errors).toBeUndefined();
  return { codes: result.data!.agreements.edges.map((edge) => edge.node.code), totalCount: result.data!.agreements.totalCount };
}

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Agreement { code status }
  ... on Target { id metric region { id } from to baseline target direction actual attainment }
  ... on TrafficTarget { type: __typename }
  ... on PreventionTarget { type: __typename }
  ... on FamilyTarget { type: __typename }
  ... on Agency { id agreements { code } active: agreements(status: ACTIVE) { code } drafts: agreements(status: DRAFT) { code } }
  ... on Region { id agreements { code } drafts: agreements(status: DRAFT) { code } }
} }`;

type EntityResult = Record<string, unknown> | null;

async function entities(representations: Record<string, unknown>[]): Promise<EntityResult[]> {
  const result = await harness.run<{ _entities: EntityResult[] }>(ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

describe('agreements subgraph', () => {
  it('finds the traffic MOU by code with its parties, commitments, targets and dates', async () => {
    const result = await harness.run<{ agreement: Record<string, any> }>(
      `{ agreement(code: "MOU-IR-10-TRAFFIC-1403") {
          id code title titleFa status domains signedOn startsOn endsOn
          leadAgency { id } region { id }
          parties { role agency { id } commitments { id description descriptionFa dueOn } }
          targets { __typename metric region { id } from to baseline target direction actual attainment }
        } }`,
    );
    expect(result.errors).toBeUndefined();
    const agreement = result.data!.agreement;
    expect(agreement).toMatchObject({
      id: stableId('agreement', 'MOU-IR-10-TRAFFIC-1403'),
      code: 'MOU-IR-10-TRAFFIC-1403',
      title: 'Isfahan Province Road Safety MOU 1403',
      titleFa: 'تفاهم‌نامه ارتقای ایمنی ترافیک استان اصفهان ۱۴۰۳',
      status: 'ACTIVE',
      domains: ['TRAFFIC'],
      signedOn: '2024-03-05',
      startsOn: '2024-03-20',
      endsOn: '2027-03-20',
      leadAgency: { id: agencyId('TRAFFIC-POLICE-IR-10') },
      region: { id: regionId('IR-10') },
    });
    expect(agreement.parties.map((party: any) => [party.role, party.agency.id])).toEqual([
      ['LEAD', agencyId('TRAFFIC-POLICE-IR-10')],
      ...['ROADS-IR-10', 'HEALTH-IR-10', 'BROADCASTING-IR-10', 'RED-CRESCENT-IR-10', 'MUNICIPALITY-IR-10-01'].map((code) => ['PARTNER', agencyId(code)]),
    ]);
    for (const party of agreement.parties) {
      expect(party.commitments.length).toBeGreaterThanOrEqual(1);
      expect(party.commitments.length).toBeLessThanOrEqual(3);
      for (const commitment of party.commitments) {
        expect(commitment.description).toMatch(/\w/);
        expect(commitment.descriptionFa).toMatch(/[\u0600-\u06FF]/);
        if (commitment.dueOn !== null) {
          expect(commitment.dueOn >= agreement.startsOn && commitment.dueOn <= agreement.endsOn).toBe(true);
        }
      }
    }
    expect(agreement.targets).toHaveLength(8);
    expect(agreement.targets.every((target: any) => target.__typename === 'TrafficTarget' && target.region.id === regionId('IR-10'))).toBe(true);
    expect(agreement.targets).toContainEqual({
      __typename: 'TrafficTarget',
      metric: 'ROAD_DEATHS',
      region: { id: regionId('IR-10') },
      from: year1404.from,
      to: year1404.to,
      baseline: 650,
      target: 560,
      direction: 'DECREASE',
      actual: null,
      attainment: null,
    });
    expect(
      agreement.targets
        .filter((target: any) => target.from === year1405.from)
        .map((target: any) => target.metric)
        .sort(),
    ).toEqual(['FATAL_CRASHES', 'ROAD_DEATHS', 'ROAD_DEATHS_NOT_AT_FAULT', 'TRAFFIC_VIOLATIONS']);
  });

  it('finds an MOU by id, and null for an unknown id or code', async () => {
    const result = await harness.run<{ byId: { code: string } | null; unknownId: null; unknownCode: null }>(
      `query($id: ID) { byId: agreement(id: $id) { code } unknownId: agreement(id: "no-such-mou") { code } unknownCode: agreement(code: "MOU-NONE") { code } }`,
      { id: stableId('agreement', 'MOU-IR-10-12-ROADS-1404') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ byId: { code: 'MOU-IR-10-12-ROADS-1404' }, unknownId: null, unknownCode: null });
  });

  it('shows the demo targets of every active MOU with the right implementation and direction', async () => {
    const result = await harness.run<{ agreements: { edges: { node: { code: string; status: string; domains: string[]; targets: any[] } }[] } }>(
      `{ agreements { edges { node { code status domains targets { __typename metric region { id } from baseline target direction } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const byCode = new Map(result.data!.agreements.edges.map((edge) => [edge.node.code, edge.node]));
    const summary = (code: string) =>
      byCode
        .get(code)!
        .targets.filter((target) => target.from === year1404.from)
        .map((target) => [target.__typename, target.metric, target.baseline, target.target, target.direction]);
    expect(summary('MOU-IR-10-ADDICTION-1403')).toEqual(
      expect.arrayContaining([
        ['PreventionTarget', 'PEOPLE_REACHED', 100000, 120000, 'INCREASE'],
        ['PreventionTarget', 'EXHIBITION_VISITS', 100000, 115000, 'INCREASE'],
        ['PreventionTarget', 'TREATMENT_ADMISSIONS', 1000, 1200, 'INCREASE'],
      ]),
    );
    expect(summary('MOU-IR-10-FAMILY-1403')).toEqual(
      expect.arrayContaining([
        ['FamilyTarget', 'FREE_COUNSELING_SESSIONS', 30000, 36000, 'INCREASE'],
        ['FamilyTarget', 'RECONCILIATIONS', 2100, 2500, 'INCREASE'],
      ]),
    );
    expect(
      summary('MOU-IR-10-SCHOOLS-1404')
        .map((row) => row.slice(0, 2))
        .sort(),
    ).toEqual([
      ['PreventionTarget', 'PEOPLE_REACHED'],
      ['TrafficTarget', 'ROAD_DEATHS'],
    ]);
    expect(byCode.get('MOU-IR-10-SCHOOLS-1404')!.domains).toEqual(['TRAFFIC', 'ADDICTION']);
    const roads = byCode.get('MOU-IR-10-12-ROADS-1404')!;
    expect(roads.targets.map((target) => [target.metric, target.region.id, target.from])).toEqual([
      ['ROAD_DEATHS', regionId('IR-10-12'), year1404.from],
      ['ROAD_DEATHS', regionId('IR-10-12'), year1405.from],
    ]);
    expect(byCode.get('MOU-IR-10-CYBER-1405')).toMatchObject({ status: 'DRAFT', targets: [] });
  });

  it('lists MOUs in code order, filtered by status, domain and party (lead or partner)', async () => {
    expect(await codesOf(harness, '')).toEqual({ codes: DEMO_CODES_IN_ORDER, totalCount: 13 });
    expect((await codesOf(harness, 'status: ACTIVE')).codes).toEqual(DEMO_CODES_IN_ORDER.filter((code) => !code.includes('CYBER')));
    expect(await codesOf(harness, 'status: DRAFT')).toEqual({ codes: ['MOU-IR-10-CYBER-1405'], totalCount: 1 });
    expect(await codesOf(harness, 'status: TERMINATED')).toEqual({ codes: [], totalCount: 0 });
    expect((await codesOf(harness, 'domain: TRAFFIC')).codes).toEqual([
      'MOU-IR-07-TRAFFIC-1404',
      'MOU-IR-10-12-ROADS-1404',
      'MOU-IR-10-SCHOOLS-1404',
      'MOU-IR-10-TRAFFIC-1403',
      'MOU-IR-23-TRAFFIC-1404',
      'MOU-IR-TRAFFIC-1404',
    ]);
    expect((await codesOf(harness, 'domain: ADDICTION')).codes).toEqual([
      'MOU-IR-09-ADDICTION-1404',
      'MOU-IR-10-ADDICTION-1403',
      'MOU-IR-10-SCHOOLS-1404',
      'MOU-IR-ADDICTION-1404',
    ]);
    expect((await codesOf(harness, 'domain: LAWLESSNESS')).totalCount).toBe(0);
    expect(await codesOf(harness, `partyAgencyId: "${agencyId('HEALTH-IR-10')}"`)).toEqual({
      codes: ['MOU-IR-10-ADDICTION-1403', 'MOU-IR-10-FAMILY-1403', 'MOU-IR-10-SCHOOLS-1404', 'MOU-IR-10-TRAFFIC-1403'],
      totalCount: 4,
    });
    expect((await codesOf(harness, `partyAgencyId: "${agencyId('POLICE-IR-10-12')}"`)).codes).toEqual(['MOU-IR-10-12-ROADS-1404']);
    // National bodies sign national MOUs; a province's agencies their own province's.
    expect((await codesOf(harness, `partyAgencyId: "${agencyId('HEALTH-IR')}"`)).codes).toEqual(['MOU-IR-ADDICTION-1404', 'MOU-IR-TRAFFIC-1404']);
    expect((await codesOf(harness, `partyAgencyId: "${agencyId('MUNICIPALITY-IR-07-35')}"`)).codes).toEqual(['MOU-IR-07-TRAFFIC-1404']);
    expect(await codesOf(harness, `status: ACTIVE, domain: TRAFFIC, partyAgencyId: "${agencyId('TRAFFIC-POLICE-IR-10')}"`)).toEqual({
      codes: ['MOU-IR-10-SCHOOLS-1404', 'MOU-IR-10-TRAFFIC-1403'],
      totalCount: 2,
    });
  });

  it('matches an MOU to its lead agency even when the lead is not recorded as a party', async () => {
    const repository = harness.store.dataSource.getRepository(Agreement);
    const id = stableId('agreement', 'MOU-TEST-LEAD-ONLY');
    await repository.insert({
      id,
      code: 'MOU-TEST-LEAD-ONLY',
      title: 'Lead only',
      titleFa: 'فقط مجری',
      status: 'DRAFT',
      leadAgencyId: agencyId('JUDICIARY-IR-10'),
      regionId: regionId('IR-10-05'),
      signedOn: null,
      startsOn: '2026-03-21',
      endsOn: '2027-03-20',
    });
    try {
      expect((await codesOf(harness, `partyAgencyId: "${agencyId('JUDICIARY-IR-10')}"`)).codes).toEqual(['MOU-IR-10-FAMILY-1403', 'MOU-TEST-LEAD-ONLY']);
      const [judiciary] = await entities([{ __typename: 'Agency', id: agencyId('JUDICIARY-IR-10') }]);
      expect(judiciary).toMatchObject({
        agreements: [{ code: 'MOU-IR-10-FAMILY-1403' }, { code: 'MOU-TEST-LEAD-ONLY' }],
        drafts: [{ code: 'MOU-TEST-LEAD-ONLY' }],
      });
    } finally {
      await repository.delete({ id });
    }
  });

  it('pages MOUs with a cursor until the end', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const result: { data?: { agreements: ConnectionPage } | null; errors?: unknown } = await harness.run(
        `query($after: String) { agreements(first: 4, after: $after) { totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data!.agreements;
      expect(page.totalCount).toBe(13);
      seen.push(...page.edges.map((edge) => edge.node.code));
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(DEMO_CODES_IN_ORDER);
    const filtered = await harness.run<{ agreements: ConnectionPage }>(
      `{ agreements(domain: TRAFFIC, first: 1) { totalCount edges { node { code } } pageInfo { hasNextPage } } }`,
    );
    expect(filtered.data?.agreements).toMatchObject({ totalCount: 6, edges: [{ node: { code: 'MOU-IR-07-TRAFFIC-1404' } }], pageInfo: { hasNextPage: true } });
    const empty = await harness.run<{ agreements: ConnectionPage }>(`{ agreements(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } } }`);
    expect(empty.data?.agreements).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it('refuses a lookup with neither or both of id and code, a negative first and a forged cursor', async () => {
    const neither = await harness.run(`{ agreement { code } }`);
    expect(neither.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id|code' });
    const both = await harness.run(`{ agreement(id: "${stableId('agreement', 'MOU-IR-10-FAMILY-1403')}", code: "MOU-IR-10-FAMILY-1403") { code } }`);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id|code' });
    const negative = await harness.run(`{ agreements(first: -1) { totalCount } }`);
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    const forged = await harness.run(`{ agreements(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('resolves Agreement references by id and by code, null for unknown ones', async () => {
    expect(
      await entities([
        { __typename: 'Agreement', id: stableId('agreement', 'MOU-IR-10-ADDICTION-1403') },
        { __typename: 'Agreement', code: 'MOU-IR-10-CYBER-1405' },
        { __typename: 'Agreement', id: 'no-such-mou' },
        { __typename: 'Agreement', code: 'MOU-NONE' },
      ]),
    ).toEqual([{ code: 'MOU-IR-10-ADDICTION-1403', status: 'ACTIVE' }, { code: 'MOU-IR-10-CYBER-1405', status: 'DRAFT' }, null, null]);
  });

  it('resolves TrafficTarget, PreventionTarget and FamilyTarget references, by their own type or as Target', async () => {
    const traffic = stableId('target', `MOU-IR-10-TRAFFIC-1403#ROAD_DEATHS#IR-10#1404`);
    const prevention = stableId('target', `MOU-IR-10-ADDICTION-1403#EXHIBITION_VISITS#IR-10#1405`);
    const family = stableId('target', `MOU-IR-10-FAMILY-1403#FREE_COUNSELING_SESSIONS#IR-10#1404`);
    const resolved = await entities([
      { __typename: 'TrafficTarget', id: traffic },
      { __typename: 'PreventionTarget', id: prevention },
      { __typename: 'FamilyTarget', id: family },
      { __typename: 'Target', id: prevention },
      { __typename: 'FamilyTarget', id: traffic },
      { __typename: 'TrafficTarget', id: 'no-such-target' },
      { __typename: 'Target', id: 'no-such-target' },
    ]);
    expect(resolved).toEqual([
      {
        id: traffic,
        type: 'TrafficTarget',
        metric: 'ROAD_DEATHS',
        region: { id: regionId('IR-10') },
        from: year1404.from,
        to: year1404.to,
        baseline: 650,
        target: 560,
        direction: 'DECREASE',
        actual: null,
        attainment: null,
      },
      {
        id: prevention,
        type: 'PreventionTarget',
        metric: 'EXHIBITION_VISITS',
        region: { id: regionId('IR-10') },
        from: year1405.from,
        to: year1405.to,
        baseline: 100000,
        target: 125000,
        direction: 'INCREASE',
        actual: null,
        attainment: null,
      },
      {
        id: family,
        type: 'FamilyTarget',
        metric: 'FREE_COUNSELING_SESSIONS',
        region: { id: regionId('IR-10') },
        from: year1404.from,
        to: year1404.to,
        baseline: 30000,
        target: 36000,
        direction: 'INCREASE',
        actual: null,
        attainment: null,
      },
      {
        id: prevention,
        type: 'PreventionTarget',
        metric: 'EXHIBITION_VISITS',
        region: { id: regionId('IR-10') },
        from: year1405.from,
        to: year1405.to,
        baseline: 100000,
        target: 125000,
        direction: 'INCREASE',
        actual: null,
        attainment: null,
      },
      null,
      null,
      null,
    ]);
  });

  it('computes attainment from the actual the gateway passes in, for both directions', async () => {
    const roadDeaths = stableId('target', `MOU-IR-10-TRAFFIC-1403#ROAD_DEATHS#IR-10#1404`);
    const peopleReached = stableId('target', `MOU-IR-10-ADDICTION-1403#PEOPLE_REACHED#IR-10#1404`);
    const freeSessions = stableId('target', `MOU-IR-10-FAMILY-1403#FREE_COUNSELING_SESSIONS#IR-10#1404`);
    const resolved = await entities([
      { __typename: 'TrafficTarget', id: roadDeaths, actual: 600 },
      { __typename: 'TrafficTarget', id: roadDeaths, actual: 560 },
      { __typename: 'TrafficTarget', id: roadDeaths, actual: 700 },
      { __typename: 'PreventionTarget', id: peopleReached, actual: 110000 },
      { __typename: 'PreventionTarget', id: peopleReached, actual: 126000 },
      { __typename: 'FamilyTarget', id: freeSessions, actual: 36000 },
      { __typename: 'FamilyTarget', id: freeSessions, actual: null },
      { __typename: 'FamilyTarget', id: freeSessions },
    ]);
    expect(resolved.map((target) => [target?.actual, target?.attainment])).toEqual([
      [600, 0.5556], // (650 - 600) / (650 - 560)
      [560, 1],
      [700, -0.5556],
      [110000, 0.5], // (110000 - 100000) / (120000 - 100000)
      [126000, 1.3],
      [36000, 1],
      [null, null],
      [null, null],
    ]);
  });

  it('lists the MOUs of an agency (lead or party) and of a region, by status', async () => {
    const resolved = await entities([
      { __typename: 'Agency', id: agencyId('HEALTH-IR-10') },
      { __typename: 'Agency', id: agencyId('POLICE-IR-10') },
      { __typename: 'Agency', id: agencyId('WELFARE-IR-10-07') },
      { __typename: 'Region', id: regionId('IR-10') },
      { __typename: 'Region', id: regionId('IR-10-12') },
      { __typename: 'Region', id: regionId('IR-10-01') },
    ]);
    const codes = (list: unknown) => (list as { code: string }[]).map((agreement) => agreement.code);
    expect(resolved.map((entity) => entity?.id)).toEqual([
      agencyId('HEALTH-IR-10'),
      agencyId('POLICE-IR-10'),
      agencyId('WELFARE-IR-10-07'),
      regionId('IR-10'),
      regionId('IR-10-12'),
      regionId('IR-10-01'),
    ]);
    const [health, police, countyWelfare, province, kashan, isfahanCounty] = resolved as Record<string, unknown>[];
    expect(codes(health.agreements)).toEqual(['MOU-IR-10-ADDICTION-1403', 'MOU-IR-10-FAMILY-1403', 'MOU-IR-10-SCHOOLS-1404', 'MOU-IR-10-TRAFFIC-1403']);
    expect(codes(health.drafts)).toEqual([]);
    expect(codes(police.agreements)).toEqual(['MOU-IR-10-CYBER-1405', 'MOU-IR-10-FAMILY-1403']);
    expect(codes(police.active)).toEqual(['MOU-IR-10-FAMILY-1403']);
    expect(codes(police.drafts)).toEqual(['MOU-IR-10-CYBER-1405']);
    expect(codes(countyWelfare.agreements)).toEqual([]);
    // A region's MOUs are those made for it, not those of the regions above or below it.
    expect(codes(province.agreements)).toEqual(DEMO_CODES_IN_ORDER.filter((code) => code.startsWith('MOU-IR-10-') && !code.includes('IR-10-12')));
    expect(codes(province.drafts)).toEqual(['MOU-IR-10-CYBER-1405']);
    expect(codes(kashan.agreements)).toEqual(['MOU-IR-10-12-ROADS-1404']);
    expect(codes(isfahanCounty.agreements)).toEqual([]);
  });

  it('reads an active or suspended MOU past its end date as EXPIRED, in every field and filter', async () => {
    const lapsed = { code: 'MOU-TEST-LAPSED', status: 'ACTIVE' };
    const lapsedSuspended = { code: 'MOU-TEST-LAPSED-SUSPENDED', status: 'SUSPENDED' };
    const endedTerminated = { code: 'MOU-TEST-ENDED-TERMINATED', status: 'TERMINATED' };
    const rows = [lapsed, lapsedSuspended, endedTerminated].map(({ code, status }) => ({
      id: stableId('agreement', code),
      code,
      title: code,
      titleFa: code,
      status,
      leadAgencyId: agencyId('WELFARE-IR-10-07'),
      regionId: regionId('IR-10-07'),
      signedOn: '2019-03-01',
      startsOn: '2019-03-21',
      endsOn: '2020-03-19',
    }));
    const repository = harness.store.dataSource.getRepository(Agreement);
    await repository.insert(rows);
    try {
      const lookup = await harness.run<{ agreement: { status: string } }>(`{ agreement(code: "MOU-TEST-LAPSED") { status } }`);
      expect(lookup.data?.agreement.status).toBe('EXPIRED');
      expect((await codesOf(harness, 'status: EXPIRED')).codes).toEqual(['MOU-TEST-LAPSED', 'MOU-TEST-LAPSED-SUSPENDED']);
      expect((await codesOf(harness, 'status: ACTIVE')).totalCount).toBe(12);
      expect((await codesOf(harness, 'status: SUSPENDED')).totalCount).toBe(0);
      expect((await codesOf(harness, 'status: TERMINATED')).codes).toEqual(['MOU-TEST-ENDED-TERMINATED']);
      const result = await harness.run<{ _entities: { expired: { code: string; status: string }[]; active: unknown[] }[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) {
           ... on Region { expired: agreements(status: EXPIRED) { code status } active: agreements(status: ACTIVE) { code } }
           ... on Agency { expired: agreements(status: EXPIRED) { code status } active: agreements(status: ACTIVE) { code } } } }`,
        {
          r: [
            { __typename: 'Region', id: regionId('IR-10-07') },
            { __typename: 'Agency', id: agencyId('WELFARE-IR-10-07') },
          ],
        },
      );
      expect(result.errors).toBeUndefined();
      for (const parent of result.data!._entities) {
        expect(parent.expired).toEqual([
          { code: 'MOU-TEST-LAPSED', status: 'EXPIRED' },
          { code: 'MOU-TEST-LAPSED-SUSPENDED', status: 'EXPIRED' },
        ]);
        expect(parent.active).toEqual([]);
      }
    } finally {
      await repository.delete(rows.map((row) => row.id));
    }
  });

  it('seeds idempotently: a second run adds nothing', async () => {
    const countRows = () =>
      Promise.all([Agreement, AgreementDomain, AgreementParty, Commitment, Target].map((entity) => harness.store.dataSource.getRepository(entity).count()));
    const before = await countRows();
    expect(before[0]).toBe(13);
    expect(before[4]).toBe(42);
    const report = await agreements.seed(harness.store, { scale: 1 });
    expect(report).toMatchObject({ agreement: 13, target: 42 });
    expect(await countRows()).toEqual(before);
    expect(await agreements.isEmpty(harness.store)).toBe(false);
  });

  it("seeds the parties of every MOU past its draft as accepted on its signing date, and the draft's partners as pending", async () => {
    const consent = async () => {
      const result = await harness.run<{
        agreements: {
          edges: { node: { code: string; status: string; signedOn: string | null; parties: { role: string; status: string; acceptedAt: Date | null }[] } }[];
        };
      }>(`{ agreements(first: 50) { edges { node { code status signedOn parties { role status acceptedAt } } } } }`);
      expect(result.errors).toBeUndefined();
      return result.data!.agreements.edges.map(({ node }) => ({
        ...node,
        parties: node.parties.map((party) => ({ ...party, acceptedAt: party.acceptedAt && new Date(party.acceptedAt).toISOString() })),
      }));
    };
    const seeded = (await consent()).filter((mou) => DEMO_CODES_IN_ORDER.includes(mou.code));
    expect(seeded).toHaveLength(13);
    for (const mou of seeded.filter((candidate) => candidate.status === 'ACTIVE')) {
      expect(mou.parties.length).toBeGreaterThanOrEqual(2);
      for (const party of mou.parties) expect(party).toMatchObject({ status: 'ACCEPTED', acceptedAt: `${mou.signedOn}T00:00:00.000Z` });
    }
    const [draft] = seeded.filter((candidate) => candidate.status === 'DRAFT');
    expect(draft.code).toBe('MOU-IR-10-CYBER-1405');
    expect(draft.parties.map((party) => [party.role, party.status])).toEqual([
      ['LEAD', 'ACCEPTED'],
      ...draft.parties.slice(1).map(() => ['PARTNER', 'PENDING']),
    ]);
    expect(draft.parties.length).toBeGreaterThan(1);
    await agreements.seed(harness.store, { scale: 1 });
    expect((await consent()).filter((mou) => DEMO_CODES_IN_ORDER.includes(mou.code))).toEqual(seeded);
  });

  it('refuses every field without agreements:read, _entities included, and anyone without a caller', async () => {
    const withoutScope = callerOf('POLICE-IR-10', ['traffic:read']);
    const root = await harness.runAs(withoutScope, '{ agreements { totalCount } }');
    expect(root.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const references = await harness.runAs(
      withoutScope,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { agreements { code } } ... on Target { metric } } }`,
      {
        r: [
          { __typename: 'Agency', id: agencyId('HEALTH-IR-10') },
          { __typename: 'TrafficTarget', id: stableId('target', 'MOU-IR-10-TRAFFIC-1403#ROAD_DEATHS#IR-10#1404') },
        ],
      },
    );
    expect(references.errors?.length).toBeGreaterThan(0);
    expect(references.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(JSON.stringify(references.data ?? null)).not.toMatch(/MOU-|ROAD_DEATHS/);
    const allowed = await harness.runAs<{ agreements: { totalCount: number } }>(callerOf('POLICE-IR-10', ['agreements:read']), '{ agreements { totalCount } }');
    expect(allowed.data?.agreements.totalCount).toBe(13);
    const nobody = await harness.runAs(null as never, '{ agreements { totalCount } }');
    expect(nobody.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('has migrations that match its entities exactly', async () => {
    const pending = await harness.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});

describe('agreements subgraph at scale 5 (200 synthetic MOUs)', () => {
  let large: SubgraphHarness<AgreementsContext>;

  beforeAll(async () => {
    large = await subgraphHarness(agreements);
    await agreements.seed(large.store, { scale: 5 });
  });
  afterAll(() => large?.close());

  it('generates the synthetic MOUs deterministically, each with 3 to 6 parties and 2 targets', async () => {
    const result = await large.run<{ agreements: { totalCount: number; edges: { node: any }[] } }>(
      `{ agreements(first: 500) { totalCount edges { node { code titleFa leadAgency { id } parties { role agency { id } commitments { id } } targets { metric from } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.agreements.totalCount).toBe(213);
    const synthetic = result.data!.agreements.edges.map((edge) => edge.node).filter((node) => node.code.includes('-SYN-'));
    expect(synthetic).toHaveLength(200);
    expect(synthetic[0].code).toBe('MOU-IR-10-SYN-00001');
    expect(synthetic[199].code).toBe('MOU-IR-10-SYN-00200');
    for (const node of synthetic) {
      expect(node.parties.length).toBeGreaterThanOrEqual(3);
      expect(node.parties.length).toBeLessThanOrEqual(6);
      expect(new Set(node.parties.map((party: any) => party.agency.id)).size).toBe(node.parties.length);
      expect(node.parties[0]).toMatchObject({ role: 'LEAD', agency: node.leadAgency });
      expect(node.parties.every((party: any) => party.commitments.length >= 1)).toBe(true);
      expect(node.targets).toHaveLength(2);
    }
    const again = await agreements.seed(large.store, { scale: 5 });
    expect(again.agreement).toBe(213);
    const recount = await large.run<{ agreements: { totalCount: number } }>(`{ agreements { totalCount } }`);
    expect(recount.data?.agreements.totalCount).toBe(213);
  });

  it('loads a page of 200 MOUs with all their relations in as many SQL statements as a page of 10', async () => {
    const count = async (first: number) => {
      large.store.statements.reset();
      const result = await large.run<{ agreements: { edges: unknown[] } }>(
        `query($first: Int) { agreements(first: $first) { edges { node { code leadAgency { id }
           parties { role agency { id } commitments { description } } targets { metric } region { id } } } } }`,
        { first },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.agreements.edges).toHaveLength(first);
      return large.store.statements.reset();
    };
    const few = await count(10);
    expect(few).toBeGreaterThan(0);
    expect(await count(200)).toBe(few);
  });

  it('answers many Agreement, Target, Agency and Region references in as many SQL statements as a few', async () => {
    const page = await large.run<{
      agreements: {
        edges: {
          node: { id: string; code: string; targets: { id: string; __typename: string }[]; parties: { agency: { id: string } }[]; region: { id: string } };
        }[];
      };
    }>(`{ agreements(first: 210) { edges { node { id code region { id } parties { agency { id } } targets { __typename id } } } } }`);
    // Isfahan's MOUs, demo and synthetic: the few and the many are MOUs of one kind, as the scale adds them.
    const nodes = page.data!.agreements.edges.map((edge) => edge.node).filter((node) => node.code.startsWith('MOU-IR-10-'));
    expect(nodes.length).toBeGreaterThanOrEqual(200);
    const representations = (size: number) => {
      const chosen = nodes.slice(0, size);
      return [
        ...chosen.map((node, index) => (index % 2 === 0 ? { __typename: 'Agreement', id: node.id } : { __typename: 'Agreement', code: node.code })),
        ...chosen.flatMap((node) => node.targets.map((target) => ({ __typename: target.__typename, id: target.id, actual: 10 }))),
        ...[...new Set(chosen.flatMap((node) => node.parties.map((party) => party.agency.id)))].map((id) => ({ __typename: 'Agency', id })),
        ...[...new Set(chosen.map((node) => node.region.id))].map((id) => ({ __typename: 'Region', id })),
      ];
    };
    const count = async (size: number) => {
      large.store.statements.reset();
      const result = await large.run(
        `query($r: [_Any!]!) { _entities(representations: $r) {
           ... on Agreement { code status domains parties { role } targets { metric } }
           ... on Target { metric baseline attainment }
           ... on Agency { agreements { code } active: agreements(status: ACTIVE) { code } }
           ... on Region { agreements(status: ACTIVE) { code targets { metric } } } } }`,
        { r: representations(size) },
      );
      expect(result.errors).toBeUndefined();
      return large.store.statements.reset();
    };
    const few = await count(3);
    expect(few).toBeGreaterThan(0);
    expect(await count(200)).toBe(few);
  });
});
