import { loadConfig, runProcess } from '@safety-graph/shared';
import { startGateway } from './server';

const config = loadConfig();
runProcess('gateway', config, () => startGateway({ config, host: config.host }));
