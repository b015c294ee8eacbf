import type { ActualKey, Connection, Figures, FiguresBucket } from '@safety-graph/shared';
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Crash as CrashRow, CrashRevision as CrashRevisionRow, Violation as ViolationRow, TrafficCampaign as TrafficCampaignRow } from '../entities';
import type { PersonSnapshot as PersonSnapshotRow } from '../store';
import type { TrafficContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 calendar date, such as `2025-03-21`. */
  Date: { input: string; output: string; }
  /** An ISO 8601 date and time with its offset, such as `2025-03-21T08:30:00+03:30`. */
  DateTime: { input: Date; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Agency = {
  __typename?: 'Agency';
  /** The agency's stable id. */
  id: Scalars['ID']['output'];
};

export type Agreement = {
  __typename?: 'Agreement';
  /** The MOU's stable id. */
  id: Scalars['ID']['output'];
  /** Road-safety campaigns run under this MOU, by start date. */
  trafficCampaigns?: Maybe<Array<TrafficCampaign>>;
};

/** A correction of a crash: the fields given replace the current ones (persons as a whole list), the rest stay; at least one must be given. */
export type AmendCrashInput = {
  /** The crash to correct. */
  crashId: Scalars['ID']['input'];
  /** The version the correction was made against: if the crash has moved on since, the amendment is a CONFLICT instead of overwriting someone else's correction. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The corrected time; not in the future. */
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The whole corrected list, 1 to 50 persons. */
  persons?: InputMaybe<Array<CrashPersonInput>>;
  /** Why the report is corrected (up to 500 characters). */
  reason: Scalars['String']['input'];
  /** A county. */
  regionId?: InputMaybe<Scalars['ID']['input']>;
  /** The corrected kind of road. */
  roadType?: InputMaybe<RoadType>;
};

/** A road crash as the county police reported it. Severity, fatalities and injuries are derived from its persons. */
export type Crash = {
  __typename?: 'Crash';
  /** Persons killed (K). */
  fatalities: Scalars['Int']['output'];
  /** The crash's stable id. */
  id: Scalars['ID']['output'];
  /** Persons injured (A, B or C). */
  injuries: Scalars['Int']['output'];
  /** When it happened, to the second; periods count it by its date in Iran. */
  occurredAt: Scalars['DateTime']['output'];
  /** The persons in the crash, in the order of the report. */
  persons: Array<CrashPerson>;
  /** The county where it happened. */
  region: Region;
  /** The police agency that reported it. */
  reportedBy: Agency;
  /** The versions this crash had before its amendments, oldest first; empty when never amended. */
  revisions: Array<CrashRevision>;
  /** The kind of road it happened on. */
  roadType: RoadType;
  /** The worst injury among its persons (K: FATAL, A: SERIOUS_INJURY, B: MINOR_INJURY, C: POSSIBLE_INJURY, else PROPERTY_DAMAGE_ONLY). */
  severity: CrashSeverity;
  /** 1 as reported, one more with each amendment. */
  version: Scalars['Int']['output'];
};

/** A page of crashs: forward-only, see PageInfo. */
export type CrashConnection = {
  __typename?: 'CrashConnection';
  /** The crashs of this page with their cursors, in order. */
  edges: Array<CrashEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many crashs match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One crash in a page, with its cursor. */
export type CrashEdge = {
  __typename?: 'CrashEdge';
  /** This crash's place in the list: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The crash. */
  node: Crash;
};

/** A person involved in a crash; never identified, only described. */
export type CrashPerson = {
  __typename?: 'CrashPerson';
  /** Such as `18-24`; null when not recorded. */
  ageBand?: Maybe<Scalars['String']['output']>;
  /** Whether the person was at fault. */
  faultStatus: FaultStatus;
  /** The crash person's stable id. */
  id: Scalars['ID']['output'];
  /** The person's injury on the KABCO scale. */
  injury: InjuryLevel;
  /** How the person took part. */
  role: PersonRole;
};

/** A person in a crash report. */
export type CrashPersonInput = {
  /** One of `0-17`, `18-24`, `25-34`, `35-44`, `45-54`, `55-64`, `65+`; null when not recorded. */
  ageBand?: InputMaybe<Scalars['String']['input']>;
  /** Whether the person was at fault. */
  faultStatus: FaultStatus;
  /** The person's injury on the KABCO scale. */
  injury: InjuryLevel;
  /** How the person took part. */
  role: PersonRole;
};

/** A crash as it stood before an amendment: the values of that version, and who replaced them, when and why. */
export type CrashRevision = {
  __typename?: 'CrashRevision';
  /** When the amendment replaced these values. */
  amendedAt: Scalars['DateTime']['output'];
  /** The agency that made the amendment. */
  amendedBy: Agency;
  /** Persons killed in that version. */
  fatalities: Scalars['Int']['output'];
  /** Persons injured in that version. */
  injuries: Scalars['Int']['output'];
  /** When the crash happened, as that version said. */
  occurredAt: Scalars['DateTime']['output'];
  /** The persons of that version, as they were reported. */
  persons: Array<CrashPerson>;
  /** Why the crash was amended. */
  reason: Scalars['String']['output'];
  /** The county, as that version said. */
  region: Region;
  /** The county's id, as that version said. */
  regionId: Scalars['ID']['output'];
  /** The kind of road, as that version said. */
  roadType: RoadType;
  /** The severity that version derived. */
  severity: CrashSeverity;
  /** The version these values were; the amendment made it version + 1. */
  version: Scalars['Int']['output'];
};

/** How bad a crash was: its worst injury. */
export type CrashSeverity =
  /** Someone was killed (K). */
  | 'FATAL'
  /** The worst injury was minor (B). */
  | 'MINOR_INJURY'
  /** The worst injury was possible (C). */
  | 'POSSIBLE_INJURY'
  /** Nobody was injured (O). */
  | 'PROPERTY_DAMAGE_ONLY'
  /** The worst injury was serious (A). */
  | 'SERIOUS_INJURY';

/** Whether a person was found at fault for the crash. */
export type FaultStatus =
  /** At fault. */
  | 'AT_FAULT'
  /** Not at fault. */
  | 'NOT_AT_FAULT'
  /** Not determined (yet). */
  | 'UNDETERMINED';

/** The bucket size of a series: Gregorian MONTH, QUARTER or YEAR, or Solar Hijri SOLAR_MONTH or SOLAR_YEAR. */
export type Granularity =
  /** Gregorian calendar months. */
  | 'MONTH'
  /** Gregorian calendar quarters. */
  | 'QUARTER'
  /** Solar Hijri months (Farvardin to Esfand). */
  | 'SOLAR_MONTH'
  /** Solar Hijri years, from Nowruz. */
  | 'SOLAR_YEAR'
  /** Gregorian calendar years. */
  | 'YEAR';

/** KABCO: killed, serious, minor, possible, none. */
export type InjuryLevel =
  /** Serious (incapacitating) injury. */
  | 'A'
  /** Minor (visible) injury. */
  | 'B'
  /** Possible injury. */
  | 'C'
  /** Killed. */
  | 'K'
  /** Not injured. */
  | 'O';

export type Mutation = {
  __typename?: 'Mutation';
  /** Corrects a crash; only the agency that reported it may. The version it replaces is kept in `revisions`, and statistics follow the new one. */
  amendCrash: Crash;
  /** Records a traffic violation in a county. */
  recordViolation: Violation;
  /** Reports a crash in a county. Severity, fatalities and injuries are derived from its persons. */
  reportCrash: Crash;
};


export type MutationAmendCrashArgs = {
  input: AmendCrashInput;
};


export type MutationRecordViolationArgs = {
  input: RecordViolationInput;
};


export type MutationReportCrashArgs = {
  input: ReportCrashInput;
};

/** Forward-only paging: pass endCursor as `after`. There is no hasPreviousPage, last or before. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of this page's last edge, to pass as `after`; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** An inclusive period: `from` and `to` dates, or one Solar Hijri year (`solarYear`), not both. */
export type PeriodInput = {
  /** The first day (inclusive); given with `to`. */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** One Solar Hijri year, such as 1404 (21 March 2025 to 20 March 2026), instead of `from` and `to`. */
  solarYear?: InputMaybe<Scalars['Int']['input']>;
  /** The last day (inclusive); given with `from`. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** How a person took part in a crash. */
export type PersonRole =
  /** Riding a bicycle. */
  | 'CYCLIST'
  /** Driving a car, bus or lorry. */
  | 'DRIVER'
  /** Riding a motorcycle. */
  | 'MOTORCYCLIST'
  /** A passenger. */
  | 'PASSENGER'
  /** On foot. */
  | 'PEDESTRIAN';

/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type Query = {
  __typename?: 'Query';
  /** A crash by id; null when there is none. */
  crash?: Maybe<Crash>;
  /** Crashes in a stable order (occurredAt, then id). A region includes its sub-regions. */
  crashes: CrashConnection;
  /** Road-safety campaigns run under MOUs; a region includes its sub-regions. */
  trafficCampaigns: Array<TrafficCampaign>;
  /** Violations in a stable order (occurredAt, then id). A region includes its sub-regions. */
  violations: ViolationConnection;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryCrashArgs = {
  id: Scalars['ID']['input'];
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryCrashesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  period?: InputMaybe<PeriodInput>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
  severity?: InputMaybe<CrashSeverity>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryTrafficCampaignsArgs = {
  regionId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryViolationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  period?: InputMaybe<PeriodInput>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
};

/** A traffic violation to record. */
export type RecordViolationInput = {
  /** A retry with the same key (per agency) returns the first violation and writes nothing; the same key with another violation is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** When it happened; not in the future. Kept to the second; periods count it by its date in Iran. */
  occurredAt: Scalars['DateTime']['input'];
  /** The county where it happened. */
  regionId: Scalars['ID']['input'];
  /** What rule was broken. */
  type: ViolationType;
};

export type Region = {
  __typename?: 'Region';
  /** The region's stable id. */
  id: Scalars['ID']['output'];
  /** The same figures per calendar month, quarter or year meeting the period, in order; the first and last bucket are cut to the period, and a bucket without records gives zeros. */
  trafficSeries?: Maybe<Array<TrafficBucket>>;
  /** Crashes, deaths, injuries and violations in this region and the regions under it over the inclusive period. */
  trafficStats?: Maybe<TrafficStats>;
};


export type RegionTrafficSeriesArgs = {
  granularity: Granularity;
  period: PeriodInput;
};


export type RegionTrafficStatsArgs = {
  period: PeriodInput;
};

/** A crash report by the police. */
export type ReportCrashInput = {
  /** A retry with the same key (per agency) returns the first crash and writes nothing; the same key with another report is a CONFLICT. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** When it happened; not in the future. Kept to the second; periods count it by its date in Iran. */
  occurredAt: Scalars['DateTime']['input'];
  /** 1 to 50 persons, in the order of the report. */
  persons: Array<CrashPersonInput>;
  /** The county where it happened. */
  regionId: Scalars['ID']['input'];
  /** The kind of road it happened on. */
  roadType: RoadType;
};

/** The kind of road. */
export type RoadType =
  /** A road between cities. */
  | 'INTERURBAN'
  /** A rural road. */
  | 'RURAL'
  /** A road inside a city. */
  | 'URBAN';

/** One bucket of a traffic series: its inclusive dates, its calendar label (such as `2025-04` or `SH 1404-01`) and its figures. */
export type TrafficBucket = {
  __typename?: 'TrafficBucket';
  /** The bucket's last day (inclusive), cut to the period. */
  end: Scalars['Date']['output'];
  /** The bucket's calendar label, such as `2025-04` or `SH 1404-01`. */
  label: Scalars['String']['output'];
  /** The bucket's first day (inclusive), cut to the period. */
  start: Scalars['Date']['output'];
  /** The figures of this bucket. */
  stats: TrafficStats;
};

/** A public road-safety campaign run under an MOU. */
export type TrafficCampaign = {
  __typename?: 'TrafficCampaign';
  /** The MOU the campaign runs under. */
  agreement: Agreement;
  /** Where the campaign reaches people, such as `TV`, `SCHOOLS`, `CHECKPOINTS`. */
  channel: Scalars['String']['output'];
  /** The last day (inclusive). */
  endsOn: Scalars['Date']['output'];
  /** The traffic campaign's stable id. */
  id: Scalars['ID']['output'];
  /** Where the campaign runs. */
  region: Region;
  /** The first day (inclusive). */
  startsOn: Scalars['Date']['output'];
  /** The English title. */
  title: Scalars['String']['output'];
  /** The Persian title. */
  titleFa: Scalars['String']['output'];
};

/** Traffic figures of a region over a period, by the date in Iran. */
export type TrafficStats = {
  __typename?: 'TrafficStats';
  /** Crashes reported. */
  crashes: Scalars['Int']['output'];
  /** Crashes in which someone was killed (severity FATAL). */
  fatalCrashes: Scalars['Int']['output'];
  /** Persons killed (K). */
  fatalities: Scalars['Int']['output'];
  /** Persons killed (K) who were not at fault. */
  fatalitiesNotAtFault: Scalars['Int']['output'];
  /** Persons injured (A, B or C). */
  injuries: Scalars['Int']['output'];
  /** Traffic violations recorded. */
  violations: Scalars['Int']['output'];
};

export type TrafficTarget = {
  __typename?: 'TrafficTarget';
  /** The metric over the target's region and period, computed by the subgraph that owns its data; null for a metric none computes, or (FORBIDDEN) without reports:read. */
  actual?: Maybe<Scalars['Float']['output']>;
  /** The first day of the measured period (inclusive). */
  from: Scalars['Date']['output'];
  /** The target's stable id. */
  id: Scalars['ID']['output'];
  /** The measured metric, one of the shared metrics such as `ROAD_DEATHS` or `PEOPLE_REACHED`. */
  metric: Scalars['String']['output'];
  regionId: Scalars['ID']['output'];
  /** The last day of the measured period (inclusive). */
  to: Scalars['Date']['output'];
};

/** A traffic violation as the police recorded it. */
export type Violation = {
  __typename?: 'Violation';
  /** The violation's stable id. */
  id: Scalars['ID']['output'];
  /** When it happened, to the second; periods count it by its date in Iran. */
  occurredAt: Scalars['DateTime']['output'];
  /** The agency that recorded it. */
  recordedBy: Agency;
  /** The county where it happened. */
  region: Region;
  /** What rule was broken. */
  type: ViolationType;
};

/** A page of violations: forward-only, see PageInfo. */
export type ViolationConnection = {
  __typename?: 'ViolationConnection';
  /** The violations of this page with their cursors, in order. */
  edges: Array<ViolationEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many violations match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One violation in a page, with its cursor. */
export type ViolationEdge = {
  __typename?: 'ViolationEdge';
  /** This violation's place in the list: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The violation. */
  node: Violation;
};

/** What traffic rule was broken. */
export type ViolationType =
  /** Driving under the influence. */
  | 'DRUNK_DRIVING'
  /** Illegal overtaking. */
  | 'ILLEGAL_OVERTAKING'
  /** Using a mobile phone while driving. */
  | 'MOBILE_PHONE'
  /** Riding without a helmet. */
  | 'NO_HELMET'
  /** Not wearing a seat belt. */
  | 'NO_SEATBELT'
  /** Any other violation. */
  | 'OTHER'
  /** Running a red light. */
  | 'RED_LIGHT'
  /** Speeding. */
  | 'SPEEDING';



export type ResolverTypeWrapper<T> = T | Promise<T>;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Agreement: Agreement;
  Crash: Crash;
  Region: Region;
  TrafficCampaign: TrafficCampaign;
  TrafficTarget: TrafficTarget;
  Violation: Violation;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Agreement:
    ( { __typename: 'Agreement' }
    & GraphQLRecursivePick<FederationTypes['Agreement'], {"id":true}> );
  Crash:
    ( { __typename: 'Crash' }
    & GraphQLRecursivePick<FederationTypes['Crash'], {"id":true}> );
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"id":true}> );
  TrafficCampaign:
    ( { __typename: 'TrafficCampaign' }
    & GraphQLRecursivePick<FederationTypes['TrafficCampaign'], {"id":true}> );
  TrafficTarget:
    ( { __typename: 'TrafficTarget' }
    & GraphQLRecursivePick<FederationTypes['TrafficTarget'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['TrafficTarget'], {"metric":true,"regionId":true,"from":true,"to":true}> ) );
  Violation:
    ( { __typename: 'Violation' }
    & GraphQLRecursivePick<FederationTypes['Violation'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Agency: ResolverTypeWrapper<{ id: string }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Agreement: ResolverTypeWrapper<{ id: string }>;
  AmendCrashInput: AmendCrashInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Crash: ResolverTypeWrapper<CrashRow>;
  CrashConnection: ResolverTypeWrapper<Connection<CrashRow>>;
  CrashEdge: ResolverTypeWrapper<Omit<CrashEdge, 'node'> & { node: ResolversTypes['Crash'] }>;
  CrashPerson: ResolverTypeWrapper<PersonSnapshotRow>;
  CrashPersonInput: CrashPersonInput;
  CrashRevision: ResolverTypeWrapper<CrashRevisionRow>;
  CrashSeverity: CrashSeverity;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FaultStatus: FaultStatus;
  Granularity: Granularity;
  InjuryLevel: InjuryLevel;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PeriodInput: PeriodInput;
  PersonRole: PersonRole;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordViolationInput: RecordViolationInput;
  Region: ResolverTypeWrapper<{ id: string }>;
  ReportCrashInput: ReportCrashInput;
  RoadType: RoadType;
  TrafficBucket: ResolverTypeWrapper<FiguresBucket>;
  TrafficCampaign: ResolverTypeWrapper<TrafficCampaignRow>;
  TrafficStats: ResolverTypeWrapper<Figures>;
  TrafficTarget: ResolverTypeWrapper<Partial<ActualKey> & { id: string }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Violation: ResolverTypeWrapper<ViolationRow>;
  ViolationConnection: ResolverTypeWrapper<Connection<ViolationRow>>;
  ViolationEdge: ResolverTypeWrapper<Omit<ViolationEdge, 'node'> & { node: ResolversTypes['Violation'] }>;
  ViolationType: ViolationType;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Agency: { id: string };
  ID: Scalars['ID']['output'];
  Agreement: { id: string };
  AmendCrashInput: AmendCrashInput;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Crash: CrashRow;
  CrashConnection: Connection<CrashRow>;
  CrashEdge: Omit<CrashEdge, 'node'> & { node: ResolversParentTypes['Crash'] };
  CrashPerson: PersonSnapshotRow;
  CrashPersonInput: CrashPersonInput;
  CrashRevision: CrashRevisionRow;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PeriodInput: PeriodInput;
  Query: Record<PropertyKey, never>;
  RecordViolationInput: RecordViolationInput;
  Region: { id: string };
  ReportCrashInput: ReportCrashInput;
  TrafficBucket: FiguresBucket;
  TrafficCampaign: TrafficCampaignRow;
  TrafficStats: Figures;
  TrafficTarget: Partial<ActualKey> & { id: string };
  Float: Scalars['Float']['output'];
  Violation: ViolationRow;
  ViolationConnection: Connection<ViolationRow>;
  ViolationEdge: Omit<ViolationEdge, 'node'> & { node: ResolversParentTypes['Violation'] };
};

export type AgencyResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type AgreementResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['Agreement'] = ResolversParentTypes['Agreement'], FederationReferenceType extends FederationReferenceTypes['Agreement'] = FederationReferenceTypes['Agreement']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agreement']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  trafficCampaigns?: Resolver<Maybe<Array<ResolversTypes['TrafficCampaign']>>, ParentType, ContextType>;
};

export type CrashResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['Crash'] = ResolversParentTypes['Crash'], FederationReferenceType extends FederationReferenceTypes['Crash'] = FederationReferenceTypes['Crash']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Crash']> | FederationReferenceType, FederationReferenceType, ContextType>;
  fatalities?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  injuries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  persons?: Resolver<Array<ResolversTypes['CrashPerson']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  reportedBy?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  revisions?: Resolver<Array<ResolversTypes['CrashRevision']>, ParentType, ContextType>;
  roadType?: Resolver<ResolversTypes['RoadType'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['CrashSeverity'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CrashConnectionResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['CrashConnection'] = ResolversParentTypes['CrashConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CrashEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CrashEdgeResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['CrashEdge'] = ResolversParentTypes['CrashEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Crash'], ParentType, ContextType>;
};

export type CrashPersonResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['CrashPerson'] = ResolversParentTypes['CrashPerson']> = {
  ageBand?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  faultStatus?: Resolver<ResolversTypes['FaultStatus'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  injury?: Resolver<ResolversTypes['InjuryLevel'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['PersonRole'], ParentType, ContextType>;
};

export type CrashRevisionResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['CrashRevision'] = ResolversParentTypes['CrashRevision']> = {
  amendedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  amendedBy?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  fatalities?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  injuries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  persons?: Resolver<Array<ResolversTypes['CrashPerson']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  roadType?: Resolver<ResolversTypes['RoadType'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['CrashSeverity'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  amendCrash?: Resolver<ResolversTypes['Crash'], ParentType, ContextType, RequireFields<MutationAmendCrashArgs, 'input'>>;
  recordViolation?: Resolver<ResolversTypes['Violation'], ParentType, ContextType, RequireFields<MutationRecordViolationArgs, 'input'>>;
  reportCrash?: Resolver<ResolversTypes['Crash'], ParentType, ContextType, RequireFields<MutationReportCrashArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  crash?: Resolver<Maybe<ResolversTypes['Crash']>, ParentType, ContextType, RequireFields<QueryCrashArgs, 'id'>>;
  crashes?: Resolver<ResolversTypes['CrashConnection'], ParentType, ContextType, Partial<QueryCrashesArgs>>;
  trafficCampaigns?: Resolver<Array<ResolversTypes['TrafficCampaign']>, ParentType, ContextType, Partial<QueryTrafficCampaignsArgs>>;
  violations?: Resolver<ResolversTypes['ViolationConnection'], ParentType, ContextType, Partial<QueryViolationsArgs>>;
};

export type RegionResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  trafficSeries?: Resolver<Maybe<Array<ResolversTypes['TrafficBucket']>>, ParentType, ContextType, RequireFields<RegionTrafficSeriesArgs, 'granularity' | 'period'>>;
  trafficStats?: Resolver<Maybe<ResolversTypes['TrafficStats']>, ParentType, ContextType, RequireFields<RegionTrafficStatsArgs, 'period'>>;
};

export type TrafficBucketResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['TrafficBucket'] = ResolversParentTypes['TrafficBucket']> = {
  end?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  stats?: Resolver<ResolversTypes['TrafficStats'], ParentType, ContextType>;
};

export type TrafficCampaignResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['TrafficCampaign'] = ResolversParentTypes['TrafficCampaign'], FederationReferenceType extends FederationReferenceTypes['TrafficCampaign'] = FederationReferenceTypes['TrafficCampaign']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TrafficCampaign']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agreement?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  startsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TrafficStatsResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['TrafficStats'] = ResolversParentTypes['TrafficStats']> = {
  crashes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fatalCrashes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fatalities?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fatalitiesNotAtFault?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  injuries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  violations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TrafficTargetResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['TrafficTarget'] = ResolversParentTypes['TrafficTarget'], FederationReferenceType extends FederationReferenceTypes['TrafficTarget'] = FederationReferenceTypes['TrafficTarget']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TrafficTarget']> | FederationReferenceType, FederationReferenceType, ContextType>;
  actual?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ViolationResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['Violation'] = ResolversParentTypes['Violation'], FederationReferenceType extends FederationReferenceTypes['Violation'] = FederationReferenceTypes['Violation']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Violation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  recordedBy?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ViolationType'], ParentType, ContextType>;
};

export type ViolationConnectionResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['ViolationConnection'] = ResolversParentTypes['ViolationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ViolationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ViolationEdgeResolvers<ContextType = TrafficContext, ParentType extends ResolversParentTypes['ViolationEdge'] = ResolversParentTypes['ViolationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Violation'], ParentType, ContextType>;
};

export type Resolvers<ContextType = TrafficContext> = {
  Agency?: AgencyResolvers<ContextType>;
  Agreement?: AgreementResolvers<ContextType>;
  Crash?: CrashResolvers<ContextType>;
  CrashConnection?: CrashConnectionResolvers<ContextType>;
  CrashEdge?: CrashEdgeResolvers<ContextType>;
  CrashPerson?: CrashPersonResolvers<ContextType>;
  CrashRevision?: CrashRevisionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  TrafficBucket?: TrafficBucketResolvers<ContextType>;
  TrafficCampaign?: TrafficCampaignResolvers<ContextType>;
  TrafficStats?: TrafficStatsResolvers<ContextType>;
  TrafficTarget?: TrafficTargetResolvers<ContextType>;
  Violation?: ViolationResolvers<ContextType>;
  ViolationConnection?: ViolationConnectionResolvers<ContextType>;
  ViolationEdge?: ViolationEdgeResolvers<ContextType>;
};

