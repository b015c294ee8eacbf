import { runSubgraphProcess } from '@safety-graph/shared';
import { agencies } from './index';

runSubgraphProcess(agencies);
