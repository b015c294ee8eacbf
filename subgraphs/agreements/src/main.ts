// Tracing first: its instrumentations patch graphql and mysql2 as they load, so nothing may load them before.
import { startTracingFromEnv } from '@safety-graph/shared/dist/tracing';
startTracingFromEnv('agreements');

import { runSubgraphProcess } from '@safety-graph/shared';
import { agreements } from './index';

runSubgraphProcess(agreements);
