/** Persian first, with an English switch: labels, Solar Hijri month names and numbers per locale. */
export type Lang = 'fa' | 'en';

const FA = {
  title: 'داشبورد گزارش مشترک ایمنی اجتماعی',
  signInTitle: 'ورود',
  pasteToken: 'توکن دسترسی خود را بچسبانید',
  useToken: 'ورود با توکن',
  demoAgency: 'یا یک دستگاه نمونه را برگزینید (فقط در محیط توسعه)',
  useAgency: 'ورود به نام این دستگاه',
  signOut: 'خروج',
  signedInAs: 'دستگاه',
  scopes: 'دسترسی‌ها',
  overview: 'نمای کلی',
  counties: 'شهرستان‌ها',
  scorecards: 'کارنامه تفاهم‌نامه‌ها',
  region: 'منطقه',
  year: 'سال',
  range: 'بازه تاریخ',
  from: 'از',
  to: 'تا',
  apply: 'نمایش',
  loading: 'در حال بارگیری…',
  notAvailable: 'برای دستگاه شما در دسترس نیست',
  notAvailableNote: 'توکن شما مجوز خواندن این ارقام را ندارد (دسترسی reports:read).',
  suppressedNote:
    'شمار افراد فقط برای ماه، فصل یا سال کامل منتشر می‌شود؛ ارقام کمتر از ۱۰ نفر، و خانه‌هایی که از روی آن‌ها قابل محاسبه‌اند، برای حفظ حریم افراد منتشر نمی‌شوند.',
  notPublished: 'منتشر نمی‌شود',
  lastYear: 'سال پیش',
  change: 'تغییر',
  roadSafety: 'ایمنی راه',
  prevention: 'پیشگیری از اعتیاد',
  counselling: 'مشاوره خانواده',
  fatalities: 'کشته‌های تصادف',
  fatalitiesNotAtFault: 'کشته‌های بی‌تقصیر',
  notAtFaultShare: 'سهم بی‌تقصیر',
  injuries: 'مجروحان',
  violations: 'تخلفات',
  crashes: 'تصادف‌ها',
  peopleReached: 'افراد آموزش‌دیده',
  exhibitionVisits: 'بازدید از نمایشگاه',
  programs: 'برنامه‌ها',
  treatmentAdmissions: 'پذیرش درمان',
  counselingSessions: 'جلسات مشاوره',
  freeCounselingSessions: 'جلسات مشاوره رایگان',
  paidCounselingSessions: 'جلسات مشاوره غیررایگان',
  casesOpened: 'پرونده‌های مشاوره',
  reconciliations: 'سازش‌ها',
  byMonth: 'کشته‌ها به تفکیک ماه',
  county: 'شهرستان',
  population: 'جمعیت',
  figure: 'شاخص',
  province: 'استان',
  drillDown: 'برای دیدن نمای کلی شهرستان روی نام آن بزنید.',
  map: 'نقشه',
  country: 'ایران',
  mapProvincesHint: 'برای دیدن شهرستان‌های هر استان روی آن بزنید.',
  mapCountiesHint: 'برای دیدن نمای کلی هر شهرستان روی آن بزنید.',
  notOnMap: 'بدون مرز روی نقشه',
  baseline: 'مبنا',
  target: 'هدف',
  actual: 'عملکرد',
  attainment: 'تحقق',
  met: 'محقق شد',
  notMet: 'محقق نشده',
  decrease: 'کاهش',
  increase: 'افزایش',
  parties: 'طرفین',
  lead: 'مسئول',
  partner: 'همکار',
  observer: 'ناظر',
  noActive: 'تفاهم‌نامه فعالی نیست.',
  noData: 'داده‌ای نیست',
  error: 'خطا',
  lang: 'English',
  solarYear: (year: string) => `سال ${year}`,
};

