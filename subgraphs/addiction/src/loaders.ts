import DataLoader from 'dataloader';
import { loaderByKey, loaderGroupedByKey, statisticsLoaders, type DateRange } from '@safety-graph/shared';
import type { ProgramSession, TreatmentReferral } from './entities';
import { PREVENTION_MEASURES, type Stores } from './store';

/** The sessions of one programme, in one period or (null) all of them. */
export interface SessionsKey {
  programId: string;
  period: DateRange | null;
}

const sessionsKeyString = (programId: string, period: DateRange | null): string => `${programId}|${period?.from ?? ''}|${period?.to ?? ''}`;

/** Groups keys by a part they share, so that each group is one query however many keys it holds. */
function groupBy<K>(keys: readonly K[], groupOf: (key: K) => string): K[][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const name = groupOf(key);
    const group = groups.get(name);
    if (group) group.push(key);
    else groups.set(name, [key]);
  }
  return [...groups.values()];
}

/**
 * Per-request loaders: every lookup by id or code and every list relation is
 * one batched query. Referrals are looked up only among those the caller's
 * agency is party to; without a caller there is nothing to look up.
 */
export function createLoaders(stores: Stores, callerAgencyId: string | null, suppressionThreshold: number) {
  const loaders = {
    /** Region.preventionStats, Region.preventionSeries and PreventionTarget.actual, through the shared statistics engine. */
    statistics: statisticsLoaders(stores.measures, PREVENTION_MEASURES, suppressionThreshold),

    programById: loaderByKey(
      (ids: readonly string[]) => stores.programs.findByIds(ids),
      (program) => program.id,
    ),
    programByCode: loaderByKey(
      (codes: readonly string[]) => stores.programs.findByCodes(codes),
      (program) => program.code,
    ),
    // Rows found by agreement id always have one, hence the cast.
    programsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.programs.findByAgreementIds(ids),
      (program) => program.agreementId as string,
    ),

    sessionsByProgram: new DataLoader<SessionsKey, ProgramSession[], string>(
      async (keys) => {
        const byProgramAndPeriod = new Map<string, ProgramSession[]>();
        // One query per distinct period: a page of programmes asked with the same period is one query.
        for (const group of groupBy(keys, (key) => sessionsKeyString('', key.period))) {
          const period = group[0].period;
          const sessions = await stores.sessions.findByProgramIds(
            group.map((key) => key.programId),
            period,
          );
          for (const session of sessions) {
            const name = sessionsKeyString(session.programId, period);
            const list = byProgramAndPeriod.get(name);
            if (list) list.push(session);
            else byProgramAndPeriod.set(name, [session]);
          }
        }
        return keys.map((key) => byProgramAndPeriod.get(sessionsKeyString(key.programId, key.period)) ?? []);
      },
      { cacheKeyFn: (key) => sessionsKeyString(key.programId, key.period), maxBatchSize: 1000 },
    ),

    referralById: loaderByKey(
      async (ids: readonly string[]): Promise<TreatmentReferral[]> => (callerAgencyId === null ? [] : stores.referrals.findVisibleByIds(ids, callerAgencyId)),
      (referral) => referral.id,
    ),
  };
  return {
    ...loaders,
    /** After a write: every figure (region statistics, suppressed tables, target actuals) is read again. */
    forgetFigures(): void {
      loaders.statistics.forget();
    },
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
