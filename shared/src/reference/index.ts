import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stableId } from '../ids';
import { apportion } from '../random';

export * from './agreements';

/**
 * The real regions and agencies of the demo (shared/data/*.csv, copied from the
 * plan's reference data): Iran, its 31 provinces and their 478 counties, and
 * the agencies of every level. Every subgraph's seed derives the same ids from them.
 */
export interface ReferenceRegion {
  id: string;
  code: string;
  kind: 'COUNTRY' | 'PROVINCE' | 'COUNTY';
  parentCode: string | null;
  name: string;
  nameFa: string;
  /** Residents where a figure is known (the country, every province, Isfahan's counties); null elsewhere. */
  population: number | null;
  /** A province's capital county (its municipality is the province's); null for other regions. */
  capitalCode: string | null;
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

/** The province whose agencies `agencies.csv` lists by name; every other province's are made in its image. */
export const PLAN_PROVINCE = 'IR-10';
export const COUNTRY = 'IR';

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

export const regionId = (code: string): string => stableId('region', code);
export const agencyId = (code: string): string => stableId('agency', code);

let regionsCache: ReferenceRegion[] | undefined;
let regionByCodeCache: Map<string, ReferenceRegion> | undefined;
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
    capitalCode: row.capital_code || null,
  }));
  return regionsCache;
}

let regionByIdCache: Map<string, ReferenceRegion> | undefined;

/** The region of an id (what `requireCounty` checks once per imported row: a map, not a scan of 500 regions). */
export function referenceRegionById(id: string): ReferenceRegion | undefined {
  regionByIdCache ??= new Map(referenceRegions().map((region) => [region.id, region]));
  return regionByIdCache.get(id);
}

export function referenceRegion(code: string): ReferenceRegion | undefined {
  regionByCodeCache ??= new Map(referenceRegions().map((region) => [region.code, region]));
  return regionByCodeCache.get(code);
}

/** The 31 provinces, in code order. */
export function provinces(): ReferenceRegion[] {
  return referenceRegions().filter((region) => region.kind === 'PROVINCE');
}

export function countiesOf(provinceCode: string): ReferenceRegion[] {
  return referenceRegions().filter((region) => region.kind === 'COUNTY' && region.parentCode === provinceCode);
}

/**
 * County-level units of the province agencies: each county has a police
 * station (with a family counselling unit), a health network and a welfare
 * office, coded `<KIND>-<county code>`, under the province's agency of that kind.
 */
const COUNTY_UNITS = [
  { kind: 'POLICE', name: (county: string) => `${county} County Police`, nameFa: (county: string) => `فرماندهی انتظامی شهرستان ${county}` },
  { kind: 'HEALTH', name: (county: string) => `${county} Health Network`, nameFa: (county: string) => `شبکه بهداشت و درمان شهرستان ${county}` },
  { kind: 'WELFARE', name: (county: string) => `${county} Welfare Office`, nameFa: (county: string) => `اداره بهزیستی شهرستان ${county}` },
] as const;

export function countyUnitCode(kind: 'POLICE' | 'HEALTH' | 'WELFARE', countyCode: string): string {
  return `${kind}-${countyCode}`;
}

/** The national body heading a province agency's line (`HEALTH-IR-10` → `HEALTH-IR`), or null. */
function nationalBodyOf(code: string, national: ReadonlySet<string>): string | null {
  const body = code.replace(/-IR-\d\d$/, '-IR');
  return body !== code && national.has(body) ? body : null;
}

function countyUnits(province: ReferenceRegion): ReferenceAgency[] {
  return countiesOf(province.code).flatMap((county) =>
    COUNTY_UNITS.map((unit) => {
      const code = countyUnitCode(unit.kind, county.code);
      return {
        id: agencyId(code),
        code,
        kind: unit.kind,
        regionCode: county.code,
        parentCode: `${unit.kind}-${province.code}`,
        name: unit.name(county.name),
        nameFa: unit.nameFa(county.nameFa),
      };
    }),
  );
}

/** The province's name inside an agency's name: "Fars", "فارس" (without "استان"). */
const provinceNameFa = (province: ReferenceRegion) => province.nameFa.replace(/^استان\s+/, '');

/**
 * Another province's agencies, made from the plan province's (`agencies.csv`):
 * the same kinds coded `<KIND>-<province code>`, named after the province, and
 * the municipality of its capital county.
 */
function provinceAgencies(province: ReferenceRegion, template: readonly ReferenceAgency[], national: ReadonlySet<string>): ReferenceAgency[] {
  const plan = referenceRegion(PLAN_PROVINCE)!;
  const planFa = provinceNameFa(plan);
  const capital = referenceRegion(province.capitalCode ?? '');
  return template.flatMap((agency) => {
    if (agency.regionCode !== PLAN_PROVINCE) {
      // The plan province's capital municipality stands for every province's.
      if (agency.kind !== 'MUNICIPALITY' || !capital) return [];
      const code = `MUNICIPALITY-${capital.code}`;
      return [
        {
          id: agencyId(code),
          code,
          kind: 'MUNICIPALITY',
          regionCode: capital.code,
          parentCode: national.has('MUNICIPALITY-IR') ? 'MUNICIPALITY-IR' : null,
          name: `${capital.name} Municipality`,
          nameFa: `شهرداری ${capital.nameFa}`,
        },
      ];
    }
    const code = agency.code.replace(`-${PLAN_PROVINCE}`, `-${province.code}`);
    const parentCode = agency.parentCode?.endsWith(`-${PLAN_PROVINCE}`)
      ? agency.parentCode.replace(`-${PLAN_PROVINCE}`, `-${province.code}`)
      : (agency.parentCode ?? nationalBodyOf(code, national));
    return [
      {
        id: agencyId(code),
        code,
        kind: agency.kind,
        regionCode: province.code,
        parentCode,
        name: agency.name.replaceAll(plan.name, province.name),
        nameFa: agency.nameFa.replaceAll(planFa, provinceNameFa(province)),
      },
    ];
  });
}

