import {
  agencyId,
  countiesOf,
  DEMO_AGREEMENTS,
  metric,
  metricsOf,
  PLAN_PROVINCE,
  referenceAgencies,
  referenceRegions,
  regionId,
  SeededRandom,
  solarYearRange,
  stableId,
  toSolarDate,
  insertIgnoringExisting,
  type DemoAgreement,
  type MetricDomain,
  type ReferenceAgency,
  type SeedOptions,
  type SeedReport,
  type Store,
} from '@safety-graph/shared';
import { Agreement, AgreementDomain, AgreementParty, Commitment, Target } from '../entities';
import { TARGET_KIND_OF_DOMAIN } from '../targetKind';
import { COMMITMENTS_BY_AGENCY_KIND, DEMO_TITLES, DOMAIN_NAMES } from './catalog';

type TargetYear = 1404 | 1405;

interface TargetPlan {
  metric: string;
  regionCode: string;
  /** [baseline, target] per Solar Hijri year. */
  byYear: Record<TargetYear, readonly [number, number]>;
}

interface DemoPlan {
  status: string;
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  targets: TargetPlan[];
}

const SIGNED_1403 = { status: 'ACTIVE', signedOn: '2024-03-05', startsOn: '2024-03-20', endsOn: '2027-03-20' };
const SIGNED_1404 = { status: 'ACTIVE', signedOn: '2025-03-10', startsOn: '2025-03-21', endsOn: '2028-03-19' };

/**
 * Baselines are the figures of the year before the MOU (about 650 road deaths,
 * 100,000 people reached, 30,000 free counselling sessions in IR-10); the
 * 1404 targets are the plan's (560 deaths, 120,000 reached, 115,000 exhibition
 * visits, 36,000 free sessions), tightened again for 1405. The other baselines
 * sit near the demo's 1403 figures in the domain subgraphs (about 12,000
 * recorded violations, 1,000 treatment admissions, 2,100 reconciliations), so
 * that 1404's attainment reads sensibly. Kashan (IR-10-12) holds about 7% of
 * the province's people, hence its 46 deaths.
 */
