import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultScopesFor, referenceAgencies, sendJson, type Config, type Route } from '@safety-graph/shared';
import { mintDevelopmentToken, TokenRequestError } from './tokens';

/**
 * Development sign-in for the local explorer and the dashboard: the demo's
 * agencies and a development token for one of them, as `npm run token` makes
 * it. Never in production (the routes are not mounted there), where partners
 * bring tokens of their own identity provider.
 *
 *   GET  /dev/agencies             [{ code, name, nameFa, kind, regionCode, scopes }]
 *   POST /dev/token { agency }     { agency, scopes, token }
 */
export function devSignInRoutes(config: Config): Record<string, Route> {
  if (config.isProduction) return {};
  const agencies = () =>
    referenceAgencies().map((agency) => ({
      code: agency.code,
      name: agency.name,
      nameFa: agency.nameFa,
      kind: agency.kind,
      regionCode: agency.regionCode,
      scopes: defaultScopesFor(agency.kind),
    }));
  return {
    '/dev/agencies': (request, response) => {
      if (request.method !== 'GET') return sendJson(response, 405, { error: 'GET only', code: 'METHOD_NOT_ALLOWED' }, { allow: 'GET' });
      sendJson(response, 200, agencies(), { 'cache-control': 'no-store' });
    },
    '/dev/token': async (request: IncomingMessage, response: ServerResponse) => {
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'POST only', code: 'METHOD_NOT_ALLOWED' }, { allow: 'POST' });
      let body: { agency?: unknown };
      try {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of request) {
          size += (chunk as Buffer).length;
          if (size > 4096) throw new Error('too large');
          chunks.push(chunk as Buffer);
        }
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { agency?: unknown };
      } catch {
        return sendJson(response, 400, { error: 'Send JSON { "agency": "<agency code>" }', code: 'BAD_REQUEST' });
      }
      const agency = referenceAgencies().find((candidate) => candidate.code === body.agency);
      if (!agency) return sendJson(response, 400, { error: 'No such agency in the demo: GET /dev/agencies lists them', code: 'BAD_USER_INPUT' });
      try {
        const scopes = defaultScopesFor(agency.kind);
        const token = await mintDevelopmentToken(config, { agencyCode: agency.code, agencyKind: agency.kind, ttl: '8h' });
        sendJson(response, 200, { agency: agency.code, scopes, token }, { 'cache-control': 'no-store' });
      } catch (error) {
        if (error instanceof TokenRequestError) return sendJson(response, 400, { error: error.message, code: 'BAD_USER_INPUT' });
        throw error;
      }
    },
  };
}
