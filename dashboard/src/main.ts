import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './styles.css';
import { draw, hatchPattern, sweep } from './charts';
import {
  CountiesDocument,
  MeDocument,
  OverviewDocument,
  ScorecardsDocument,
  type CountiesSections,
  type FamilyStats,
  type OverviewSections,
  type ScorecardSections,
  type NamedRegion,
  type PeriodInput,
  type PreventionStats,
  type Scorecard,
  type TrafficStats,
} from './documents';
import { DashboardClient, SignInError, type SectionedResult } from './graphql';
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatSigned,
  formatYear,
  metricName,
  monthName,
  regionName,
  solarYearOf,
  STRINGS,
  type Lang,
  type Strings,
} from './i18n';

type View = 'overview' | 'counties' | 'scorecards';
interface Me {
  code: string;
  name: string;
  nameFa: string;
  scopes: string[];
}

const TOKEN_KEY = 'safety-graph.dashboard.token';
const LANG_KEY = 'safety-graph.dashboard.lang';
const LAST_FULL_YEAR = solarYearOf(new Date()) - 1;

const state = {
  lang: (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'fa') as Lang,
  token: sessionStorage.getItem(TOKEN_KEY) ?? '',
  client: undefined as DashboardClient | undefined,
  me: undefined as Me | undefined,
  view: 'overview' as View,
  province: 'IR-10',
  region: 'IR-10',
  year: LAST_FULL_YEAR,
  range: undefined as { from: string; to: string } | undefined,
  countyFigure: 'fatalities' as CountyFigure,
  sort: { key: 'value' as string, descending: true },
  places: [] as NamedRegion[],
  message: '',
};

const app = document.getElementById('app') as HTMLElement;
const t = (): Strings => STRINGS[state.lang];
const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const num = (value: number): string => formatNumber(state.lang, value);

function setLang(lang: Lang): void {
  state.lang = lang;
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
  document.title = t().title;
}

function period(): { period: PeriodInput; previous: PeriodInput } {
  if (state.range) {
    const back = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
    return { period: { ...state.range }, previous: { from: back(state.range.from), to: back(state.range.to) } };
  }
  return { period: { solarYear: state.year }, previous: { solarYear: state.year - 1 } };
}

/** The JWT's claims, read (not verified: the gateway does that) to say whom the page speaks for. */
function claims(token: string): { agency?: string; scope?: string } {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(payload), (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    return JSON.parse(json) as { agency?: string; scope?: string };
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------- sign-in

async function signIn(token: string): Promise<void> {
  const claim = claims(token);
  if (!claim.agency) {
    state.message = `${t().error}: not a token`;
    return renderSignIn();
  }
  state.token = token;
  state.client = new DashboardClient(token);
  sessionStorage.setItem(TOKEN_KEY, token);
  state.me = { code: claim.agency, name: claim.agency, nameFa: claim.agency, scopes: (claim.scope ?? '').split(' ').filter(Boolean) };
  try {
    const me = await state.client.run(MeDocument, { agency: claim.agency });
    const agency = me.data.agency;
    if (agency) {
      state.me = { ...state.me, name: agency.name, nameFa: agency.nameFa };
      const home = agency.region.kind === 'PROVINCE' ? agency.region : agency.region.parent;
      if (home) state.province = state.region = home.code;
      if (agency.region.kind === 'COUNTY') state.region = agency.region.code;
    }
  } catch (error) {
    if (error instanceof SignInError) return signOut(error.message);
  }
  state.message = '';
  renderShell();
}

function signOut(message = ''): void {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = '';
  state.client = undefined;
  state.me = undefined;
  state.message = message;
  renderSignIn();
}

async function renderSignIn(): Promise<void> {
  app.innerHTML = `
    <header class="bar"><h1>${escape(t().title)}</h1><button data-action="lang">${t().lang}</button></header>
    <main class="sign-in" data-view="sign-in">
      <h2>${t().signInTitle}</h2>
      ${state.message ? `<p class="error" role="alert">${escape(state.message)}</p>` : ''}
      <form data-form="token">
        <label>${t().pasteToken}<textarea name="token" rows="4" dir="ltr" spellcheck="false"></textarea></label>
        <button type="submit">${t().useToken}</button>
      </form>
      <form data-form="demo" hidden>
        <label>${t().demoAgency}<select name="agency"></select></label>
        <button type="submit">${t().useAgency}</button>
      </form>
    </main>`;
  try {
    const response = await fetch('/dev/agencies');
    if (!response.ok) return;
    const agencies = (await response.json()) as { code: string; name: string; nameFa: string }[];
    const form = app.querySelector<HTMLFormElement>('form[data-form="demo"]');
    const select = form?.querySelector('select');
    if (!form || !select) return;
    select.innerHTML = agencies
      .map((agency) => `<option value="${escape(agency.code)}">${escape(regionName(state.lang, agency))} (${escape(agency.code)})</option>`)
      .join('');
    form.hidden = false;
  } catch {
    // Production: no development sign-in; the token form stays.
  }
}

async function demoToken(agency: string): Promise<void> {
  const response = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agency }) });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!body.token) {
    state.message = body.error ?? `HTTP ${response.status}`;
    return renderSignIn();
  }
  await signIn(body.token);
}

