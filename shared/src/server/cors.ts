import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError, type Config } from '../config';

/** Which browser origins may call the gateway (`CORS_ORIGINS`). */
export interface CorsPolicy {
  allows(origin: string): boolean;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, traceparent, tracestate, x-request-id, apollo-require-preflight';
const EXPOSED_HEADERS = 'x-request-id, retry-after';
const MAX_AGE_SECONDS = '600';
const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * `CORS_ORIGINS`: a comma-separated list of exact origins (`https://app.example.ir`).
 * Unset: none in production, any localhost origin in development and tests.
 */
export function corsPolicy(config: Pick<Config, 'env' | 'isProduction'>): CorsPolicy {
  const raw = config.env.CORS_ORIGINS;
  if (raw === undefined || raw.trim() === '') {
    return { allows: (origin) => !config.isProduction && LOCALHOST.test(origin) };
  }
  const origins = new Set<string>();
  for (const part of raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      throw new ConfigError(`CORS_ORIGINS holds "${part}", which is not an origin such as https://app.example.ir`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== part.replace(/\/$/, '')) {
      throw new ConfigError(`CORS_ORIGINS holds "${part}", which is not an origin such as https://app.example.ir`);
    }
    origins.add(url.origin);
  }
  return { allows: (origin) => origins.has(origin) };
}

/** The CORS headers of an answer to `request`: none unless its Origin is allowed. */
export function corsHeaders(policy: CorsPolicy | undefined, request: IncomingMessage): Record<string, string> {
  if (!policy) return {};
  const origin = request.headers.origin;
  if (!origin || !policy.allows(origin)) return {};
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS };
}

/**
 * Answers a CORS preflight: 204, with the allowed methods and headers when
 * the origin is allowed, and no Access-Control-* header otherwise (the
 * browser then refuses the call).
 */
export function answerPreflight(policy: CorsPolicy, request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin;
  const headers: Record<string, string> = { vary: 'Origin', 'content-length': '0' };
  if (origin && policy.allows(origin)) {
    Object.assign(headers, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': MAX_AGE_SECONDS,
    });
  }
  response.writeHead(204, headers);
  response.end();
}
