import { SignJWT } from 'jose';
import { ConfigError, defaultScopesFor, loadTokenVerification, parseDurationSeconds, SCOPES, type Config } from '@safety-graph/shared';

export interface TokenRequest {
  agencyCode: string;
  /** The agency's kind, for the default scopes when none are given. */
  agencyKind: string;
  scopes?: string[];
  /** `30m`, `1h`, `7d`: at most `AUTH_MAX_TTL` (24h by default). */
  ttl?: string;
  subject?: string;
}

export class TokenRequestError extends Error {}

/** A development token (HS256, the development secret); production tokens come from the partners' identity provider. */
export async function mintDevelopmentToken(config: Config, request: TokenRequest): Promise<string> {
  const tokens = loadTokenVerification(config);
  if (tokens.kind !== 'hs256') throw new ConfigError('development tokens need the HS256 development secret (AUTH_SECRET or .data/auth-secret)');
  const scopes = request.scopes ?? defaultScopesFor(request.agencyKind);
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new TokenRequestError(`unknown scope ${unknown.join(', ')}; scopes are: ${SCOPES.join(' ')}`);
  const ttl = request.ttl ?? '8h';
  const seconds = /[smhd]$/.test(ttl) ? parseDurationSeconds(ttl) : undefined;
  if (!seconds || seconds > tokens.maxTtlSeconds) {
    throw new TokenRequestError(`--ttl must look like 30m, 1h or 7d, at most AUTH_MAX_TTL (${tokens.maxTtlSeconds} s)`);
  }
  return new SignJWT({ agency: request.agencyCode, scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? `demo-user@${request.agencyCode}`)
    .setIssuer(tokens.issuer)
    .setAudience(config.authAudience)
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(tokens.secret);
}

/** The scopes a token request asks for (the agency kind's defaults when none), each one checked. */
export function requestedScopes(request: Pick<TokenRequest, 'scopes' | 'agencyKind'>): string[] {
  const scopes = request.scopes ?? defaultScopesFor(request.agencyKind);
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new TokenRequestError(`unknown scope ${unknown.join(', ')}; scopes are: ${SCOPES.join(' ')}`);
  return scopes;
}