// ---------------------------------------------------------------- shell

function renderShell(): void {
  const me = state.me;
  if (!me) return void renderSignIn();
  const years = Array.from({ length: 6 }, (_, index) => LAST_FULL_YEAR + 1 - index);
  const tab = (view: View) =>
    `<button role="tab" data-action="view" data-view-name="${view}" aria-selected="${state.view === view}">${t()[view]}</button>`;
  app.innerHTML = `
    <header class="bar">
      <h1>${escape(t().title)}</h1>
      <div class="who" data-agency="${escape(me.code)}">
        <span>${t().signedInAs}: <b>${escape(regionName(state.lang, me))}</b> <code dir="ltr">${escape(me.code)}</code></span>
        <span class="scopes">${t().scopes}: ${me.scopes.map((scope) => `<code dir="ltr">${escape(scope)}</code>`).join(' ')}</span>
      </div>
      <button data-action="lang">${t().lang}</button>
      <button data-action="sign-out">${t().signOut}</button>
    </header>
    <nav role="tablist">${tab('overview')}${tab('counties')}${tab('scorecards')}</nav>
    <section class="controls">
      <label>${t().region} <select data-control="region"></select></label>
      <label>${t().year} <select data-control="year">${years
        .map((year) => `<option value="${year}" ${!state.range && year === state.year ? 'selected' : ''}>${formatYear(state.lang, year)}</option>`)
        .join('')}</select></label>
      <form data-form="range" class="range"><span>${t().range}</span>
        <label>${t().from} <input type="date" name="from" value="${state.range?.from ?? ''}" required></label>
        <label>${t().to} <input type="date" name="to" value="${state.range?.to ?? ''}" required></label>
        <button type="submit">${t().apply}</button></form>
    </section>
    <main id="view" aria-live="polite"></main>`;
  fillRegions();
  void load();
}

function fillRegions(): void {
  const select = app.querySelector<HTMLSelectElement>('select[data-control="region"]');
  if (!select) return;
  const places = state.places.length ? state.places : [{ code: state.region, name: state.region, nameFa: state.region }];
  select.innerHTML = places
    .map((place) => `<option value="${escape(place.code)}" ${place.code === state.region ? 'selected' : ''}>${escape(regionName(state.lang, place))}</option>`)
    .join('');
}

let generation = 0;
async function load(): Promise<void> {
  const client = state.client;
  const target = document.getElementById('view');
  if (!client || !target) return;
  const mine = ++generation;
  target.dataset.state = 'loading';
  target.innerHTML = `<p class="loading">${t().loading}</p>`;
  try {
    const vars = period();
    let render: () => void;
    if (state.view === 'overview') {
      const result = await client.run(OverviewDocument, { code: state.region, ...vars });
      render = () => renderOverview(target, result);
    } else if (state.view === 'counties') {
      const result = await client.run(CountiesDocument, { province: state.province, period: vars.period });
      render = () => renderCounties(target, result);
    } else {
      const result = await client.run(ScorecardsDocument, {});
      render = () => renderScorecards(target, result);
    }
    if (mine !== generation) return;
    // The answer is here: what follows is the redraw the year switch waits for.
    const started = performance.now();
    render();
    sweep();
    target.dataset.renderMs = (performance.now() - started).toFixed(1);
    target.dataset.state = 'ready';
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof SignInError) return signOut(error.message);
    target.dataset.state = 'error';
    target.innerHTML = `<p class="error" role="alert">${t().error}: ${escape(error instanceof Error ? error.message : String(error))}</p>`;
  }
}

