/**
 * The MOU target metrics, each computed by the domain subgraph that owns its
 * data (TrafficTarget.actual in traffic, PreventionTarget.actual in addiction,
 * FamilyTarget.actual in divorce). The agreements subgraph only stores them.
 */
export type MetricDomain = 'TRAFFIC' | 'ADDICTION' | 'FAMILY';
/** Whether meeting the target means going below (deaths) or above (people reached) the baseline. */
export type MetricDirection = 'DECREASE' | 'INCREASE';

export interface MetricDefinition {
  code: string;
  domain: MetricDomain;
  direction: MetricDirection;
  description: string;
  /**
   * Counts individuals (referrals, reconciled couples): its actual is published
   * only as the region statistics publish it, through small-count suppression,
   * since anyone who may set a target could otherwise ask for any cell.
   */
  countsIndividuals?: boolean;
}

export const METRICS: readonly MetricDefinition[] = [
  { code: 'ROAD_DEATHS', domain: 'TRAFFIC', direction: 'DECREASE', description: 'People killed in road crashes' },
  { code: 'ROAD_DEATHS_NOT_AT_FAULT', domain: 'TRAFFIC', direction: 'DECREASE', description: 'People killed in road crashes who were not at fault' },
  { code: 'FATAL_CRASHES', domain: 'TRAFFIC', direction: 'DECREASE', description: 'Crashes with at least one death' },
  { code: 'ROAD_INJURIES', domain: 'TRAFFIC', direction: 'DECREASE', description: 'People injured in road crashes' },
  { code: 'TRAFFIC_VIOLATIONS', domain: 'TRAFFIC', direction: 'DECREASE', description: 'Recorded traffic violations' },
  { code: 'PEOPLE_REACHED', domain: 'ADDICTION', direction: 'INCREASE', description: 'People reached by prevention education sessions' },
  { code: 'EXHIBITION_VISITS', domain: 'ADDICTION', direction: 'INCREASE', description: 'Visits to the anti-narcotics exhibition' },
  { code: 'PREVENTION_SESSIONS', domain: 'ADDICTION', direction: 'INCREASE', description: 'Prevention sessions held' },
  { code: 'TREATMENT_ADMISSIONS', domain: 'ADDICTION', direction: 'INCREASE', description: 'Referrals admitted to treatment', countsIndividuals: true },
  { code: 'COUNSELING_SESSIONS', domain: 'FAMILY', direction: 'INCREASE', description: 'Family counselling sessions held' },
  { code: 'FREE_COUNSELING_SESSIONS', domain: 'FAMILY', direction: 'INCREASE', description: 'Free family counselling sessions held' },
  { code: 'RECONCILIATIONS', domain: 'FAMILY', direction: 'INCREASE', description: 'Counselling cases closed in reconciliation', countsIndividuals: true },
];

export function metricsOf(domain: MetricDomain): MetricDefinition[] {
  return METRICS.filter((metric) => metric.domain === domain);
}

export function metric(code: string): MetricDefinition | undefined {
  return METRICS.find((candidate) => candidate.code === code);
}
