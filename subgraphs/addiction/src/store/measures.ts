import type { EntityManager } from 'typeorm';
import { bumpVersions, changeRollups, type MeasureSet, type MeasureSource } from '@safety-graph/shared';
import { PreventionProgram, ProgramSession, TreatmentReferral } from '../entities';

/**
 * What the addiction subgraph counts, for the shared statistics engine: the
 * PreventionStats fields, and the ADDICTION target metrics each answers.
 * Referrals count people: a referral is contributed by the referring agency,
 * an admission by the receiving (admitting) one.
 */
const programs: MeasureSource = {
  name: 'programs',
  rows: (manager: EntityManager) => manager.createQueryBuilder().from(PreventionProgram, 'program'),
  date: 'program.startsOn',
  endDate: 'program.endsOn',
  region: 'program.regionId',
};

/** Sessions with their programme as `program`: an exhibition's sessions are days open, their attendance visits. */
const sessions: MeasureSource = {
  name: 'sessions',
  rows: (manager: EntityManager) =>
    manager.createQueryBuilder().from(ProgramSession, 'session').innerJoin(PreventionProgram, 'program', 'program.id = session.programId'),
  date: 'session.heldOn',
  region: 'session.regionId',
  id: 'session.id',
};

/** Referrals, read twice: a referral counts on the day it is referred and, once admitted, on the day it is admitted. */
const referralsOn = (name: string, date: string): MeasureSource => ({
  name,
  rows: (manager: EntityManager) => manager.createQueryBuilder().from(TreatmentReferral, 'referral'),
  date,
  region: 'referral.regionId',
  id: 'referral.id',
});
const referrals = referralsOn('referrals', 'referral.referredOn');
const admissions = referralsOn('admissions', 'referral.admittedOn');

const EXHIBITION = { exhibitionKind: 'EXHIBITION' };

export const PREVENTION_MEASURES: MeasureSet = {
  measures: [
    { name: 'programs', source: programs, value: '1' },
    { name: 'sessions', source: sessions, value: '1' },
    { name: 'peopleReached', source: sessions, value: 'session.attendance', condition: 'program.kind <> :exhibitionKind', parameters: EXHIBITION },
    { name: 'exhibitionVisits', source: sessions, value: 'session.attendance', condition: 'program.kind = :exhibitionKind', parameters: EXHIBITION },
    {
      name: 'referralsToTreatment',
      source: referrals,
      value: '1',
      individuals: { agency: 'referral.fromAgencyId' },
    },
    {
      name: 'treatmentAdmissions',
      source: admissions,
      value: '1',
      individuals: { agency: 'referral.toAgencyId' },
    },
  ],
  targets: {
    PEOPLE_REACHED: 'peopleReached',
    EXHIBITION_VISITS: 'exhibitionVisits',
    PREVENTION_SESSIONS: 'sessions',
    TREATMENT_ADMISSIONS: 'treatmentAdmissions',
  },
};

/** Runs a write of sessions (new or `existing`) and moves the rollups by what it changed, in the writer's transaction: every session write goes through it. */
export const changingSessions = <T>(manager: EntityManager, ids: readonly string[], existing: boolean, write: () => Promise<T>): Promise<T> =>
  changeRollups(manager, PREVENTION_MEASURES, { sources: [sessions], ids, existing }, write);

/** The same for referrals, on both the days they count on (referred, admitted). */
export const changingReferrals = <T>(manager: EntityManager, ids: readonly string[], existing: boolean, write: () => Promise<T>): Promise<T> =>
  changeRollups(manager, PREVENTION_MEASURES, { sources: [referrals, admissions], ids, existing }, write);

/**
 * A programme was written: programmes last over periods and are read from
 * their rows (no rollup), so only the measures' versions change, in the
 * writer's transaction, and answers cached from the old rows are not used again.
 */
export const touchLastingRecords = (manager: EntityManager): Promise<void> => bumpVersions(manager, PREVENTION_MEASURES.measures);
