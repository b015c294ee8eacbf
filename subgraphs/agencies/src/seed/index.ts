import {
  insertIgnoringExisting,
  referenceAgencies,
  referenceRegions,
  regionId,
  SeededRandom,
  stableId,
  type SeedOptions,
  type SeedReport,
  type Store,
} from '@safety-graph/shared';
import { Agency, Liaison, Region } from '../entities';

const PEOPLE = [
  ['Ali Rezaei', 'علی رضایی'],
  ['Maryam Ahmadi', 'مریم احمدی'],
  ['Hossein Karimi', 'حسین کریمی'],
  ['Zahra Hosseini', 'زهرا حسینی'],
  ['Mehdi Moradi', 'مهدی مرادی'],
  ['Fatemeh Jafari', 'فاطمه جعفری'],
  ['Reza Sadeghi', 'رضا صادقی'],
  ['Narges Kazemi', 'نرگس کاظمی'],
] as const;

const ROLES = ['MOU coordinator', 'Data officer', 'Deputy for prevention'];

/**
 * The real regions and agencies (shared/data) plus one or two liaisons for each
 * national or province-level agency. The scale does not apply: regions and agencies are
 * reference data, not volume.
 */
export async function seed(store: Store, _options: SeedOptions): Promise<SeedReport> {
  const random = new SeededRandom('agencies/liaisons');
  const regions: Region[] = referenceRegions().map((region) => ({
    id: region.id,
    code: region.code,
    name: region.name,
    nameFa: region.nameFa,
    kind: region.kind,
    parentId: region.parentCode ? regionId(region.parentCode) : null,
    population: region.population,
  }));
  const reference = referenceAgencies();
  const idOf = new Map(reference.map((agency) => [agency.code, agency.id]));
  const agencies: Agency[] = reference.map((agency) => ({
    id: agency.id,
    code: agency.code,
    name: agency.name,
    nameFa: agency.nameFa,
    kind: agency.kind,
    regionId: regionId(agency.regionCode),
    parentId: agency.parentCode ? (idOf.get(agency.parentCode) ?? null) : null,
  }));
  const liaisons: Liaison[] = [];
  for (const agency of reference.filter((candidate) => !/-IR-\d\d-\d\d$/.test(candidate.code))) {
    const count = random.int(1, 2);
    for (let index = 0; index < count; index += 1) {
      const [name, nameFa] = random.pick(PEOPLE);
      const slug = agency.code.toLowerCase();
      liaisons.push({
        id: stableId('liaison', `${agency.code}#${index}`),
        agencyId: agency.id,
        name,
        nameFa,
        role: ROLES[index % ROLES.length],
        email: `liaison${index + 1}@${slug}.example.ir`,
        phone: `+98-31-${String(random.int(3000000, 3999999))}`,
      });
    }
  }
  await insertIgnoringExisting(store.dataSource, Region, regions);
  await insertIgnoringExisting(store.dataSource, Agency, agencies);
  await insertIgnoringExisting(store.dataSource, Liaison, liaisons);
  return { region: regions.length, agency: agencies.length, liaison: liaisons.length };
}

export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.dataSource.getRepository(Region).count()) === 0;
}
