/**
 * The demo MOUs, named here so that every subgraph's seed can point at the
 * same agreement (by `stableId('agreement', code)`) without asking the
 * agreements subgraph: traffic campaigns and prevention programmes belong to them.
 * The agreements seed adds their titles, parties, commitments and targets.
 */
export interface DemoAgreement {
  code: string;
  domains: ('TRAFFIC' | 'ADDICTION' | 'FAMILY' | 'LAWLESSNESS' | 'CYBER')[];
  leadAgencyCode: string;
  partyAgencyCodes: string[];
  regionCode: string;
}

export const DEMO_AGREEMENTS: readonly DemoAgreement[] = [
  {
    code: 'MOU-IR-10-TRAFFIC-1403',
    domains: ['TRAFFIC'],
    leadAgencyCode: 'TRAFFIC-POLICE-IR-10',
    partyAgencyCodes: ['ROADS-IR-10', 'HEALTH-IR-10', 'BROADCASTING-IR-10', 'RED-CRESCENT-IR-10', 'MUNICIPALITY-IR-10-01'],
    regionCode: 'IR-10',
  },
  {
    code: 'MOU-IR-10-ADDICTION-1403',
    domains: ['ADDICTION'],
    leadAgencyCode: 'NARCOTICS-POLICE-IR-10',
    partyAgencyCodes: ['DRUG-CONTROL-IR-10', 'HEALTH-IR-10', 'WELFARE-IR-10', 'EDUCATION-IR-10', 'RELIGIOUS-IR-10', 'BROADCASTING-IR-10'],
    regionCode: 'IR-10',
  },
  {
    code: 'MOU-IR-10-FAMILY-1403',
    domains: ['FAMILY'],
    leadAgencyCode: 'POLICE-IR-10',
    partyAgencyCodes: ['WELFARE-IR-10', 'JUDICIARY-IR-10', 'RELIGIOUS-IR-10', 'HEALTH-IR-10'],
    regionCode: 'IR-10',
  },
  {
    code: 'MOU-IR-10-SCHOOLS-1404',
    domains: ['TRAFFIC', 'ADDICTION'],
    leadAgencyCode: 'EDUCATION-IR-10',
    partyAgencyCodes: ['TRAFFIC-POLICE-IR-10', 'NARCOTICS-POLICE-IR-10', 'HEALTH-IR-10'],
    regionCode: 'IR-10',
  },
  {
    code: 'MOU-IR-10-12-ROADS-1404',
    domains: ['TRAFFIC'],
    leadAgencyCode: 'POLICE-IR-10-12',
    partyAgencyCodes: ['ROADS-IR-10', 'HEALTH-IR-10-12'],
    regionCode: 'IR-10-12',
  },
  {
    code: 'MOU-IR-10-CYBER-1405',
    domains: ['CYBER'],
    leadAgencyCode: 'POLICE-IR-10',
    partyAgencyCodes: ['EDUCATION-IR-10'],
    regionCode: 'IR-10',
  },
];
