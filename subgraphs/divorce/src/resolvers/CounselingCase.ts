import { loadExisting } from '@safety-graph/shared';
import type { DivorceContext } from '../context';
import type { CounselingCase as CounselingCaseRow } from '../entities';
import type { CounselingCaseResolvers } from '../generated/resolvers';

export const CounselingCase: CounselingCaseResolvers = {
  /** The same rule as `Query.counselingCases`: null unless the caller's agency hosts the case's unit. */
  __resolveReference: (reference: { id: string }, { loaders }: DivorceContext) => loaders.visibleCaseById.load(reference.id),
  unit: (counselingCase: CounselingCaseRow, _: unknown, { loaders }: DivorceContext) => loadExisting(loaders.unitById, counselingCase.unitId, 'CounselingUnit'),
  sessions: (counselingCase: CounselingCaseRow, _: unknown, { loaders }: DivorceContext) => loaders.visibleSessionsByCaseId.load(counselingCase.id),
};