const DEMO_PLANS: Record<string, DemoPlan> = {
  'MOU-IR-10-TRAFFIC-1403': {
    ...SIGNED_1403,
    targets: [
      { metric: 'ROAD_DEATHS', regionCode: 'IR-10', byYear: { 1404: [650, 560], 1405: [650, 520] } },
      { metric: 'ROAD_DEATHS_NOT_AT_FAULT', regionCode: 'IR-10', byYear: { 1404: [325, 280], 1405: [325, 260] } },
      { metric: 'FATAL_CRASHES', regionCode: 'IR-10', byYear: { 1404: [560, 480], 1405: [560, 450] } },
      { metric: 'TRAFFIC_VIOLATIONS', regionCode: 'IR-10', byYear: { 1404: [12_500, 11_500], 1405: [12_500, 11_000] } },
    ],
  },
  'MOU-IR-10-ADDICTION-1403': {
    ...SIGNED_1403,
    targets: [
      { metric: 'PEOPLE_REACHED', regionCode: 'IR-10', byYear: { 1404: [100_000, 120_000], 1405: [100_000, 130_000] } },
      { metric: 'EXHIBITION_VISITS', regionCode: 'IR-10', byYear: { 1404: [100_000, 115_000], 1405: [100_000, 125_000] } },
      { metric: 'TREATMENT_ADMISSIONS', regionCode: 'IR-10', byYear: { 1404: [1_000, 1_200], 1405: [1_000, 1_300] } },
    ],
  },
  'MOU-IR-10-FAMILY-1403': {
    ...SIGNED_1403,
    targets: [
      { metric: 'FREE_COUNSELING_SESSIONS', regionCode: 'IR-10', byYear: { 1404: [30_000, 36_000], 1405: [30_000, 38_000] } },
      { metric: 'RECONCILIATIONS', regionCode: 'IR-10', byYear: { 1404: [2_100, 2_500], 1405: [2_100, 2_700] } },
    ],
  },
  'MOU-IR-10-SCHOOLS-1404': {
    ...SIGNED_1404,
    targets: [
      { metric: 'PEOPLE_REACHED', regionCode: 'IR-10', byYear: { 1404: [100_000, 125_000], 1405: [100_000, 135_000] } },
      { metric: 'ROAD_DEATHS', regionCode: 'IR-10', byYear: { 1404: [650, 580], 1405: [650, 540] } },
    ],
  },
  'MOU-IR-10-12-ROADS-1404': {
    ...SIGNED_1404,
    targets: [{ metric: 'ROAD_DEATHS', regionCode: 'IR-10-12', byYear: { 1404: [46, 40], 1405: [46, 36] } }],
  },
  // Still being negotiated: no signature and no targets yet.
  'MOU-IR-10-CYBER-1405': { status: 'DRAFT', signedOn: null, startsOn: '2026-03-21', endsOn: '2029-03-20', targets: [] },
  // National MOUs: the country's figures with every province seeded (`npm run seed -- --national`):
  // about 17,000 road deaths, 3.4 million people reached, a million free counselling sessions.
  'MOU-IR-TRAFFIC-1404': {
    ...SIGNED_1404,
    targets: [
      { metric: 'ROAD_DEATHS', regionCode: 'IR', byYear: { 1404: [17_500, 16_500], 1405: [17_500, 15_800] } },
      { metric: 'ROAD_DEATHS_NOT_AT_FAULT', regionCode: 'IR', byYear: { 1404: [8_750, 8_250], 1405: [8_750, 7_900] } },
    ],
  },
  'MOU-IR-ADDICTION-1404': {
    ...SIGNED_1404,
    targets: [
      { metric: 'PEOPLE_REACHED', regionCode: 'IR', byYear: { 1404: [3_000_000, 3_400_000], 1405: [3_000_000, 3_700_000] } },
      { metric: 'EXHIBITION_VISITS', regionCode: 'IR', byYear: { 1404: [3_000_000, 3_300_000], 1405: [3_000_000, 3_600_000] } },
    ],
  },
  'MOU-IR-FAMILY-1404': {
    ...SIGNED_1404,
    targets: [{ metric: 'FREE_COUNSELING_SESSIONS', regionCode: 'IR', byYear: { 1404: [900_000, 1_000_000], 1405: [900_000, 1_080_000] } }],
  },
  // Other provinces' MOUs, near their share of the national figures (provinceRoadDeaths):
  // Fars about 1,200 road deaths, Tehran 1,750, Razavi Khorasan 265,000 reached, Khuzestan 64,000 free sessions.
  'MOU-IR-07-TRAFFIC-1404': {
    ...SIGNED_1404,
    targets: [{ metric: 'ROAD_DEATHS', regionCode: 'IR-07', byYear: { 1404: [1_300, 1_150], 1405: [1_300, 1_080] } }],
  },
  'MOU-IR-23-TRAFFIC-1404': {
    ...SIGNED_1404,
    targets: [{ metric: 'ROAD_DEATHS', regionCode: 'IR-23', byYear: { 1404: [1_850, 1_650], 1405: [1_850, 1_560] } }],
  },
  'MOU-IR-09-ADDICTION-1404': {
    ...SIGNED_1404,
    targets: [{ metric: 'PEOPLE_REACHED', regionCode: 'IR-09', byYear: { 1404: [240_000, 270_000], 1405: [240_000, 290_000] } }],
  },
  'MOU-IR-06-FAMILY-1404': {
    ...SIGNED_1404,
    targets: [{ metric: 'FREE_COUNSELING_SESSIONS', regionCode: 'IR-06', byYear: { 1404: [58_000, 66_000], 1405: [58_000, 70_000] } }],
  },
};

const SYNTHETIC_PER_SCALE_STEP = 50;

class Rows {
  agreements: Agreement[] = [];
  domains: AgreementDomain[] = [];
  parties: AgreementParty[] = [];
  commitments: Commitment[] = [];
  targets: Target[] = [];
}

function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

function targetRow(agreement: Agreement, metricCode: string, regionCode: string, solarYear: number, baseline: number, goal: number): Target {
  const definition = metric(metricCode);
  if (!definition) throw new Error(`Unknown metric ${metricCode}`);
  const period = solarYearRange(solarYear);
  return {
    id: stableId('target', `${agreement.code}#${metricCode}#${regionCode}#${solarYear}`),
    agreementId: agreement.id,
    kind: TARGET_KIND_OF_DOMAIN[definition.domain],
    metric: metricCode,
    regionId: regionId(regionCode),
    periodFrom: period.from,
    periodTo: period.to,
    baseline,
    target: goal,
    direction: definition.direction,
  };
}

