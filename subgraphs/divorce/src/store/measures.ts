import type { EntityManager } from 'typeorm';
import { refreshRollups, type MeasureSet, type MeasureSource, type RollupKey } from '@safety-graph/shared';
import { CounselingCase, CounselingSession, CounselingUnit } from '../entities';

/**
 * What the divorce subgraph counts, for the shared statistics engine: the
 * FamilyStats fields, and the FAMILY target metrics each answers. A case is
 * contributed by the agency hosting its unit (it records the case).
 */
const sessions: MeasureSource = {
  name: 'counselingSessions',
  rows: (manager: EntityManager) => manager.createQueryBuilder().from(CounselingSession, 'session'),
  date: 'session.heldOn',
  region: 'session.regionId',
};

const cases = (name: string, date: string): MeasureSource => ({
  name,
  rows: (manager: EntityManager) =>
    manager.createQueryBuilder().from(CounselingCase, 'counselingCase').innerJoin(CounselingUnit, 'unit', 'unit.id = counselingCase.unitId'),
  date,
  region: 'counselingCase.regionId',
});

const HOSTING_AGENCY = { agency: 'unit.hostAgencyId' };

export const FAMILY_MEASURES: MeasureSet = {
  measures: [
    { name: 'counselingSessions', source: sessions, value: '1' },
    { name: 'freeCounselingSessions', source: sessions, value: '1', condition: 'session.free = :free', parameters: { free: true } },
    { name: 'casesOpened', source: cases('casesOpened', 'counselingCase.openedOn'), value: '1', individuals: HOSTING_AGENCY },
    {
      name: 'reconciliations',
      source: cases('casesClosed', 'counselingCase.closedOn'),
      value: '1',
      condition: 'counselingCase.outcome = :reconciled',
      parameters: { reconciled: 'RECONCILED' },
      individuals: HOSTING_AGENCY,
    },
  ],
  targets: { COUNSELING_SESSIONS: 'counselingSessions', FREE_COUNSELING_SESSIONS: 'freeCounselingSessions', RECONCILIATIONS: 'reconciliations' },
};

/** Recomputes the rollups of the touched counties and days in the writer's transaction: every write of records calls it. */
export const touchRollups = (manager: EntityManager, touched: readonly RollupKey[]): Promise<void> => refreshRollups(manager, FAMILY_MEASURES, touched);
