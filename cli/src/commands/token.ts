import { parseArgs } from 'node:util';
import { TokenRequestError, mintDevelopmentToken } from '@safety-graph/gateway';
import { ConfigError, loadConfig } from '@safety-graph/shared';
import { findAgency } from '../agencyLookup';
import { runCommand } from '../runCommand';

const USAGE = 'usage: npm run token -- --agency CODE [--scopes "traffic:read reports:read"] [--ttl 1h] [--subject NAME]';

/** `npm run token`: prints a development token for one agency (HS256, development secret only). */
async function main(): Promise<number> {
  let values: { agency?: string; scopes?: string; ttl?: string; subject?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        agency: { type: 'string' },
        scopes: { type: 'string' },
        ttl: { type: 'string' },
        subject: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.agency) {
    console.error(`--agency is required\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  if (config.isProduction) {
    console.error('npm run token makes development tokens only; in production, tokens come from your identity provider');
    return 2;
  }
  const agency = await findAgency(config, values.agency);
  if (!agency) {
    console.error(`unknown agency ${values.agency}; try POLICE-IR-10, HEALTH-IR-10, WELFARE-IR-10 or POLICE-IR-10-12`);
    return 2;
  }
  try {
    const token = await mintDevelopmentToken(config, {
      agencyCode: agency.code,
      agencyKind: agency.kind,
      scopes: values.scopes?.split(/\s+/).filter(Boolean),
      ttl: values.ttl,
      subject: values.subject,
    });
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
