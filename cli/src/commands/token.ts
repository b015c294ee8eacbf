import { readFileSync } from 'node:fs';
import { TokenRequestError, mintDeploymentToken, mintDevelopmentToken, readDeploymentKey } from '@safety-graph/gateway';
import { ConfigError, loadConfig } from '@safety-graph/shared';
import { findAgency } from '../agencyLookup';
import { commandArgs, runCommand } from '../runCommand';

const USAGE =
  'usage: npm run token -- --agency CODE [--scopes "traffic:read reports:read"] [--ttl 1h] [--subject NAME]\n' +
  '       npm run token -- --key FILE --agency CODE [--issuer ISSUER] [--scopes ...] [--ttl 1h, at most 24h] [--subject NAME]';

/**
 * `npm run token`: prints a token for one agency. Without `--key`, a
 * development token (HS256, the development secret); with `--key FILE` (made
 * by `npm run keys`), a production token signed with the deployment's key,
 * with the issuer (`--issuer`, default AUTH_ISSUER) and audience the gateway
 * checks, valid at most 24 h.
 */
async function main(): Promise<number> {
  const args = commandArgs(
    {
      options: {
        agency: { type: 'string' },
        scopes: { type: 'string' },
        ttl: { type: 'string' },
        subject: { type: 'string' },
        key: { type: 'string' },
        issuer: { type: 'string' },
        help: { type: 'boolean' },
      },
    },
    USAGE,
  );
  if (typeof args === 'number') return args;
  const { values } = args;
  if (!values.agency) {
    console.error(`--agency is required\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  let signing: Awaited<ReturnType<typeof readDeploymentKey>> | undefined;
  if (values.key) {
    let pem: string;
    try {
      pem = readFileSync(values.key, 'utf8');
    } catch (error) {
      console.error(`cannot read the key file ${values.key}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 2;
    }
    try {
      signing = await readDeploymentKey(pem);
    } catch (error) {
      if (error instanceof TokenRequestError) {
        console.error(error.message);
        return 2;
      }
      throw error;
    }
  } else if (config.isProduction) {
    console.error(
      'without --key, npm run token makes development tokens only; in production sign with the deployment key (npm run keys, then --key FILE) or use your identity provider',
    );
    return 2;
  }
  if (values.issuer !== undefined && !signing) {
    console.error(`--issuer goes with --key (development tokens carry the development issuer)\n${USAGE}`);
    return 2;
  }
  const issuer = values.issuer ?? config.env.AUTH_ISSUER;
  if (signing && !issuer) {
    console.error('--key needs the issuer the gateway checks: pass --issuer or set AUTH_ISSUER');
    return 2;
  }
  const agency = await findAgency(config, values.agency);
  if (!agency) {
    console.error(`unknown agency ${values.agency}; try POLICE-IR-10, HEALTH-IR-10, WELFARE-IR-10 or POLICE-IR-10-12`);
    return 2;
  }
  try {
    const request = {
      agencyCode: agency.code,
      agencyKind: agency.kind,
      scopes: values.scopes?.split(/\s+/).filter(Boolean),
      ttl: values.ttl,
      subject: values.subject,
    };
    const token = signing ? await mintDeploymentToken(config, signing, { ...request, issuer: issuer! }) : await mintDevelopmentToken(config, request);
    console.log(token);
    return 0;
  } catch (error) {
    if (error instanceof TokenRequestError || error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

runCommand('token', main);
