/**
 * The joint-report dashboard in a real browser: Debian's chromium driven by
 * playwright-core against the whole stack, the page served by the gateway at
 * /dashboard. Needs `npm run build` (which builds the dashboard) and
 * /usr/bin/chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startStack, type Stack } from '@safety-graph/test-helpers';

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const DIST = join(__dirname, '..', '..', 'dashboard', 'dist', 'index.html');

let stack: Stack;
let origin: string;
let profile: string;
let context: BrowserContext;
let page: Page;
const graphqlRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dashboard/dist is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startStack('dashboard');
  origin = new URL(stack.gateway.url).origin;
  profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') graphqlRequests.push(request.postData() ?? '');
  });
}, 240_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await stack?.stop();
});

const STATS = `
  trafficStats(period: $period) { fatalities fatalitiesNotAtFault injuries violations }
  preventionStats(period: $period) { peopleReached exhibitionVisits }
  familyStats(period: $period) { counselingSessions freeCounselingSessions }`;
interface Figures {
  trafficStats: Record<string, number>;
  preventionStats: Record<string, number>;
  familyStats: Record<string, number>;
}

/** The graph's own answer, asked as a partner would, to hold the page against. */
async function graphFigures(code: string, solarYear: number): Promise<Figures> {
  const answer = await stack.query<{ region: Figures }>(`query($period: PeriodInput!) { region(code: "${code}") { ${STATS} } }`, {
    period: { solarYear },
  });
  expect(answer.errors).toBeUndefined();
  return answer.data!.region;
}

const persian = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });
const english = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

async function ready(): Promise<void> {
  await page.waitForSelector('#view[data-state="ready"]', { timeout: 60_000 });
}

/** The figure as the page shows it: its value attribute and its text. */
async function shown(key: string): Promise<{ value: string | null; text: string; state: string | null }> {
  const figure = page.locator(`#view [data-figure="${key}"]`);
  return {
    value: await figure.getAttribute('data-value'),
    text: (await figure.locator('.value').innerText()).trim(),
    state: await figure.getAttribute('data-state'),
  };
}

async function expectFigures(expected: Figures, format: Intl.NumberFormat): Promise<void> {
  const pairs: [string, number][] = [
    ['fatalities', expected.trafficStats.fatalities],
    ['fatalitiesNotAtFault', expected.trafficStats.fatalitiesNotAtFault],
    ['injuries', expected.trafficStats.injuries],
    ['violations', expected.trafficStats.violations],
    ['peopleReached', expected.preventionStats.peopleReached],
    ['exhibitionVisits', expected.preventionStats.exhibitionVisits],
    ['freeCounselingSessions', expected.familyStats.freeCounselingSessions],
    ['counselingSessions', expected.familyStats.counselingSessions],
  ];
  for (const [key, value] of pairs) {
    const figure = await shown(key);
    expect({ key, value: figure.value, text: figure.text }).toEqual({ key, value: String(value), text: format.format(value) });
  }
}

async function requestsDuring(action: () => Promise<void>): Promise<number> {
  const before = graphqlRequests.length;
  await action();
  await ready();
  return graphqlRequests.length - before;
}

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });

