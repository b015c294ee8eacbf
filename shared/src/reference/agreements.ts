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
  // National MOUs between national bodies: their targets are the country's.
  {
    code: 'MOU-IR-TRAFFIC-1404',
    domains: ['TRAFFIC'],
    leadAgencyCode: 'TRAFFIC-POLICE-IR',
    partyAgencyCodes: ['ROADS-IR', 'HEALTH-IR', 'BROADCASTING-IR', 'RED-CRESCENT-IR', 'MUNICIPALITY-IR'],
    regionCode: 'IR',
  },
  {
    code: 'MOU-IR-ADDICTION-1404',
    domains: ['ADDICTION'],
    leadAgencyCode: 'DRUG-CONTROL-IR',
    partyAgencyCodes: ['NARCOTICS-POLICE-IR', 'HEALTH-IR', 'WELFARE-IR', 'EDUCATION-IR', 'BROADCASTING-IR', 'RELIGIOUS-IR'],
    regionCode: 'IR',
  },
  {
    code: 'MOU-IR-FAMILY-1404',
    domains: ['FAMILY'],
    leadAgencyCode: 'WELFARE-IR',
    partyAgencyCodes: ['POLICE-IR', 'JUDICIARY-IR', 'RELIGIOUS-IR'],
    regionCode: 'IR',
  },
  // Other provinces' MOUs, made in the image of Isfahan's.
  {
    code: 'MOU-IR-07-TRAFFIC-1404',
    domains: ['TRAFFIC'],
    leadAgencyCode: 'TRAFFIC-POLICE-IR-07',
    partyAgencyCodes: ['ROADS-IR-07', 'HEALTH-IR-07', 'RED-CRESCENT-IR-07', 'MUNICIPALITY-IR-07-35'],
    regionCode: 'IR-07',
  },
  {
    code: 'MOU-IR-23-TRAFFIC-1404',
    domains: ['TRAFFIC'],
    leadAgencyCode: 'TRAFFIC-POLICE-IR-23',
    partyAgencyCodes: ['MUNICIPALITY-IR-23-15', 'ROADS-IR-23', 'BROADCASTING-IR-23'],
    regionCode: 'IR-23',
  },
  {
    code: 'MOU-IR-09-ADDICTION-1404',
    domains: ['ADDICTION'],
    leadAgencyCode: 'NARCOTICS-POLICE-IR-09',
    partyAgencyCodes: ['DRUG-CONTROL-IR-09', 'HEALTH-IR-09', 'WELFARE-IR-09', 'EDUCATION-IR-09'],
    regionCode: 'IR-09',
  },
  {
    code: 'MOU-IR-06-FAMILY-1404',
    domains: ['FAMILY'],
    leadAgencyCode: 'POLICE-IR-06',
    partyAgencyCodes: ['WELFARE-IR-06', 'JUDICIARY-IR-06', 'RELIGIOUS-IR-06'],
    regionCode: 'IR-06',
  },
];
