import {
  CreateIdempotencyKeys1764000000002,
  CreateRegionScope1764000000001,
  CreateStatRollups1764000000003,
  CreateStatVersions1764000000004,
} from '@safety-graph/shared';
import { CreateAddiction1764000000400 } from './1764000000400-CreateAddiction';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const migrations = [
  CreateRegionScope1764000000001,
  CreateIdempotencyKeys1764000000002,
  CreateAddiction1764000000400,
  CreateStatRollups1764000000003,
  CreateStatVersions1764000000004,
];
