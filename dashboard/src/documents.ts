/**
 * The dashboard's operations, typed by hand against the published API
 * (gateway/supergraph.graphql without federation internals). Each section is
 * one aliased root field; see graphql.ts. When `@safety-graph/client` lands,
 * these types are replaced by its generated ones.
 */
import type { SectionedDocument } from './graphql';

export interface PeriodInput {
  from?: string;
  to?: string;
  solarYear?: number;
}

export interface NamedRegion {
  code: string;
  name: string;
  nameFa: string;
}

export interface TrafficStats {
  crashes: number;
  fatalities: number;
  fatalitiesNotAtFault: number;
  injuries: number;
  violations: number;
}

export interface PreventionStats {
  programs: number;
  sessions: number;
  peopleReached: number;
  exhibitionVisits: number;
  treatmentAdmissions: number | null;
  suppressed: string[];
}

export interface FamilyStats {
  counselingSessions: number;
  freeCounselingSessions: number;
  casesOpened: number | null;
  reconciliations: number | null;
  suppressed: string[];
}

const TRAFFIC = 'crashes fatalities fatalitiesNotAtFault injuries violations';
const PREVENTION = 'programs sessions peopleReached exhibitionVisits treatmentAdmissions suppressed';
const FAMILY = 'counselingSessions freeCounselingSessions casesOpened reconciliations suppressed';

export interface OverviewSections {
  place: (NamedRegion & { kind: string; parent: (NamedRegion & { children: NamedRegion[] }) | null; children: NamedRegion[] }) | null;
  traffic: {
    now: TrafficStats;
    before: TrafficStats;
    months: { label: string; start: string; end: string; stats: TrafficStats }[];
  } | null;
  prevention: { now: PreventionStats; before: PreventionStats } | null;
  family: { now: FamilyStats; before: FamilyStats } | null;
}

/** Province or county overview: this period and the one a year before, in one request. */
export const OverviewDocument: SectionedDocument<OverviewSections> = {
  name: 'DashboardOverview',
  variables: { code: 'String!', period: 'PeriodInput!', previous: 'PeriodInput!' },
  sections: {
    place: 'region(code: $code) { code name nameFa kind parent { code name nameFa children { code name nameFa } } children { code name nameFa } }',
    traffic: `region(code: $code) { now: trafficStats(period: $period) { ${TRAFFIC} } before: trafficStats(period: $previous) { ${TRAFFIC} } months: trafficSeries(period: $period, granularity: SOLAR_MONTH) { label start end stats { ${TRAFFIC} } } }`,
    prevention: `region(code: $code) { now: preventionStats(period: $period) { ${PREVENTION} } before: preventionStats(period: $previous) { ${PREVENTION} } }`,
    family: `region(code: $code) { now: familyStats(period: $period) { ${FAMILY} } before: familyStats(period: $previous) { ${FAMILY} } }`,
  },
};

export interface CountiesSections {
  names: { children: (NamedRegion & { population: number | null })[] } | null;
  traffic: { children: { code: string; trafficStats: TrafficStats }[] } | null;
  prevention: { children: { code: string; preventionStats: PreventionStats }[] } | null;
  family: { children: { code: string; familyStats: FamilyStats }[] } | null;
}

/**
 * Every sub-region of a region with its figures, in one request (no request per
 * region): a province's counties for the counties view and the county map, the
 * country's provinces for the country map.
 */
export const CountiesDocument: SectionedDocument<CountiesSections> = {
  name: 'DashboardCounties',
  variables: { parent: 'String!', period: 'PeriodInput!' },
  sections: {
    names: 'region(code: $parent) { children { code name nameFa population } }',
    traffic: `region(code: $parent) { children { code trafficStats(period: $period) { ${TRAFFIC} } } }`,
    prevention: `region(code: $parent) { children { code preventionStats(period: $period) { ${PREVENTION} } } }`,
    family: `region(code: $parent) { children { code familyStats(period: $period) { ${FAMILY} } } }`,
  },
};

export interface AgencyRef {
  code: string;
  name: string;
  nameFa: string;
}

export interface Scorecard {
  id: string;
  code: string;
  title: string;
  titleFa: string;
  domains: string[];
  startsOn: string;
  endsOn: string;
  region: NamedRegion;
  leadAgency: AgencyRef;
  parties: { role: string; status: string; agency: AgencyRef }[];
  targets: {
    __typename: string;
    id: string;
    metric: string;
    from: string;
    to: string;
    baseline: number;
    target: number;
    direction: 'DECREASE' | 'INCREASE';
    actual: number | null;
    attainment: number | null;
  }[];
}

export interface ScorecardSections {
  agreements: { totalCount: number; edges: { node: Scorecard }[] } | null;
}

/** The active MOUs with their targets, actuals and parties. */
export const ScorecardsDocument: SectionedDocument<ScorecardSections> = {
  name: 'DashboardScorecards',
  variables: {},
  sections: {
    agreements:
      'agreements(status: ACTIVE, first: 100) { totalCount edges { node { id code title titleFa domains startsOn endsOn region { code name nameFa } leadAgency { code name nameFa } parties { role status agency { code name nameFa } } targets { __typename id metric from to baseline target direction actual attainment } } } }',
  },
};

export interface MeSections {
  agency: (AgencyRef & { kind: string; region: NamedRegion & { kind: string; parent: NamedRegion | null } }) | null;
}

/** Who the token speaks for, and where the page starts (the agency's province). */
export const MeDocument: SectionedDocument<MeSections> = {
  name: 'DashboardMe',
  variables: { agency: 'String!' },
  sections: { agency: 'agency(code: $agency) { code name nameFa kind region { code name nameFa kind parent { code name nameFa } } }' },
};
