import { agencyId, countiesOf, estimatedPopulation, regionId, SeededRandom, solarMonthRange, stableId } from '@safety-graph/shared';
import type { FamilyProgram } from '../entities';

interface ProgramTemplate {
  kind: 'PREMARITAL_EDUCATION' | 'PARENTING' | 'COUPLES_WORKSHOP' | 'FAMILY_LIFE_SKILLS';
  title: string;
  titleFa: string;
  leadAgencyCode: string;
  regionCode: string;
}

/** A dozen programmes over the province, led by welfare, religious affairs, health and education. */
const TEMPLATES: readonly ProgramTemplate[] = [
  {
    kind: 'PREMARITAL_EDUCATION',
    title: 'Premarital education for engaged couples',
    titleFa: 'آموزش پیش از ازدواج زوج‌های جوان',
    leadAgencyCode: 'WELFARE-IR-10',
    regionCode: 'IR-10',
  },
  { kind: 'PARENTING', title: 'Parents’ school', titleFa: 'مدرسه خانواده', leadAgencyCode: 'EDUCATION-IR-10', regionCode: 'IR-10' },
  {
    kind: 'COUPLES_WORKSHOP',
    title: 'Family enrichment workshops in mosques',
    titleFa: 'کارگاه‌های غنی‌سازی خانواده در مساجد',
    leadAgencyCode: 'RELIGIOUS-IR-10',
    regionCode: 'IR-10',
  },
  {
    kind: 'FAMILY_LIFE_SKILLS',
    title: 'Life skills for young families',
    titleFa: 'مهارت‌های زندگی برای خانواده‌های جوان',
    leadAgencyCode: 'HEALTH-IR-10',
    regionCode: 'IR-10',
  },
  {
    kind: 'PREMARITAL_EDUCATION',
    title: 'Premarital counselling at health centres',
    titleFa: 'مشاوره پیش از ازدواج در مراکز بهداشت',
    leadAgencyCode: 'HEALTH-IR-10-01',
    regionCode: 'IR-10-01',
  },
  { kind: 'PARENTING', title: 'Parenting of teenagers', titleFa: 'فرزندپروری نوجوانان', leadAgencyCode: 'WELFARE-IR-10-12', regionCode: 'IR-10-12' },
  {
    kind: 'COUPLES_WORKSHOP',
    title: 'Communication skills for couples',
    titleFa: 'مهارت‌های ارتباطی زوجین',
    leadAgencyCode: 'WELFARE-IR-10-13',
    regionCode: 'IR-10-13',
  },
  {
    kind: 'PREMARITAL_EDUCATION',
    title: 'Marriage preparation classes',
    titleFa: 'کلاس‌های آمادگی ازدواج',
    leadAgencyCode: 'RELIGIOUS-IR-10',
    regionCode: 'IR-10-19',
  },
  {
    kind: 'PARENTING',
    title: 'Positive parenting for young children',
    titleFa: 'فرزندپروری مثبت برای کودکان خردسال',
    leadAgencyCode: 'HEALTH-IR-10-22',
    regionCode: 'IR-10-22',
  },
  { kind: 'COUPLES_WORKSHOP', title: 'Conflict resolution for couples', titleFa: 'حل تعارض زوجین', leadAgencyCode: 'WELFARE-IR-10-16', regionCode: 'IR-10-16' },
  {
    kind: 'FAMILY_LIFE_SKILLS',
    title: 'Family life skills at schools',
    titleFa: 'مهارت‌های زندگی خانوادگی در مدارس',
    leadAgencyCode: 'EDUCATION-IR-10',
    regionCode: 'IR-10-23',
  },
  {
    kind: 'PARENTING',
    title: 'Parenting and media literacy',
    titleFa: 'فرزندپروری و سواد رسانه‌ای',
    leadAgencyCode: 'WELFARE-IR-10-08',
    regionCode: 'IR-10-08',
  },
];

const LEAD_KINDS_FOR_COUNTIES = ['WELFARE', 'HEALTH'] as const;

/**
 * The dozen templates once per unit of scale: at scale 1 as written, then
 * again in counties picked by population (led by the county's welfare or health unit).
 */
export function demoFamilyPrograms(scale: number, solarYears: readonly number[]): FamilyProgram[] {
  const random = new SeededRandom('divorce/family-programs');
  const counties = countiesOf('IR-10');
  const programs: FamilyProgram[] = [];
  for (let round = 0; round < Math.max(1, Math.round(scale)); round += 1) {
    TEMPLATES.forEach((template, index) => {
      const code = `FP-${String(index + 1).padStart(2, '0')}${round === 0 ? '' : `-R${round}`}`;
      const county = round === 0 ? null : random.weighted(counties, estimatedPopulation);
      const solarYear = solarYears[index % solarYears.length];
      const startMonth = random.int(1, 9);
      const endMonth = Math.min(12, startMonth + random.int(1, 3));
      programs.push({
        id: stableId('family-program', code),
        code,
        title: template.title,
        titleFa: template.titleFa,
        kind: template.kind,
        regionId: regionId(county ? county.code : template.regionCode),
        leadAgencyId: agencyId(county ? `${random.pick(LEAD_KINDS_FOR_COUNTIES)}-${county.code}` : template.leadAgencyCode),
        startsOn: solarMonthRange(solarYear, startMonth).from,
        endsOn: solarMonthRange(solarYear, endMonth).to,
        participants: random.int(20, 150) * 10,
      });
    });
  }
  return programs;
}
