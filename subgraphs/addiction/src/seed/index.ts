import { createHmac } from 'node:crypto';
import {
  MeasureStore,
  agencyId,
  appendAll,
  apportion,
  countiesOf,
  countyUnitCode,
  DEMO_AGREEMENTS,
  demoProvinces,
  estimatedPopulation,
  PLAN_PROVINCE,
  daysBetween,
  DEMO_SOLAR_YEARS,
  insertIgnoringExisting,
  SeededRandom,
  seedRegionScope,
  solarYearRange,
  stableId,
  toSolarDate,
  type DemoProvince,
  type ReferenceRegion,
  type SeedOptions,
  type SeedReport,
  type Store,
} from '@safety-graph/shared';
import { PreventionProgram, ProgramSession, TreatmentReferral } from '../entities';
import { PREVENTION_MEASURES } from '../store';
import { boundedSplit } from './boundedSplit';

type DemoYear = (typeof DEMO_SOLAR_YEARS)[number];

/**
 * The plan's figures for IR-10: 120,000 people reached by education and
 * 120,000 exhibition visits in 1404 (hit exactly), somewhat fewer the year
 * before. The mean attendance sets how many sessions carry those totals:
 * about 3,000 education sessions and 500 exhibition days a year.
 */
const YEAR_PLANS: Record<DemoYear, { peopleReached: number; exhibitionVisits: number; meanAttendance: number; meanVisits: number; referrals: number }> = {
  1403: { peopleReached: 100_000, exhibitionVisits: 105_000, meanAttendance: 40, meanVisits: 210, referrals: 1_450 },
  1404: { peopleReached: 120_000, exhibitionVisits: 120_000, meanAttendance: 40, meanVisits: 240, referrals: 1_550 },
};
const ATTENDANCE = { min: 10, max: 80 };
const VISITS = { min: 100, max: 400 };

const ADDICTION_MOU = 'MOU-IR-10-ADDICTION-1403';
const SCHOOLS_MOU = 'MOU-IR-10-SCHOOLS-1404';
const agreementId = (code: string): string => stableId('agreement', code);

type Kind = 'SCHOOL_EDUCATION' | 'PUBLIC_EDUCATION' | 'EXHIBITION' | 'MEDIA_CAMPAIGN' | 'COMMUNITY';

/**
 * The province-wide education programmes. `share` is each one's part of the
 * people reached in a county (the county's school programme takes the rest);
 * `recordedBy` is the unit that records its sessions in a county.
 */
const PROVINCE_PROGRAMS: {
  slug: string;
  kind: Kind;
  /** The province agency leading it (`HEALTH` is `HEALTH-IR-10` in Isfahan). */
  leadKind: string;
  recordedBy: (countyCode: string, provinceCode: string) => string;
  share: number;
  agreementCodes: Record<DemoYear, string | null>;
  title: string;
  titleFa: string;
}[] = [
  {
    slug: 'HEALTH',
    kind: 'PUBLIC_EDUCATION',
    leadKind: 'HEALTH',
    recordedBy: (county) => countyUnitCode('HEALTH', county),
    share: 18,
    agreementCodes: { 1403: ADDICTION_MOU, 1404: ADDICTION_MOU },
    title: 'Addiction awareness classes for families',
    titleFa: 'کلاس‌های آموزش پیشگیری از اعتیاد برای خانواده‌ها',
  },
  {
    slug: 'WELFARE',
    kind: 'PUBLIC_EDUCATION',
    leadKind: 'WELFARE',
    recordedBy: (county) => countyUnitCode('WELFARE', county),
    share: 14,
    agreementCodes: { 1403: ADDICTION_MOU, 1404: null },
    title: 'Life-skills workshops in neighbourhoods',
    titleFa: 'کارگاه‌های مهارت‌های زندگی در محلات',
  },
  {
    slug: 'RELIGIOUS',
    kind: 'COMMUNITY',
    leadKind: 'RELIGIOUS',
    recordedBy: (_county, province) => `RELIGIOUS-${province}`,
    share: 10,
    agreementCodes: { 1403: ADDICTION_MOU, 1404: ADDICTION_MOU },
    title: 'Prevention circles in mosques and community centres',
    titleFa: 'حلقه‌های پیشگیری در مساجد و کانون‌های فرهنگی',
  },
  {
    slug: 'BROADCASTING',
    kind: 'MEDIA_CAMPAIGN',
    leadKind: 'BROADCASTING',
    recordedBy: (_county, province) => `BROADCASTING-${province}`,
    share: 8,
    agreementCodes: { 1403: null, 1404: null },
    title: 'Prevention programmes recorded with live audiences in the counties',
    titleFa: 'برنامه‌های پیشگیری ضبط‌شده با حضور مخاطبان در شهرستان‌ها',
  },
];
const SCHOOL_SHARE = 50;

