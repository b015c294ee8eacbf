import { runSubgraphProcess } from '@safety-graph/shared';
import { divorce } from './index';

runSubgraphProcess(divorce);