/**
 * The lead (role LEAD) and the partners, each with one to three undertakings
 * typical of its kind, due at the end of a Solar Hijri year within the MOU or
 * open-ended. Every party of an MOU past its draft accepted it on the signing
 * date (as activation requires); a draft's partners are still pending.
 */
function addParties(rows: Rows, agreement: Agreement, signatories: readonly ReferenceAgency[], random: SeededRandom): void {
  const firstSolarYear = toSolarDate(agreement.startsOn).year;
  const acceptedAt = agreement.signedOn === null ? null : new Date(`${agreement.signedOn}T00:00:00Z`);
  signatories.forEach((agency, position) => {
    const accepted = position === 0 || agreement.status !== 'DRAFT';
    const party: AgreementParty = {
      id: stableId('agreement-party', `${agreement.code}#${agency.code}`),
      agreementId: agreement.id,
      agencyId: agency.id,
      role: position === 0 ? 'LEAD' : 'PARTNER',
      position,
      status: accepted ? 'ACCEPTED' : 'PENDING',
      acceptedAt: accepted ? acceptedAt : null,
    };
    rows.parties.push(party);
    const undertakings = COMMITMENTS_BY_AGENCY_KIND[agency.kind] ?? COMMITMENTS_BY_AGENCY_KIND.OTHER;
    const count = random.int(1, 3);
    const first = random.int(0, undertakings.length - 1);
    for (let index = 0; index < count; index += 1) {
      const [description, descriptionFa] = undertakings[(first + index) % undertakings.length];
      const dueYearEnd = solarYearRange(firstSolarYear + random.int(0, 2)).to;
      rows.commitments.push({
        id: stableId('commitment', `${agreement.code}#${agency.code}#${index}`),
        partyId: party.id,
        agreementId: agreement.id,
        description,
        descriptionFa,
        dueOn: random.chance(0.25) ? null : dueYearEnd < agreement.endsOn ? dueYearEnd : agreement.endsOn,
        position: index,
      });
    }
  });
}