/**
 * The demo stores synthetic pseudonyms only. A real referral's national id
 * would be turned into one with the service's secret key on the way in; here a
 * fixed key over a synthetic person id gives the same kind of value.
 */
const DEMO_PSEUDONYM_KEY = 'safety-graph demo pseudonyms';
const pseudonymOf = (person: string): string => createHmac('sha256', DEMO_PSEUDONYM_KEY).update(stableId('person', person)).digest('hex');

/** Share of referrals whose person had been referred before (a relapse, or a second try elsewhere). */
const REPEAT_REFERRAL_SHARE = 0.12;

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** School sessions follow the school calendar: not in the Nowruz holidays nor in the summer (months 4-6). */
function isSchoolDay(date: string): boolean {
  const { month, day } = toSolarDate(date);
  if (month === 1 && day <= 13) return false;
  return month <= 3 || month >= 7;
}

interface YearRows {
  programs: PreventionProgram[];
  sessions: ProgramSession[];
}

function program(
  year: DemoYear,
  slug: string,
  region: ReferenceRegion,
  fields: { kind: Kind; leadAgencyCode: string; agreementCode: string | null; title: string; titleFa: string },
): PreventionProgram {
  const range = solarYearRange(year);
  const code = `PREV-${year}-${slug}-${region.code}`;
  return {
    id: stableId('prevention-program', code),
    code,
    title: `${fields.title} (${year})`,
    titleFa: `${fields.titleFa} (${year})`,
    kind: fields.kind,
    agreementId: fields.agreementCode ? agreementId(fields.agreementCode) : null,
    leadAgencyId: agencyId(fields.leadAgencyCode),
    regionId: region.id,
    startsOn: range.from,
    endsOn: range.to,
  };
}

/** Sessions of one programme in one county carrying exactly `total` attendance. */
function sessionsOf(
  random: SeededRandom,
  owner: PreventionProgram,
  county: ReferenceRegion,
  total: number,
  meanAttendance: number,
  bounds: { min: number; max: number },
  days: (count: number) => string[],
  recordedByCode: string,
): ProgramSession[] {
  const attendances = boundedSplit(random, total, meanAttendance, bounds.min, bounds.max);
  const dates = days(attendances.length);
  return attendances.map((attendance, index) => ({
    id: stableId('program-session', `${owner.code}#${county.code}#${index}`),
    programId: owner.id,
    heldOn: dates[index],
    regionId: county.id,
    attendance,
    recordedByAgencyId: agencyId(recordedByCode),
  }));
}

/**
 * Only Isfahan's programmes belong to its MOUs; another province's belong to
 * none unless one of its own MOUs covers addiction.
 */
function agreementFor(demo: DemoProvince, isfahanCode: string | null): string | null {
  if (demo.province.code === PLAN_PROVINCE) return isfahanCode;
  if (isfahanCode === null) return null;
  return DEMO_AGREEMENTS.find((agreement) => agreement.regionCode === demo.province.code && agreement.domains.includes('ADDICTION'))?.code ?? null;
}

