import { agencyId, countiesOf, countyUnitCode, estimatedPopulation, regionId, stableId, type ReferenceRegion } from '@safety-graph/shared';
import type { CounselingUnit } from '../entities';

export type HostKind = 'POLICE' | 'WELFARE';

export interface DemoUnit {
  row: CounselingUnit;
  county: ReferenceRegion;
  hostKind: HostKind;
}

/** How many of the most populous counties have a counselling unit at their welfare office too. */
export const WELFARE_UNIT_COUNTIES = 6;

const HOSTS: Record<HostKind, { name: (county: string) => string; nameFa: (county: string) => string }> = {
  POLICE: {
    name: (county) => `${county} Police Family Counselling Unit`,
    nameFa: (county) => `واحد مشاوره خانواده فرماندهی انتظامی شهرستان ${county}`,
  },
  WELFARE: {
    name: (county) => `${county} Welfare Family Counselling Centre`,
    nameFa: (county) => `مرکز مشاوره خانواده بهزیستی شهرستان ${county}`,
  },
};

function unitOf(county: ReferenceRegion, hostKind: HostKind): DemoUnit {
  const hostCode = countyUnitCode(hostKind, county.code);
  return {
    county,
    hostKind,
    row: {
      id: stableId('counseling-unit', hostCode),
      code: `CU-${hostCode}`,
      name: HOSTS[hostKind].name(county.name),
      nameFa: HOSTS[hostKind].nameFa(county.nameFa),
      hostAgencyId: agencyId(hostCode),
      hostKind,
      regionId: regionId(county.code),
    },
  };
}

/** One unit in each county police station of the province, and one at the welfare office of its largest counties. */
export function demoUnits(provinceCode: string): DemoUnit[] {
  const counties = countiesOf(provinceCode);
  const largest = [...counties].sort((a, b) => estimatedPopulation(b) - estimatedPopulation(a) || a.code.localeCompare(b.code)).slice(0, WELFARE_UNIT_COUNTIES);
  return [...counties.map((county) => unitOf(county, 'POLICE')), ...largest.map((county) => unitOf(county, 'WELFARE'))];
}
