import type { IncomingMessage } from 'node:http';
import { ConfigError, HttpError, type Config } from '@safety-graph/shared';

/** The code of a request whose variables nest too deep (HTTP 400), documented in docs/CONTRACT.md. */
export const VARIABLES_TOO_DEEP = 'VARIABLES_TOO_DEEP';

/** GRAPHQL_MAX_VARIABLE_DEPTH: how deep the variables (and extensions) of a request may nest, default 32. */
export function maxVariableDepth(config: Config): number {
  const text = config.env.GRAPHQL_MAX_VARIABLE_DEPTH;
  if (text === undefined || text === '') return 32;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 2 || value > 200) throw new ConfigError('GRAPHQL_MAX_VARIABLE_DEPTH must be a whole number from 2 to 200');
  return value;
}

/**
 * The deepest nesting of arrays and objects in a JSON text, counted in one
 * pass over the bytes without recursion (strings skipped), so that no depth a
 * client sends can overflow a stack.
 */
export function jsonDepth(text: Buffer | string): number {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return deepest;
}

/**
 * Refuses (400 VARIABLES_TOO_DEEP) a request whose variables nest deeper than
 * the limit, before anything else looks at them: the POST body's members sit
 * one level below the body itself; a GET request's `variables` and
 * `extensions` parameters are measured as they are. Their size is bounded by
 * MAX_BODY_BYTES (POST) and Node's header size limit (GET).
 */
export function checkVariableDepth(request: IncomingMessage, rawBody: Buffer, limit: number): void {
  let depth: number;
  if (rawBody.length > 0) depth = jsonDepth(rawBody) - 1;
  else {
    const url = new URL(request.url ?? '/', 'http://localhost');
    depth = Math.max(jsonDepth(url.searchParams.get('variables') ?? ''), jsonDepth(url.searchParams.get('extensions') ?? ''));
  }
  if (depth > limit) {
    throw new HttpError(400, VARIABLES_TOO_DEEP, `The request's variables nest ${depth} levels deep; at most ${limit} are allowed`);
  }
}