function programsAndSessions(year: DemoYear, scale: number, demo: DemoProvince): YearRows {
  const plan = YEAR_PLANS[year];
  const random = new SeededRandom(`addiction/${demo.keyPrefix}${year}/sessions`);
  const province = demo.province;
  const agencyOf = (kind: string) => `${kind}-${province.code}`;
  const volume = scale * demo.factor;
  const counties = countiesOf(province.code);
  const populations = counties.map(estimatedPopulation);
  const allDays = daysBetween(solarYearRange(year));
  const schoolDays = allDays.filter(isSchoolDay);
  const randomDays = (pool: string[]) => (count: number) => Array.from({ length: count }, () => random.pick(pool));

  const provincePrograms = PROVINCE_PROGRAMS.map((definition) =>
    program(year, definition.slug, province, {
      ...definition,
      leadAgencyCode: agencyOf(definition.leadKind),
      agreementCode: agreementFor(demo, definition.agreementCodes[year]),
    }),
  );
  const exhibition = program(year, 'EXHIBITION', province, {
    kind: 'EXHIBITION',
    leadAgencyCode: agencyOf('NARCOTICS-POLICE'),
    agreementCode: agreementFor(demo, ADDICTION_MOU),
    title: 'Travelling anti-narcotics exhibition',
    titleFa: 'نمایشگاه سیار مبارزه با مواد مخدر',
  });
  const programs: PreventionProgram[] = [...provincePrograms, exhibition];
  const sessions: ProgramSession[] = [];

  const reachedByCounty = apportion(Math.round(plan.peopleReached * volume), populations);
  const visitsByCounty = apportion(Math.round(plan.exhibitionVisits * volume), populations);
  counties.forEach((county, countyIndex) => {
    const school = program(year, 'SCHOOL', county, {
      kind: 'SCHOOL_EDUCATION',
      leadAgencyCode: agencyOf('EDUCATION'),
      agreementCode: agreementFor(demo, year === 1404 ? SCHOOLS_MOU : ADDICTION_MOU),
      title: `Drug-free schools, ${county.name}`,
      titleFa: `مدارس عاری از اعتیاد، شهرستان ${county.nameFa}`,
    });
    programs.push(school);
    const [schoolTotal, ...provinceTotals] = apportion(reachedByCounty[countyIndex], [
      SCHOOL_SHARE,
      ...PROVINCE_PROGRAMS.map((definition) => definition.share),
    ]);
    sessions.push(...sessionsOf(random, school, county, schoolTotal, plan.meanAttendance, ATTENDANCE, randomDays(schoolDays), agencyOf('EDUCATION')));
    PROVINCE_PROGRAMS.forEach((definition, index) => {
      sessions.push(
        ...sessionsOf(
          random,
          provincePrograms[index],
          county,
          provinceTotals[index],
          plan.meanAttendance,
          ATTENDANCE,
          randomDays(allDays),
          definition.recordedBy(county.code, province.code),
        ),
      );
    });
    // The exhibition stays in a county for consecutive days, starting anywhere in the year.
    const start = random.int(0, allDays.length - 1);
    const consecutiveDays = (count: number) => Array.from({ length: count }, (_, day) => allDays[(start + day) % allDays.length]);
    sessions.push(
      ...sessionsOf(random, exhibition, county, visitsByCounty[countyIndex], plan.meanVisits, VISITS, consecutiveDays, agencyOf('NARCOTICS-POLICE')),
    );
  });
  return { programs, sessions };
}

/**
 * Referrals from the county police, the anti-narcotics police or the county
 * health network, to the county health network or welfare office: each of
 * those agencies is party to some referrals, none to all of them.
 */
