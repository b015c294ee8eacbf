import type { EntityManager } from 'typeorm';
import { changeRollups, type MeasureSet, type MeasureSource } from '@safety-graph/shared';
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
  id: 'session.id',
};

/** Cases with their unit, read twice: a case counts on the day it is opened and, once closed, on the day it is closed. */
const casesOn = (name: string, date: string): MeasureSource => ({
  name,
  rows: (manager: EntityManager) =>
    manager.createQueryBuilder().from(CounselingCase, 'counselingCase').innerJoin(CounselingUnit, 'unit', 'unit.id = counselingCase.unitId'),
  date,
  region: 'counselingCase.regionId',
  id: 'counselingCase.id',
});
const casesOpened = casesOn('casesOpened', 'counselingCase.openedOn');
const casesClosed = casesOn('casesClosed', 'counselingCase.closedOn');

const HOSTING_AGENCY = { agency: 'unit.hostAgencyId' };

export const FAMILY_MEASURES: MeasureSet = {
  measures: [
    { name: 'counselingSessions', source: sessions, value: '1' },
    { name: 'freeCounselingSessions', source: sessions, value: '1', condition: 'session.free = :free', parameters: { free: true } },
    { name: 'casesOpened', source: casesOpened, value: '1', individuals: HOSTING_AGENCY },
    {
      name: 'reconciliations',
      source: casesClosed,
      value: '1',
      condition: 'counselingCase.outcome = :reconciled',
      parameters: { reconciled: 'RECONCILED' },
      individuals: HOSTING_AGENCY,
    },
  ],
  targets: { COUNSELING_SESSIONS: 'counselingSessions', FREE_COUNSELING_SESSIONS: 'freeCounselingSessions', RECONCILIATIONS: 'reconciliations' },
};

/** Runs a write of counselling sessions (new or `existing`) and moves the rollups by what it changed, in the writer's transaction: every session write goes through it. */
export const changingSessions = <T>(manager: EntityManager, ids: readonly string[], existing: boolean, write: () => Promise<T>): Promise<T> =>
  changeRollups(manager, FAMILY_MEASURES, { sources: [sessions], ids, existing }, write);

/** The same for cases, on both the days they count on (opened, closed). */
export const changingCases = <T>(manager: EntityManager, ids: readonly string[], existing: boolean, write: () => Promise<T>): Promise<T> =>
  changeRollups(manager, FAMILY_MEASURES, { sources: [casesOpened, casesClosed], ids, existing }, write);
