import { countiesOf, DEMO_AGREEMENTS, regionId, solarYearRange, stableId, agencyId, statCacheOf } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import type { TrafficContext } from '../context';
import { crashOutcome, type InjuryLevel } from '../crashOutcome';
import { traffic } from '../index';
import { iranDateOf } from '../iranTime';

let harness: SubgraphHarness<TrafficContext>;

beforeAll(async () => {
  harness = await subgraphHarness(traffic);
});
afterAll(() => harness?.close());

const PROVINCE = regionId('IR-10');
const COUNTIES = countiesOf('IR-10');
const YEAR_1404 = solarYearRange(1404);
const YEAR_1403 = solarYearRange(1403);

interface Person {
  role: string;
  injury: InjuryLevel;
  faultStatus: string;
  ageBand: string | null;
}
interface CrashNode {
  id: string;
  occurredAt: string;
  severity: string;
  fatalities: number;
  injuries: number;
  region: { id: string };
  reportedBy: { id: string };
  persons: Person[];
}
interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const CRASH_FIELDS = 'id occurredAt severity fatalities injuries region { id } reportedBy { id } persons { role injury faultStatus ageBand }';

/** Every page of `crashes` (or `violations`) for the given arguments, following the cursors to the end. */
async function allPages<T>(field: 'crashes' | 'violations', selection: string, args: Record<string, unknown>, first: number) {
  const nodes: T[] = [];
  let totalCount = -1;
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const result: { data?: Record<string, Page<T>> | null; errors?: unknown } = await harness.run(
      `query($regionId: ID, $period: PeriodInput, ${field === 'crashes' ? '$severity: CrashSeverity, ' : ''}$first: Int, $after: String) {
         page: ${field}(regionId: $regionId, period: $period, ${field === 'crashes' ? 'severity: $severity, ' : ''}first: $first, after: $after) {
           totalCount edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { ...args, first, after },
    );
    expect(result.errors).toBeUndefined();
    const page = result.data!.page;
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return { nodes, totalCount, pages: pages + 1 };
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging never ended');
}

async function totalCrashes(args: Record<string, unknown>): Promise<number> {
  const result = await harness.run<{ crashes: { totalCount: number } }>(
    `query($regionId: ID, $period: PeriodInput, $severity: CrashSeverity) { crashes(regionId: $regionId, period: $period, severity: $severity) { totalCount } }`,
    args,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.crashes.totalCount;
}

async function totalViolations(args: Record<string, unknown>): Promise<number> {
  const result = await harness.run<{ violations: { totalCount: number } }>(
    `query($regionId: ID, $period: PeriodInput) { violations(regionId: $regionId, period: $period) { totalCount } }`,
    args,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.violations.totalCount;
}

const target = (metric: string, code: string, period = YEAR_1404, id = `${metric}/${code}`) => ({
  __typename: 'TrafficTarget',
  id,
  metric,
  regionId: regionId(code),
  from: period.from,
  to: period.to,
});

async function actuals(representations: object[]): Promise<(number | null)[]> {
  const result = await harness.run<{ _entities: { actual: number | null }[] }>(
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on TrafficTarget { actual } } }`,
    { representations },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((entity) => entity.actual);
}

/** DateTime comes back as a Date in process (as an ISO string over HTTP): compare instants as ISO strings. */
const instant = (value: string | Date): string => new Date(value).toISOString();

/** Stable order: by occurredAt, then id. */
function inOrder(nodes: { occurredAt: string; id: string }[]): boolean {
  return nodes.every((node, index) => {
    if (index === 0) return true;
    const previous = instant(nodes[index - 1].occurredAt);
    const current = instant(node.occurredAt);
    return previous < current || (previous === current && nodes[index - 1].id < node.id);
  });
}

describe('traffic subgraph', () => {
  it('pages every crash to the end in (occurredAt, id) order, without duplicates, through tied times', async () => {
    const { nodes, totalCount, pages } = await allPages<{ id: string; occurredAt: string }>('crashes', 'id occurredAt', {}, 500);
    expect(pages).toBeGreaterThan(20);
    expect(nodes).toHaveLength(totalCount);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(totalCount);
    expect(inOrder(nodes)).toBe(true);
    // Reports round to five minutes, so many crashes share a time and only the id keeps the order stable.
    const ties = nodes.filter((node, index) => index > 0 && instant(nodes[index - 1].occurredAt) === instant(node.occurredAt)).length;
    expect(ties).toBeGreaterThan(100);
  });

  it('combines region, period and severity filters and pages them to the end', async () => {
    const args = { regionId: regionId('IR-10-05'), period: { solarYear: 1404 }, severity: 'MINOR_INJURY' };
    const { nodes, totalCount } = await allPages<CrashNode>('crashes', CRASH_FIELDS, args, 3);
    expect(totalCount).toBeGreaterThan(5);
    expect(nodes).toHaveLength(totalCount);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(totalCount);
    expect(inOrder(nodes)).toBe(true);
    for (const node of nodes) {
      expect(node.region.id).toBe(regionId('IR-10-05'));
      expect(node.severity).toBe('MINOR_INJURY');
      expect(node.reportedBy.id).toBe(agencyId('POLICE-IR-10-05'));
      const day = iranDateOf(new Date(node.occurredAt));
      expect(day >= YEAR_1404.from && day <= YEAR_1404.to).toBe(true);
    }
  });

  it('counts a province as the sum of its counties, and the country as its province', async () => {
    const aliases = COUNTIES.map((county, index) => `c${index}: crashes(regionId: "${county.id}") { totalCount }`).join(' ');
    const result = await harness.run<Record<string, { totalCount: number }>>(`{ ${aliases} }`);
    expect(result.errors).toBeUndefined();
    const counties = Object.values(result.data!).map((connection) => connection.totalCount);
    expect(counties.every((count) => count > 0)).toBe(true);
    const province = await totalCrashes({ regionId: PROVINCE });
    expect(counties.reduce((sum, count) => sum + count, 0)).toBe(province);
    expect(await totalCrashes({ regionId: regionId('IR') })).toBe(province);
    expect(await totalCrashes({})).toBe(province);
    expect(await totalCrashes({ regionId: 'no-such-region' })).toBe(0);
  });

  it('filters by period, in either form, and by severity', async () => {
    const all = await totalCrashes({});
    const year1403 = await totalCrashes({ period: { solarYear: 1403 } });
    const year1404 = await totalCrashes({ period: { solarYear: 1404 } });
    expect(year1403).toBeGreaterThan(5000);
    expect(year1404).toBeGreaterThan(5000);
    expect(year1403 + year1404).toBe(all);
    expect(await totalCrashes({ period: YEAR_1404 })).toBe(year1404);
    expect(await totalCrashes({ period: { from: '2030-01-01', to: '2030-12-31' } })).toBe(0);

    const bySeverity = await Promise.all(
      ['FATAL', 'SERIOUS_INJURY', 'MINOR_INJURY', 'POSSIBLE_INJURY', 'PROPERTY_DAMAGE_ONLY'].map((severity) => totalCrashes({ severity })),
    );
    expect(bySeverity.every((count) => count > 0)).toBe(true);
    expect(bySeverity.reduce((sum, count) => sum + count, 0)).toBe(all);

    const nowruz = await harness.run<{ crashes: Page<CrashNode> }>(
      `{ crashes(period: { from: "2025-03-21", to: "2025-04-02" }, severity: FATAL, first: 500) { totalCount edges { node { ${CRASH_FIELDS} } } } }`,
    );
    expect(nowruz.errors).toBeUndefined();
    expect(nowruz.data!.crashes.edges.length).toBe(nowruz.data!.crashes.totalCount);
    for (const { node } of nowruz.data!.crashes.edges) {
      expect(node.severity).toBe('FATAL');
      const day = iranDateOf(new Date(node.occurredAt));
      expect(day >= '2025-03-21' && day <= '2025-04-02').toBe(true);
    }
  });

  it('refuses bad periods, a bad page size and forged cursors with BAD_USER_INPUT naming the argument', async () => {
    const forged = Buffer.from('sg1:not-a-time|x', 'utf8').toString('base64url');
    const cases: [string, string][] = [
      ['{ crashes(period: {}) { totalCount } }', 'period'],
      ['{ crashes(period: { solarYear: 1404, from: "2025-03-21", to: "2025-04-01" }) { totalCount } }', 'period'],
      ['{ crashes(period: { from: "2025-03-21" }) { totalCount } }', 'period'],
      ['{ crashes(period: { from: "2025-05-01", to: "2025-04-01" }) { totalCount } }', 'period.from'],
      ['{ crashes(period: { from: "2010-01-01", to: "2024-01-01" }) { totalCount } }', 'period'],
      ['{ crashes(period: { solarYear: 9999 }) { totalCount } }', 'period.solarYear'],
      ['{ violations(period: {}) { totalCount } }', 'period'],
      ['{ crashes(first: -1) { totalCount } }', 'first'],
      ['{ crashes(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
      [`{ crashes(after: "${forged}") { totalCount } }`, 'after'],
      [`{ violations(after: "${forged}") { totalCount } }`, 'after'],
    ];
    for (const [query, argumentName] of cases) {
      const result = await harness.run(query);
      expect({ query, extensions: result.errors?.[0].extensions }).toEqual({ query, extensions: { code: 'BAD_USER_INPUT', argumentName } });
    }
  });

  it('finds a crash by id with its persons, and null for an unknown id', async () => {
    const first = await harness.run<{ crashes: Page<{ id: string }> }>(`{ crashes(severity: FATAL, first: 1) { edges { node { id } } } }`);
    const id = first.data!.crashes.edges[0].node.id;
    const result = await harness.run<{ crash: CrashNode | null; missing: CrashNode | null }>(
      `query($id: ID!) { crash(id: $id) { ${CRASH_FIELDS} } missing: crash(id: "no-such-crash") { id } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    const crash = result.data!.crash!;
    expect(crash).toMatchObject({ id, severity: 'FATAL' });
    expect(crash.fatalities).toBeGreaterThanOrEqual(1);
    expect(crash.persons.some((person) => person.role === 'DRIVER')).toBe(true);
    expect(crashOutcome(crash.persons)).toEqual({ severity: crash.severity, fatalities: crash.fatalities, injuries: crash.injuries });
    expect(result.data!.missing).toBeNull();
  });

  it('derives severity, fatalities and injuries from the persons, row by row, and reproduces the 1404 figures from the rows', async () => {
    const { nodes } = await allPages<CrashNode>('crashes', CRASH_FIELDS, { regionId: PROVINCE, period: { solarYear: 1404 }, severity: 'FATAL' }, 500);
    const sample = await allPages<CrashNode>('crashes', CRASH_FIELDS, { regionId: regionId('IR-10-12'), period: { solarYear: 1403 } }, 500);
    for (const crash of [...nodes, ...sample.nodes]) {
      expect(crashOutcome(crash.persons)).toEqual({ severity: crash.severity, fatalities: crash.fatalities, injuries: crash.injuries });
      expect(crash.persons.some((person) => person.role === 'DRIVER')).toBe(true);
    }
    const killed = nodes.flatMap((crash) => crash.persons.filter((person) => person.injury === 'K'));
    expect(killed).toHaveLength(600);
    expect(killed.filter((person) => person.faultStatus === 'NOT_AT_FAULT')).toHaveLength(300);
    expect(new Set(killed.map((person) => person.role))).toEqual(new Set(['PEDESTRIAN', 'PASSENGER', 'DRIVER', 'MOTORCYCLIST', 'CYCLIST']));
    const singleDeath = nodes.filter((crash) => crash.fatalities === 1).length / nodes.length;
    expect(singleDeath).toBeGreaterThan(0.85);
    expect(singleDeath).toBeLessThan(0.91);
    expect(Math.max(...nodes.map((crash) => crash.fatalities))).toBe(3);
    expect(sample.nodes.map((crash) => crash.severity)).toContain('PROPERTY_DAMAGE_ONLY');
  });

  it('measures the plan figures for IR-10 exactly: 600 road deaths in 1404, 300 not at fault; 640 and 325 in 1403', async () => {
    expect(
      await actuals([
        target('ROAD_DEATHS', 'IR-10'),
        target('ROAD_DEATHS_NOT_AT_FAULT', 'IR-10'),
        target('ROAD_DEATHS', 'IR-10', YEAR_1403),
        target('ROAD_DEATHS_NOT_AT_FAULT', 'IR-10', YEAR_1403),
        target('ROAD_DEATHS', 'IR'),
      ]),
    ).toEqual([600, 300, 640, 325, 600]);

    const [fatalCrashes, injuries, violations] = await actuals([
      target('FATAL_CRASHES', 'IR-10'),
      target('ROAD_INJURIES', 'IR-10'),
      target('TRAFFIC_VIOLATIONS', 'IR-10'),
    ]);
    expect(fatalCrashes).toBe(await totalCrashes({ regionId: PROVINCE, period: { solarYear: 1404 }, severity: 'FATAL' }));
    expect(fatalCrashes).toBeGreaterThan(500);
    expect(injuries).toBeGreaterThan(4000);
    expect(violations).toBe(await totalViolations({ regionId: PROVINCE, period: { solarYear: 1404 } }));
    expect(violations).toBe(12300);
  });

  it('weighs deaths towards the small transit counties on the interurban roads', async () => {
    const [isfahanDeaths, khurDeaths] = await actuals([target('ROAD_DEATHS', 'IR-10-01'), target('ROAD_DEATHS', 'IR-10-15')]);
    const population = (code: string) => COUNTIES.find((county) => county.code === code)!.population!;
    expect(khurDeaths! / population('IR-10-15')).toBeGreaterThan((3 * isfahanDeaths!) / population('IR-10-01'));
  });

  it('gives null for a metric traffic does not measure and zero for a period without records', async () => {
    expect(
      await actuals([
        target('PEOPLE_REACHED', 'IR-10'),
        target('ROAD_DEATHS', 'IR-10', { from: '2030-01-01', to: '2030-12-31' }),
        target('ROAD_DEATHS', 'IR-10', { from: 'someday', to: '2030-12-31' }),
      ]),
    ).toEqual([null, 0, null]);
  });

  it('resolves every entity through _entities, null for unknown ids', async () => {
    const crash = await harness.run<{ crashes: Page<{ id: string }>; violations: Page<{ id: string }>; trafficCampaigns: { id: string }[] }>(
      `{ crashes(first: 1) { edges { node { id } } } violations(first: 1) { edges { node { id } } } trafficCampaigns { id } }`,
    );
    const crashId = crash.data!.crashes.edges[0].node.id;
    const violationId = crash.data!.violations.edges[0].node.id;
    const campaignId = crash.data!.trafficCampaigns[0].id;
    const trafficAgreement = stableId('agreement', 'MOU-IR-10-TRAFFIC-1403');
    const familyAgreement = stableId('agreement', 'MOU-IR-10-FAMILY-1403');
    const result = await harness.run<{ _entities: (Record<string, unknown> | null)[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Crash { id severity region { id } reportedBy { id } persons { role injury } }
         ... on Violation { id type region { id } recordedBy { id } }
         ... on TrafficCampaign { id title titleFa agreement { id } region { id } startsOn endsOn channel }
         ... on Agreement { id trafficCampaigns { id } }
         ... on TrafficTarget { id actual } } }`,
      {
        representations: [
          { __typename: 'Crash', id: crashId },
          { __typename: 'Violation', id: violationId },
          { __typename: 'TrafficCampaign', id: campaignId },
          { __typename: 'Agreement', id: trafficAgreement },
          target('ROAD_DEATHS', 'IR-10'),
          { __typename: 'Crash', id: 'no-such-crash' },
          { __typename: 'Violation', id: 'no-such-violation' },
          { __typename: 'TrafficCampaign', id: 'no-such-campaign' },
          { __typename: 'Agreement', id: familyAgreement },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const [crashEntity, violation, campaign, agreement, targetEntity, ...rest] = result.data!._entities;
    expect(crashEntity).toMatchObject({ id: crashId, region: { id: expect.any(String) }, reportedBy: { id: expect.any(String) } });
    expect((crashEntity!.persons as unknown[]).length).toBeGreaterThan(0);
    expect(violation).toMatchObject({ id: violationId, type: expect.any(String), recordedBy: { id: expect.any(String) } });
    expect(campaign).toMatchObject({ id: campaignId, titleFa: expect.stringMatching(/[\u0600-\u06FF]/), agreement: { id: expect.any(String) } });
    expect((campaign!.startsOn as string) <= (campaign!.endsOn as string)).toBe(true);
    expect(agreement!.id).toBe(trafficAgreement);
    expect((agreement!.trafficCampaigns as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect(targetEntity).toEqual({ id: 'ROAD_DEATHS/IR-10', actual: 600 });
    expect(rest).toEqual([null, null, null, { id: familyAgreement, trafficCampaigns: [] }]);
  });

  it('runs two to four campaigns under each TRAFFIC demo MOU, a province including its counties', async () => {
    const result = await harness.run<{
      all: { id: string; agreement: { id: string }; region: { id: string } }[];
      province: { id: string }[];
      kashan: { id: string; region: { id: string } }[];
    }>(
      `query($province: ID, $kashan: ID) {
         all: trafficCampaigns { id agreement { id } region { id } }
         province: trafficCampaigns(regionId: $province) { id }
         kashan: trafficCampaigns(regionId: $kashan) { id region { id } } }`,
      { province: PROVINCE, kashan: regionId('IR-10-12') },
    );
    expect(result.errors).toBeUndefined();
    const { all, province, kashan } = result.data!;
    for (const agreement of DEMO_AGREEMENTS) {
      const count = all.filter((campaign) => campaign.agreement.id === stableId('agreement', agreement.code)).length;
      if (agreement.domains.includes('TRAFFIC')) {
        expect(count).toBeGreaterThanOrEqual(2);
        expect(count).toBeLessThanOrEqual(4);
      } else {
        expect(count).toBe(0);
      }
    }
    // Isfahan's campaigns are those of its own MOUs: every other one belongs to a national or another province's MOU.
    const isfahanAgreements = new Set(
      DEMO_AGREEMENTS.filter((agreement) => agreement.regionCode.startsWith('IR-10')).map((agreement) => stableId('agreement', agreement.code)),
    );
    const isfahans = all.filter((campaign) => isfahanAgreements.has(campaign.agreement.id));
    expect(isfahans.length).toBeGreaterThan(0);
    expect(isfahans.length).toBeLessThan(all.length);
    expect(kashan.length).toBeGreaterThanOrEqual(2);
    expect(kashan.every((campaign) => campaign.region.id === regionId('IR-10-12'))).toBe(true);
    expect(new Set(province.map((campaign) => campaign.id))).toEqual(new Set(isfahans.map((campaign) => campaign.id)));
  });

  it('pages violations of a county and year to the end; the province counts the sum of its counties', async () => {
    const args = { regionId: regionId('IR-10-15'), period: { solarYear: 1404 } };
    const { nodes, totalCount } = await allPages<{ id: string; occurredAt: string; type: string; region: { id: string }; recordedBy: { id: string } }>(
      'violations',
      'id occurredAt type region { id } recordedBy { id }',
      args,
      40,
    );
    expect(totalCount).toBeGreaterThan(40);
    expect(nodes).toHaveLength(totalCount);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(totalCount);
    expect(inOrder(nodes)).toBe(true);
    expect(nodes.every((node) => node.region.id === regionId('IR-10-15') && node.recordedBy.id === agencyId('POLICE-IR-10-15'))).toBe(true);
    expect(nodes.map((node) => node.type)).toContain('SPEEDING');

    const aliases = COUNTIES.map((county, index) => `c${index}: violations(regionId: "${county.id}", period: { solarYear: 1404 }) { totalCount }`).join(' ');
    const counties = await harness.run<Record<string, { totalCount: number }>>(`{ ${aliases} }`);
    const sum = Object.values(counties.data!).reduce((total, connection) => total + connection.totalCount, 0);
    expect(sum).toBe(await totalViolations({ regionId: PROVINCE, period: { solarYear: 1404 } }));
    expect(sum).toBe(12300);
  });

  it('answers the actuals of 3 or all 28 counties with the same number of SQL statements', async () => {
    const count = async (codes: string[]) => {
      statCacheOf(harness.store.dataSource).clear();
      harness.store.statements.reset();
      const values = await actuals(codes.flatMap((code) => [target('ROAD_DEATHS', code), target('ROAD_DEATHS_NOT_AT_FAULT', code)]));
      return { statements: harness.store.statements.reset(), values };
    };
    const few = await count(COUNTIES.slice(0, 3).map((county) => county.code));
    const many = await count(COUNTIES.map((county) => county.code));
    // The measures' versions and one grouped query over the rollup.
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(few.statements);
    const deaths = many.values.filter((_, index) => index % 2 === 0) as number[];
    const notAtFault = many.values.filter((_, index) => index % 2 === 1) as number[];
    expect(deaths.reduce((sum, value) => sum + value, 0)).toBe(600);
    expect(notAtFault.reduce((sum, value) => sum + value, 0)).toBe(300);
  });

  it('answers 5 or 100 crash references (with persons) and 1 or 6 agreements with the same number of SQL statements', async () => {
    const listed = await harness.run<{ crashes: Page<{ id: string }> }>(`{ crashes(first: 100) { edges { node { id } } } }`);
    const crashIds = listed.data!.crashes.edges.map((edge) => edge.node.id);
    const agreementIds = DEMO_AGREEMENTS.map((agreement) => stableId('agreement', agreement.code));
    const count = async (crashes: number, agreements: number) => {
      harness.store.statements.reset();
      const result = await harness.run(
        `query($r: [_Any!]!) { _entities(representations: $r) {
           ... on Crash { id severity persons { role } } ... on Agreement { trafficCampaigns { id title } } } }`,
        {
          r: [
            ...crashIds.slice(0, crashes).map((id) => ({ __typename: 'Crash', id })),
            ...agreementIds.slice(0, agreements).map((id) => ({ __typename: 'Agreement', id })),
          ],
        },
      );
      expect(result.errors).toBeUndefined();
      return harness.store.statements.reset();
    };
    const few = await count(5, 1);
    expect(few).toBeGreaterThan(0);
    expect(await count(100, agreementIds.length)).toBe(few);
  });

  it('shows records to traffic:read and target actuals to reports:read', async () => {
    const actualQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on TrafficTarget { actual } } }`;
    const representations = { r: [target('ROAD_DEATHS', 'IR-10')] };

    const reporter = callerOf('WELFARE-IR-10', ['reports:read']);
    const reported = await harness.runAs<{ _entities: { actual: number }[] }>(reporter, actualQuery, representations);
    expect(reported.errors).toBeUndefined();
    expect(reported.data?._entities).toEqual([{ actual: 600 }]);
    const hidden = await harness.runAs(reporter, `{ crashes { totalCount } }`);
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const reader = callerOf('ROADS-IR-10', ['traffic:read']);
    const listed = await harness.runAs<{ crashes: { totalCount: number } }>(reader, `{ crashes { totalCount } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.crashes.totalCount).toBeGreaterThan(0);
    const withoutReports = await harness.runAs(reader, actualQuery, representations);
    expect(withoutReports.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('seeds idempotently: a second run adds nothing', async () => {
    const before = [
      await totalCrashes({}),
      await totalViolations({}),
      (await harness.run<{ trafficCampaigns: unknown[] }>('{ trafficCampaigns { id } }')).data!.trafficCampaigns.length,
    ];
    const report = await traffic.seed(harness.store, { scale: 1 });
    const after = [
      await totalCrashes({}),
      await totalViolations({}),
      (await harness.run<{ trafficCampaigns: unknown[] }>('{ trafficCampaigns { id } }')).data!.trafficCampaigns.length,
    ];
    expect(after).toEqual(before);
    expect([report.crash, report.violation, report.traffic_campaign]).toEqual(before);
    expect(await actuals([target('ROAD_DEATHS', 'IR-10')])).toEqual([600]);
    expect(await traffic.isEmpty(harness.store)).toBe(false);
  });

  it('has migrations that match its entities exactly', async () => {
    const pending = await harness.store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
