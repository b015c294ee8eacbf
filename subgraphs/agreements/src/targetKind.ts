import type { MetricDomain } from '@safety-graph/shared';

/**
 * Which implementation of Target (and so which subgraph computes the actual) a
 * metric's domain means: TrafficTarget, PreventionTarget or FamilyTarget.
 */
export const TARGET_KIND_OF_DOMAIN: Record<MetricDomain, string> = { TRAFFIC: 'TRAFFIC', ADDICTION: 'PREVENTION', FAMILY: 'FAMILY' };
