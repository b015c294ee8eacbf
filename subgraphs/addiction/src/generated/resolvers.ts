import type { ActualKey, Connection, Figures, FiguresBucket } from '@safety-graph/shared';
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PreventionProgram as PreventionProgramRow, ProgramSession as ProgramSessionRow, TreatmentReferral as TreatmentReferralRow } from '../entities';
import type { AddictionContext } from '../context';
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
  /** The agency's stable id. */
  id: Scalars['ID']['output'];
};

export type Agreement = {
  __typename?: 'Agreement';
  /** The MOU's stable id. */
  id: Scalars['ID']['output'];
  /** Prevention programmes run under this MOU, in code order. */
  preventionPrograms?: Maybe<Array<PreventionProgram>>;
};

/** A new prevention programme, led by the caller's agency. */
export type CreatePreventionProgramInput = {
  /** The MOU the programme is run under, if any. */
  agreementId?: InputMaybe<Scalars['ID']['input']>;
  /** Unique, such as `PREV-1405-SCHOOL-IR-10-12`: letters, digits, `.`, `_` and `-`, up to 64 characters. */
  code: Scalars['String']['input'];
  /** The last day (inclusive), not before startsOn. */
  endsOn: Scalars['Date']['input'];
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** What kind of programme it is. */
  kind: ProgramKind;
  /** A county, or the province for a province-wide programme. */
  regionId: Scalars['ID']['input'];
  /** The first day (inclusive). */
  startsOn: Scalars['Date']['input'];
  /** Up to 200 characters. */
  title: Scalars['String']['input'];
  /** The Persian title, up to 200 characters. */
  titleFa: Scalars['String']['input'];
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
  /**
   * Starts a prevention programme led by the caller's agency. The code is unique
   * (CONFLICT when taken); startsOn is not after endsOn.
   */
  createPreventionProgram: PreventionProgram;
  /**
   * Records one session of a programme the caller's agency leads (FORBIDDEN
   * otherwise): held on a day of the programme that is not in the future, in a
   * county inside the programme's region.
   */
  recordProgramSession: ProgramSession;
  /**
   * Refers a person from the caller's agency to a health or welfare agency for
   * treatment. The national id is turned into a keyed pseudonym on the way in,
   * so repeat referrals of one person link up; it is never stored or returned.
   */
  referToTreatment: TreatmentReferral;
  /**
   * Moves a referral on, by the receiving agency only: REFERRED to ADMITTED
   * (admittedOn = on) or DROPPED_OUT, ADMITTED to COMPLETED or DROPPED_OUT; any
   * other step is a CONFLICT naming the current status.
   */
  updateReferralStatus: TreatmentReferral;
};


export type MutationCreatePreventionProgramArgs = {
  input: CreatePreventionProgramInput;
};


export type MutationRecordProgramSessionArgs = {
  input: RecordProgramSessionInput;
};


export type MutationReferToTreatmentArgs = {
  input: ReferToTreatmentInput;
};


