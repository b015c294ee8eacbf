import { agencyId, MAX_PAGE_SIZE, referenceAgencies, regionId } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import { agencies } from '../index';
import type { AgenciesContext } from '../context';

let harness: SubgraphHarness<AgenciesContext>;

beforeAll(async () => {
  harness = await subgraphHarness(agencies);
});
afterAll(() => harness?.close());

describe('agencies subgraph', () => {
  it('finds the province by code with its 28 counties, Persian names intact', async () => {
    const result = await harness.run<{ region: { code: string; nameFa: string; kind: string; parent: { code: string }; children: { code: string }[] } }>(
      `{ region(code: "IR-10") { code nameFa kind parent { code } children { code } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.region).toMatchObject({ code: 'IR-10', nameFa: 'استان اصفهان', kind: 'PROVINCE', parent: { code: 'IR' } });
    // The 24 counties of the 2016 census keep their codes; the four newer ones are IR-10-25 … IR-10-28.
    expect(result.data?.region.children.map((county) => county.code)).toEqual(Array.from({ length: 28 }, (_, i) => `IR-10-${String(i + 1).padStart(2, '0')}`));
  });

  it('refuses a lookup with neither or both of id and code', async () => {
    for (const query of ['{ region { code } }', `{ agency(id: "${agencyId('POLICE-IR-10')}", code: "POLICE-IR-10") { code } }`]) {
      const result = await harness.run(query);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('filters regions by kind and parent', async () => {
    const result = await harness.run<{ regions: { code: string }[] }>(`query($parentId: ID) { regions(kind: COUNTY, parentId: $parentId) { code } }`, {
      parentId: regionId('IR-10'),
    });
    expect(result.data?.regions).toHaveLength(28);
  });

  it('holds the whole country: 31 provinces and 478 counties, navigable by kind and by parent code', async () => {
    const result = await harness.run<{
      provinces: { code: string; parent: { code: string } }[];
      counties: { code: string; parent: { code: string } }[];
      country: { children: { code: string }[] };
      fars: { code: string }[];
      nowhere: { code: string }[];
    }>(
      `{ provinces: regions(kind: PROVINCE) { code parent { code } }
         counties: regions(kind: COUNTY) { code parent { code } }
         country: region(code: "IR") { children { code } }
         fars: regions(parentCode: "IR-07") { code }
         nowhere: regions(parentCode: "IR-99") { code } }`,
    );
    expect(result.errors).toBeUndefined();
    const { provinces, counties, country, fars, nowhere } = result.data!;
    expect(provinces.map((province) => province.code)).toEqual(Array.from({ length: 31 }, (_, i) => `IR-${String(i).padStart(2, '0')}`));
    expect(provinces.every((province) => province.parent.code === 'IR')).toBe(true);
    expect(country.children.map((province) => province.code)).toEqual(provinces.map((province) => province.code));
    expect(counties).toHaveLength(478);
    expect(counties.every((county) => county.code.startsWith(`${county.parent.code}-`))).toBe(true);
    expect(new Set(counties.map((county) => county.parent.code)).size).toBe(31);
    expect(fars.length).toBe(37);
    expect(fars.every((county) => county.code.startsWith('IR-07-'))).toBe(true);
    expect(nowhere).toEqual([]);
    const both = await harness.run(`{ regions(parentCode: "IR-07", parentId: "${regionId('IR-07')}") { code } }`);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'parentCode' });
  });

  it('has the plan agencies in every province, three units in every county and national bodies over them', async () => {
    type Row = { code: string; name: string; region: { id: string }; parent: { code: string } | null };
    const byCode = new Map<string, Row>();
    let after: string | null = null;
    do {
      const page: { data?: { agencies: { edges: { node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } | null } = await harness.run(
        `query($after: String) { agencies(first: 500, after: $after) { edges { node { code name region { id } parent { code } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      for (const { node } of page.data!.agencies.edges) byCode.set(node.code, node);
      after = page.data!.agencies.pageInfo.hasNextPage ? page.data!.agencies.pageInfo.endCursor : null;
    } while (after);
    const regions = await harness.run<{ regions: { id: string; code: string; kind: string; parent: { code: string } | null }[] }>(
      `{ regions { id code kind parent { code } } }`,
    );
    const provinceKinds = [
      'POLICE',
      'TRAFFIC-POLICE',
      'NARCOTICS-POLICE',
      'HEALTH',
      'WELFARE',
      'EDUCATION',
      'JUDICIARY',
      'ROADS',
      'BROADCASTING',
      'RED-CRESCENT',
      'RELIGIOUS',
      'DRUG-CONTROL',
    ];
    let checked = 0;
    for (const region of regions.data!.regions) {
      const kinds = region.kind === 'COUNTY' ? ['POLICE', 'HEALTH', 'WELFARE'] : provinceKinds;
      for (const kind of kinds) {
        const agency = byCode.get(`${kind}-${region.code}`);
        expect([kind, region.code, agency?.region.id]).toEqual([kind, region.code, region.id]);
        if (region.kind !== 'COUNTRY') {
          // A county unit answers to its province's agency of the kind, a province's to the national body or its police command.
          expect(agency!.parent?.code).toMatch(region.kind === 'COUNTY' ? `${kind}-${region.parent!.code}` : /-IR(-\d\d)?$/);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(478 * 3 + 31 * provinceKinds.length + provinceKinds.length);
    expect(byCode.get('MUNICIPALITY-IR-07-35')?.name).toBe('Shiraz Municipality');
  });

  it('finds regions by a list of codes, and refuses more than 500', async () => {
    const result = await harness.run<{ regions: { code: string }[] }>(`{ regions(codes: ["IR-10-12", "IR-10-01", "nowhere"]) { code } }`);
    expect(result.data?.regions.map((region) => region.code)).toEqual(['IR-10-01', 'IR-10-12']);
    const tooMany = await harness.run(`query($codes: [String!]) { regions(codes: $codes) { code } }`, {
      codes: Array.from({ length: 501 }, (_, i) => `X-${i}`),
    });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'codes' });
  });

  it('pages agencies with a cursor until the end, counting them all', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 30; pages += 1) {
      const result: {
        data?: { agencies: { totalCount: number; edges: { node: { code: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } | null;
      } = await harness.run(
        `query($after: String) { agencies(first: 100, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page = result.data!.agencies;
      total = page.totalCount;
      seen.push(...page.edges.map((edge) => edge.node.code));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(referenceAgencies().length);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);
  });

  it('caps first at 500 and rejects a negative first or a forged cursor', async () => {
    const capped = await harness.run<{ agencies: { edges: unknown[] } }>(`{ agencies(first: 100000) { edges { cursor } } }`);
    expect(referenceAgencies().length).toBeGreaterThan(MAX_PAGE_SIZE);
    expect(capped.data?.agencies.edges.length).toBe(MAX_PAGE_SIZE);
    const negative = await harness.run(`{ agencies(first: -1) { totalCount } }`);
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    const forged = await harness.run(`{ agencies(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('resolves Region and Agency references through _entities, by id and by code, null for unknown ids', async () => {
    const result = await harness.run<{ _entities: ({ code: string; region?: { code: string } } | null)[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Region { code } ... on Agency { code region { code } } } }`,
      {
        representations: [
          { __typename: 'Region', id: regionId('IR-10-12') },
          { __typename: 'Agency', id: agencyId('POLICE-IR-10-12') },
          { __typename: 'Agency', code: 'HEALTH-IR-10' },
          { __typename: 'Region', id: 'no-such-region' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { code: 'IR-10-12' },
      { code: 'POLICE-IR-10-12', region: { code: 'IR-10-12' } },
      { code: 'HEALTH-IR-10', region: { code: 'IR-10' } },
      null,
    ]);
  });

  it('answers 100 agency references with a constant number of SQL statements', async () => {
    // County units from every province: in both samples each parent is an agency outside the sample, read in one batch.
    const all = referenceAgencies().filter((agency) => /-IR-\d\d-\d\d$/.test(agency.code) && !agency.code.startsWith('MUNICIPALITY-'));
    all.sort((a, b) => (a.id < b.id ? -1 : 1));
    const count = async (size: number) => {
      harness.store.statements.reset();
      const result = await harness.run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { code region { code } parent { code } units { code } liaisons { name } } } }`,
        { r: all.slice(0, size).map((agency) => ({ __typename: 'Agency', id: agency.id })) },
      );
      expect(result.errors).toBeUndefined();
      return harness.store.statements.reset();
    };
    const few = await count(3);
    expect(few).toBeGreaterThan(0);
    expect(await count(100)).toBe(few);
  });

  it('seeds idempotently: a second run adds nothing', async () => {
    const before = await harness.run<{ agencies: { totalCount: number } }>(`{ agencies { totalCount } }`);
    await agencies.seed(harness.store, { scale: 1 });
    const after = await harness.run<{ agencies: { totalCount: number } }>(`{ agencies { totalCount } }`);
    expect(after.data?.agencies.totalCount).toBe(before.data?.agencies.totalCount);
  });

  it('has migrations that match its entities exactly', async () => {
    const pending = await harness.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});

describe('agencies access', () => {
  const liaisons = `{ agency(code: "HEALTH-IR-10") { code liaisons { name email phone } } }`;

  it('shows liaison contact details to their own agency and to agencies:write, not to others', async () => {
    const own = await harness.runAs<{ agency: { liaisons: { email: string }[] } }>(callerOf('HEALTH-IR-10', ['agencies:read']), liaisons);
    expect(own.errors).toBeUndefined();
    expect(own.data?.agency.liaisons[0].email).toMatch(/@health-ir-10\.example\.ir$/);
    const admin = await harness.runAs(callerOf('POLICE-IR-10', ['agencies:read', 'agencies:write']), liaisons);
    expect(admin.errors).toBeUndefined();
    const other = await harness.runAs<{ agency: { code: string; liaisons: { name: string; email: string | null }[] } | null }>(
      callerOf('POLICE-IR-10', ['agencies:read']),
      liaisons,
    );
    expect(other.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    expect(other.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    // The contact fields are nullable, so the rest of the answer stays.
    expect(other.data?.agency?.code).toBe('HEALTH-IR-10');
    expect(other.data?.agency?.liaisons[0].name).toBeTruthy();
    expect(other.data?.agency?.liaisons[0].email).toBeNull();
  });

  it('refuses every field without agencies:read, _entities included', async () => {
    const withoutScope = callerOf('POLICE-IR-10', ['traffic:read']);
    const root = await harness.runAs(withoutScope, '{ regions { code } }');
    expect(root.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const entities = await harness.runAs(withoutScope, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code } } }`, {
      r: [{ __typename: 'Region', id: regionId('IR-10') }],
    });
    expect(entities.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const nobody = await harness.runAs(null as never, '{ regions { code } }');
    expect(nobody.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
