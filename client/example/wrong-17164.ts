import type { ProvinceYearOverviewQuery } from '@safety-graph/client';
export const deaths = (answer: ProvinceYearOverviewQuery) => answer.region?.trafficStats.deaths;
