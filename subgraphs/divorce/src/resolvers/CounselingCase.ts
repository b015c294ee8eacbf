import type { DivorceContext } from '../context';
import type { CounselingCase as CounselingCaseRow } from '../entities';

export const CounselingCase = {
  /** The same rule as `Query.counselingCases`: null unless the caller's agency hosts the case's unit. */
  __resolveReference: (reference: { id: string }, { loaders }: DivorceContext) => loaders.visibleCaseById.load(reference.id),
  unit: (counselingCase: CounselingCaseRow, _: unknown, { loaders }: DivorceContext) => loaders.unitById.load(counselingCase.unitId),
  sessions: (counselingCase: CounselingCaseRow, _: unknown, { loaders }: DivorceContext) =>
    loaders.visibleSessionsByCaseId.load(counselingCase.id),
};
