// Tracing first: its instrumentations patch graphql and mysql2 as they load, so nothing may load them before.
import { startTracingFromEnv } from '@safety-graph/shared/dist/tracing';
startTracingFromEnv('gateway');

import { loadAuditKey, loadCheckedConfig, loadSecrets, loadTokenVerification, runProcess, stopTracing } from '@safety-graph/shared';
import { startGateway } from './server';

// Every missing or malformed value is one log line and exit code 1, before anything starts.
runProcess(
  'gateway',
  () => loadCheckedConfig(process.env, [loadSecrets, loadTokenVerification, loadAuditKey]),
  async (config) => {
    const gateway = await startGateway({ config, host: config.host });
    return { stop: async () => (await gateway.stop(), await stopTracing()) };
  },
);