function addDemoAgreement(rows: Rows, demo: DemoAgreement, agencyByCode: Map<string, ReferenceAgency>): void {
  const plan = DEMO_PLANS[demo.code];
  const titles = DEMO_TITLES[demo.code];
  if (!plan || !titles) throw new Error(`No demo plan for ${demo.code}`);
  const agreement: Agreement = {
    id: stableId('agreement', demo.code),
    code: demo.code,
    title: titles.title,
    titleFa: titles.titleFa,
    status: plan.status,
    leadAgencyId: agencyId(demo.leadAgencyCode),
    regionId: regionId(demo.regionCode),
    signedOn: plan.signedOn,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
  };
  rows.agreements.push(agreement);
  rows.domains.push(...demo.domains.map((domain) => ({ agreementId: agreement.id, domain })));
  const signatories = [demo.leadAgencyCode, ...demo.partyAgencyCodes].map((code) => {
    const agency = agencyByCode.get(code);
    if (!agency) throw new Error(`Unknown demo agency ${code}`);
    return agency;
  });
  addParties(rows, agreement, signatories, new SeededRandom(`agreements/demo/${demo.code}`));
  for (const target of plan.targets) {
    for (const year of [1404, 1405] as const) {
      const [baseline, goal] = target.byYear[year];
      rows.targets.push(targetRow(agreement, target.metric, target.regionCode, year, baseline, goal));
    }
  }
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const persianDigits = (text: string) => text.replace(/\d/g, (digit) => PERSIAN_DIGITS[Number(digit)]);

/**
 * A synthetic MOU for benchmarks. Each one draws from a random source of its
 * own, so MOU number n is the same whatever the scale and a larger scale only
 * adds MOUs.
 */
function addSyntheticAgreement(rows: Rows, serial: number, agencies: readonly ReferenceAgency[]): void {
  const number = String(serial).padStart(5, '0');
  const code = `MOU-IR-10-SYN-${number}`;
  const random = new SeededRandom(`agreements/synthetic/${code}`);
  const measured: MetricDomain[] = ['TRAFFIC', 'ADDICTION', 'FAMILY'];
  const domains = [random.pick(measured)];
  if (random.chance(0.3)) {
    const second = random.pick(['TRAFFIC', 'ADDICTION', 'FAMILY', 'LAWLESSNESS', 'CYBER'] as const);
    if (!domains.includes(second as MetricDomain)) domains.push(second as MetricDomain);
  }
  const region = random.chance(0.3)
    ? referenceRegions().find((candidate) => candidate.code === 'IR-10')!
    : random.weighted(countiesOf('IR-10'), (county) => county.population ?? 0);
  const status = random.weighted(
    [
      { status: 'ACTIVE', weight: 60 },
      { status: 'DRAFT', weight: 15 },
      { status: 'SUSPENDED', weight: 10 },
      { status: 'EXPIRED', weight: 10 },
      { status: 'TERMINATED', weight: 5 },
    ],
    (option) => option.weight,
  ).status;
  const firstSolarYear = random.int(1400, 1405);
  const years = random.int(1, 3);
  const startsOn = solarYearRange(firstSolarYear).from;
  const signatories: ReferenceAgency[] = [];
  const count = random.int(3, 6);
  while (signatories.length < count) {
    const candidate = random.pick(agencies);
    if (!signatories.includes(candidate)) signatories.push(candidate);
  }
  const subject = domains.map((domain) => DOMAIN_NAMES[domain].name).join(' and ');
  const subjectFa = domains.map((domain) => DOMAIN_NAMES[domain].nameFa).join(' و ');
  const agreement: Agreement = {
    id: stableId('agreement', code),
    code,
    title: `Synthetic MOU ${number}: ${subject} in ${region.name}`,
    titleFa: persianDigits(`تفاهم‌نامه آزمایشی ${number}: ${subjectFa} در ${region.nameFa}`),
    status,
    leadAgencyId: signatories[0].id,
    regionId: region.id,
    signedOn: status === 'DRAFT' ? null : addDays(startsOn, -random.int(1, 30)),
    startsOn,
    endsOn: solarYearRange(firstSolarYear + years - 1).to,
  };
  rows.agreements.push(agreement);
  rows.domains.push(...domains.map((domain) => ({ agreementId: agreement.id, domain })));
  addParties(rows, agreement, signatories, random);
  const candidates = domains.filter((domain) => measured.includes(domain)).flatMap((domain) => metricsOf(domain));
  const chosen = new Set<string>();
  while (chosen.size < Math.min(2, candidates.length)) chosen.add(random.pick(candidates).code);
  for (const metricCode of chosen) {
    const baseline = random.int(50, 5_000);
    const goal = metric(metricCode)!.direction === 'DECREASE' ? Math.round(baseline * 0.9) : Math.round(baseline * 1.15);
    rows.targets.push(targetRow(agreement, metricCode, region.code, firstSolarYear, baseline, goal));
  }
}

/**
 * The demo MOUs (shared DEMO_AGREEMENTS: Isfahan's six from the plan, three
 * national ones and four in other provinces) with their parties,
 * commitments and targets for Solar Hijri 1404 and 1405; with a scale above 1,
 * (scale - 1) * 50 synthetic MOUs on top.
 */
export async function seed(store: Store, options: SeedOptions): Promise<SeedReport> {
  const agencies = referenceAgencies();
  const agencyByCode = new Map(agencies.map((agency) => [agency.code, agency]));
  const rows = new Rows();
  for (const demo of DEMO_AGREEMENTS) addDemoAgreement(rows, demo, agencyByCode);
  const synthetic = Math.max(0, Math.round((options.scale - 1) * SYNTHETIC_PER_SCALE_STEP));
  // Synthetic MOUs are Isfahan's (MOU-IR-10-SYN-…): signed by its province agencies and county units.
  const isfahan = agencies.filter((agency) => agency.regionCode === PLAN_PROVINCE || agency.regionCode.startsWith(`${PLAN_PROVINCE}-`));
  for (let serial = 1; serial <= synthetic; serial += 1) addSyntheticAgreement(rows, serial, isfahan);
  await insertIgnoringExisting(store.dataSource, Agreement, rows.agreements);
  await insertIgnoringExisting(store.dataSource, AgreementDomain, rows.domains);
  await insertIgnoringExisting(store.dataSource, AgreementParty, rows.parties);
  await insertIgnoringExisting(store.dataSource, Commitment, rows.commitments);
  await insertIgnoringExisting(store.dataSource, Target, rows.targets);
  return {
    agreement: rows.agreements.length,
    agreement_domain: rows.domains.length,
    agreement_party: rows.parties.length,
    commitment: rows.commitments.length,
    target: rows.targets.length,
  };
}

export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.dataSource.getRepository(Agreement).count()) === 0;
}
