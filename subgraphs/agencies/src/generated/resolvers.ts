import type { Connection } from '@safety-graph/shared';
import type { GraphQLResolveInfo } from 'graphql';
import type { Region as RegionRow, Agency as AgencyRow, Liaison as LiaisonRow } from '../entities';
import type { AgenciesContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A government agency or one of its county units. */
export type Agency = {
  __typename?: 'Agency';
  /** The agency's code, such as `POLICE-IR-10` or `POLICE-IR-10-12`. */
  code: Scalars['String']['output'];
  /** The agency's stable id. */
  id: Scalars['ID']['output'];
  /** What the agency does; decides its default scopes. */
  kind: AgencyKind;
  /** The people partner agencies contact at this agency. */
  liaisons: Array<Liaison>;
  /** The English name. */
  name: Scalars['String']['output'];
  /** The Persian name. */
  nameFa: Scalars['String']['output'];
  /** The agency this one is a unit of; null for a province-level agency. */
  parent?: Maybe<Agency>;
  /** The region the agency is based in. */
  region: Region;
  /** County units and departments under this agency. */
  units: Array<Agency>;
};

/** A page of agencys: forward-only, see PageInfo. */
export type AgencyConnection = {
  __typename?: 'AgencyConnection';
  /** The agencys of this page with their cursors, in order. */
  edges: Array<AgencyEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many agencys match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One agency in a page, with its cursor. */
export type AgencyEdge = {
  __typename?: 'AgencyEdge';
  /** This agency's place in the list: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The agency. */
  node: Agency;
};

/** What an agency does. */
export type AgencyKind =
  /** Provincial broadcasting (IRIB). */
  | 'BROADCASTING'
  /** Education departments. */
  | 'EDUCATION'
  /** Health: university of medical sciences and county health networks. */
  | 'HEALTH'
  /** The judiciary and its courts. */
  | 'JUDICIARY'
  /** Municipalities. */
  | 'MUNICIPALITY'
  /** Any other kind of agency. */
  | 'OTHER'
  /** Police (FARAJA) commands and county stations. */
  | 'POLICE'
  /** The Red Crescent society. */
  | 'RED_CRESCENT'
  /** Religious and cultural affairs organisations. */
  | 'RELIGIOUS_AFFAIRS'
  /** Roads and road transport administration. */
  | 'ROADS'
  /** Welfare (Behzisti) offices. */
  | 'WELFARE';

/** A contact person an agency names for its MOUs. */
export type Liaison = {
  __typename?: 'Liaison';
  /** Their e-mail address; FORBIDDEN (null) except to their own agency or with agencies:write. */
  email?: Maybe<Scalars['String']['output']>;
  /** The liaison's stable id. */
  id: Scalars['ID']['output'];
  /** The English name. */
  name: Scalars['String']['output'];
  /** The Persian name. */
  nameFa: Scalars['String']['output'];
  /** Their phone number; FORBIDDEN (null) except to their own agency or with agencies:write. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Their role at the agency. */
  role: Scalars['String']['output'];
};

/** Forward-only paging: pass endCursor as `after`. There is no hasPreviousPage, last or before. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of this page's last edge, to pass as `after`; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type Query = {
  __typename?: 'Query';
  /** Agencies in code order, optionally of one kind or based in one region. */
  agencies: AgencyConnection;
  /** An agency by id or by code (`POLICE-IR-10`); exactly one of the two. */
  agency?: Maybe<Agency>;
  /** A region by id or by code (`IR-10`); exactly one of the two. */
  region?: Maybe<Region>;
  /** Regions, optionally of one kind (`PROVINCE`: the 31 provinces), under one parent region (`parentCode: "IR-07"`: Fars's counties), or with the given codes (at most 500). */
  regions: Array<Region>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryAgenciesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<AgencyKind>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryAgencyArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryRegionArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryRegionsArgs = {
  codes?: InputMaybe<Array<Scalars['String']['input']>>;
  kind?: InputMaybe<RegionKind>;
  parentCode?: InputMaybe<Scalars['String']['input']>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

/** A country, province or county. Other subgraphs add statistics to it. */
export type Region = {
  __typename?: 'Region';
  /** Agencies based in this region (not in its sub-regions). */
  agencies: Array<Agency>;
  /** The regions directly under this one, in code order. */
  children: Array<Region>;
  /** ISO 3166-2 style code: `IR`, `IR-10`, `IR-10-12`. */
  code: Scalars['String']['output'];
  /** The region's stable id. */
  id: Scalars['ID']['output'];
  /** Country, province or county. */
  kind: RegionKind;
  /** The English name. */
  name: Scalars['String']['output'];
  /** The Persian name. */
  nameFa: Scalars['String']['output'];
  /** The region this one lies in; null for the country. */
  parent?: Maybe<Region>;
  /** Residents, when known. */
  population?: Maybe<Scalars['Int']['output']>;
};

/** The level of a region. */
export type RegionKind =
  /** The country (`IR`). */
  | 'COUNTRY'
  /** A county (`IR-10-12`). */
  | 'COUNTY'
  /** A province (`IR-10`). */
  | 'PROVINCE';



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
  Region: Region;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Agency:
    ( { __typename: 'Agency' }
    & ( GraphQLRecursivePick<FederationTypes['Agency'], {"id":true}>
        | GraphQLRecursivePick<FederationTypes['Agency'], {"code":true}> ) );
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Agency: ResolverTypeWrapper<AgencyRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AgencyConnection: ResolverTypeWrapper<Connection<AgencyRow>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AgencyEdge: ResolverTypeWrapper<Omit<AgencyEdge, 'node'> & { node: ResolversTypes['Agency'] }>;
  AgencyKind: AgencyKind;
  Liaison: ResolverTypeWrapper<LiaisonRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<RegionRow>;
  RegionKind: RegionKind;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Agency: AgencyRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AgencyConnection: Connection<AgencyRow>;
  Int: Scalars['Int']['output'];
  AgencyEdge: Omit<AgencyEdge, 'node'> & { node: ResolversParentTypes['Agency'] };
  Liaison: LiaisonRow;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Region: RegionRow;
};

export type AgencyResolvers<ContextType = AgenciesContext, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency'], FederationReferenceType extends FederationReferenceTypes['Agency'] = FederationReferenceTypes['Agency']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agency']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AgencyKind'], ParentType, ContextType>;
  liaisons?: Resolver<Array<ResolversTypes['Liaison']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  units?: Resolver<Array<ResolversTypes['Agency']>, ParentType, ContextType>;
};

