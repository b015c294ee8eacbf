// Tracing first: its instrumentations patch graphql and mysql2 as they load, so nothing may load them before.
import { startTracingFromEnv } from '@safety-graph/shared/dist/tracing';
startTracingFromEnv('agencies');

import { runSubgraphProcess } from '@safety-graph/shared';
import { agencies } from './index';

runSubgraphProcess(agencies);
