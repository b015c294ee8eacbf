import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from '../config';

/** Only one way of naming the partner token key may be set, so that nobody wonders which one wins. */
const KEY_VARIABLES = ['AUTH_JWKS_URL', 'AUTH_JWKS_FILE', 'AUTH_PUBLIC_KEY'] as const;

function checkJwks(text: string, source: string): void {
  let keys: unknown;
  try {
    keys = (JSON.parse(text) as { keys?: unknown }).keys;
  } catch {
    throw new ConfigError(`${source} is not valid JSON`);
  }
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError(`${source} must be a JWKS: {"keys":[...]} with at least one key`);
  for (const key of keys) {
    const { d, kty } = key as JsonWebKey;
    if (d !== undefined) throw new ConfigError(`${source} holds a private key; give the gateway the public JWKS only`);
    if (kty !== 'EC' && kty !== 'RSA') throw new ConfigError(`${source} may hold only EC (ES256) or RSA (RS256) keys`);
    try {
      createPublicKey({ key: key as JsonWebKey, format: 'jwk' });
    } catch {
      throw new ConfigError(`${source} holds a key that cannot be read`);
    }
  }
}

function checkPem(text: string, source: string): void {
  if (/PRIVATE KEY/.test(text)) throw new ConfigError(`${source} holds a private key; give the gateway the public key only`);
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== 'ec' && key.asymmetricKeyType !== 'rsa') throw new Error('type');
  } catch {
    throw new ConfigError(`${source} is neither a JWKS nor an EC or RSA public key in PEM`);
  }
}

/**
 * The partner token key given inline (`AUTH_PUBLIC_KEY`: a PEM, `\n` allowed
 * for line breaks, or a JWKS) or as a file (`AUTH_JWKS_FILE`: a JWKS, as
 * `npm run keys` writes it, or a PEM), checked at start: a malformed key is a
 * one-line configuration error, not a failure at the first request.
 * Undefined when neither is set.
 */
export function configuredPublicKey(config: Config): string | undefined {
  const set = KEY_VARIABLES.filter((name) => config.env[name]);
  if (set.length > 1) throw new ConfigError(`set only one of ${KEY_VARIABLES.join(', ')} (got ${set.join(' and ')})`);
  const { AUTH_PUBLIC_KEY: inline, AUTH_JWKS_FILE: file, AUTH_JWKS_URL: url } = config.env;
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['https:', 'http:'].includes(parsed.protocol)) throw new ConfigError(`AUTH_JWKS_URL must be an https:// URL, got "${url}"`);
    return undefined;
  }
  let text: string;
  let source: string;
  if (inline) {
    text = inline.replace(/\\n/g, '\n').trim();
    source = 'AUTH_PUBLIC_KEY';
  } else if (file) {
    source = `AUTH_JWKS_FILE (${file})`;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`${source} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  } else return undefined;
  if (text.startsWith('{')) checkJwks(text, source);
  else checkPem(text, source);
  return text;
}
