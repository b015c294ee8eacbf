import { runSubgraphProcess } from '@safety-graph/shared';
import { traffic } from './index';

runSubgraphProcess(traffic);
