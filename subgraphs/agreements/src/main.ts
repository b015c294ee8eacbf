import { runSubgraphProcess } from '@safety-graph/shared';
import { agreements } from './index';

runSubgraphProcess(agreements);
