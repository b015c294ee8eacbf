import { referenceRegions, type SubgraphName } from '@safety-graph/shared';

/** One GraphQL request as sent over HTTP. */
export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** A target's representation as the gateways pass it to the domain subgraph computing its actual. */
export interface TargetRepresentation {
  __typename: 'TrafficTarget' | 'PreventionTarget' | 'FamilyTarget';
  id: string;
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

/**
 * The regions a report asks for, as `regions` arguments: Isfahan's counties
 * (the province whose records every seed has), the 31 provinces, the 478
 * counties of the country.
 */
export const REGION_SETS = {
  // By codes, as the 3-county request of the SQL ratio check asks (`parentCode` costs agencies one statement more).
  isfahanCounties: {
    codes: referenceRegions()
      .filter((region) => region.parentCode === 'IR-10')
      .map((region) => region.code),
  },
  provinces: { kind: 'PROVINCE' },
  counties: { kind: 'COUNTY' },
} as const;
export type RegionSet = keyof typeof REGION_SETS;
const regionsArguments = (set: RegionSet) =>
  Object.entries(REGION_SETS[set])
    .map(([name, value]) => `${name}: ${name === 'kind' ? value : JSON.stringify(value)}`)
    .join(', ');

/** What direct requests need to know of the seeded data, read from the subgraphs as the gateways' plans would. */
export interface SeededIds {
  regionIds: Record<RegionSet, string[]>;
  activeTargets: TargetRepresentation[];
}

/** Read straight from agencies and agreements at the start of a run (`regionId` is @inaccessible only in the supergraph). */
export const SEEDED_IDS_QUERIES = {
  regions: (set: RegionSet) => `{ regions(${regionsArguments(set)}) { id } }`,
  activeTargets: `{ agreements(status: ACTIVE) { edges { node { targets { __typename id metric from to
    ... on TrafficTarget { regionId } ... on PreventionTarget { regionId } ... on FamilyTarget { regionId } } } } } }`,
};

/** A subgraph call the gateways' plan makes for a scenario, sent straight to the subgraph (signed). */
export interface DirectPart {
  subgraph: SubgraphName;
  request(ids: SeededIds): GraphQLRequest;
}

export interface Scenario {
  key: string;
  name: string;
  request: GraphQLRequest;
  /** Its subgraph calls, each measured on its own; the slowest bounds what a gateway can do. */
  direct: DirectPart[];
  /** A report scenario: growing data must not slow it (the scale check). */
  report: boolean;
  /** Measured on the national data (`--national` runs it by default, scale runs do not). */
  national: boolean;
}

const PERIOD = { solarYear: 1404 };
const TRAFFIC_STATS = 'fatalities fatalitiesNotAtFault injuries';
const PREVENTION_STATS = 'peopleReached exhibitionVisits referralsToTreatment suppressed';
const FAMILY_STATS = 'freeCounselingSessions casesOpened suppressed';
const STATS = `trafficStats(period: $period) { ${TRAFFIC_STATS} }
  preventionStats(period: $period) { ${PREVENTION_STATS} }
  familyStats(period: $period) { ${FAMILY_STATS} }`;

/** The joint report; with three counties instead of 28, or 478 instead of 31 provinces, it proves SQL does not grow with the answer. */
export const JOINT_REPORT = `query JointReport($period: PeriodInput!, $codes: [String!], $kind: RegionKind) {
  regions(codes: $codes, kind: $kind) { code ${STATS} }
}`;
export const MOU_PAGE = `query MouPage($first: Int) {
  agreements(first: $first) { edges { node { code leadAgency { name region { name } } parties { role agency { name region { name } } } } } }
}`;
const SERIES = `query MonthlySeries($period: PeriodInput!, $codes: [String!]) {
  regions(codes: $codes) {
    code
    trafficSeries(period: $period, granularity: SOLAR_MONTH) { label stats { ${TRAFFIC_STATS} } }
    preventionSeries(period: $period, granularity: SOLAR_MONTH) { label stats { ${PREVENTION_STATS} } }
    familySeries(period: $period, granularity: SOLAR_MONTH) { label stats { ${FAMILY_STATS} } }
  }
}`;
const SCORECARDS = `query Scorecards {
  agreements(status: ACTIVE) { edges { node { code targets { metric region { code } baseline target actual attainment } } } }
}`;
const AGENCIES_PAGE = `query AgenciesPage($first: Int) {
  agencies(first: $first) { totalCount edges { node { id code name nameFa kind } } }
}`;

/** `_entities` over a set of regions, the call the gateways send a domain subgraph for a regions report. */
function regionEntities(subgraph: SubgraphName, selection: string, regions: RegionSet): DirectPart {
  return {
    subgraph,
    request: ({ regionIds }) => ({
      query: `query($representations: [_Any!]!, $period: PeriodInput!) { _entities(representations: $representations) { ... on Region { ${selection} } } }`,
      variables: { representations: regionIds[regions].map((id) => ({ __typename: 'Region', id })), period: PERIOD },
    }),
  };
}

/** `_entities` over the active MOUs' targets of one domain: the call that computes their `actual`. */
function targetActuals(subgraph: SubgraphName, typename: TargetRepresentation['__typename']): DirectPart {
  return {
    subgraph,
    request: ({ activeTargets }) => ({
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { actual } } }`,
      variables: { representations: activeTargets.filter((target) => target.__typename === typename) },
    }),
  };
}

/** The agencies call listing a set of regions, the first step of a regions report's plan. */
const regionList = (regions: RegionSet): DirectPart => ({
  subgraph: 'agencies',
  request: () => ({ query: `{ regions(${regionsArguments(regions)}) { __typename id code } }` }),
});

/** The joint report's subgraph calls over a set of regions. */
function jointReportParts(regions: RegionSet): DirectPart[] {
  return [
    regionList(regions),
    regionEntities('traffic', `trafficStats(period: $period) { ${TRAFFIC_STATS} }`, regions),
    regionEntities('addiction', `preventionStats(period: $period) { ${PREVENTION_STATS} }`, regions),
    regionEntities('divorce', `familyStats(period: $period) { ${FAMILY_STATS} }`, regions),
  ];
}

export const SCENARIOS: Scenario[] = [
  {
    key: 'page',
    name: 'agencies page of 50 (one subgraph)',
    request: { query: AGENCIES_PAGE, variables: { first: 50 } },
    direct: [{ subgraph: 'agencies', request: () => ({ query: AGENCIES_PAGE, variables: { first: 50 } }) }],
    report: false,
    national: false,
  },
  {
    key: 'mous',
    name: "MOU page of 50, parties' agencies and regions",
    request: { query: MOU_PAGE, variables: { first: 50 } },
    direct: [
      {
        subgraph: 'agreements',
        request: () => ({
          query: '{ agreements(first: 50) { edges { node { code leadAgency { __typename id } parties { role agency { __typename id } } } } } }',
        }),
      },
    ],
    report: false,
    national: false,
  },
  {
    key: 'joint',
    name: "joint report, Isfahan's 28 counties × 3 domains, 1404",
    request: { query: JOINT_REPORT, variables: { period: PERIOD, ...REGION_SETS.isfahanCounties } },
    direct: jointReportParts('isfahanCounties'),
    report: true,
    national: false,
  },
  {
    key: 'series',
    name: "monthly series, Isfahan's 28 counties × 12 months × 3 domains",
    request: { query: SERIES, variables: { period: PERIOD, ...REGION_SETS.isfahanCounties } },
    direct: [
      regionList('isfahanCounties'),
      regionEntities('traffic', `trafficSeries(period: $period, granularity: SOLAR_MONTH) { label stats { ${TRAFFIC_STATS} } }`, 'isfahanCounties'),
      regionEntities('addiction', `preventionSeries(period: $period, granularity: SOLAR_MONTH) { label stats { ${PREVENTION_STATS} } }`, 'isfahanCounties'),
      regionEntities('divorce', `familySeries(period: $period, granularity: SOLAR_MONTH) { label stats { ${FAMILY_STATS} } }`, 'isfahanCounties'),
    ],
    report: true,
    national: false,
  },
  {
    key: 'scorecards',
    name: 'MOU scorecards (targets, actual, attainment)',
    request: { query: SCORECARDS },
    direct: [
      {
        subgraph: 'agreements',
        request: () => ({
          query: '{ agreements(status: ACTIVE) { edges { node { code targets { __typename id metric baseline target region { __typename id } } } } } }',
        }),
      },
      targetActuals('traffic', 'TrafficTarget'),
      targetActuals('addiction', 'PreventionTarget'),
      targetActuals('divorce', 'FamilyTarget'),
    ],
    report: true,
    national: false,
  },
  {
    key: 'provinces',
    name: 'joint report, 31 provinces × 3 domains, 1404, national data',
    request: { query: JOINT_REPORT, variables: { period: PERIOD, ...REGION_SETS.provinces } },
    direct: jointReportParts('provinces'),
    report: true,
    national: true,
  },
  {
    key: 'counties',
    name: 'joint report, 478 counties × 3 domains, 1404, national data',
    request: { query: JOINT_REPORT, variables: { period: PERIOD, ...REGION_SETS.counties } },
    direct: jointReportParts('counties'),
    report: true,
    national: true,
  },
];

/** The SQL ratio checks: a bigger answer must cost the same statements as a small one (through the safety-graph gateway). */
export const SQL_RATIOS = [
  {
    name: "SQL, joint report Isfahan's 28 counties ÷ 3 counties",
    small: { query: JOINT_REPORT, variables: { period: PERIOD, codes: ['IR-10-01', 'IR-10-12', 'IR-10-19'] } },
    large: { query: JOINT_REPORT, variables: { period: PERIOD, ...REGION_SETS.isfahanCounties } },
  },
  {
    name: 'SQL, joint report 478 counties ÷ 31 provinces',
    small: { query: JOINT_REPORT, variables: { period: PERIOD, ...REGION_SETS.provinces } },
    large: { query: JOINT_REPORT, variables: { period: PERIOD, ...REGION_SETS.counties } },
  },
  {
    name: 'SQL, 200 MOUs with parties ÷ 10 MOUs',
    small: { query: MOU_PAGE, variables: { first: 10 } },
    large: { query: MOU_PAGE, variables: { first: 200 } },
  },
];