/**
 * Every agency: the plan province's (`agencies.csv`, under the national body
 * of their kind) and its county units first, in the order the demo has always
 * had them, then the national bodies (`national-agencies.csv`, `<KIND>-IR`),
 * then every other province's agencies and county units.
 */
export function referenceAgencies(): ReferenceAgency[] {
  if (agenciesCache) return agenciesCache;
  const fromRow = (row: Record<string, string>): ReferenceAgency => ({
    id: agencyId(row.code),
    code: row.code,
    kind: row.kind,
    regionCode: row.region_code,
    parentCode: row.parent_code || null,
    name: row.name,
    nameFa: row.name_fa,
  });
  const nationalBodies = readCsv('national-agencies.csv').map(fromRow);
  const plan = readCsv('agencies.csv').map(fromRow);
  const national = new Set([...nationalBodies, ...plan].filter((agency) => agency.regionCode === COUNTRY).map((agency) => agency.code));
  const planAgencies = plan.map((agency) => {
    if (agency.parentCode || agency.regionCode === COUNTRY) return agency;
    const parentCode = agency.kind === 'MUNICIPALITY' ? 'MUNICIPALITY-IR' : nationalBodyOf(agency.code, national);
    return { ...agency, parentCode: parentCode && national.has(parentCode) ? parentCode : null };
  });
  const others = provinces()
    .filter((province) => province.code !== PLAN_PROVINCE)
    .flatMap((province) => [...provinceAgencies(province, planAgencies, national), ...countyUnits(province)]);
  agenciesCache = [...planAgencies, ...countyUnits(referenceRegion(PLAN_PROVINCE)!), ...nationalBodies, ...others];
  return agenciesCache;
}

export function referenceAgency(code: string): ReferenceAgency | undefined {
  return referenceAgencies().find((agency) => agency.code === code);
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

/**
 * A region's residents for weighting the demo: its own figure when known,
 * else an equal share of what its province's figure leaves to the counties
 * without one (every county outside Isfahan: the province's population split
 * evenly over its counties).
 */
export function estimatedPopulation(region: ReferenceRegion): number {
  if (region.population !== null) return region.population;
  const parent = region.parentCode ? referenceRegion(region.parentCode) : undefined;
  if (!parent) return 0;
  const siblings = referenceRegions().filter((candidate) => candidate.parentCode === parent.code);
  const known = siblings.reduce((sum, sibling) => sum + (sibling.population ?? 0), 0);
  const unknown = siblings.filter((sibling) => sibling.population === null).length;
  const parentPopulation = estimatedPopulation(parent);
  const left = parentPopulation - known;
  return Math.round(left > 0 ? left / unknown : parentPopulation / siblings.length);
}

/** Road deaths a year in the whole country (the plan's national figure) and in the plan province. */
export const NATIONAL_ROAD_DEATHS = 17_000;
export const PLAN_PROVINCE_ROAD_DEATHS = 600;

/**
 * Each province's road deaths in a demo year like the last full one: 600 in
 * Isfahan (the plan's), and the other 16,400 of the country's 17,000 split
 * over the 30 other provinces, half by population (2016 census) and half by
 * number of counties (a stand-in for territory and interurban road, where
 * most road deaths happen), apportioned exactly.
 */
export function provinceRoadDeaths(): Map<string, number> {
  const others = provinces().filter((province) => province.code !== PLAN_PROVINCE);
  const population = others.reduce((sum, province) => sum + estimatedPopulation(province), 0);
  const counties = others.reduce((sum, province) => sum + countiesOf(province.code).length, 0);
  const weights = others.map((province) => 0.5 * (estimatedPopulation(province) / population) + 0.5 * (countiesOf(province.code).length / counties));
  const deaths = apportion(NATIONAL_ROAD_DEATHS - PLAN_PROVINCE_ROAD_DEATHS, weights);
  return new Map([[PLAN_PROVINCE, PLAN_PROVINCE_ROAD_DEATHS], ...others.map((province, index) => [province.code, deaths[index]] as const)]);
}

export interface DemoProvince {
  province: ReferenceRegion;
  /** Its volume of every kind of record against the plan province's (its road deaths / 600); 1 for Isfahan. */
  factor: number;
  /**
   * Prefix of its random streams and natural keys: empty for the plan
   * province, whose rows stay what they always were, `IR-07/` for Fars.
   */
  keyPrefix: string;
}

/**
 * The provinces a seed fills with records: Isfahan always; with `national`,
 * every other province too, each at its share of the country's road deaths
 * and every other activity in the same proportion to Isfahan's.
 */
export function demoProvinces(national: boolean): DemoProvince[] {
  const deaths = provinceRoadDeaths();
  return provinces()
    .filter((province) => national || province.code === PLAN_PROVINCE)
    .sort((a, b) => (a.code === PLAN_PROVINCE ? -1 : b.code === PLAN_PROVINCE ? 1 : a.code.localeCompare(b.code)))
    .map((province) => ({
      province,
      factor: deaths.get(province.code)! / PLAN_PROVINCE_ROAD_DEATHS,
      keyPrefix: province.code === PLAN_PROVINCE ? '' : `${province.code}/`,
    }));
}