function referrals(scale: number, demo: DemoProvince): TreatmentReferral[] {
  const counties = countiesOf(demo.province.code);
  const populations = counties.map(estimatedPopulation);
  const narcoticsPolice = `NARCOTICS-POLICE-${demo.province.code}`;
  const rows: TreatmentReferral[] = [];
  let persons = 0;
  for (const year of DEMO_SOLAR_YEARS) {
    const random = new SeededRandom(`addiction/${demo.keyPrefix}${year}/referrals`);
    const days = daysBetween(solarYearRange(year));
    const perCounty = apportion(Math.round(YEAR_PLANS[year].referrals * scale * demo.factor), populations);
    counties.forEach((county, countyIndex) => {
      for (let index = 0; index < perCounty[countyIndex]; index += 1) {
        const person = persons > 0 && random.chance(REPEAT_REFERRAL_SHARE) ? random.int(1, persons) : (persons += 1);
        const from = random.weighted(
          [
            { code: countyUnitCode('POLICE', county.code), weight: 45 },
            { code: narcoticsPolice, weight: 20 },
            { code: countyUnitCode('HEALTH', county.code), weight: 35 },
          ],
          (option) => option.weight,
        ).code;
        const to =
          from === countyUnitCode('HEALTH', county.code) || random.chance(0.4) ? countyUnitCode('WELFARE', county.code) : countyUnitCode('HEALTH', county.code);
        const referredOn = random.pick(days);
        const status = random.weighted(
          [
            { status: 'REFERRED', weight: 20 },
            { status: 'ADMITTED', weight: 25 },
            { status: 'COMPLETED', weight: 40 },
            { status: 'DROPPED_OUT', weight: 15 },
          ],
          (option) => option.weight,
        ).status;
        // Some drop out before treatment starts; everyone else past REFERRED was admitted.
        const admitted = status === 'ADMITTED' || status === 'COMPLETED' || (status === 'DROPPED_OUT' && random.chance(0.7));
        rows.push({
          id: stableId('treatment-referral', `${year}#${county.code}#${index}`),
          subjectPseudonym: pseudonymOf(`${demo.keyPrefix}${person}`),
          referredOn,
          regionId: county.id,
          fromAgencyId: agencyId(from),
          toAgencyId: agencyId(to),
          status,
          admittedOn: admitted ? addDays(referredOn, random.int(1, 21)) : null,
        });
      }
    });
  }
  return rows;
}

/**
 * Prevention programmes and their sessions over the demo's Solar Hijri years,
 * spread over the counties of IR-10 by population, and treatment referrals;
 * with `national`, every province's at its factor (`demoProvinces`).
 * `scale` multiplies the attendance totals, sessions and referrals.
 */
export async function seed(store: Store, options: SeedOptions): Promise<SeedReport> {
  const scale = options.scale > 0 ? options.scale : 1;
  const regionScope = await seedRegionScope(store);
  const programs: PreventionProgram[] = [];
  const sessions: ProgramSession[] = [];
  const referralRows: TreatmentReferral[] = [];
  for (const demo of demoProvinces(options.national ?? false)) {
    for (const year of DEMO_SOLAR_YEARS) {
      const rows = programsAndSessions(year, scale, demo);
      appendAll(programs, rows.programs);
      appendAll(sessions, rows.sessions);
    }
    appendAll(referralRows, referrals(scale, demo));
  }
  await insertIgnoringExisting(store.dataSource, PreventionProgram, programs);
  await insertIgnoringExisting(store.dataSource, ProgramSession, sessions);
  await insertIgnoringExisting(store.dataSource, TreatmentReferral, referralRows);
  // Seeded rows are bulk inserts: their rollups are rebuilt once at the end.
  const rollups = await new MeasureStore(store.dataSource).rebuild(PREVENTION_MEASURES);
  return {
    region_scope: regionScope,
    prevention_program: programs.length,
    program_session: sessions.length,
    treatment_referral: referralRows.length,
    stat_rollup: rollups,
  };
}

export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.dataSource.getRepository(PreventionProgram).count()) === 0;
}