export type MutationUpdateReferralStatusArgs = {
  input: UpdateReferralStatusInput;
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

/** One bucket of a prevention series: its inclusive dates, its calendar label (such as `2025-04` or `SH 1404-01`) and its figures. */
export type PreventionBucket = {
  __typename?: 'PreventionBucket';
  /** The bucket's last day (inclusive), cut to the period. */
  end: Scalars['Date']['output'];
  /** The bucket's calendar label, such as `2025-04` or `SH 1404-01`. */
  label: Scalars['String']['output'];
  /** The bucket's first day (inclusive), cut to the period. */
  start: Scalars['Date']['output'];
  /** The figures of this bucket. */
  stats: PreventionStats;
};

/** An addiction prevention programme run by a lead agency, often under an MOU. */
export type PreventionProgram = {
  __typename?: 'PreventionProgram';
  /** The MOU the programme is run under, if any. */
  agreement?: Maybe<Agreement>;
  /** The programme's unique code, such as `PREV-1404-SCHOOL-IR-10-12`. */
  code: Scalars['String']['output'];
  /** The last day (inclusive). */
  endsOn: Scalars['Date']['output'];
  /** The prevention program's stable id. */
  id: Scalars['ID']['output'];
  /** What kind of programme it is. */
  kind: ProgramKind;
  /** The agency leading the programme. */
  leadAgency: Agency;
  /** Where the programme runs: a county, or the province for province-wide ones. */
  region: Region;
  /** Sessions held (for an exhibition: days open), oldest first; all of them without a period. */
  sessions: Array<ProgramSession>;
  /** The first day (inclusive). */
  startsOn: Scalars['Date']['output'];
  /** The English title. */
  title: Scalars['String']['output'];
  /** The Persian title. */
  titleFa: Scalars['String']['output'];
};


/** An addiction prevention programme run by a lead agency, often under an MOU. */
export type PreventionProgramSessionsArgs = {
  period?: InputMaybe<PeriodInput>;
};

/** A page of prevention programs: forward-only, see PageInfo. */
export type PreventionProgramConnection = {
  __typename?: 'PreventionProgramConnection';
  /** The prevention programs of this page with their cursors, in order. */
  edges: Array<PreventionProgramEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many prevention programs match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One prevention program in a page, with its cursor. */
export type PreventionProgramEdge = {
  __typename?: 'PreventionProgramEdge';
  /** This prevention program's place in the list: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The prevention program. */
  node: PreventionProgram;
};

/** Prevention figures of a region over a period. */
export type PreventionStats = {
  __typename?: 'PreventionStats';
  /** Attendance of exhibition days. */
  exhibitionVisits: Scalars['Int']['output'];
  /** Attendance of education sessions (exhibitions excluded). */
  peopleReached: Scalars['Int']['output'];
  /** Prevention programmes running at some time in the period: the region's own and those of the regions under it. */
  programs: Scalars['Int']['output'];
  /** People referred to treatment, by referral date; null unless published. */
  referralsToTreatment?: Maybe<Scalars['Int']['output']>;
  /** Sessions held (exhibition days included). */
  sessions: Scalars['Int']['output'];
  /** The fields above that are null because they are not published for this region and period. */
  suppressed: Array<Scalars['String']['output']>;
  /** People admitted to treatment, by admission date; null unless published. */
  treatmentAdmissions?: Maybe<Scalars['Int']['output']>;
};

export type PreventionTarget = {
  __typename?: 'PreventionTarget';
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

/** What kind of prevention programme it is. */
export type ProgramKind =
  /** Community and neighbourhood activities. */
  | 'COMMUNITY'
  /** An exhibition; each day open counts as a session. */
  | 'EXHIBITION'
  /** A media campaign. */
  | 'MEDIA_CAMPAIGN'
  /** Education sessions for the public. */
  | 'PUBLIC_EDUCATION'
  /** Education sessions in schools. */
  | 'SCHOOL_EDUCATION';

/** One session of a programme (for an exhibition, one day open in one county). */
export type ProgramSession = {
  __typename?: 'ProgramSession';
  /** People attending (for an exhibition: visits that day). */
  attendance: Scalars['Int']['output'];
  /** The day it was held. */
  heldOn: Scalars['Date']['output'];
  /** The program session's stable id. */
  id: Scalars['ID']['output'];
  /** The programme the session belongs to. */
  program: PreventionProgram;
  /** The agency that recorded the session. */
  recordedBy: Agency;
  /** The county the session was held in. */
  region: Region;
};

/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type Query = {
  __typename?: 'Query';
  /** A prevention programme by id or by code (`PREV-1404-SCHOOL-IR-10-12`); exactly one of the two. */
  preventionProgram?: Maybe<PreventionProgram>;
  /** Prevention programmes in code order, optionally in one region (a province includes its counties) or of one kind. */
  preventionPrograms: PreventionProgramConnection;
  /**
   * Treatment referrals the caller's agency is party to (as the referring or the
   * receiving agency), oldest first. Empty without a caller.
   */
  treatmentReferrals: TreatmentReferralConnection;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryPreventionProgramArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryPreventionProgramsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<ProgramKind>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryTreatmentReferralsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One session of a programme the caller's agency leads. */
export type RecordProgramSessionInput = {
  /** People attending (for an exhibition: visits that day), 0 to 100,000. */
  attendance: Scalars['Int']['input'];
  /** A day of the programme, not in the future. */
  heldOn: Scalars['Date']['input'];
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The programme's id. */
  programId: Scalars['ID']['input'];
  /** The county the session was held in: the programme's own, or one under its province. */
  regionId: Scalars['ID']['input'];
};

/** A referral of a person to treatment by the caller's agency. */
export type ReferToTreatmentInput = {
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Not in the future. */
  referredOn: Scalars['Date']['input'];
  /** The county the referral is made in. */
  regionId: Scalars['ID']['input'];
  /** The person's ten-digit national id; kept only as a keyed pseudonym. */
  subjectNationalId: Scalars['String']['input'];
  /** The health or welfare agency that is to treat the person; not the caller's own. */
  toAgencyId: Scalars['ID']['input'];
};

/** Where a treatment referral stands. */
export type ReferralStatus =
  /** Admitted to treatment. */
  | 'ADMITTED'
  /** Treatment completed. */
  | 'COMPLETED'
  /** Left treatment, or never started it. */
  | 'DROPPED_OUT'
  /** Referred, not yet admitted. */
  | 'REFERRED';

export type Region = {
  __typename?: 'Region';
  /** The region's stable id. */
  id: Scalars['ID']['output'];
  /**
   * The same figures per calendar month, quarter or year meeting the period, in
   * order; the first and last bucket are cut to the period, and treatment counts
   * are published only in whole Solar Hijri buckets (never a cut or Gregorian one).
   */
  preventionSeries?: Maybe<Array<PreventionBucket>>;
  /**
   * Prevention activity in this region over the inclusive period, and treatment
   * counts published in the Solar Hijri calendar only: for a whole Solar Hijri
   * month, quarter or year, and only when no small count could be derived from
   * them, nor from them and one contributing agency's own records (else null and
   * named in `suppressed`; a Gregorian period always).
   */
  preventionStats?: Maybe<PreventionStats>;
};


export type RegionPreventionSeriesArgs = {
  granularity: Granularity;
  period: PeriodInput;
};


export type RegionPreventionStatsArgs = {
  period: PeriodInput;
};

/**
 * A person referred to treatment. Visible only to the referring and the receiving
 * agency; the person is never exposed.
 */
export type TreatmentReferral = {
  __typename?: 'TreatmentReferral';
  /** When treatment started; null while the person is only referred. */
  admittedOn?: Maybe<Scalars['Date']['output']>;
  /** The agency that made the referral. */
  fromAgency: Agency;
  /** The treatment referral's stable id. */
  id: Scalars['ID']['output'];
  /** The day of the referral. */
  referredOn: Scalars['Date']['output'];
  /** The county the referral was made in. */
  region: Region;
  /** Where the referral stands. */
  status: ReferralStatus;
  /** The health or welfare agency the person was referred to. */
  toAgency: Agency;
};

/** A page of treatment referrals: forward-only, see PageInfo. */
export type TreatmentReferralConnection = {
  __typename?: 'TreatmentReferralConnection';
  /** The treatment referrals of this page with their cursors, in order. */
  edges: Array<TreatmentReferralEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many treatment referrals match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One treatment referral in a page, with its cursor. */
export type TreatmentReferralEdge = {
  __typename?: 'TreatmentReferralEdge';
  /** This treatment referral's place in the list: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The treatment referral. */
  node: TreatmentReferral;
};

/** The next step of a referral, by the receiving agency. */
export type UpdateReferralStatusInput = {
  /** When the step happened: not in the future, not before the referral (nor, after admission, before it). */
  on: Scalars['Date']['input'];
  /** The referral's id. */
  referralId: Scalars['ID']['input'];
  /** ADMITTED, COMPLETED or DROPPED_OUT. */
  status: ReferralStatus;
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
  Agreement: Agreement;
  PreventionProgram: PreventionProgram;
  PreventionTarget: PreventionTarget;
  Region: Region;
  TreatmentReferral: TreatmentReferral;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Agreement:
    ( { __typename: 'Agreement' }
    & GraphQLRecursivePick<FederationTypes['Agreement'], {"id":true}> );
  PreventionProgram:
    ( { __typename: 'PreventionProgram' }
    & GraphQLRecursivePick<FederationTypes['PreventionProgram'], {"id":true}> );
  PreventionTarget:
    ( { __typename: 'PreventionTarget' }
    & GraphQLRecursivePick<FederationTypes['PreventionTarget'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['PreventionTarget'], {"metric":true,"regionId":true,"from":true,"to":true}> ) );
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"id":true}> );
  TreatmentReferral:
    ( { __typename: 'TreatmentReferral' }
    & GraphQLRecursivePick<FederationTypes['TreatmentReferral'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Agency: ResolverTypeWrapper<{ id: string }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Agreement: ResolverTypeWrapper<{ id: string }>;
  CreatePreventionProgramInput: CreatePreventionProgramInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  Granularity: Granularity;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PeriodInput: PeriodInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  PreventionBucket: ResolverTypeWrapper<FiguresBucket>;
  PreventionProgram: ResolverTypeWrapper<PreventionProgramRow>;
  PreventionProgramConnection: ResolverTypeWrapper<Connection<PreventionProgramRow>>;
  PreventionProgramEdge: ResolverTypeWrapper<Omit<PreventionProgramEdge, 'node'> & { node: ResolversTypes['PreventionProgram'] }>;
  PreventionStats: ResolverTypeWrapper<Figures>;
  PreventionTarget: ResolverTypeWrapper<Partial<ActualKey> & { id: string }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ProgramKind: ProgramKind;
  ProgramSession: ResolverTypeWrapper<ProgramSessionRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordProgramSessionInput: RecordProgramSessionInput;
  ReferToTreatmentInput: ReferToTreatmentInput;
  ReferralStatus: ReferralStatus;
  Region: ResolverTypeWrapper<{ id: string }>;
  TreatmentReferral: ResolverTypeWrapper<TreatmentReferralRow>;
  TreatmentReferralConnection: ResolverTypeWrapper<Connection<TreatmentReferralRow>>;
  TreatmentReferralEdge: ResolverTypeWrapper<Omit<TreatmentReferralEdge, 'node'> & { node: ResolversTypes['TreatmentReferral'] }>;
  UpdateReferralStatusInput: UpdateReferralStatusInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Agency: { id: string };
  ID: Scalars['ID']['output'];
  Agreement: { id: string };
  CreatePreventionProgramInput: CreatePreventionProgramInput;
  String: Scalars['String']['output'];
  Date: Scalars['Date']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PeriodInput: PeriodInput;
  Int: Scalars['Int']['output'];
  PreventionBucket: FiguresBucket;
  PreventionProgram: PreventionProgramRow;
  PreventionProgramConnection: Connection<PreventionProgramRow>;
  PreventionProgramEdge: Omit<PreventionProgramEdge, 'node'> & { node: ResolversParentTypes['PreventionProgram'] };
  PreventionStats: Figures;
  PreventionTarget: Partial<ActualKey> & { id: string };
  Float: Scalars['Float']['output'];
  ProgramSession: ProgramSessionRow;
  Query: Record<PropertyKey, never>;
  RecordProgramSessionInput: RecordProgramSessionInput;
  ReferToTreatmentInput: ReferToTreatmentInput;
  Region: { id: string };
  TreatmentReferral: TreatmentReferralRow;
  TreatmentReferralConnection: Connection<TreatmentReferralRow>;
  TreatmentReferralEdge: Omit<TreatmentReferralEdge, 'node'> & { node: ResolversParentTypes['TreatmentReferral'] };
  UpdateReferralStatusInput: UpdateReferralStatusInput;
};

export type AgencyResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type AgreementResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['Agreement'] = ResolversParentTypes['Agreement'], FederationReferenceType extends FederationReferenceTypes['Agreement'] = FederationReferenceTypes['Agreement']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agreement']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  preventionPrograms?: Resolver<Maybe<Array<ResolversTypes['PreventionProgram']>>, ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export type MutationResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createPreventionProgram?: Resolver<ResolversTypes['PreventionProgram'], ParentType, ContextType, RequireFields<MutationCreatePreventionProgramArgs, 'input'>>;
  recordProgramSession?: Resolver<ResolversTypes['ProgramSession'], ParentType, ContextType, RequireFields<MutationRecordProgramSessionArgs, 'input'>>;
  referToTreatment?: Resolver<ResolversTypes['TreatmentReferral'], ParentType, ContextType, RequireFields<MutationReferToTreatmentArgs, 'input'>>;
  updateReferralStatus?: Resolver<ResolversTypes['TreatmentReferral'], ParentType, ContextType, RequireFields<MutationUpdateReferralStatusArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PreventionBucketResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['PreventionBucket'] = ResolversParentTypes['PreventionBucket']> = {
  end?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  stats?: Resolver<ResolversTypes['PreventionStats'], ParentType, ContextType>;
};

export type PreventionProgramResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['PreventionProgram'] = ResolversParentTypes['PreventionProgram'], FederationReferenceType extends FederationReferenceTypes['PreventionProgram'] = FederationReferenceTypes['PreventionProgram']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PreventionProgram']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agreement?: Resolver<Maybe<ResolversTypes['Agreement']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ProgramKind'], ParentType, ContextType>;
  leadAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  sessions?: Resolver<Array<ResolversTypes['ProgramSession']>, ParentType, ContextType, Partial<PreventionProgramSessionsArgs>>;
  startsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PreventionProgramConnectionResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['PreventionProgramConnection'] = ResolversParentTypes['PreventionProgramConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PreventionProgramEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PreventionProgramEdgeResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['PreventionProgramEdge'] = ResolversParentTypes['PreventionProgramEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PreventionProgram'], ParentType, ContextType>;
};

export type PreventionStatsResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['PreventionStats'] = ResolversParentTypes['PreventionStats']> = {
  exhibitionVisits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  peopleReached?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  programs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  referralsToTreatment?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suppressed?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  treatmentAdmissions?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type PreventionTargetResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['PreventionTarget'] = ResolversParentTypes['PreventionTarget'], FederationReferenceType extends FederationReferenceTypes['PreventionTarget'] = FederationReferenceTypes['PreventionTarget']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PreventionTarget']> | FederationReferenceType, FederationReferenceType, ContextType>;
  actual?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ProgramSessionResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['ProgramSession'] = ResolversParentTypes['ProgramSession']> = {
  attendance?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  heldOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  program?: Resolver<ResolversTypes['PreventionProgram'], ParentType, ContextType>;
  recordedBy?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  preventionProgram?: Resolver<Maybe<ResolversTypes['PreventionProgram']>, ParentType, ContextType, Partial<QueryPreventionProgramArgs>>;
  preventionPrograms?: Resolver<ResolversTypes['PreventionProgramConnection'], ParentType, ContextType, Partial<QueryPreventionProgramsArgs>>;
  treatmentReferrals?: Resolver<ResolversTypes['TreatmentReferralConnection'], ParentType, ContextType, Partial<QueryTreatmentReferralsArgs>>;
};

export type RegionResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  preventionSeries?: Resolver<Maybe<Array<ResolversTypes['PreventionBucket']>>, ParentType, ContextType, RequireFields<RegionPreventionSeriesArgs, 'granularity' | 'period'>>;
  preventionStats?: Resolver<Maybe<ResolversTypes['PreventionStats']>, ParentType, ContextType, RequireFields<RegionPreventionStatsArgs, 'period'>>;
};

export type TreatmentReferralResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['TreatmentReferral'] = ResolversParentTypes['TreatmentReferral'], FederationReferenceType extends FederationReferenceTypes['TreatmentReferral'] = FederationReferenceTypes['TreatmentReferral']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TreatmentReferral']> | FederationReferenceType, FederationReferenceType, ContextType>;
  admittedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  fromAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  referredOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReferralStatus'], ParentType, ContextType>;
  toAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
};

export type TreatmentReferralConnectionResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['TreatmentReferralConnection'] = ResolversParentTypes['TreatmentReferralConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TreatmentReferralEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TreatmentReferralEdgeResolvers<ContextType = AddictionContext, ParentType extends ResolversParentTypes['TreatmentReferralEdge'] = ResolversParentTypes['TreatmentReferralEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TreatmentReferral'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AddictionContext> = {
  Agency?: AgencyResolvers<ContextType>;
  Agreement?: AgreementResolvers<ContextType>;
  Date?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PreventionBucket?: PreventionBucketResolvers<ContextType>;
  PreventionProgram?: PreventionProgramResolvers<ContextType>;
  PreventionProgramConnection?: PreventionProgramConnectionResolvers<ContextType>;
  PreventionProgramEdge?: PreventionProgramEdgeResolvers<ContextType>;
  PreventionStats?: PreventionStatsResolvers<ContextType>;
  PreventionTarget?: PreventionTargetResolvers<ContextType>;
  ProgramSession?: ProgramSessionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  TreatmentReferral?: TreatmentReferralResolvers<ContextType>;
  TreatmentReferralConnection?: TreatmentReferralConnectionResolvers<ContextType>;
  TreatmentReferralEdge?: TreatmentReferralEdgeResolvers<ContextType>;
};

