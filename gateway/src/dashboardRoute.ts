import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type Route } from '@safety-graph/shared';

/** Where `npm run build` puts the dashboard (the `dashboard` workspace's Vite build). */
export const DASHBOARD_DIST = resolve(__dirname, '..', '..', 'dashboard', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
};

/** Same origin only, no inline script: the page talks to `/graphql` and `/dev/*` and nothing else. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The joint-report dashboard, served from its build in every mode:
 * `/dashboard` and `/dashboard/` give the page, `/dashboard/assets/*` its
 * hashed scripts, styles and fonts (cached for good). GET and HEAD only;
 * nothing outside the build directory is ever read.
 */
export function dashboardRoutes(root: string = DASHBOARD_DIST): Record<string, Route> {
  const serve = async (request: IncomingMessage, response: ServerResponse, relative: string, immutable: boolean) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'GET only', code: 'METHOD_NOT_ALLOWED' }, { allow: 'GET, HEAD' });
    }
    const path = normalize(join(root, relative));
    if (!path.startsWith(root + sep)) return sendJson(response, 404, { error: 'Not found', code: 'NOT_FOUND' });
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      if (!existsSync(join(root, 'index.html'))) {
        return sendJson(response, 503, { error: 'The dashboard is not built: run `npm run build`', code: 'SERVICE_UNAVAILABLE' });
      }
      return sendJson(response, 404, { error: 'Not found', code: 'NOT_FOUND' });
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const page: Route = (request, response) => serve(request, response, 'index.html', false);
  return {
    '/dashboard': page,
    '/dashboard/': page,
    '/dashboard/*': (request, response) => {
      const { pathname } = new URL(request.url ?? '/', 'http://localhost');
      const relative = pathname.slice('/dashboard/'.length);
      if (!relative.startsWith('assets/') || relative.includes('\0')) return sendJson(response, 404, { error: 'Not found', code: 'NOT_FOUND' });
      return serve(request, response, relative, true);
    },
  };
}
