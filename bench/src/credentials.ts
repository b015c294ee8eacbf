import { randomBytes } from 'node:crypto';
import { exportSPKI, generateKeyPair, importSPKI, jwtVerify, SignJWT } from 'jose';
import { defaultScopesFor, signedHeaders, type Caller } from '@safety-graph/shared';

/**
 * What a production deployment is given and the bench makes up for one run:
 * an ES256 key pair standing in for the partners' identity provider (the
 * gateway gets only the public key, as AUTH_PUBLIC_KEY, and the issuer), the
 * subgraph signing secret, the pseudonym key and the audit key.
 */
export interface RunCredentials {
  publicKeyPem: string;
  subgraphSecret: string;
  pseudonymKey: string;
  /** The HMAC key of the gateway's audit chain. */
  auditKey: string;
  /** A partner token for the agency, signed by the run's identity provider. */
  token(agencyCode: string, agencyKind: string): Promise<string>;
}

export const AUDIENCE = 'safety-graph';
/** The `iss` of the run's partner tokens (the gateway's AUTH_ISSUER). */
export const ISSUER = 'safety-graph-bench';

export async function createRunCredentials(): Promise<RunCredentials> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    publicKeyPem: await exportSPKI(publicKey),
    subgraphSecret: randomBytes(48).toString('base64url'),
    pseudonymKey: randomBytes(48).toString('base64url'),
    auditKey: randomBytes(48).toString('base64url'),
    token: (agencyCode, agencyKind) =>
      new SignJWT({ agency: agencyCode, scope: defaultScopesFor(agencyKind).join(' ') })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
        .setSubject(`bench@${agencyCode}`)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('6h')
        .sign(privateKey),
  };
}

/**
 * The signed headers of one subgraph call: the one place the bench signs, for
 * the direct targets and both peer gateways, with the function the
 * safety-graph gateway uses.
 */
export function signSubgraphCall(
  subgraphSecret: string,
  caller: Caller,
  call: { method: string; url: string; body?: string | Buffer },
): Record<string, string> {
  return signedHeaders(Buffer.from(subgraphSecret, 'utf8'), caller, call);
}

/**
 * How a peer gateway learns the caller from a bench token: it verifies the
 * token with the run's public key (jose, like the safety-graph gateway) and
 * takes `sub`, `agency` and `scope`. Verified tokens are kept for a minute,
 * as a gateway with a JWT plugin would.
 */
export async function createPeerAuthenticator(publicKeyPem: string): Promise<(authorization: string | null | undefined) => Promise<Caller>> {
  const key = await importSPKI(publicKeyPem, 'ES256');
  const verified = new Map<string, { caller: Caller; until: number }>();
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Error('no bearer token');
    const cached = verified.get(token);
    if (cached && cached.until > Date.now()) return cached.caller;
    const { payload } = await jwtVerify(token, key, { algorithms: ['ES256'], audience: AUDIENCE, requiredClaims: ['sub', 'exp'] });
    const { sub, agency, scope } = payload as { sub: string; agency: string; scope: string };
    const caller: Caller = { subject: sub, agencyCode: agency, scopes: new Set(scope.split(' ').filter(Boolean)) };
    verified.set(token, { caller, until: Date.now() + 60_000 });
    return caller;
  };
}
