import { CreateRegionScope1764000000001 } from '@safety-graph/shared';
import { CreateDivorce1764000000500 } from './1764000000500-CreateDivorce';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const migrations = [CreateRegionScope1764000000001, CreateDivorce1764000000500];
