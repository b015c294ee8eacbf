import type { ActualKey, Connection, Figures, FiguresBucket } from '@safety-graph/shared';
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CounselingUnit as CounselingUnitRow, CounselingCase as CounselingCaseRow, CounselingSession as CounselingSessionRow, FamilyProgram as FamilyProgramRow } from '../entities';
import type { DivorceContext } from '../context';
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
  _FieldSet: { input: unknown; output: unknown; }
};

export type Agency = {
  __typename?: 'Agency';
  /** Family counselling units this agency hosts (a county police station's unit, a welfare office's unit). */
  counselingUnits?: Maybe<Array<CounselingUnit>>;
  /** The agency's stable id. */
  id: Scalars['ID']['output'];
};

/** How a closed counselling case ended. */
export type CaseOutcome =
  /** The couple divorced. */
  | 'DIVORCED'
  /** The couple reconciled. */
  | 'RECONCILED'
  /** Referred to another service. */
  | 'REFERRED'
  /** The family withdrew. */
  | 'WITHDRAWN';

/** The values of `CounselingCase.status`, which the contract types as String. */
export type CaseStatus =
  /** Closed with an outcome. */
  | 'CLOSED'
  /** Counselling goes on. */
  | 'OPEN';

/** The closing of an OPEN case. */
export type CloseCounselingCaseInput = {
  /** The case's id. */
  caseId: Scalars['ID']['input'];
  /** Not in the future, not before the case was opened nor before its last session. */
  closedOn: Scalars['Date']['input'];
  /** How the case ended. */
  outcome: CaseOutcome;
};

/**
 * A family's counselling case at one unit. Visible only to the agency hosting the
 * unit; nothing here identifies the person counselled.
 */
export type CounselingCase = {
  __typename?: 'CounselingCase';
  /** The day the case was closed; null while OPEN. */
  closedOn?: Maybe<Scalars['Date']['output']>;
  /** The counseling case's stable id. */
  id: Scalars['ID']['output'];
  /** The day the case was opened. */
  openedOn: Scalars['Date']['output'];
  /** Set once the case is closed. */
  outcome?: Maybe<CaseOutcome>;
  /** The case's sessions, oldest first. */
  sessions: Array<CounselingSession>;
  /** OPEN or CLOSED (see CaseStatus). */
  status: Scalars['String']['output'];
  /** What the counselling is about. */
  topic: Scalars['String']['output'];
  /** The unit counselling the family. */
  unit: CounselingUnit;
};

