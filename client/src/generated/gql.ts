/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AgreementScorecard($code: String!) {\n  agreement(code: $code) {\n    title\n    leadAgency {\n      name\n      region {\n        name\n      }\n    }\n    parties {\n      role\n      agency {\n        name\n      }\n    }\n    targets {\n      __typename\n      metric\n      region {\n        name\n      }\n      from\n      to\n      baseline\n      target\n      actual\n      attainment\n    }\n  }\n}": typeof types.AgreementScorecardDocument,
    "query CountiesByMonth($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    children {\n      code\n      name\n      trafficSeries(period: $period, granularity: SOLAR_MONTH) {\n        label\n        stats {\n          fatalities\n          fatalitiesNotAtFault\n          injuries\n        }\n      }\n      preventionSeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          sessions\n          peopleReached\n          referralsToTreatment\n        }\n      }\n      familySeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          counselingSessions\n          freeCounselingSessions\n          casesOpened\n        }\n      }\n    }\n  }\n}": typeof types.CountiesByMonthDocument,
    "query MouScorecards {\n  agreements(status: ACTIVE, first: 100) {\n    edges {\n      node {\n        code\n        title\n        targets {\n          metric\n          region {\n            code\n          }\n          from\n          to\n          direction\n          baseline\n          target\n          actual\n          attainment\n        }\n      }\n    }\n  }\n}": typeof types.MouScorecardsDocument,
    "query ProvinceYearOverview($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    code\n    name\n    trafficStats(period: $period) {\n      crashes\n      fatalCrashes\n      fatalities\n      fatalitiesNotAtFault\n      injuries\n      violations\n    }\n    preventionStats(period: $period) {\n      programs\n      sessions\n      peopleReached\n      exhibitionVisits\n      referralsToTreatment\n      treatmentAdmissions\n      suppressed\n    }\n    familyStats(period: $period) {\n      counselingSessions\n      freeCounselingSessions\n      casesOpened\n      reconciliations\n      suppressed\n    }\n  }\n}": typeof types.ProvinceYearOverviewDocument,
};
const documents: Documents = {
    "query AgreementScorecard($code: String!) {\n  agreement(code: $code) {\n    title\n    leadAgency {\n      name\n      region {\n        name\n      }\n    }\n    parties {\n      role\n      agency {\n        name\n      }\n    }\n    targets {\n      __typename\n      metric\n      region {\n        name\n      }\n      from\n      to\n      baseline\n      target\n      actual\n      attainment\n    }\n  }\n}": types.AgreementScorecardDocument,
    "query CountiesByMonth($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    children {\n      code\n      name\n      trafficSeries(period: $period, granularity: SOLAR_MONTH) {\n        label\n        stats {\n          fatalities\n          fatalitiesNotAtFault\n          injuries\n        }\n      }\n      preventionSeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          sessions\n          peopleReached\n          referralsToTreatment\n        }\n      }\n      familySeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          counselingSessions\n          freeCounselingSessions\n          casesOpened\n        }\n      }\n    }\n  }\n}": types.CountiesByMonthDocument,
    "query MouScorecards {\n  agreements(status: ACTIVE, first: 100) {\n    edges {\n      node {\n        code\n        title\n        targets {\n          metric\n          region {\n            code\n          }\n          from\n          to\n          direction\n          baseline\n          target\n          actual\n          attainment\n        }\n      }\n    }\n  }\n}": types.MouScorecardsDocument,
    "query ProvinceYearOverview($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    code\n    name\n    trafficStats(period: $period) {\n      crashes\n      fatalCrashes\n      fatalities\n      fatalitiesNotAtFault\n      injuries\n      violations\n    }\n    preventionStats(period: $period) {\n      programs\n      sessions\n      peopleReached\n      exhibitionVisits\n      referralsToTreatment\n      treatmentAdmissions\n      suppressed\n    }\n    familyStats(period: $period) {\n      counselingSessions\n      freeCounselingSessions\n      casesOpened\n      reconciliations\n      suppressed\n    }\n  }\n}": types.ProvinceYearOverviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AgreementScorecard($code: String!) {\n  agreement(code: $code) {\n    title\n    leadAgency {\n      name\n      region {\n        name\n      }\n    }\n    parties {\n      role\n      agency {\n        name\n      }\n    }\n    targets {\n      __typename\n      metric\n      region {\n        name\n      }\n      from\n      to\n      baseline\n      target\n      actual\n      attainment\n    }\n  }\n}"): (typeof documents)["query AgreementScorecard($code: String!) {\n  agreement(code: $code) {\n    title\n    leadAgency {\n      name\n      region {\n        name\n      }\n    }\n    parties {\n      role\n      agency {\n        name\n      }\n    }\n    targets {\n      __typename\n      metric\n      region {\n        name\n      }\n      from\n      to\n      baseline\n      target\n      actual\n      attainment\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CountiesByMonth($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    children {\n      code\n      name\n      trafficSeries(period: $period, granularity: SOLAR_MONTH) {\n        label\n        stats {\n          fatalities\n          fatalitiesNotAtFault\n          injuries\n        }\n      }\n      preventionSeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          sessions\n          peopleReached\n          referralsToTreatment\n        }\n      }\n      familySeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          counselingSessions\n          freeCounselingSessions\n          casesOpened\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query CountiesByMonth($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    children {\n      code\n      name\n      trafficSeries(period: $period, granularity: SOLAR_MONTH) {\n        label\n        stats {\n          fatalities\n          fatalitiesNotAtFault\n          injuries\n        }\n      }\n      preventionSeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          sessions\n          peopleReached\n          referralsToTreatment\n        }\n      }\n      familySeries(period: $period, granularity: SOLAR_MONTH) {\n        stats {\n          counselingSessions\n          freeCounselingSessions\n          casesOpened\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MouScorecards {\n  agreements(status: ACTIVE, first: 100) {\n    edges {\n      node {\n        code\n        title\n        targets {\n          metric\n          region {\n            code\n          }\n          from\n          to\n          direction\n          baseline\n          target\n          actual\n          attainment\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query MouScorecards {\n  agreements(status: ACTIVE, first: 100) {\n    edges {\n      node {\n        code\n        title\n        targets {\n          metric\n          region {\n            code\n          }\n          from\n          to\n          direction\n          baseline\n          target\n          actual\n          attainment\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProvinceYearOverview($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    code\n    name\n    trafficStats(period: $period) {\n      crashes\n      fatalCrashes\n      fatalities\n      fatalitiesNotAtFault\n      injuries\n      violations\n    }\n    preventionStats(period: $period) {\n      programs\n      sessions\n      peopleReached\n      exhibitionVisits\n      referralsToTreatment\n      treatmentAdmissions\n      suppressed\n    }\n    familyStats(period: $period) {\n      counselingSessions\n      freeCounselingSessions\n      casesOpened\n      reconciliations\n      suppressed\n    }\n  }\n}"): (typeof documents)["query ProvinceYearOverview($region: String!, $period: PeriodInput!) {\n  region(code: $region) {\n    code\n    name\n    trafficStats(period: $period) {\n      crashes\n      fatalCrashes\n      fatalities\n      fatalitiesNotAtFault\n      injuries\n      violations\n    }\n    preventionStats(period: $period) {\n      programs\n      sessions\n      peopleReached\n      exhibitionVisits\n      referralsToTreatment\n      treatmentAdmissions\n      suppressed\n    }\n    familyStats(period: $period) {\n      counselingSessions\n      freeCounselingSessions\n      casesOpened\n      reconciliations\n      suppressed\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;