import { createPublicKey } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { HttpError, type Caller, type Config, type TokenVerification } from '@safety-graph/shared';

export { DEVELOPMENT_ISSUER } from '@safety-graph/shared';

export interface Authenticator {
  /** The caller of a request, or an HttpError 401 (UNAUTHENTICATED). */
  authenticate(authorization: string | undefined): Promise<Caller>;
}

export type AgencyExists = (code: string) => Promise<boolean>;

const unauthenticated = (message: string) => new HttpError(401, 'UNAUTHENTICATED', message, { 'www-authenticate': 'Bearer realm="safety-graph"' });

async function verificationKey(tokens: TokenVerification): Promise<{ key: Uint8Array | KeyLike | JWTVerifyGetKey; algorithms: string[] }> {
  switch (tokens.kind) {
    case 'hs256':
      return { key: tokens.secret, algorithms: ['HS256'] };
    case 'jwks':
      return { key: createRemoteJWKSet(new URL(tokens.url)), algorithms: ['RS256', 'ES256'] };
    case 'public-key': {
      const pem = tokens.pem.trim();
      if (pem.startsWith('{')) return { key: createLocalJWKSet(JSON.parse(pem)), algorithms: ['RS256', 'ES256'] };
      // A PEM does not name its algorithm: an EC key verifies ES256, an RSA key RS256.
      const algorithm = createPublicKey(pem).asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
      return { key: await importSPKI(pem, algorithm), algorithms: [algorithm] };
    }
  }
}

/**
 * Verifies partner tokens with jose: signature, expiry, audience, issuer, a
 * lifetime (exp − iat) within `AUTH_MAX_TTL`, and the claims the contract
 * names (`sub`, `agency`, `scope`). The agency must exist.
 */
export async function createAuthenticator(config: Config, tokens: TokenVerification, agencyExists: AgencyExists): Promise<Authenticator> {
  const { key, algorithms } = await verificationKey(tokens);
  return {
    async authenticate(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!match) throw unauthenticated('Send Authorization: Bearer <token>');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(match[1], key as Uint8Array, {
          algorithms,
          audience: config.authAudience,
          issuer: tokens.issuer,
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: 5,
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired');
        if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`The token's ${error.claim} claim is missing or not valid here`);
        throw unauthenticated('The token is not valid');
      }
      // A stolen long-lived token stays useful for its whole life: refuse lifetimes over the maximum.
      if ((payload.exp as number) - (payload.iat as number) > tokens.maxTtlSeconds) {
        throw unauthenticated(`The token's lifetime (exp − iat) is over the maximum of ${tokens.maxTtlSeconds} s`);
      }
      const { sub, agency, scope } = payload as JWTPayload & { agency?: unknown; scope?: unknown };
      if (typeof sub !== 'string' || typeof agency !== 'string' || typeof scope !== 'string') {
        throw unauthenticated('The token must carry sub, agency and scope claims');
      }
      if (!(await agencyExists(agency))) throw unauthenticated(`The token's agency ${agency} is not a known agency`);
      return { subject: sub, agencyCode: agency, scopes: new Set(scope.split(' ').filter(Boolean)) };
    },
  };
}
