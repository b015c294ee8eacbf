import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEPLOYMENT_ALGORITHMS, generateDeploymentKeys, type DeploymentAlgorithm } from '@safety-graph/gateway';
import { commandArgs, runCommand } from '../runCommand';

const USAGE = 'usage: npm run keys -- --out DIR [--alg ES256|RS256] [--force]';
const PRIVATE_KEY_FILE = 'signing-key.pem';
const JWKS_FILE = 'jwks.json';

/**
 * `npm run keys`: a signing key pair for one deployment. The private key
 * (DIR/signing-key.pem, mode 0600) stays with the operator and signs tokens
 * with `npm run token -- --key`; the public JWKS (DIR/jwks.json, also printed)
 * is what the gateway loads (AUTH_JWKS_FILE or AUTH_PUBLIC_KEY).
 */
async function main(): Promise<number> {
  const args = commandArgs({ options: { out: { type: 'string' }, alg: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } } }, USAGE);
  if (typeof args === 'number') return args;
  const { values } = args;
  if (!values.out) {
    console.error(`--out is required\n${USAGE}`);
    return 2;
  }
  const alg = (values.alg ?? 'ES256').toUpperCase() as DeploymentAlgorithm;
  if (!DEPLOYMENT_ALGORITHMS.includes(alg)) {
    console.error(`--alg must be ${DEPLOYMENT_ALGORITHMS.join(' or ')}, got ${values.alg}`);
    return 2;
  }
  const out = resolve(values.out);
  const privatePath = join(out, PRIVATE_KEY_FILE);
  const jwksPath = join(out, JWKS_FILE);
  if (!values.force && (existsSync(privatePath) || existsSync(jwksPath))) {
    console.error(`${out} already holds a key pair; pass --force to replace it (tokens signed with the old key stop working)`);
    return 2;
  }
  try {
    mkdirSync(out, { recursive: true, mode: 0o700 });
  } catch (error) {
    console.error(`cannot create ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const pair = await generateDeploymentKeys(alg);
  const jwks = JSON.stringify(pair.jwks);
  try {
    writeFileSync(privatePath, pair.privatePem, { mode: 0o600 });
    // writeFileSync's mode applies only to a new file: a replaced key must not keep a looser one.
    chmodSync(privatePath, 0o600);
    writeFileSync(jwksPath, `${jwks}\n`, { mode: 0o644 });
  } catch (error) {
    console.error(`cannot write the key pair into ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  console.log(jwks);
  console.error(`${alg} key pair ${pair.kid}:
  private key  ${privatePath} (0600: keep it with the operator, never in an image or a repository)
  public JWKS  ${jwksPath}
Give the gateway the public JWKS: AUTH_JWKS_FILE=${jwksPath}, or AUTH_PUBLIC_KEY='<the JSON line above>'.
Sign tokens: npm run token -- --key ${privatePath} --agency CODE [--issuer ISSUER]`);
  return 0;
}

runCommand('keys', main, 2);