/** A page of counseling cases: forward-only, see PageInfo. */
export type CounselingCaseConnection = {
  __typename?: 'CounselingCaseConnection';
  /** The counseling cases of this page with their cursors, in order. */
  edges: Array<CounselingCaseEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many counseling cases match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One counseling case in a page, with its cursor. */
export type CounselingCaseEdge = {
  __typename?: 'CounselingCaseEdge';
  /** This counseling case's place in the list: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The counseling case. */
  node: CounselingCase;
};

/** How a counselling session was held. */
export type CounselingMode =
  /** Face to face. */
  | 'IN_PERSON'
  /** Online. */
  | 'ONLINE'
  /** By phone. */
  | 'PHONE';

/** One counselling session of a case. */
export type CounselingSession = {
  __typename?: 'CounselingSession';
  /** Held free of charge to the family. */
  free: Scalars['Boolean']['output'];
  /** The day it was held. */
  heldOn: Scalars['Date']['output'];
  /** The counseling session's stable id. */
  id: Scalars['ID']['output'];
  /** How it was held. */
  mode: CounselingMode;
};

/** A family counselling unit, hosted by a county police station or a welfare office. */
export type CounselingUnit = {
  __typename?: 'CounselingUnit';
  /** The police station or welfare office hosting the unit. */
  hostAgency: Agency;
  /** The counseling unit's stable id. */
  id: Scalars['ID']['output'];
  /** The English name. */
  name: Scalars['String']['output'];
  /** The Persian name. */
  nameFa: Scalars['String']['output'];
  /** The county the unit serves. */
  region: Region;
};

/** One bucket of a family series: its inclusive dates, its calendar label (such as `2025-04` or `SH 1404-01`) and its figures. */
export type FamilyBucket = {
  __typename?: 'FamilyBucket';
  /** The bucket's last day (inclusive), cut to the period. */
  end: Scalars['Date']['output'];
  /** The bucket's calendar label, such as `2025-04` or `SH 1404-01`. */
  label: Scalars['String']['output'];
  /** The bucket's first day (inclusive), cut to the period. */
  start: Scalars['Date']['output'];
  /** The figures of this bucket. */
  stats: FamilyStats;
};

/** A family programme run for the public, such as premarital education. */
export type FamilyProgram = {
  __typename?: 'FamilyProgram';
  /** The last day (inclusive). */
  endsOn: Scalars['Date']['output'];
  /** The family program's stable id. */
  id: Scalars['ID']['output'];
  /** PREMARITAL_EDUCATION, PARENTING, COUPLES_WORKSHOP or FAMILY_LIFE_SKILLS. */
  kind: Scalars['String']['output'];
  /** The agency leading the programme. */
  leadAgency: Agency;
  /** People who took part. */
  participants: Scalars['Int']['output'];
  /** Where the programme runs. */
  region: Region;
  /** The first day (inclusive). */
  startsOn: Scalars['Date']['output'];
  /** The English title. */
  title: Scalars['String']['output'];
  /** The Persian title. */
  titleFa: Scalars['String']['output'];
};

/**
 * Family counselling figures of a region over a period. Session counts are published for any period.
 * Counts of individuals are published in the Solar Hijri calendar only, for a whole Solar Hijri month,
 * quarter or year, and only when the region × month/quarter/year table of that Solar year shows them (0,
 * or at least the suppression threshold, default 10, with complementary cells hidden so that none can be
 * differenced, and no cell that one contributing agency's own records would leave small); otherwise
 * (a Gregorian period included) they are null and named in `suppressed`.
 */
export type FamilyStats = {
  __typename?: 'FamilyStats';
  /** Counselling cases opened (one per family counselled); null when suppressed. */
  casesOpened?: Maybe<Scalars['Int']['output']>;
  /** Counselling sessions held in the region's units. */
  counselingSessions: Scalars['Int']['output'];
  /** Of those, sessions held free of charge to the family. */
  freeCounselingSessions: Scalars['Int']['output'];
  /** Cases closed with the outcome RECONCILED; null when suppressed. */
  reconciliations?: Maybe<Scalars['Int']['output']>;
  /** The names of the fields above that are null because they are not published for this region and period. */
  suppressed: Array<Scalars['String']['output']>;
};

export type FamilyTarget = {
  __typename?: 'FamilyTarget';
  /** The metric over the region (its sub-regions included) and the period; null for a metric this subgraph does not know. */
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Closes an OPEN case with its outcome (CONFLICT when it is already closed); hosting agency only. */
  closeCounselingCase: CounselingCase;
  /**
   * Opens a family's case at a unit the caller's agency hosts (FORBIDDEN at any
   * other unit). The national id is only turned into a keyed pseudonym; it is
   * neither stored nor returned. The case starts OPEN.
   */
  openCounselingCase: CounselingCase;
  /**
   * Records a session of an OPEN case (CONFLICT once it is closed) of a unit the
   * caller's agency hosts; any other case is reported as not found.
   */
  recordCounselingSession: CounselingSession;
};


export type MutationCloseCounselingCaseArgs = {
  input: CloseCounselingCaseInput;
};


export type MutationOpenCounselingCaseArgs = {
  input: OpenCounselingCaseInput;
};


export type MutationRecordCounselingSessionArgs = {
  input: RecordCounselingSessionInput;
};

/** A new counselling case at a unit the caller's agency hosts. */
export type OpenCounselingCaseInput = {
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Not in the future (Iran's date). */
  openedOn: Scalars['Date']['input'];
  /** A valid Iranian national id (ten digits, Latin or Persian); used only to link a family's cases. */
  subjectNationalId: Scalars['String']['input'];
  /** 1 to 200 characters, Persian or English. */
  topic: Scalars['String']['input'];
  /** The unit's id. */
  unitId: Scalars['ID']['input'];
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

/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type Query = {
  __typename?: 'Query';
  /**
   * Counselling cases of the units hosted by the caller's agency, and only those:
   * empty for a caller from any other agency, and for no caller at all. Optionally
   * only the open or only the closed ones.
   */
  counselingCases: CounselingCaseConnection;
  /** A family counselling unit by id; null when there is none. */
  counselingUnit?: Maybe<CounselingUnit>;
  /** Counselling units, optionally in one region (a province includes its counties). */
  counselingUnits: Array<CounselingUnit>;
  /** Family programmes (premarital education, parenting, couples' workshops), optionally in one region and its sub-regions. */
  familyPrograms: Array<FamilyProgram>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryCounselingCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CaseStatus>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryCounselingUnitArgs = {
  id: Scalars['ID']['input'];
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryCounselingUnitsArgs = {
  regionId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryFamilyProgramsArgs = {
  regionId?: InputMaybe<Scalars['ID']['input']>;
};

/** A session of an OPEN case. */
export type RecordCounselingSessionInput = {
  /** The case's id. */
  caseId: Scalars['ID']['input'];
  /** Held free of charge to the family. */
  free: Scalars['Boolean']['input'];
  /** Not in the future and not before the case was opened. */
  heldOn: Scalars['Date']['input'];
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** How it was held. */
  mode: CounselingMode;
};

export type Region = {
  __typename?: 'Region';
  /**
   * The same figures per calendar month, quarter or year meeting the period, in order. The first and
   * last bucket are cut to the period; counts of individuals are published only in whole Solar Hijri
   * buckets (SOLAR_MONTH, SOLAR_YEAR), never in a cut or Gregorian one.
   */
  familySeries?: Maybe<Array<FamilyBucket>>;
  /** Counselling figures of this region and the regions under it over the inclusive period. */
  familyStats?: Maybe<FamilyStats>;
  /** The region's stable id. */
  id: Scalars['ID']['output'];
};


export type RegionFamilySeriesArgs = {
  granularity: Granularity;
  period: PeriodInput;
};


export type RegionFamilyStatsArgs = {
  period: PeriodInput;
};



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
  Agency: Agency;
  CounselingCase: CounselingCase;
  CounselingUnit: CounselingUnit;
  FamilyProgram: FamilyProgram;
  FamilyTarget: FamilyTarget;
  Region: Region;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Agency:
    ( { __typename: 'Agency' }
    & GraphQLRecursivePick<FederationTypes['Agency'], {"id":true}> );
  CounselingCase:
    ( { __typename: 'CounselingCase' }
    & GraphQLRecursivePick<FederationTypes['CounselingCase'], {"id":true}> );
  CounselingUnit:
    ( { __typename: 'CounselingUnit' }
    & GraphQLRecursivePick<FederationTypes['CounselingUnit'], {"id":true}> );
  FamilyProgram:
    ( { __typename: 'FamilyProgram' }
    & GraphQLRecursivePick<FederationTypes['FamilyProgram'], {"id":true}> );
  FamilyTarget:
    ( { __typename: 'FamilyTarget' }
    & GraphQLRecursivePick<FederationTypes['FamilyTarget'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['FamilyTarget'], {"metric":true,"regionId":true,"from":true,"to":true}> ) );
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Agency: ResolverTypeWrapper<{ id: string }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CaseOutcome: CaseOutcome;
  CaseStatus: CaseStatus;
  CloseCounselingCaseInput: CloseCounselingCaseInput;
  CounselingCase: ResolverTypeWrapper<CounselingCaseRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CounselingCaseConnection: ResolverTypeWrapper<Connection<CounselingCaseRow>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CounselingCaseEdge: ResolverTypeWrapper<Omit<CounselingCaseEdge, 'node'> & { node: ResolversTypes['CounselingCase'] }>;
  CounselingMode: CounselingMode;
  CounselingSession: ResolverTypeWrapper<CounselingSessionRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CounselingUnit: ResolverTypeWrapper<CounselingUnitRow>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  FamilyBucket: ResolverTypeWrapper<FiguresBucket>;
  FamilyProgram: ResolverTypeWrapper<FamilyProgramRow>;
  FamilyStats: ResolverTypeWrapper<Figures>;
  FamilyTarget: ResolverTypeWrapper<Partial<ActualKey> & { id: string }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Granularity: Granularity;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OpenCounselingCaseInput: OpenCounselingCaseInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PeriodInput: PeriodInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordCounselingSessionInput: RecordCounselingSessionInput;
  Region: ResolverTypeWrapper<{ id: string }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Agency: { id: string };
  ID: Scalars['ID']['output'];
  CloseCounselingCaseInput: CloseCounselingCaseInput;
  CounselingCase: CounselingCaseRow;
  String: Scalars['String']['output'];
  CounselingCaseConnection: Connection<CounselingCaseRow>;
  Int: Scalars['Int']['output'];
  CounselingCaseEdge: Omit<CounselingCaseEdge, 'node'> & { node: ResolversParentTypes['CounselingCase'] };
  CounselingSession: CounselingSessionRow;
  Boolean: Scalars['Boolean']['output'];
  CounselingUnit: CounselingUnitRow;
  Date: Scalars['Date']['output'];
  FamilyBucket: FiguresBucket;
  FamilyProgram: FamilyProgramRow;
  FamilyStats: Figures;
  FamilyTarget: Partial<ActualKey> & { id: string };
  Float: Scalars['Float']['output'];
  Mutation: Record<PropertyKey, never>;
  OpenCounselingCaseInput: OpenCounselingCaseInput;
  PageInfo: PageInfo;
  PeriodInput: PeriodInput;
  Query: Record<PropertyKey, never>;
  RecordCounselingSessionInput: RecordCounselingSessionInput;
  Region: { id: string };
};

export type AgencyResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency'], FederationReferenceType extends FederationReferenceTypes['Agency'] = FederationReferenceTypes['Agency']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agency']> | FederationReferenceType, FederationReferenceType, ContextType>;
  counselingUnits?: Resolver<Maybe<Array<ResolversTypes['CounselingUnit']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CounselingCaseResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['CounselingCase'] = ResolversParentTypes['CounselingCase'], FederationReferenceType extends FederationReferenceTypes['CounselingCase'] = FederationReferenceTypes['CounselingCase']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CounselingCase']> | FederationReferenceType, FederationReferenceType, ContextType>;
  closedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['CaseOutcome']>, ParentType, ContextType>;
  sessions?: Resolver<Array<ResolversTypes['CounselingSession']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  topic?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['CounselingUnit'], ParentType, ContextType>;
};

export type CounselingCaseConnectionResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['CounselingCaseConnection'] = ResolversParentTypes['CounselingCaseConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CounselingCaseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CounselingCaseEdgeResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['CounselingCaseEdge'] = ResolversParentTypes['CounselingCaseEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CounselingCase'], ParentType, ContextType>;
};

export type CounselingSessionResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['CounselingSession'] = ResolversParentTypes['CounselingSession']> = {
  free?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  heldOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['CounselingMode'], ParentType, ContextType>;
};

export type CounselingUnitResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['CounselingUnit'] = ResolversParentTypes['CounselingUnit'], FederationReferenceType extends FederationReferenceTypes['CounselingUnit'] = FederationReferenceTypes['CounselingUnit']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CounselingUnit']> | FederationReferenceType, FederationReferenceType, ContextType>;
  hostAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export type FamilyBucketResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['FamilyBucket'] = ResolversParentTypes['FamilyBucket']> = {
  end?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  stats?: Resolver<ResolversTypes['FamilyStats'], ParentType, ContextType>;
};

export type FamilyProgramResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['FamilyProgram'] = ResolversParentTypes['FamilyProgram'], FederationReferenceType extends FederationReferenceTypes['FamilyProgram'] = FederationReferenceTypes['FamilyProgram']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FamilyProgram']> | FederationReferenceType, FederationReferenceType, ContextType>;
  endsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leadAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  participants?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  startsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FamilyStatsResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['FamilyStats'] = ResolversParentTypes['FamilyStats']> = {
  casesOpened?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  counselingSessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  freeCounselingSessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reconciliations?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  suppressed?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FamilyTargetResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['FamilyTarget'] = ResolversParentTypes['FamilyTarget'], FederationReferenceType extends FederationReferenceTypes['FamilyTarget'] = FederationReferenceTypes['FamilyTarget']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FamilyTarget']> | FederationReferenceType, FederationReferenceType, ContextType>;
  actual?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  closeCounselingCase?: Resolver<ResolversTypes['CounselingCase'], ParentType, ContextType, RequireFields<MutationCloseCounselingCaseArgs, 'input'>>;
  openCounselingCase?: Resolver<ResolversTypes['CounselingCase'], ParentType, ContextType, RequireFields<MutationOpenCounselingCaseArgs, 'input'>>;
  recordCounselingSession?: Resolver<ResolversTypes['CounselingSession'], ParentType, ContextType, RequireFields<MutationRecordCounselingSessionArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  counselingCases?: Resolver<ResolversTypes['CounselingCaseConnection'], ParentType, ContextType, Partial<QueryCounselingCasesArgs>>;
  counselingUnit?: Resolver<Maybe<ResolversTypes['CounselingUnit']>, ParentType, ContextType, RequireFields<QueryCounselingUnitArgs, 'id'>>;
  counselingUnits?: Resolver<Array<ResolversTypes['CounselingUnit']>, ParentType, ContextType, Partial<QueryCounselingUnitsArgs>>;
  familyPrograms?: Resolver<Array<ResolversTypes['FamilyProgram']>, ParentType, ContextType, Partial<QueryFamilyProgramsArgs>>;
};

export type RegionResolvers<ContextType = DivorceContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  familySeries?: Resolver<Maybe<Array<ResolversTypes['FamilyBucket']>>, ParentType, ContextType, RequireFields<RegionFamilySeriesArgs, 'granularity' | 'period'>>;
  familyStats?: Resolver<Maybe<ResolversTypes['FamilyStats']>, ParentType, ContextType, RequireFields<RegionFamilyStatsArgs, 'period'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = DivorceContext> = {
  Agency?: AgencyResolvers<ContextType>;
  CounselingCase?: CounselingCaseResolvers<ContextType>;
  CounselingCaseConnection?: CounselingCaseConnectionResolvers<ContextType>;
  CounselingCaseEdge?: CounselingCaseEdgeResolvers<ContextType>;
  CounselingSession?: CounselingSessionResolvers<ContextType>;
  CounselingUnit?: CounselingUnitResolvers<ContextType>;
  Date?: GraphQLScalarType;
  FamilyBucket?: FamilyBucketResolvers<ContextType>;
  FamilyProgram?: FamilyProgramResolvers<ContextType>;
  FamilyStats?: FamilyStatsResolvers<ContextType>;
  FamilyTarget?: FamilyTargetResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
};

