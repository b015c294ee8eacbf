import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startStack, type Stack } from '@safety-graph/test-helpers';
import { explorerRoutes } from '@safety-graph/gateway';
import { loadConfig } from '@safety-graph/shared';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const README_QUERY = `{
  agreement(code: "MOU-IR-10-TRAFFIC-1403") {
    title
    leadAgency { name region { name } }
    parties { role agency { name } }
    targets { metric region { name } from to baseline target actual attainment }
  }
}`;

let stack: Stack;
let origin: string;

beforeAll(async () => {
  stack = await startStack('explorer', { NODE_ENV: 'development' });
  origin = stack.gateway.url.replace(/\/graphql$/, '');
}, 180_000);
afterAll(() => stack?.stop());

describe('the local explorer at GET /graphql', () => {
  it('serves GraphiQL to a browser, every asset from the gateway itself', async () => {
    const page = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/explorer\//); // no CDN, no other origin
      const answer = await fetch(`${origin}${asset}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('leaves GraphQL clients alone: JSON GETs and POSTs still reach the graph', async () => {
    const get = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(401); // the graph's answer: a token is needed
    expect(await get.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const answer = await stack.query<{ __typename: string }>('{ __typename }');
    expect(answer.data).toEqual({ __typename: 'Query' });
  });

  it('is off in production', () => {
    const production = loadConfig({ ...process.env, NODE_ENV: 'production' });
    expect(explorerRoutes(production)).toEqual({});
  });
});

const browserIt = existsSync(CHROMIUM) ? it : it.skip;
if (!existsSync(CHROMIUM)) {
  console.warn(`Skipping the explorer's browser test: ${CHROMIUM} is absent (apt-get install -y chromium).`);
}

describe('the local explorer in headless Chromium', () => {
  let browser: Browser | undefined;
  afterAll(() => browser?.close());

  browserIt(
    'signs in as Kashan’s police, runs the README query and shows the answer',
    async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const foreign: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(origin)) foreign.push(request.url());
      });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await page.goto(`${origin}/graphql`);
      await page.waitForSelector('.graphiql-container');
      await page.waitForSelector('#agency option[value="POLICE-IR-10-12"]', { state: 'attached' });
      await page.selectOption('#agency', 'POLICE-IR-10-12');
      await page.waitForSelector('#signed-in[data-agency="POLICE-IR-10-12"]');
      // The token is in GraphiQL's headers editor.
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-signed-in.png') });
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.graphiql-editor-tool .CodeMirror')].some((editor) =>
          ((editor as Element & { CodeMirror?: { getValue(): string } }).CodeMirror?.getValue() ?? '').includes('Bearer ey'),
        ),
      );

      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => {
        const result = document.querySelector('.result-window .CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null;
        return (result?.CodeMirror?.getValue() ?? '').includes('"agreement"');
      });
      await page.screenshot({ path: join(ARTIFACTS, 'explorer.png'), fullPage: true });
      const shown = JSON.parse(
        await page.evaluate(() =>
          (document.querySelector('.result-window .CodeMirror') as Element & { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
        ),
      ) as { data: unknown };

      // What the page shows is the graph's answer for Kashan's police.
      const expected = await stack.query(README_QUERY, {}, { agency: 'POLICE-IR-10-12' });
      expect(shown.data).toEqual(expected.data);
      expect((expected.data as { agreement: { title: string } }).agreement.title).toEqual(expect.any(String));
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );
});
