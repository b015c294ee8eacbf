// Tracing first: its instrumentations patch graphql and mysql2 as they load, so nothing may load them before.
import { startTracingFromEnv } from '@safety-graph/shared/dist/tracing';
startTracingFromEnv('addiction');

import { runSubgraphProcess } from '@safety-graph/shared';
import { addiction } from './index';

runSubgraphProcess(addiction);
