import { runSubgraphProcess } from '@safety-graph/shared';
import { addiction } from './index';

runSubgraphProcess(addiction);
