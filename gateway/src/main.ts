import { loadAuditKey, loadCheckedConfig, loadSecrets, loadTokenVerification, runProcess } from '@safety-graph/shared';
import { startGateway } from './server';

// Every missing or malformed value is one log line and exit code 1, before anything starts.
runProcess(
  'gateway',
  () => loadCheckedConfig(process.env, [loadSecrets, loadTokenVerification, loadAuditKey]),
  (config) => startGateway({ config, host: config.host }),
);