describe('the dashboard route', () => {
  it('serves the page and its assets from the build, nothing else', async () => {
    const html = await fetch(`${origin}/dashboard`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.headers.get('content-security-policy')).toMatch(/connect-src 'self'/);
    const text = await html.text();
    expect(text).toMatch(/<html lang="fa" dir="rtl">/);
    const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(text)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${origin}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    // The maps' boundaries are assets of the build too (OpenStreetMap data shipped with the page).
    const boundaries = /\/dashboard\/assets\/provinces-IR-[\w-]+\.geojson/.exec(await asset.text())?.[0];
    expect(boundaries).toBeDefined();
    const geojson = await fetch(`${origin}${boundaries}`);
    expect(geojson.status).toBe(200);
    expect(geojson.headers.get('content-type')).toBe('application/geo+json');
    expect(((await geojson.json()) as { features: unknown[] }).features).toHaveLength(31);
    expect((await fetch(`${origin}/dashboard/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/dashboard/assets/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${origin}/dashboard/index.html`)).status).toBe(404);
    const post = await fetch(`${origin}/dashboard`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(await post.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });
});

describe('the dashboard in chromium', () => {
  it("signs in as the province police and shows the graph's figures for 1404, Persian and right to left", async () => {
    const graph = await graphFigures('IR-10', 1404);
    // The demo's figures (within the demo generator's 5 %).
    const near = (value: number, expected: number) => Math.abs(value - expected) <= expected * 0.05;
    expect(near(graph.trafficStats.fatalities, 600)).toBe(true);
    expect(near(graph.trafficStats.fatalitiesNotAtFault, 300)).toBe(true);
    expect(near(graph.preventionStats.peopleReached, 120_000)).toBe(true);
    expect(near(graph.preventionStats.exhibitionVisits, 120_000)).toBe(true);
    expect(near(graph.familyStats.freeCounselingSessions, 36_000)).toBe(true);

    await page.goto(`${origin}/dashboard`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('fa');
    await page.waitForSelector('form[data-form="demo"]:not([hidden])');
    await shot('sign-in');
    await page.selectOption('form[data-form="demo"] select', 'POLICE-IR-10');
    const signIn = await requestsDuring(() => page.click('form[data-form="demo"] button'));
    expect(signIn).toBe(2); // who the token speaks for, then the overview: one request
    expect(await page.getAttribute('.who', 'data-agency')).toBe('POLICE-IR-10');
    expect(await page.locator('.who .scopes').innerText()).toContain('reports:read');
    await page.waitForFunction(() => document.fonts.check('16px Vazirmatn', 'کاشان'));

    if ((await page.inputValue('select[data-control="year"]')) !== '1404') {
      expect(await requestsDuring(() => page.selectOption('select[data-control="year"]', '1404').then(() => undefined))).toBe(1);
    }
    await expectFigures(graph, persian);
    expect(await page.locator('#view h2').innerText()).toContain('۱۴۰۴');
    // Months named in Persian on the chart's axis come from the series labels; the chart is drawn.
    expect(await page.locator('canvas[data-chart="months"]').count()).toBe(1);
    expect(await page.locator('#view [role="alert"]').count()).toBe(0);
    await shot('overview');
  });

  it('switches to 1403 in one request, back to 1404 from the cache, and redraws quickly', async () => {
    const graph1403 = await graphFigures('IR-10', 1403);
    expect(await requestsDuring(() => page.selectOption('select[data-control="year"]', '1403').then(() => undefined))).toBe(1);
    await expectFigures(graph1403, persian);
    const renderMs = Number(await page.getAttribute('#view', 'data-render-ms'));
    // Recorded, not asserted (speed belongs in the bench): the issue asks under 300 ms.
    console.log(`dashboard: year switch redrawn in ${renderMs} ms after the answer`);
    expect(await requestsDuring(() => page.selectOption('select[data-control="year"]', '1404').then(() => undefined))).toBe(0);
    await expectFigures(await graphFigures('IR-10', 1404), persian);
  });

  it('switches to Kashan', async () => {
    const kashan = await graphFigures('IR-10-12', 1404);
    expect(await requestsDuring(() => page.selectOption('select[data-control="region"]', 'IR-10-12').then(() => undefined))).toBe(1);
    expect(await page.locator('#view h2').innerText()).toContain('کاشان');
    await expectFigures(kashan, persian);
    await shot('county');
  });

  it('shows a count not published for a date range as suppressed, hatched and noted, never as 0', async () => {
    const period = { from: '2025-04-01', to: '2025-06-15' };
    const answer = await stack.query<{ region: { familyStats: { casesOpened: number | null; suppressed: string[]; counselingSessions: number } } }>(
      'query($period: PeriodInput!) { region(code: "IR-10-12") { familyStats(period: $period) { casesOpened suppressed counselingSessions } } }',
      { period },
    );
    const family = answer.data!.region.familyStats;
    expect(family.casesOpened).toBeNull();
    expect(family.suppressed).toContain('casesOpened');
    await page.fill('form[data-form="range"] input[name="from"]', period.from);
    await page.fill('form[data-form="range"] input[name="to"]', period.to);
    expect(await requestsDuring(() => page.click('form[data-form="range"] button'))).toBe(1);
    const cases = await shown('casesOpened');
    expect(cases.state).toBe('suppressed');
    expect(cases.value).toBeNull();
    expect(cases.text).toBe('منتشر نمی‌شود');
    expect(await page.locator('#view [data-section-name="family"] [data-note="suppressed"]').count()).toBe(1);
    expect((await shown('counselingSessions')).value).toBe(String(family.counselingSessions));
    await shot('suppressed');
    // Back to a year: Kashan's 1403 is new, its 1404 comes from the cache.
    expect(await requestsDuring(() => page.selectOption('select[data-control="year"]', '1403').then(() => undefined))).toBe(1);
    expect(await requestsDuring(() => page.selectOption('select[data-control="year"]', '1404').then(() => undefined))).toBe(0);
    await expectFigures(await graphFigures('IR-10-12', 1404), persian);
  });

  it('lists the 28 counties in one request, sorts them and drills down to one', async () => {
    const answer = await stack.query<{ region: { children: { code: string; trafficStats: { fatalities: number } }[] } }>(
      'query { region(code: "IR-10") { children { code trafficStats(period: { solarYear: 1404 }) { fatalities } } } }',
    );
    const deaths = new Map(answer.data!.region.children.map((county) => [county.code, county.trafficStats.fatalities]));
    expect(await requestsDuring(() => page.click('nav [data-view-name="counties"]'))).toBe(1);
    const rows = page.locator('table[data-table="counties"] tbody tr');
    expect(await rows.count()).toBe(28);
    const values = async () => await rows.evaluateAll((all) => all.map((row) => [row.getAttribute('data-county'), row.getAttribute('data-value')]));
    const sorted = await values();
    for (const [code, value] of sorted) expect(Number(value)).toBe(deaths.get(code!));
    const numbers = sorted.map(([, value]) => Number(value));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.click('th button[data-sort="value"]');
    await ready();
    const ascending = (await values()).map(([, value]) => Number(value));
    expect(ascending).toEqual([...numbers].sort((a, b) => a - b));
    expect(await page.locator('canvas[data-chart="counties"]').count()).toBe(1);
    await shot('counties');

    // A figure published only for whole units may be suppressed: shown as such, never as 0.
    await page.selectOption('select[data-control="county-figure"]', 'casesOpened');
    await ready();
    const suppressed = await page.locator('tbody [data-state="suppressed"]').count();
    if (suppressed > 0) {
      expect(await page.locator('[data-note="suppressed"]').count()).toBe(1);
      expect(await page.locator('tbody [data-state="suppressed"]').first().innerText()).toBe(`< ${persian.format(10)}`);
      await shot('counties-suppressed');
    }
    await page.selectOption('select[data-control="county-figure"]', 'fatalities');
    await ready();

    await page.click('tbody a[data-code="IR-10-12"]');
    await ready();
    expect(await page.locator('#view h2').innerText()).toContain('کاشان');
    expect((await shown('fatalities')).value).toBe(String(deaths.get('IR-10-12')));
  });

  it("maps the chosen figure over the provinces and Isfahan's counties, hatches suppressed ones and drills down", async () => {
    const children = async (parent: string, period: Record<string, unknown>) => {
      const answer = await stack.query<{
        region: { children: { code: string; trafficStats: { fatalities: number }; familyStats: { casesOpened: number | null; suppressed: string[] } }[] };
      }>(
        `query($period: PeriodInput!) { region(code: "${parent}") { children { code trafficStats(period: $period) { fatalities } familyStats(period: $period) { casesOpened suppressed } } } }`,
        { period },
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.region.children;
    };
    const paths = page.locator('figure.map svg path');
    const byCode = async () =>
      new Map(
        (
          await paths.evaluateAll((all) =>
            all.map(
              (path) => [path.getAttribute('data-code'), path.getAttribute('data-state'), path.getAttribute('data-value'), path.getAttribute('fill')] as const,
            ),
          )
        ).map(([code, state, value, fill]) => [code!, { state, value, fill }]),
      );
    /** A real click inside the region's outline (its bounding box's centre may lie in a neighbour). */
    const clickRegion = async (code: string) => {
      const path = page.locator(`figure.map path[data-code="${code}"]`);
      await path.scrollIntoViewIfNeeded();
      const point = await path.evaluate((element: SVGPathElement) => {
        const box = element.getBBox();
        const toScreen = element.getScreenCTM()!;
        for (let row = 0; row < 20; row++) {
          for (let column = 0; column < 20; column++) {
            const inside = new DOMPoint(box.x + (box.width * (column + 0.5)) / 20, box.y + (box.height * (row + 0.5)) / 20);
            if (!element.isPointInFill(inside)) continue;
            const screen = inside.matrixTransform(toScreen);
            if (document.elementFromPoint(screen.x, screen.y) === element) return { x: screen.x, y: screen.y };
          }
        }
        return null;
      });
      expect(point).not.toBeNull();
      await page.mouse.click(point!.x, point!.y);
    };

    // The country: a path per province of the shipped boundaries, the graph's provinces coloured by their value.
    const provinces = await children('IR', { solarYear: 1404 });
    expect(provinces.map((province) => province.code)).toContain('IR-10');
    expect(await requestsDuring(() => page.click('nav [data-view-name="map"]'))).toBe(1);
    expect(await page.getAttribute('figure.map', 'data-map')).toBe('IR');
    expect(await paths.count()).toBe(31);
    let drawn = await byCode();
    for (const province of provinces) {
      expect({ code: province.code, ...drawn.get(province.code) }).toMatchObject({
        code: province.code,
        state: 'ok',
        value: String(province.trafficStats.fatalities),
      });
    }
    // Provinces the graph does not have yet are "no data", not 0 and not suppressed.
    const missing = [...drawn.keys()].filter((code) => !provinces.some((province) => province.code === code));
    expect(missing.length).toBe(31 - provinces.length);
    for (const code of missing) expect(drawn.get(code)).toEqual({ state: 'no-data', value: null, fill: 'url(#map-no-data)' });
    const attribution = page.locator('figure.map .attribution');
    expect(await attribution.isVisible()).toBe(true);
    expect(await attribution.innerText()).toBe('© OpenStreetMap contributors, ODbL');
    expect(await page.locator('.legend [data-legend="class"]').count()).toBe(5);
    await shot('map-provinces');
    // Recorded, not asserted (speed belongs in the bench).
    console.log(`dashboard: the provinces' map drawn in ${await page.getAttribute('#view', 'data-render-ms')} ms after the answer`);

    // A province without county boundaries opens the counties view (once the graph has other provinces).
    const other = provinces.find((province) => province.code !== 'IR-10');
    if (other) {
      const otherCounties = await children(other.code, { solarYear: 1404 });
      await clickRegion(other.code);
      await ready();
      expect(await page.locator('table[data-table="counties"] tbody tr').count()).toBe(otherCounties.length);
      await page.click('nav [data-view-name="map"]');
      await ready();
    }

    // Isfahan drills down to its counties' map (the counties view asked the same figures: from the cache).
    const counties = await children('IR-10', { solarYear: 1404 });
    expect(await requestsDuring(() => clickRegion('IR-10'))).toBe(0);
    expect(await page.getAttribute('figure.map', 'data-map')).toBe('IR-10');
    expect(await paths.count()).toBe(28);
    drawn = await byCode();
    for (const county of counties)
      expect({ code: county.code, ...drawn.get(county.code) }).toMatchObject({ code: county.code, state: 'ok', value: String(county.trafficStats.fatalities) });
    expect([...drawn.values()].filter((county) => county.state === 'no-data').length).toBe(28 - counties.length);
    expect(await attribution.isVisible()).toBe(true);
    await shot('map-counties');

    // A count not published for a date range: every such county hatched, none coloured (so none read as 0).
    const range = { from: '2025-04-01', to: '2025-06-15' };
    const hidden = (await children('IR-10', range)).filter((county) => county.familyStats.casesOpened === null);
    expect(hidden.length).toBeGreaterThan(0);
    for (const county of hidden) expect(county.familyStats.suppressed).toContain('casesOpened');
    await page.selectOption('select[data-control="county-figure"]', 'casesOpened');
    await ready();
    await page.fill('form[data-form="range"] input[name="from"]', range.from);
    await page.fill('form[data-form="range"] input[name="to"]', range.to);
    expect(await requestsDuring(() => page.click('form[data-form="range"] button'))).toBe(1);
    drawn = await byCode();
    for (const county of hidden)
      expect({ code: county.code, ...drawn.get(county.code) }).toEqual({ code: county.code, state: 'suppressed', value: null, fill: 'url(#map-hatch)' });
    expect([...drawn.values()].filter((county) => county.state === 'suppressed').length).toBe(hidden.length);
    expect(await page.locator('figure.map svg pattern#map-hatch').count()).toBe(1);
    expect(await page.locator('.legend [data-legend="suppressed"]').innerText()).toBe('منتشر نمی‌شود');
    expect(await page.locator('#view [data-note="suppressed"]').count()).toBe(1);
    await shot('map-suppressed');

    // Back to the year and the deaths; the crumbs lead back to the country, and down again to a county's overview.
    await page.selectOption('select[data-control="year"]', '1404');
    await ready();
    await page.selectOption('select[data-control="county-figure"]', 'fatalities');
    await ready();
    await page.click('.crumbs a[data-code="IR"]');
    await ready();
    expect(await page.getAttribute('figure.map', 'data-map')).toBe('IR');
    await clickRegion('IR-10');
    await ready();
    await clickRegion('IR-10-12');
    await ready();
    expect(await page.locator('#view h2').innerText()).toContain('کاشان');
    expect((await shown('fatalities')).value).toBe(String(counties.find((county) => county.code === 'IR-10-12')!.trafficStats.fatalities));
  });

  it('opens an MOU scorecard with targets, attainment bars coloured by direction, and the parties', async () => {
    const answer = await stack.query<{ agreements: { edges: { node: { code: string; targets: { direction: string; attainment: number | null }[] } }[] } }>(
      'query { agreements(status: ACTIVE, first: 100) { edges { node { code targets { direction attainment } } } } }',
    );
    const mous = answer.data!.agreements.edges.map((edge) => edge.node);
    expect(mous.length).toBeGreaterThan(0);
    expect(await requestsDuring(() => page.click('nav [data-view-name="scorecards"]'))).toBe(1);
    expect(await page.locator('details.scorecard').count()).toBe(mous.length);
    const first = mous.find((mou) => mou.targets.length > 0) ?? mous[0];
    const card = page.locator(`details[data-mou="${first.code}"]`);
    await card.locator('summary').click();
    expect(await card.getAttribute('open')).not.toBeNull();
    expect(await card.locator('tr[data-target]').count()).toBe(first.targets.length);
    expect(await card.locator('.party').count()).toBeGreaterThan(1);
    for (const [index, target] of first.targets.entries()) {
      const row = card.locator('tr[data-target]').nth(index);
      expect(await row.getAttribute('data-direction')).toBe(target.direction);
      if (target.attainment !== null) {
        const met = target.attainment >= 1;
        expect(await row.getAttribute('data-met')).toBe(String(met));
        expect(await row.locator('.progress').getAttribute('class')).toContain(met ? 'met' : target.attainment < 0 ? 'worse' : 'short');
      }
    }
    await shot('scorecards');
  });

  it('switches to English, left to right, with Latin digits', async () => {
    await page.click('nav [data-view-name="overview"]');
    await ready();
    await page.click('button[data-action="lang"]');
    await ready();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('nav [data-view-name="overview"]').innerText()).toBe('Overview');
    await expectFigures(await graphFigures('IR-10-12', 1404), english);
    await shot('english');
    await page.click('button[data-action="lang"]');
    await ready();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  });

  it('shows "not available" to a token without reports:read, never zeros or errors', async () => {
    const token = await stack.token('POLICE-IR-10', ['agencies:read', 'agreements:read', 'traffic:read', 'addiction:read', 'family:read']);
    await page.click('button[data-action="sign-out"]');
    await page.waitForSelector('form[data-form="token"]');
    await page.fill('form[data-form="token"] textarea', token);
    await page.click('form[data-form="token"] button');
    await ready();
    expect(await page.locator('.who .scopes').innerText()).not.toContain('reports:read');
    for (const section of ['traffic', 'prevention', 'family']) {
      const block = page.locator(`#view [data-section-name="${section}"] [data-state="forbidden"]`);
      expect(await block.count()).toBe(1);
      expect(await block.innerText()).toContain('برای دستگاه شما در دسترس نیست');
    }
    expect(await page.locator('#view [data-figure]').count()).toBe(0);
    expect(await page.locator('#view [role="alert"]').count()).toBe(0);
    await shot('not-available');

    await page.click('nav [data-view-name="counties"]');
    await ready();
    expect(await page.locator('#view [role="alert"]').count()).toBe(0);
    expect(await page.locator('#view [data-state="forbidden"]').count()).toBeGreaterThan(0);
    expect(await page.locator('tbody td:nth-child(3)').evaluateAll((cells) => cells.filter((cell) => /^[0۰]$/.test(cell.textContent!.trim())).length)).toBe(0);
    // On the map too: no region coloured (a colour would read as a value), each one "not available".
    await page.click('nav [data-view-name="map"]');
    await ready();
    expect(await page.locator('#view [role="alert"]').count()).toBe(0);
    expect(await page.locator('figure.map path[data-state="ok"]').count()).toBe(0);
    expect(await page.locator('figure.map path[data-state="forbidden"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#view [data-state="forbidden"][data-section]').count()).toBe(1);
    await page.click('nav [data-view-name="scorecards"]');
    await ready();
    expect(await page.locator('#view [role="alert"]').count()).toBe(0);
    // The MOUs are readable; their actuals are not: refused on each target's own path, shown as such.
    const card = page.locator('details.scorecard').first();
    await card.locator('summary').click();
    const targets = await card.locator('tr[data-target]').count();
    expect(targets).toBeGreaterThan(0);
    expect(await card.locator('tr[data-target] [data-state="forbidden"]').count()).toBe(targets);
    expect(await card.locator('.progress').count()).toBe(0);
    await shot('scorecards-not-available');
  });

  it('shows "not available" for the MOUs to a token without agreements:read, and the figures it may read', async () => {
    const token = await stack.token('POLICE-IR-10', ['agencies:read', 'traffic:read', 'reports:read']);
    const answer = await stack.query('query { agreements(status: ACTIVE) { totalCount } }', {}, { token });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await page.click('nav [data-view-name="overview"]');
    await ready();
    await page.click('button[data-action="sign-out"]');
    await page.waitForSelector('form[data-form="token"]');
    await page.fill('form[data-form="token"] textarea', token);
    await page.click('form[data-form="token"] button');
    await ready();
    expect((await shown('fatalities')).state).toBe('ok');
    // The answer comes back as data: null (agreements is non-null); the page shows the section refused.
    expect(await requestsDuring(() => page.click('nav [data-view-name="scorecards"]'))).toBe(1);
    expect(await page.locator('#view [data-state="forbidden"][data-section="agreements"]').count()).toBe(1);
    expect(await page.locator('#view [role="alert"]').count()).toBe(0);
  });
});