// ---------------------------------------------------------------- pieces

const notAvailable = (section: string): string =>
  `<div class="unavailable" data-state="forbidden" data-section="${section}"><b>${t().notAvailable}</b><small>${t().notAvailableNote}</small></div>`;

function sectionState<T>(result: SectionedResult<T>, alias: keyof T): string | undefined {
  if (result.forbidden.has(alias)) return notAvailable(String(alias));
  const failure = result.failed.get(alias);
  if (failure && !result.data[alias]) return `<p class="error" role="alert" data-section="${String(alias)}">${escape(failure)}</p>`;
  if (!result.data[alias]) return `<p class="muted">${t().noData}</p>`;
  return undefined;
}

/** Hatched, never 0: "< 10" for a whole Solar year; for a date range, not published at all (counts only for whole units). */
const SUPPRESSED_CELL = () =>
  `<span class="suppressed" data-state="suppressed" title="${escape(t().suppressedNote)}">${state.range ? t().notPublished : `&lt; ${num(10)}`}</span>`;

/** One figure with last year's value and the change; a suppressed count is shown as such, never as 0. */
/** Figures where a rise is bad news (deaths, injuries, violations): their change is red when it rises. */
const WORSE_WHEN_HIGHER = new Set(['fatalities', 'fatalitiesNotAtFault', 'injuries', 'violations', 'crashes']);

function figure(key: string, now: number | null, before: number | null, suppressed = false): string {
  const label = (t() as unknown as Record<string, string>)[key] ?? key;
  if (suppressed || now === null) {
    return `<div class="figure" data-figure="${key}" data-state="suppressed"><span class="label">${label}</span>
      <span class="value">${SUPPRESSED_CELL()}</span><span class="previous">${t().lastYear}: ${before === null ? '—' : num(before)}</span></div>`;
  }
  const change = before ? (now - before) / before : null;
  return `<div class="figure" data-figure="${key}" data-value="${now}" data-state="ok"><span class="label">${label}</span>
    <span class="value">${num(now)}</span>
    <span class="previous" data-previous="${before ?? ''}">${t().lastYear}: ${before === null ? '—' : num(before)}
    ${change === null ? '' : `· ${t().change}: <span dir="ltr" class="${change === 0 ? '' : (change > 0) === WORSE_WHEN_HIGHER.has(key) ? 'worse' : 'better'}">${formatSigned(state.lang, change)}</span>`}</span></div>`;
}

const isSuppressed = (stats: { suppressed: string[] }, field: string) => stats.suppressed.includes(field);
const suppressedNote = () => `<p class="note" data-note="suppressed">▨ ${t().suppressedNote}</p>`;

// ---------------------------------------------------------------- overview