const EN: typeof FA = {
  title: 'Joint public-safety report',
  signInTitle: 'Sign in',
  pasteToken: 'Paste your access token',
  useToken: 'Sign in with the token',
  demoAgency: 'or choose a demo agency (development only)',
  useAgency: 'Sign in as this agency',
  signOut: 'Sign out',
  signedInAs: 'Agency',
  scopes: 'Scopes',
  overview: 'Overview',
  counties: 'Counties',
  scorecards: 'MOU scorecards',
  region: 'Region',
  year: 'Year',
  range: 'Date range',
  from: 'From',
  to: 'To',
  apply: 'Show',
  loading: 'Loading…',
  notAvailable: 'Not available to your agency',
  notAvailableNote: 'Your token may not read these figures (scope reports:read).',
  suppressedNote:
    'Counts of people are published only for whole months, quarters or years; counts under 10, and cells from which one could be worked out, are not published, so that no one can be identified.',
  notPublished: 'not published',
  lastYear: 'Last year',
  change: 'Change',
  roadSafety: 'Road safety',
  prevention: 'Addiction prevention',
  counselling: 'Family counselling',
  fatalities: 'Road deaths',
  fatalitiesNotAtFault: 'Deaths not at fault',
  notAtFaultShare: 'Not-at-fault share',
  injuries: 'Injuries',
  violations: 'Violations',
  crashes: 'Crashes',
  peopleReached: 'People reached',
  exhibitionVisits: 'Exhibition visits',
  programs: 'Programmes',
  treatmentAdmissions: 'Treatment admissions',
  counselingSessions: 'Counselling sessions',
  freeCounselingSessions: 'Free counselling sessions',
  paidCounselingSessions: 'Paid counselling sessions',
  casesOpened: 'Counselling cases',
  reconciliations: 'Reconciliations',
  byMonth: 'Road deaths by month',
  county: 'County',
  population: 'Population',
  figure: 'Figure',
  province: 'Province',
  drillDown: "Click a county's name for its overview.",
  map: 'Map',
  country: 'Iran',
  mapProvincesHint: 'Click a province for its counties.',
  mapCountiesHint: 'Click a county for its overview.',
  notOnMap: 'Not on the map',
  baseline: 'Baseline',
  target: 'Target',
  actual: 'Actual',
  attainment: 'Attainment',
  met: 'met',
  notMet: 'not met',
  decrease: 'reduce',
  increase: 'increase',
  parties: 'Parties',
  lead: 'lead',
  partner: 'partner',
  observer: 'observer',
  noActive: 'No active MOU.',
  noData: 'No data',
  error: 'Error',
  lang: 'فارسی',
  solarYear: (year: string) => `${year} SH`,
};

export type Strings = typeof FA;
export const STRINGS: Record<Lang, Strings> = { fa: FA, en: EN };

const MONTHS: Record<Lang, string[]> = {
  fa: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
  en: ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'],
};

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', options)));
  return format;
}

export const formatNumber = (lang: Lang, value: number): string => numberFormat(lang, { maximumFractionDigits: 1 }).format(value);
export const formatPercent = (lang: Lang, ratio: number): string => numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
export const formatSigned = (lang: Lang, ratio: number): string =>
  numberFormat(lang, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(ratio);
/** A year as a plain number, without grouping (۱۴۰۴, not ۱٬۴۰۴). */
export const formatYear = (lang: Lang, year: number): string => numberFormat(lang, { useGrouping: false }).format(year);

/** `SH 1404-01` → فروردین (the series' bucket label). */
export function monthName(lang: Lang, label: string): string {
  const match = /^SH (\d{4})-(\d{2})$/.exec(label);
  return match ? MONTHS[lang][Number(match[2]) - 1] : label;
}

/** The Solar Hijri year of a date, as the browser's Persian calendar gives it. */
export function solarYearOf(date: Date): number {
  const part = new Intl.DateTimeFormat('en-US-u-ca-persian', { year: 'numeric', timeZone: 'Asia/Tehran' })
    .formatToParts(date)
    .find((candidate) => candidate.type === 'year');
  return Number(part?.value);
}

export function regionName(lang: Lang, region: { name: string; nameFa: string }): string {
  return lang === 'fa' ? region.nameFa : region.name;
}

const METRICS: Record<Lang, Record<string, string>> = {
  fa: {
    ROAD_DEATHS: 'کشته‌های تصادف',
    ROAD_DEATHS_NOT_AT_FAULT: 'کشته‌های بی‌تقصیر',
    FATAL_CRASHES: 'تصادف‌های فوتی',
    TRAFFIC_VIOLATIONS: 'تخلفات رانندگی',
    PEOPLE_REACHED: 'افراد آموزش‌دیده',
    EXHIBITION_VISITS: 'بازدید از نمایشگاه',
    TREATMENT_ADMISSIONS: 'پذیرش درمان',
    FREE_COUNSELING_SESSIONS: 'جلسات مشاوره رایگان',
    RECONCILIATIONS: 'سازش‌ها',
  },
  en: {
    ROAD_DEATHS: 'Road deaths',
    ROAD_DEATHS_NOT_AT_FAULT: 'Road deaths not at fault',
    FATAL_CRASHES: 'Fatal crashes',
    TRAFFIC_VIOLATIONS: 'Traffic violations',
    PEOPLE_REACHED: 'People reached',
    EXHIBITION_VISITS: 'Exhibition visits',
    TREATMENT_ADMISSIONS: 'Treatment admissions',
    FREE_COUNSELING_SESSIONS: 'Free counselling sessions',
    RECONCILIATIONS: 'Reconciliations',
  },
};

/** A target's metric (`ROAD_DEATHS`) in the page's language; an unknown one as it is. */
export const metricName = (lang: Lang, metric: string): string => METRICS[lang][metric] ?? metric;

const dateFormats: Partial<Record<Lang, Intl.DateTimeFormat>> = {};
/** An ISO date (`2025-03-21`) as a Solar Hijri date in the page's language (۱۴۰۴/۰۱/۰۱). */
export function formatDate(lang: Lang, iso: string): string {
  const format = (dateFormats[lang] ??= new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-US-u-ca-persian', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  }));
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
