/** The SafetyDomain values in the order the API lists an MOU's domains. */
export const SAFETY_DOMAINS = ['TRAFFIC', 'ADDICTION', 'FAMILY', 'LAWLESSNESS', 'CYBER'] as const;
export type SafetyDomain = (typeof SAFETY_DOMAINS)[number];

export const domainOrder = (a: string, b: string): number => SAFETY_DOMAINS.indexOf(a as SafetyDomain) - SAFETY_DOMAINS.indexOf(b as SafetyDomain);
