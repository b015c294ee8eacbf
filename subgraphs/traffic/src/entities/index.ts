import { IdempotencyKey, RegionScope, StatRollup, StatVersion } from '@safety-graph/shared';
import { Crash } from './Crash';
import { CrashPerson } from './CrashPerson';
import { CrashRevision } from './CrashRevision';
import { TrafficCampaign } from './TrafficCampaign';
import { Violation } from './Violation';

export { Crash, CrashPerson, CrashRevision, TrafficCampaign, Violation };
export const entities = [RegionScope, IdempotencyKey, StatRollup, StatVersion, Crash, CrashPerson, CrashRevision, Violation, TrafficCampaign];
