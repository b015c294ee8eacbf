import { IdempotencyKey, RegionScope } from '@safety-graph/shared';
import { Crash } from './Crash';
import { CrashPerson } from './CrashPerson';
import { CrashRevision } from './CrashRevision';
import { TrafficCampaign } from './TrafficCampaign';
import { Violation } from './Violation';

export { Crash, CrashPerson, CrashRevision, TrafficCampaign, Violation };
export const entities = [RegionScope, IdempotencyKey, Crash, CrashPerson, CrashRevision, Violation, TrafficCampaign];
