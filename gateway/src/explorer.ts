import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { Config, Route } from '@safety-graph/shared';

/** The explorer's own page and script, beside src/ and dist/. */
const PAGE_DIR = join(__dirname, '..', 'explorer');
const packageFile = (name: string, path: string) => join(dirname(require.resolve(`${name}/package.json`)), path);

/**
 * Every asset the page loads, served by the gateway from the installed npm
 * packages: no CDN. GraphiQL 3's UMD bundle needs React 18's UMD builds.
 */
const ASSETS: Record<string, { file: () => string; type: string }> = {
  '/explorer/graphiql.min.js': { file: () => packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  '/explorer/graphiql.min.css': { file: () => packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  '/explorer/react.production.min.js': { file: () => packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  '/explorer/react-dom.production.min.js': { file: () => packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  '/explorer/explorer.js': { file: () => join(PAGE_DIR, 'explorer.js'), type: 'text/javascript' },
  '/explorer/explorer.css': { file: () => join(PAGE_DIR, 'explorer.css'), type: 'text/css' },
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** A browser navigating to /graphql: a GET that prefers HTML and carries no operation. */
function wantsExplorer(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.searchParams.has('query')) return false;
  return /\btext\/html\b/.test(request.headers.accept ?? '');
}

/**
 * The local explorer: GraphiQL at GET /graphql for browsers, with the
 * development sign-in (/dev/agencies, /dev/token) putting a token in its
 * headers. Development and test only: in production nothing is mounted and
 * /graphql answers only GraphQL.
 */
export function explorerRoutes(config: Config): Record<string, Route> {
  if (config.isProduction) return {};
  const cache = new Map<string, Buffer>();
  const read = (path: string, file: () => string) => {
    let body = cache.get(path);
    if (!body) {
      body = readFileSync(file());
      cache.set(path, body);
    }
    return body;
  };
  const send = (request: IncomingMessage, response: ServerResponse, body: Buffer, type: string, cacheControl: string) => {
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'content-length': body.length, 'cache-control': cacheControl, ...SECURITY_HEADERS });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const routes: Record<string, Route> = {
    '/graphql': (request, response) => {
      if (!wantsExplorer(request)) return false;
      send(
        request,
        response,
        read('/explorer', () => join(PAGE_DIR, 'index.html')),
        'text/html',
        'no-store',
      );
      return true;
    },
  };
  for (const [path, asset] of Object.entries(ASSETS)) {
    routes[path] = (request, response) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' });
        response.end();
        return;
      }
      send(request, response, read(path, asset.file), asset.type, 'public, max-age=3600');
    };
  }
  return routes;
}