function renderOverview(target: HTMLElement, overview: SectionedResult<OverviewSections>): void {
  const data = overview.data;
  const place = data.place;
  if (place) {
    const province = place.kind === 'PROVINCE' ? place : place.parent;
    if (province) {
      state.province = province.code;
      state.places = [province, ...(place.kind === 'PROVINCE' ? place.children : (place.parent?.children ?? []))];
      fillRegions();
    }
  }
  const heading = `${place ? escape(regionName(state.lang, place)) : escape(state.region)} · ${state.range ? `${escape(formatDate(state.lang, state.range.from))} – ${escape(formatDate(state.lang, state.range.to))}` : t().solarYear(formatYear(state.lang, state.year))}`;

  const traffic = data.traffic;
  const trafficHtml =
    sectionState(overview, 'traffic') ??
    (() => {
      const { now, before } = traffic as NonNullable<typeof traffic>;
      const share = now.fatalities ? now.fatalitiesNotAtFault / now.fatalities : 0;
      return `<div class="figures">
        ${figure('fatalities', now.fatalities, before.fatalities)}
        ${figure('fatalitiesNotAtFault', now.fatalitiesNotAtFault, before.fatalitiesNotAtFault)}
        <div class="figure" data-figure="notAtFaultShare" data-value="${share}"><span class="label">${t().notAtFaultShare}</span><span class="value">${formatPercent(state.lang, share)}</span></div>
        ${figure('injuries', now.injuries, before.injuries)}
        ${figure('violations', now.violations, before.violations)}
      </div>
      <figure class="chart"><figcaption>${t().byMonth}</figcaption><canvas data-chart="months" height="260"></canvas></figure>`;
    })();

  const prevention = data.prevention;
  const preventionHtml =
    sectionState(overview, 'prevention') ??
    (() => {
      const { now, before } = prevention as { now: PreventionStats; before: PreventionStats };
      return `<div class="figures">
        ${figure('peopleReached', now.peopleReached, before.peopleReached)}
        ${figure('exhibitionVisits', now.exhibitionVisits, before.exhibitionVisits)}
        ${figure('programs', now.programs, before.programs)}
        ${figure('treatmentAdmissions', now.treatmentAdmissions, before.treatmentAdmissions, isSuppressed(now, 'treatmentAdmissions'))}
      </div>${now.suppressed.length ? suppressedNote() : ''}`;
    })();

  const family = data.family;
  const familyHtml =
    sectionState(overview, 'family') ??
    (() => {
      const { now, before } = family as { now: FamilyStats; before: FamilyStats };
      return `<div class="figures">
        ${figure('freeCounselingSessions', now.freeCounselingSessions, before.freeCounselingSessions)}
        ${figure('paidCounselingSessions', now.counselingSessions - now.freeCounselingSessions, before.counselingSessions - before.freeCounselingSessions)}
        ${figure('counselingSessions', now.counselingSessions, before.counselingSessions)}
        ${figure('casesOpened', now.casesOpened, before.casesOpened, isSuppressed(now, 'casesOpened'))}
        ${figure('reconciliations', now.reconciliations, before.reconciliations, isSuppressed(now, 'reconciliations'))}
      </div>${now.suppressed.length ? suppressedNote() : ''}`;
    })();

  target.innerHTML = `<h2 data-heading="overview">${heading}</h2>
    <section class="card" data-section-name="traffic"><h3>${t().roadSafety}</h3>${trafficHtml}</section>
    <section class="card" data-section-name="prevention"><h3>${t().prevention}</h3>${preventionHtml}</section>
    <section class="card" data-section-name="family"><h3>${t().counselling}</h3>${familyHtml}</section>`;

  const canvas = target.querySelector<HTMLCanvasElement>('canvas[data-chart="months"]');
  if (canvas && traffic) {
    const rtl = state.lang === 'fa';
    draw(canvas, {
      type: 'bar',
      data: {
        labels: traffic.months.map((bucket) => monthName(state.lang, bucket.label)),
        datasets: [
          { type: 'bar', label: t().fatalities, data: traffic.months.map((bucket) => bucket.stats.fatalities), backgroundColor: '#c0392b', yAxisID: 'y', order: 1 },
          {
            type: 'line',
            label: t().notAtFaultShare,
            data: traffic.months.map((bucket) => (bucket.stats.fatalities ? (100 * bucket.stats.fatalitiesNotAtFault) / bucket.stats.fatalities : 0)),
            borderColor: '#2471a3',
            backgroundColor: '#2471a3',
            yAxisID: 'share',
            order: 0,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        locale: state.lang === 'fa' ? 'fa-IR' : 'en-US',
        plugins: { legend: { rtl, position: 'bottom' }, tooltip: { rtl } },
        scales: {
          x: { reverse: rtl },
          y: { position: rtl ? 'right' : 'left', beginAtZero: true, ticks: { precision: 0, callback: (value) => num(Number(value)) } },
          share: { position: rtl ? 'left' : 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: (value) => formatPercent(state.lang, Number(value) / 100) } },
        },
      },
    });
  }
}

// ---------------------------------------------------------------- counties

type CountyFigure =
  | 'fatalities'
  | 'fatalitiesNotAtFault'
  | 'injuries'
  | 'violations'
  | 'crashes'
  | 'peopleReached'
  | 'exhibitionVisits'
  | 'treatmentAdmissions'
  | 'counselingSessions'
  | 'freeCounselingSessions'
  | 'casesOpened';
const COUNTY_FIGURES: { key: CountyFigure; section: 'traffic' | 'prevention' | 'family' }[] = [
  { key: 'fatalities', section: 'traffic' },
  { key: 'fatalitiesNotAtFault', section: 'traffic' },
  { key: 'injuries', section: 'traffic' },
  { key: 'violations', section: 'traffic' },
  { key: 'crashes', section: 'traffic' },
  { key: 'peopleReached', section: 'prevention' },
  { key: 'exhibitionVisits', section: 'prevention' },
  { key: 'treatmentAdmissions', section: 'prevention' },
  { key: 'counselingSessions', section: 'family' },
  { key: 'freeCounselingSessions', section: 'family' },
  { key: 'casesOpened', section: 'family' },
];

/** A county's value of a figure: a number, 'suppressed', or 'forbidden'. */
type Cell = number | 'suppressed' | 'forbidden';

function renderCounties(target: HTMLElement, result: SectionedResult<CountiesSections>): void {
  const names = result.data.names?.children;
  if (!names) {
    target.innerHTML = sectionState(result, 'names') ?? '';
    return;
  }
  const stats = new Map<string, { traffic?: TrafficStats; prevention?: PreventionStats; family?: FamilyStats }>();
  for (const county of names) stats.set(county.code, {});
  result.data.traffic?.children.forEach((county) => (stats.get(county.code)!.traffic = county.trafficStats));
  result.data.prevention?.children.forEach((county) => (stats.get(county.code)!.prevention = county.preventionStats));
  result.data.family?.children.forEach((county) => (stats.get(county.code)!.family = county.familyStats));
  const cell = (code: string, key: CountyFigure): Cell => {
    const section = COUNTY_FIGURES.find((candidate) => candidate.key === key)!.section;
    const record = stats.get(code)?.[section] as (Record<string, unknown> & { suppressed?: string[] }) | undefined;
    if (!record) return 'forbidden';
    const value = record[key];
    if (value === null || record.suppressed?.includes(key)) return 'suppressed';
    return value as number;
  };
  const figure = state.countyFigure;
  const rows = names.map((county) => ({ county, value: cell(county.code, figure) }));
  const rank = (value: Cell) => (typeof value === 'number' ? value : value === 'suppressed' ? -1 : -2);
  const { key, descending } = state.sort;
  rows.sort((a, b) => {
    const order =
      key === 'name'
        ? regionName(state.lang, a.county).localeCompare(regionName(state.lang, b.county), state.lang)
        : key === 'population'
          ? (a.county.population ?? 0) - (b.county.population ?? 0)
          : rank(a.value) - rank(b.value);
    return descending ? -order : order;
  });
  const show = (value: Cell) =>
    value === 'forbidden' ? `<span class="unavailable-cell" data-state="forbidden">${t().notAvailable}</span>` : value === 'suppressed' ? SUPPRESSED_CELL() : num(value);
  const arrow = (column: string) => (state.sort.key === column ? (state.sort.descending ? ' ▼' : ' ▲') : '');
  const anySuppressed = rows.some((row) => row.value === 'suppressed');
  const sectionOfFigure = COUNTY_FIGURES.find((candidate) => candidate.key === figure)!.section;
  const forbidden = result.forbidden.has(sectionOfFigure);
  target.innerHTML = `<h2 data-heading="counties">${t().counties} · ${state.range ? `${escape(formatDate(state.lang, state.range.from))} – ${escape(formatDate(state.lang, state.range.to))}` : t().solarYear(formatYear(state.lang, state.year))}</h2>
    <label>${t().figure} <select data-control="county-figure">${COUNTY_FIGURES.map(
      (option) => `<option value="${option.key}" ${option.key === figure ? 'selected' : ''}>${(t() as unknown as Record<string, string>)[option.key]}</option>`,
    ).join('')}</select></label>
    <p class="muted">${t().drillDown}</p>
    ${forbidden ? notAvailable(sectionOfFigure) : `<figure class="chart tall"><canvas data-chart="counties"></canvas></figure>`}
    <table data-table="counties"><thead><tr>
      <th><button data-action="sort" data-sort="name">${t().county}${arrow('name')}</button></th>
      <th><button data-action="sort" data-sort="population">${t().population}${arrow('population')}</button></th>
      <th><button data-action="sort" data-sort="value">${(t() as unknown as Record<string, string>)[figure]}${arrow('value')}</button></th>
    </tr></thead><tbody>${rows
      .map(
        (row) => `<tr data-county="${escape(row.county.code)}" data-value="${typeof row.value === 'number' ? row.value : row.value}">
        <td><a href="#" data-action="drill" data-code="${escape(row.county.code)}">${escape(regionName(state.lang, row.county))}</a></td>
        <td>${row.county.population === null ? '—' : num(row.county.population)}</td><td>${show(row.value)}</td></tr>`,
      )
      .join('')}</tbody></table>${anySuppressed ? suppressedNote() : ''}`;
  const canvas = target.querySelector<HTMLCanvasElement>('canvas[data-chart="counties"]');
  if (!canvas) return;
  const rtl = state.lang === 'fa';
  const charted = rows.filter((row) => row.value !== 'forbidden');
  draw(canvas, {
    type: 'bar',
    data: {
      labels: charted.map((row) => regionName(state.lang, row.county)),
      datasets: [
        {
          label: (t() as unknown as Record<string, string>)[figure],
          // A suppressed county is drawn as a hatched bar up to 10 (its upper bound), never as 0.
          data: charted.map((row) => (typeof row.value === 'number' ? row.value : 10)),
          backgroundColor: charted.map((row) => (typeof row.value === 'number' ? '#2e86c1' : hatchPattern())),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      locale: state.lang === 'fa' ? 'fa-IR' : 'en-US',
      onClick: (_event, elements) => {
        const index = elements[0]?.index;
        if (index !== undefined) drill(charted[index].county.code);
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          rtl,
          callbacks: {
            label: (item) => {
              const value = charted[item.dataIndex].value;
              return typeof value === 'number' ? num(value) : `< ${num(10)} — ${t().suppressedNote}`;
            },
          },
        },
      },
      scales: { x: { reverse: rtl, beginAtZero: true, ticks: { callback: (value) => num(Number(value)) } }, y: { position: rtl ? 'right' : 'left', ticks: { autoSkip: false } } },
    },
  });
}

function drill(code: string): void {
  state.region = code;
  state.view = 'overview';
  renderShell();
}

// ---------------------------------------------------------------- scorecards

function renderScorecards(target: HTMLElement, result: SectionedResult<ScorecardSections>): void {
  const blocked = sectionState(result, 'agreements');
  if (blocked) {
    target.innerHTML = blocked;
    return;
  }
  const edges = result.data.agreements?.edges ?? [];
  // A refused `actual` is a FORBIDDEN error on that target's own path.
  const refused = new Set(
    result.errors
      .filter((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.[0] === 'agreements' && error.path.includes('targets'))
      .map((error) => `${error.path?.[2]}:${error.path?.[error.path.indexOf('targets') + 1]}`),
  );
  const name = (agency: { name: string; nameFa: string }) => escape(regionName(state.lang, agency));
  const role = (value: string) => (t() as unknown as Record<string, string>)[value.toLowerCase()] ?? value;
  const card = (mou: Scorecard, index: number) => `
    <details class="card scorecard" data-mou="${escape(mou.code)}">
      <summary><b>${escape(state.lang === 'fa' ? mou.titleFa : mou.title)}</b> <code dir="ltr">${escape(mou.code)}</code>
        · ${escape(regionName(state.lang, mou.region))}</summary>
      <p>${t().parties}: ${mou.parties.map((party) => `<span class="party" data-party="${escape(party.agency.code)}">${name(party.agency)} (${role(party.role)})</span>`).join('، ')}</p>
      <table class="targets"><thead><tr><th>${t().figure}</th><th>${t().baseline}</th><th>${t().target}</th><th>${t().actual}</th><th>${t().attainment}</th></tr></thead><tbody>
      ${mou.targets
        .map((target, targetIndex) => {
          const forbidden = refused.has(`${index}:${targetIndex}`);
          const met = target.attainment !== null && target.attainment >= 1;
          const width = Math.max(0, Math.min(1, target.attainment ?? 0)) * 100;
          const metricLabel = metricName(state.lang, target.metric);
          return `<tr data-target="${escape(target.id)}" data-metric="${escape(target.metric)}" data-direction="${target.direction}" data-attainment="${target.attainment ?? ''}" data-met="${met}">
            <td>${escape(metricLabel)} <span class="direction">${target.direction === 'DECREASE' ? `▼ ${t().decrease}` : `▲ ${t().increase}`}</span>
              <small>${escape(formatDate(state.lang, target.from))} – ${escape(formatDate(state.lang, target.to))}</small></td>
            <td>${num(target.baseline)}</td><td>${num(target.target)}</td>
            <td>${forbidden ? `<span class="unavailable-cell" data-state="forbidden">${t().notAvailable}</span>` : target.actual === null ? '—' : num(target.actual)}</td>
            <td>${
              target.attainment === null
                ? '—'
                : `<div class="progress ${met ? 'met' : target.attainment < 0 ? 'worse' : 'short'}" role="progressbar" aria-valuenow="${Math.round(target.attainment * 100)}" aria-valuemin="0" aria-valuemax="100">
                    <span style="width:${width}%"></span></div>${formatPercent(state.lang, target.attainment)} · ${met ? t().met : t().notMet}`
            }</td></tr>`;
        })
        .join('')}
      </tbody></table>
    </details>`;
  target.innerHTML = `<h2 data-heading="scorecards">${t().scorecards}</h2>${edges.length ? edges.map((edge, index) => card(edge.node, index)).join('') : `<p class="muted">${t().noActive}</p>`}`;
}

// ---------------------------------------------------------------- events

app.addEventListener('click', (event) => {
  const element = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
  if (!element) return;
  const action = element.dataset.action;
  if (action === 'lang') {
    setLang(state.lang === 'fa' ? 'en' : 'fa');
    return state.me ? renderShell() : void renderSignIn();
  }
  if (action === 'sign-out') return signOut();
  if (action === 'view') {
    state.view = element.dataset.viewName as View;
    return renderShell();
  }
  if (action === 'sort') {
    const key = element.dataset.sort ?? 'value';
    state.sort = { key, descending: state.sort.key === key ? !state.sort.descending : key !== 'name' };
    return void load();
  }
  if (action === 'drill') {
    event.preventDefault();
    return drill(element.dataset.code ?? state.province);
  }
});

app.addEventListener('change', (event) => {
  const element = event.target as HTMLSelectElement;
  const control = element.dataset.control;
  if (control === 'year') {
    state.year = Number(element.value);
    state.range = undefined;
    return void load();
  }
  if (control === 'region') {
    state.region = element.value;
    if (state.view !== 'overview') state.view = 'overview';
    return renderShell();
  }
  if (control === 'county-figure') {
    state.countyFigure = element.value as CountyFigure;
    return void load();
  }
});

app.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = new FormData(form);
  if (form.dataset.form === 'token') return void signIn(String(data.get('token') ?? '').trim());
  if (form.dataset.form === 'demo') return void demoToken(String(data.get('agency') ?? ''));
  if (form.dataset.form === 'range') {
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    if (from && to) {
      state.range = from <= to ? { from, to } : { from: to, to: from };
      // A range replaces the year: the year list shows none until one is picked again.
      const year = app.querySelector<HTMLSelectElement>('select[data-control="year"]');
      if (year) year.selectedIndex = -1;
      return void load();
    }
  }
});

setLang(state.lang);
if (state.token) void signIn(state.token);
else void renderSignIn();
