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
} from './documents';
import { DashboardClient, SignInError, type SectionedResult } from './graphql';
import {
  ATTRIBUTION,
  ATTRIBUTION_URL,
  CLASS_COLOURS,
  classOf,
  classStep,
  FORBIDDEN_FILL,
  HATCH_FILL,
  hasMap,
  NO_DATA_FILL,
  outlinesOf,
  PATTERNS,
  type Outlines,
} from './map';
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

type View = 'overview' | 'counties' | 'map' | 'scorecards';
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
  /** The region whose sub-regions the map shows: the country (its provinces) or a province with boundaries. */
  mapOf: 'IR',
  sort: { key: 'value' as string, descending: true },
  places: [] as NamedRegion[],
  message: '',
};

const app = document.getElementById('app') as HTMLElement;
const t = (): Strings => STRINGS[state.lang];
const escape = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
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
    const json = decodeURIComponent(Array.from(atob(payload), (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
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
  const tab = (view: View) => `<button role="tab" data-action="view" data-view-name="${view}" aria-selected="${state.view === view}">${t()[view]}</button>`;
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
    <nav role="tablist">${tab('overview')}${tab('counties')}${tab('map')}${tab('scorecards')}</nav>
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
      const result = await client.run(CountiesDocument, { parent: state.province, period: vars.period });
      render = () => renderCounties(target, result);
    } else if (state.view === 'map') {
      const [result, outlines] = await Promise.all([client.run(CountiesDocument, { parent: state.mapOf, period: vars.period }), outlinesOf(state.mapOf)]);
      render = () => renderMap(target, result, outlines);
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
    ${change === null ? '' : `· ${t().change}: <span dir="ltr" class="${change === 0 ? '' : change > 0 === WORSE_WHEN_HIGHER.has(key) ? 'worse' : 'better'}">${formatSigned(state.lang, change)}</span>`}</span></div>`;
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
          {
            type: 'bar',
            label: t().fatalities,
            data: traffic.months.map((bucket) => bucket.stats.fatalities),
            backgroundColor: '#c0392b',
            yAxisID: 'y',
            order: 1,
          },
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
          share: {
            position: rtl ? 'left' : 'right',
            min: 0,
            max: 100,
            grid: { drawOnChartArea: false },
            ticks: { callback: (value) => formatPercent(state.lang, Number(value) / 100) },
          },
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

const STATS_FIELD = { traffic: 'trafficStats', prevention: 'preventionStats', family: 'familyStats' } as const;

/**
 * Each sub-region's value of a figure: its number, 'suppressed' (null and
 * named in `suppressed`: hatched, never 0), or 'forbidden' (the token may not
 * read the figure's section, or this region's figures).
 */
function cellsOf(result: SectionedResult<CountiesSections>, figure: CountyFigure): Map<string, Cell> {
  const section = COUNTY_FIGURES.find((candidate) => candidate.key === figure)!.section;
  const cells = new Map<string, Cell>();
  for (const region of result.data.names?.children ?? []) cells.set(region.code, 'forbidden');
  const children = (result.data[section]?.children ?? []) as unknown as Record<string, unknown>[];
  for (const child of children) {
    const record = child[STATS_FIELD[section]] as (Record<string, unknown> & { suppressed?: string[] }) | null | undefined;
    if (!record) continue;
    const value = record[figure];
    cells.set(child.code as string, value === null || value === undefined || record.suppressed?.includes(figure) ? 'suppressed' : (value as number));
  }
  return cells;
}

const figureLabel = (key: string): string => (t() as unknown as Record<string, string>)[key] ?? key;

const figureSelect = (figure: CountyFigure): string =>
  `<label>${t().figure} <select data-control="county-figure">${COUNTY_FIGURES.map(
    (option) => `<option value="${option.key}" ${option.key === figure ? 'selected' : ''}>${figureLabel(option.key)}</option>`,
  ).join('')}</select></label>`;

const periodLabel = (): string =>
  state.range
    ? `${escape(formatDate(state.lang, state.range.from))} – ${escape(formatDate(state.lang, state.range.to))}`
    : t().solarYear(formatYear(state.lang, state.year));

function renderCounties(target: HTMLElement, result: SectionedResult<CountiesSections>): void {
  const names = result.data.names?.children;
  if (!names) {
    target.innerHTML = sectionState(result, 'names') ?? '';
    return;
  }
  // After a drill-down from the country map the region list learns the province's counties here.
  const province = state.places.find((place) => place.code === state.province);
  if (province) {
    state.places = [province, ...names];
    fillRegions();
  }
  const figure = state.countyFigure;
  const cells = cellsOf(result, figure);
  const rows = names.map((county) => ({ county, value: cells.get(county.code) ?? ('forbidden' as Cell) }));
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
    value === 'forbidden'
      ? `<span class="unavailable-cell" data-state="forbidden">${t().notAvailable}</span>`
      : value === 'suppressed'
        ? SUPPRESSED_CELL()
        : num(value);
  const arrow = (column: string) => (state.sort.key === column ? (state.sort.descending ? ' ▼' : ' ▲') : '');
  const anySuppressed = rows.some((row) => row.value === 'suppressed');
  const sectionOfFigure = COUNTY_FIGURES.find((candidate) => candidate.key === figure)!.section;
  const forbidden = result.forbidden.has(sectionOfFigure);
  target.innerHTML = `<h2 data-heading="counties">${t().counties} · ${periodLabel()}</h2>
    ${figureSelect(figure)}
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
      scales: {
        x: { reverse: rtl, beginAtZero: true, ticks: { callback: (value) => num(Number(value)) } },
        y: { position: rtl ? 'right' : 'left', ticks: { autoSkip: false } },
      },
    },
  });
}

