import type { TrafficContext } from '../context';
import { amendCrash, reportCrash, type AmendCrashInput, type ReportCrashInput } from '../writes/Crash';
import { recordViolation, type RecordViolationInput } from '../writes/Violation';
import type { MutationResolvers } from '../generated/resolvers';

/** Each needs traffic:write (the module's access policy); the caller's agency is recorded as reporter or recorder. */
export const Mutation: MutationResolvers = {
  reportCrash: (_: unknown, args: { input: ReportCrashInput }, context: TrafficContext) => reportCrash(context, args.input),
  recordViolation: (_: unknown, args: { input: RecordViolationInput }, context: TrafficContext) => recordViolation(context, args.input),
  amendCrash: (_: unknown, args: { input: AmendCrashInput }, context: TrafficContext) => amendCrash(context, args.input),
};
