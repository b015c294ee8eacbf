import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Config } from '@safety-graph/shared';
import { requestedScopes, TokenRequestError, type TokenRequest } from './tokens';

/**
 * A deployment's own signing key, for agencies without an identity provider
 * of their own and for testing a production stack: `npm run keys` makes the
 * pair, the gateway loads the public JWKS (AUTH_JWKS_FILE or AUTH_PUBLIC_KEY),
 * `npm run token -- --key FILE` signs with the private key.
 */
export type DeploymentAlgorithm = 'ES256' | 'RS256';
export const DEPLOYMENT_ALGORITHMS: readonly DeploymentAlgorithm[] = ['ES256', 'RS256'];

/** Tokens signed with a deployment key live at most this long (the longest lifetime the gateway accepts by default). */
export const DEPLOYMENT_TOKEN_MAX_SECONDS = 24 * 3600;

export interface DeploymentKeyPair {
  /** PKCS#8 PEM: stays with the operator. */
  privatePem: string;
  /** `{ keys: [public JWK] }` with `kid`, `alg` and `use`: what the gateway loads. */
  jwks: { keys: JWK[] };
  kid: string;
}

async function publicJwk(publicKey: KeyObject, alg: DeploymentAlgorithm): Promise<JWK> {
  const jwk = await exportJWK(publicKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg, use: 'sig' };
}

export async function generateDeploymentKeys(alg: DeploymentAlgorithm): Promise<DeploymentKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 3072 });
  const jwk = await publicJwk(publicKey as KeyObject, alg);
  return { privatePem: await exportPKCS8(privateKey), jwks: { keys: [jwk] }, kid: jwk.kid! };
}

export interface DeploymentSigningKey {
  key: KeyObject;
  alg: DeploymentAlgorithm;
  kid: string;
}

/** Reads a private key as `npm run keys` writes it; the algorithm follows from the key (P-256 → ES256, RSA → RS256). */
export async function readDeploymentKey(pem: string): Promise<DeploymentSigningKey> {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new TokenRequestError('the key file is not a private key in PEM (make one with npm run keys)');
  }
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  let alg: DeploymentAlgorithm;
  if (type === 'ec' && curve === 'prime256v1') alg = 'ES256';
  else if (type === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) alg = 'RS256';
  else throw new TokenRequestError('the key must be an EC P-256 (ES256) or an RSA 2048+ (RS256) private key');
  const jwk = await publicJwk(createPublicKey(key), alg);
  return { key, alg, kid: jwk.kid! };
}

const TTL = /^([1-9]\d*)(s|m|h)$/;
const SECONDS = { s: 1, m: 60, h: 3600 } as const;

/**
 * A production token signed with the deployment key: the issuer and the
 * audience the gateway checks, `iat`, and a lifetime of at most 24 h.
 */
export async function mintDeploymentToken(config: Config, signing: DeploymentSigningKey, request: TokenRequest & { issuer: string }): Promise<string> {
  const scopes = requestedScopes(request);
  const match = TTL.exec(request.ttl ?? '1h');
  const seconds = match ? Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS] : 0;
  if (!match || seconds > DEPLOYMENT_TOKEN_MAX_SECONDS) throw new TokenRequestError('--ttl must look like 30m or 8h, at most 24h');
  if (!request.issuer.trim()) throw new TokenRequestError('--issuer (or AUTH_ISSUER) must not be empty');
  return new SignJWT({ agency: request.agencyCode, scope: scopes.join(' ') })
    .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: 'JWT' })
    .setSubject(request.subject ?? `operator@${request.agencyCode}`)
    .setIssuer(request.issuer)
    .setAudience(config.authAudience)
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(signing.key);
}
