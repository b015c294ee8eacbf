import { SignJWT } from 'jose';
import { ConfigError, defaultScopesFor, loadTokenVerification, SCOPES, type Config } from '@safety-graph/shared';
import { DEVELOPMENT_ISSUER } from './auth';

export interface TokenRequest {
  agencyCode: string;
  /** The agency's kind, for the default scopes when none are given. */
  agencyKind: string;
  scopes?: string[];
  /** `30m`, `1h`, `7d`: at most 30 days. */
  ttl?: string;
  subject?: string;
}

export class TokenRequestError extends Error {}

const TTL = /^(\d+)(s|m|h|d)$/;
const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** A development token (HS256, the development secret); production tokens come from the partners' identity provider. */
export async function mintDevelopmentToken(config: Config, request: TokenRequest): Promise<string> {
  const tokens = loadTokenVerification(config);
  if (tokens.kind !== 'hs256') throw new ConfigError('development tokens need the HS256 development secret (AUTH_SECRET or .data/auth-secret)');
  const scopes = request.scopes ?? defaultScopesFor(request.agencyKind);
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new TokenRequestError(`unknown scope ${unknown.join(', ')}; scopes are: ${SCOPES.join(' ')}`);
  const ttl = request.ttl ?? '8h';
  const match = TTL.exec(ttl);
  if (!match || Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS] > 30 * 86400 || Number(match[1]) === 0) {
    throw new TokenRequestError('--ttl must look like 30m, 1h or 7d, at most 30 days');
  }
  return new SignJWT({ agency: request.agencyCode, scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? `demo-user@${request.agencyCode}`)
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(config.authAudience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(tokens.secret);
}

/** The scopes a token request asks for (the agency kind's defaults when none), each one checked. */
export function requestedScopes(request: Pick<TokenRequest, 'scopes' | 'agencyKind'>): string[] {
  const scopes = request.scopes ?? defaultScopesFor(request.agencyKind);
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new TokenRequestError(`unknown scope ${unknown.join(', ')}; scopes are: ${SCOPES.join(' ')}`);
  return scopes;
}
