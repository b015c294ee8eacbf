import {
  CreateIdempotencyKeys1764000000002,
  CreateRegionScope1764000000001,
  CreateStatRollups1764000000003,
  CreateStatVersions1764000000004,
} from '@safety-graph/shared';
import { AmendableCrashes1764000000310 } from './1764000000310-AmendableCrashes';
import { CreateTraffic1764000000300 } from './1764000000300-CreateTraffic';
import { CrashImportKeys1764000000320 } from './1764000000320-CrashImportKeys';
import { FewerCrashIndexes1764000000330 } from './1764000000330-FewerCrashIndexes';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const migrations = [
  CreateRegionScope1764000000001,
  CreateIdempotencyKeys1764000000002,
  CreateTraffic1764000000300,
  AmendableCrashes1764000000310,
  CrashImportKeys1764000000320,
  FewerCrashIndexes1764000000330,
  CreateStatRollups1764000000003,
  CreateStatVersions1764000000004,
];
