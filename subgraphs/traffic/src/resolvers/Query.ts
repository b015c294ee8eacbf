import { pageRequest, resolvePeriod, toConnection, type PageArgs, type PeriodInput } from '@safety-graph/shared';
import type { TrafficContext } from '../context';
import { occurrenceSortKey, parseOccurrenceKey } from '../occurrenceCursor';
import type { CrashFilter } from '../store/CrashStore';
import type { OccurrenceFilter } from '../store/occurrenceQuery';
import type { QueryResolvers } from '../generated/resolvers';

interface OccurrenceArgs extends PageArgs {
  regionId?: string | null;
  period?: PeriodInput | null;
}

function occurrenceFilter(args: OccurrenceArgs): OccurrenceFilter {
  return { regionId: args.regionId, period: args.period == null ? null : resolvePeriod(args.period) };
}

export const Query: QueryResolvers = {
  crashes: async (_: unknown, args: OccurrenceArgs & { severity?: string | null }, { stores }: TrafficContext) => {
    const filter: CrashFilter = { ...occurrenceFilter(args), severity: args.severity };
    const page = pageRequest(args);
    const rows = await stores.crashes.page(filter, parseOccurrenceKey(page.afterKey), page.first);
    return toConnection(rows, page, occurrenceSortKey, () => stores.crashes.count(filter));
  },

  crash: (_: unknown, args: { id: string }, { loaders }: TrafficContext) => loaders.crashById.load(args.id),

  violations: async (_: unknown, args: OccurrenceArgs, { stores }: TrafficContext) => {
    const filter = occurrenceFilter(args);
    const page = pageRequest(args);
    const rows = await stores.violations.page(filter, parseOccurrenceKey(page.afterKey), page.first);
    return toConnection(rows, page, occurrenceSortKey, () => stores.violations.count(filter));
  },

  trafficCampaigns: (_: unknown, args: { regionId?: string | null }, { stores }: TrafficContext) => stores.campaigns.list(args.regionId),
};
