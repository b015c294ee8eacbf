import {
  CreateIdempotencyKeys1764000000002,
  CreateRegionScope1764000000001,
  CreateStatRollups1764000000003,
  CreateStatVersions1764000000004,
} from '@safety-graph/shared';
import { CreateDivorce1764000000500 } from './1764000000500-CreateDivorce';
import { CounselingWrites1764000000510 } from './1764000000510-CounselingWrites';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const migrations = [
  CreateRegionScope1764000000001,
  CreateIdempotencyKeys1764000000002,
  CreateDivorce1764000000500,
  CounselingWrites1764000000510,
  CreateStatRollups1764000000003,
  CreateStatVersions1764000000004,
];
