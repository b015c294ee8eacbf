/**
 * An example consumer of @safety-graph/client, as a partner's frontend would
 * write it: Apollo Client 4 with the bearer token, the typed report and
 * README documents, typed answers. Prints the answers as JSON.
 *
 *   SAFETY_GRAPH_URL=http://localhost:4000/graphql SAFETY_GRAPH_TOKEN=$(npm run -s token -- --agency POLICE-IR-10) \
 *     node consumer.js
 */
import {
  AgreementScorecardDocument,
  createSafetyGraphClient,
  ProvinceYearOverviewDocument,
  type AgreementScorecardQuery,
  type ProvinceYearOverviewQuery,
} from '@safety-graph/client';

async function main(): Promise<void> {
  const uri = process.env.SAFETY_GRAPH_URL ?? 'http://localhost:4000/graphql';
  const token = process.env.SAFETY_GRAPH_TOKEN;
  if (!token) throw new Error('Set SAFETY_GRAPH_TOKEN (npm run token -- --agency POLICE-IR-10)');
  const client = createSafetyGraphClient({ uri, token });

  const overview = await client.query({
    query: ProvinceYearOverviewDocument,
    variables: { region: process.env.REGION ?? 'IR-10', period: { solarYear: Number(process.env.SOLAR_YEAR ?? 1404) } },
  });
  const region: ProvinceYearOverviewQuery['region'] | undefined = overview.data?.region;
  if (!region) throw new Error('No such region');
  // Each domain's figures are null, with FORBIDDEN on their own path, when the token may not read them.
  const headline = {
    region: region.name,
    roadDeaths: region.trafficStats?.fatalities ?? null,
    notAtFault: region.trafficStats?.fatalitiesNotAtFault ?? null,
    peopleReached: region.preventionStats?.peopleReached ?? null,
    exhibitionVisits: region.preventionStats?.exhibitionVisits ?? null,
    freeCounselingSessions: region.familyStats?.freeCounselingSessions ?? null,
  };

  const scorecard = await client.query({ query: AgreementScorecardDocument, variables: { code: process.env.MOU ?? 'MOU-IR-10-TRAFFIC-1403' } });
  const agreement: AgreementScorecardQuery['agreement'] | undefined = scorecard.data?.agreement;
  const targets = (agreement?.targets ?? []).map((target) => ({
    kind: target.__typename,
    metric: target.metric,
    target: target.target,
    actual: target.actual,
  }));

  console.log(JSON.stringify({ headline, agreement: agreement?.title ?? null, targets }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
