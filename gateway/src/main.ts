// Tracing first: its instrumentations patch graphql and mysql2 as they load, so nothing may load them before.
import { startTracingFromEnv } from '@safety-graph/shared/dist/tracing';
startTracingFromEnv('gateway');

import { loadConfig, runProcess, stopTracing } from '@safety-graph/shared';
import { startGateway } from './server';

const config = loadConfig();
runProcess('gateway', config, async () => {
  const gateway = await startGateway({ config, host: config.host });
  return { stop: async () => (await gateway.stop(), await stopTracing()) };
});
