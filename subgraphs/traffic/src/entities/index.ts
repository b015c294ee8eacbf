import { RegionScope } from '@safety-graph/shared';
import { Crash } from './Crash';
import { CrashPerson } from './CrashPerson';
import { TrafficCampaign } from './TrafficCampaign';
import { Violation } from './Violation';

export { Crash, CrashPerson, TrafficCampaign, Violation };
export const entities = [RegionScope, Crash, CrashPerson, Violation, TrafficCampaign];
