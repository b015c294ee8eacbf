import DataLoader from 'dataloader';
import { loaderByKey, loaderGroupedByKey, type DateRange } from '@safety-graph/shared';
import type { ProgramSession, TreatmentReferral } from './entities';
import { isAddictionMetric } from './store/MetricStore';
import type { Stores } from './store';

/** The sessions of one programme, in one period or (null) all of them. */
export interface SessionsKey {
  programId: string;
  period: DateRange | null;
}

/** What a PreventionTarget representation carries for its `actual`. */
export interface TargetActualKey {
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

const sessionsKeyString = (programId: string, period: DateRange | null): string =>
  `${programId}|${period?.from ?? ''}|${period?.to ?? ''}`;

const targetKeyString = (key: TargetActualKey): string => `${key.metric}|${key.regionId}|${key.from}|${key.to}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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
export function createLoaders(stores: Stores, callerAgencyId: string | null) {
  return {
    programById: loaderByKey((ids: readonly string[]) => stores.programs.findByIds(ids), (program) => program.id),
    programByCode: loaderByKey((codes: readonly string[]) => stores.programs.findByCodes(codes), (program) => program.code),
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
          const sessions = await stores.sessions.findByProgramIds(group.map((key) => key.programId), period);
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
      async (ids: readonly string[]): Promise<TreatmentReferral[]> =>
        callerAgencyId === null ? [] : stores.referrals.findVisibleByIds(ids, callerAgencyId),
      (referral) => referral.id,
    ),

    targetActual: new DataLoader<TargetActualKey, number | null, string>(
      async (keys) => {
        const actualOf = new Map<string, number>();
        const computable = keys.filter((key) => isAddictionMetric(key.metric) && ISO_DATE.test(key.from) && ISO_DATE.test(key.to));
        // One grouped query per (metric, period), over all the regions asked for it.
        for (const group of groupBy(computable, (key) => `${key.metric}|${key.from}|${key.to}`)) {
          const { metric, from, to } = group[0];
          if (!isAddictionMetric(metric)) continue;
          const byRegion = await stores.metrics.actuals(metric, [...new Set(group.map((key) => key.regionId))], { from, to });
          for (const key of group) actualOf.set(targetKeyString(key), byRegion.get(key.regionId) ?? 0);
        }
        return keys.map((key) => actualOf.get(targetKeyString(key)) ?? null);
      },
      { cacheKeyFn: targetKeyString, maxBatchSize: 1000 },
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