export type AgencyConnectionResolvers<ContextType = AgenciesContext, ParentType extends ResolversParentTypes['AgencyConnection'] = ResolversParentTypes['AgencyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AgencyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AgencyEdgeResolvers<ContextType = AgenciesContext, ParentType extends ResolversParentTypes['AgencyEdge'] = ResolversParentTypes['AgencyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
};

export type LiaisonResolvers<ContextType = AgenciesContext, ParentType extends ResolversParentTypes['Liaison'] = ResolversParentTypes['Liaison']> = {
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = AgenciesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AgenciesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  agencies?: Resolver<ResolversTypes['AgencyConnection'], ParentType, ContextType, Partial<QueryAgenciesArgs>>;
  agency?: Resolver<Maybe<ResolversTypes['Agency']>, ParentType, ContextType, Partial<QueryAgencyArgs>>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType, Partial<QueryRegionArgs>>;
  regions?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType, Partial<QueryRegionsArgs>>;
};

export type RegionResolvers<ContextType = AgenciesContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agencies?: Resolver<Array<ResolversTypes['Agency']>, ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RegionKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  population?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = AgenciesContext> = {
  Agency?: AgencyResolvers<ContextType>;
  AgencyConnection?: AgencyConnectionResolvers<ContextType>;
  AgencyEdge?: AgencyEdgeResolvers<ContextType>;
  Liaison?: LiaisonResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
};

