import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, configProblem, type Config } from '../config';
import { configuredPublicKey } from './publicKey';

/** The `iss` of development tokens (`npm run token`), the one accepted in development without `AUTH_ISSUER`. */
export const DEVELOPMENT_ISSUER = 'safety-graph-development';

/** What a token's claims must satisfy besides its signature and audience. */
export interface TokenPolicy {
  /** The `iss` it must carry. */
  issuer: string;
  /** The longest `exp − iat` accepted, in seconds; a token without `iat` is refused. */
  maxTtlSeconds: number;
}

/** How the gateway verifies partner tokens. */
export type TokenVerification = ({ kind: 'hs256'; secret: Uint8Array } | { kind: 'jwks'; url: string } | { kind: 'public-key'; pem: string }) & TokenPolicy;

/** What every service needs; token verification is the gateway's alone (`loadTokenVerification`). */
export interface Secrets {
  /** Signs gateway → subgraph requests (HMAC-SHA256). */
  subgraphSecret: Buffer;
  /** Keyed hash of national ids (pseudonyms); never the id itself. */
  pseudonymKey: Buffer;
}

const MIN_SECRET_BYTES = 32;

/**
 * A development secret kept in the data folder, made once. Several processes
 * start at the same moment (`npm start`), so the file appears atomically: the
 * first link wins and everyone reads the winner's bytes.
 */
function developmentSecret(config: Config, name: string): Buffer {
  const path = join(config.dataDir, name);
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}`;
    writeFileSync(temporary, randomBytes(48).toString('base64url'), { mode: 0o600 });
    try {
      linkSync(temporary, path);
    } catch {
      // another process made it first: use theirs
    } finally {
      unlinkSync(temporary);
    }
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  }
}

function requiredSecret(config: Config, variable: string, file: string): Buffer {
  const value = config.env[variable];
  if (value) {
    if (Buffer.byteLength(value) < MIN_SECRET_BYTES) configProblem(`${variable} must be at least ${MIN_SECRET_BYTES} bytes`);
    return Buffer.from(value, 'utf8');
  }
  if (config.isProduction) {
    // Collected while the configuration is checked at start (every missing secret is named), thrown otherwise.
    configProblem(`${variable} is required in production`);
    return Buffer.alloc(0);
  }
  return developmentSecret(config, file);
}

/**
 * The secrets every service needs, read once at start. In production a missing
 * one is a startup error, never a default; in development each is generated
 * once into the data folder.
 */
export function loadSecrets(config: Config): Secrets {
  return {
    subgraphSecret: requiredSecret(config, 'SUBGRAPH_SECRET', 'subgraph-secret'),
    pseudonymKey: requiredSecret(config, 'PSEUDONYM_KEY', 'pseudonym-key'),
  };
}

/**
 * How the gateway verifies partner tokens: a JWKS URL or a public key in
 * production (missing both stops it), the HS256 development secret otherwise.
 */
export function loadTokenVerification(config: Config): TokenVerification {
  const { AUTH_JWKS_URL: jwksUrl } = config.env;
  const publicKey = configuredPublicKey(config);
  const policy = (): TokenPolicy => {
    // A key alone would accept tokens the same identity provider issues for any other realm or tenant.
    if (config.isProduction && !config.authIssuer) throw new ConfigError('AUTH_ISSUER is required in production (the iss partner tokens carry)');
    return { issuer: config.authIssuer ?? DEVELOPMENT_ISSUER, maxTtlSeconds: config.authMaxTtlSeconds };
  };
  if (jwksUrl) return { kind: 'jwks', url: jwksUrl, ...policy() };
  if (publicKey) return { kind: 'public-key', pem: publicKey, ...policy() };
  if (config.isProduction) {
    throw new ConfigError('AUTH_JWKS_URL, AUTH_JWKS_FILE or AUTH_PUBLIC_KEY is required in production (HS256 tokens are for development only)');
  }
  return { kind: 'hs256', secret: new Uint8Array(requiredSecret(config, 'AUTH_SECRET', 'auth-secret')), ...policy() };
}

/**
 * The key of the gateway's audit chain (HMAC-SHA256 of every row and of every
 * checkpoint): AUDIT_KEY, required in production, a generated file in the data
 * folder in development. It is never stored in the audit database, so that
 * someone who can write that database cannot forge a row the verifier accepts.
 */
export function loadAuditKey(config: Config): Buffer {
  return requiredSecret(config, 'AUDIT_KEY', 'audit-key');
}