// ---------------------------------------------------------------- map

/**
 * The chosen figure as a choropleth of the sub-regions (the country's
 * provinces, Isfahan's counties): a path per region from the shipped
 * boundaries, coloured in five classes; a suppressed count hatched (never a
 * colour, so never read as 0), a region the graph has no figures for yet
 * dotted, one the token may not read left blank. Clicking a province opens its
 * counties (its map where there are boundaries, else the counties view);
 * clicking a county opens its overview.
 */
function renderMap(target: HTMLElement, result: SectionedResult<CountiesSections>, outlines: Outlines): void {
  const names = result.data.names?.children;
  if (!names) {
    target.innerHTML = sectionState(result, 'names') ?? '';
    return;
  }
  const figure = state.countyFigure;
  const cells = cellsOf(result, figure);
  const known = new Map(names.map((region) => [region.code, region]));
  const section = COUNTY_FIGURES.find((candidate) => candidate.key === figure)!.section;
  // Refused for the whole section, or region by region: either way nothing to colour.
  const refused = [...cells.values()].filter((value) => value === 'forbidden').length;
  const forbidden = result.forbidden.has(section) || (cells.size > 0 && refused === cells.size);
  const values = [...cells.values()].filter((value): value is number => typeof value === 'number');
  const step = classStep(Math.max(0, ...values));
  const country = state.mapOf === 'IR';
  names.forEach((region) => mapNames.set(region.code, region));
  const here = mapNames.get(state.mapOf);
  const suppressedText = state.range ? t().notPublished : `< ${num(10)}`;

  const paths = outlines.shapes
    .map((shape) => {
      const region = known.get(shape.code);
      const value = region ? cells.get(shape.code) : undefined;
      const name = escape(regionName(state.lang, region ?? shape));
      const [fill, mapState, text] =
        value === undefined
          ? [NO_DATA_FILL, 'no-data', t().noData]
          : value === 'forbidden'
            ? [FORBIDDEN_FILL, 'forbidden', t().notAvailable]
            : value === 'suppressed'
              ? [HATCH_FILL, 'suppressed', suppressedText]
              : [CLASS_COLOURS[classOf(value, step)], 'ok', num(value)];
      // Only a region the graph knows leads somewhere.
      const action = region ? ` data-action="map-region" tabindex="0" role="button" aria-label="${name}: ${escape(text)}"` : '';
      return `<path d="${shape.path}" data-code="${escape(shape.code)}" data-state="${mapState}"${typeof value === 'number' ? ` data-value="${value}"` : ''} fill="${fill}"${action}><title>${name}: ${escape(text)}</title></path>`;
    })
    .join('');

  // The legend's swatches use the map's patterns by id (one map on the page at a time).
  const swatch = (fill: string, label: string, legendState: string) =>
    `<li data-legend="${legendState}"><svg width="18" height="14" aria-hidden="true"><rect width="18" height="14" fill="${fill}" stroke="#7f8c8d"/></svg>${label}</li>`;
  const classLabel = (index: number) =>
    index === CLASS_COLOURS.length - 1 ? `${num(index * step)}+` : step === 1 ? num(index) : `${num(index * step)} – ${num((index + 1) * step - 1)}`;
  // No value to colour (all suppressed, or none yet): no classes to explain.
  const classes = values.length ? CLASS_COLOURS.map((colour, index) => swatch(colour, classLabel(index), 'class')).join('') : '';
  const unmapped = names.filter((region) => !outlines.shapes.some((shape) => shape.code === region.code));
  const anySuppressed = [...cells.values()].includes('suppressed');

  const crumbs = country
    ? `<b>${t().country}</b>`
    : `<a href="#" data-action="map-level" data-code="IR">${t().country}</a> › <b>${escape(here ? regionName(state.lang, here) : state.mapOf)}</b>`;
  target.innerHTML = `<h2 data-heading="map">${t().map} · ${periodLabel()}</h2>
    <p class="crumbs" data-map-of="${escape(state.mapOf)}">${crumbs}</p>
    ${figureSelect(figure)}
    <p class="muted">${country ? t().mapProvincesHint : t().mapCountiesHint}</p>
    ${forbidden ? notAvailable(section) : ''}
    <figure class="map" data-map="${escape(state.mapOf)}">
      <svg viewBox="0 0 ${outlines.width} ${outlines.height}" role="img" aria-label="${escape(`${t().map}: ${figureLabel(figure)}`)}" xmlns="http://www.w3.org/2000/svg">
        ${PATTERNS}<g class="regions">${paths}</g></svg>
      <figcaption class="attribution" dir="ltr"><a href="${ATTRIBUTION_URL}" rel="noreferrer" target="_blank">${escape(ATTRIBUTION)}</a></figcaption>
    </figure>
    <ul class="legend" data-legend-of="${figure}"><li class="legend-title">${figureLabel(figure)}</li>${forbidden ? '' : classes}
      ${swatch(HATCH_FILL, suppressedText, 'suppressed')}${swatch(NO_DATA_FILL, t().noData, 'no-data')}
      ${refused ? swatch(FORBIDDEN_FILL, t().notAvailable, 'forbidden') : ''}</ul>
    ${anySuppressed ? suppressedNote() : ''}
    ${unmapped.length ? `<p class="muted" data-note="unmapped">${t().notOnMap}: ${unmapped.map((region) => `<a href="#" data-action="map-region" data-code="${escape(region.code)}">${escape(regionName(state.lang, region))}</a>`).join(state.lang === 'fa' ? '، ' : ', ')}</p>` : ''}`;
}

/** The names of the regions the maps have shown, for the crumbs and the region list after a drill-down. */
const mapNames = new Map<string, NamedRegion>();

/** A region clicked on the map: a province opens its counties, a county its overview. */
function mapRegion(code: string): void {
  if (state.mapOf !== 'IR') return drill(code);
  if (hasMap(code)) {
    state.mapOf = code;
    return void load();
  }
  state.province = state.region = code;
  const province = mapNames.get(code);
  if (province) state.places = [province];
  state.view = 'counties';
  renderShell();
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
  if (action === 'map-region' || action === 'map-level') {
    event.preventDefault();
    const code = element.dataset.code ?? 'IR';
    if (action === 'map-level') {
      state.mapOf = code;
      return void load();
    }
    return mapRegion(code);
  }
  if (action === 'drill') {
    event.preventDefault();
    return drill(element.dataset.code ?? state.province);
  }
});

// A region on the map is a button for the keyboard too.
app.addEventListener('keydown', (event) => {
  const element = event.target as Element;
  if ((event.key === 'Enter' || event.key === ' ') && element.matches('path[data-action="map-region"]')) {
    event.preventDefault();
    mapRegion((element as SVGPathElement).dataset.code ?? '');
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
