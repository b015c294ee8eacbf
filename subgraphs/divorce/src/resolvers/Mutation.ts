import type { DivorceContext } from '../context';
import {
  closeCounselingCase,
  openCounselingCase,
  recordCounselingSession,
  type CloseCounselingCaseInput,
  type OpenCounselingCaseInput,
  type RecordCounselingSessionInput,
} from '../counselingWrites';
import type { MutationResolvers } from '../generated/resolvers';

export const Mutation: MutationResolvers = {
  openCounselingCase: (_: unknown, args: { input: OpenCounselingCaseInput }, context: DivorceContext) => openCounselingCase(context, args.input),
  recordCounselingSession: (_: unknown, args: { input: RecordCounselingSessionInput }, context: DivorceContext) =>
    recordCounselingSession(context, args.input),
  closeCounselingCase: (_: unknown, args: { input: CloseCounselingCaseInput }, context: DivorceContext) => closeCounselingCase(context, args.input),
};
