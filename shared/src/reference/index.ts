import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stableId } from '../ids';

export * from './agreements';

/**
 * The real regions and agencies of the demo (shared/data/*.csv, copied from the
 * plan's reference data). Every subgraph's seed derives the same ids from them.
 */
export interface ReferenceRegion {
  id: string;
  code: string;
  kind: 'COUNTRY' | 'PROVINCE' | 'COUNTY';
  parentCode: string | null;
  name: string;
  nameFa: string;
  population: number | null;
}

export interface ReferenceAgency {
  id: string;
  code: string;
  kind: string;
  regionCode: string;
  parentCode: string | null;
  name: string;
  nameFa: string;
}

const DATA_DIR = join(__dirname, '..', '..', 'data');

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

export const regionId = (code: string): string => stableId('region', code);
export const agencyId = (code: string): string => stableId('agency', code);

let regionsCache: ReferenceRegion[] | undefined;
let agenciesCache: ReferenceAgency[] | undefined;

export function referenceRegions(): ReferenceRegion[] {
  regionsCache ??= readCsv('regions.csv').map((row) => ({
    id: regionId(row.code),
    code: row.code,
    kind: row.kind as ReferenceRegion['kind'],
    parentCode: row.parent_code || null,
    name: row.name,
    nameFa: row.name_fa,
    population: row.population ? Number(row.population) : null,
  }));
  return regionsCache;
}

export function countiesOf(provinceCode: string): ReferenceRegion[] {
  return referenceRegions().filter((region) => region.kind === 'COUNTY' && region.parentCode === provinceCode);
}

/**
 * County-level units of the province agencies: each county has a police
 * station (with a family counselling unit), a health network and a welfare
 * office, coded `<KIND>-<county code>`.
 */
const COUNTY_UNITS = [
  { kind: 'POLICE', parent: 'POLICE-IR-10', name: (county: string) => `${county} County Police`, nameFa: (county: string) => `فرماندهی انتظامی شهرستان ${county}` },
  { kind: 'HEALTH', parent: 'HEALTH-IR-10', name: (county: string) => `${county} Health Network`, nameFa: (county: string) => `شبکه بهداشت و درمان شهرستان ${county}` },
  { kind: 'WELFARE', parent: 'WELFARE-IR-10', name: (county: string) => `${county} Welfare Office`, nameFa: (county: string) => `اداره بهزیستی شهرستان ${county}` },
] as const;

export function countyUnitCode(kind: 'POLICE' | 'HEALTH' | 'WELFARE', countyCode: string): string {
  return `${kind}-${countyCode}`;
}

export function referenceAgencies(): ReferenceAgency[] {
  if (agenciesCache) return agenciesCache;
  const province = readCsv('agencies.csv').map((row) => ({
    id: agencyId(row.code),
    code: row.code,
    kind: row.kind,
    regionCode: row.region_code,
    parentCode: row.parent_code || null,
    name: row.name,
    nameFa: row.name_fa,
  }));
  const counties = countiesOf('IR-10').flatMap((county) =>
    COUNTY_UNITS.map((unit) => {
      const code = countyUnitCode(unit.kind, county.code);
      return {
        id: agencyId(code),
        code,
        kind: unit.kind,
        regionCode: county.code,
        parentCode: unit.parent,
        name: unit.name(county.name),
        nameFa: unit.nameFa(county.nameFa),
      };
    }),
  );
  agenciesCache = [...province, ...counties];
  return agenciesCache;
}

/**
 * Every (ancestor, region) pair of the hierarchy, each region its own ancestor
 * too: a province's statistics are the sum over the regions under it.
 */
export function regionClosure(): { scopeRegionId: string; regionId: string }[] {
  const byCode = new Map(referenceRegions().map((region) => [region.code, region]));
  const pairs: { scopeRegionId: string; regionId: string }[] = [];
  for (const region of referenceRegions()) {
    for (let ancestor: ReferenceRegion | undefined = region; ancestor; ancestor = ancestor.parentCode ? byCode.get(ancestor.parentCode) : undefined) {
      pairs.push({ scopeRegionId: ancestor.id, regionId: region.id });
    }
  }
  return pairs;
}
