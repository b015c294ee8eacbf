import type { Connection } from '@safety-graph/shared';
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Agreement as AgreementRow, AgreementParty as AgreementPartyRow, Commitment as CommitmentRow, Target as TargetRow } from '../entities';
import type { AgreementsContext } from '../context';
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

/** What a party undertakes under an MOU. */
export type AddCommitmentInput = {
  /** The party that undertakes it. */
  agencyId: Scalars['ID']['input'];
  /** The MOU's id. */
  agreementId: Scalars['ID']['input'];
  /** Up to 500 characters. */
  description: Scalars['String']['input'];
  /** The Persian text, up to 500 characters. */
  descriptionFa: Scalars['String']['input'];
  /** When it is due, within the MOU's period; none when open-ended. */
  dueOn?: InputMaybe<Scalars['Date']['input']>;
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** A signatory to add to an MOU. */
export type AddPartyInput = {
  /** The agency to add; it stays PENDING until it accepts. */
  agencyId: Scalars['ID']['input'];
  /** The MOU's id. */
  agreementId: Scalars['ID']['input'];
  /** PARTNER or OBSERVER. */
  role: PartyRole;
};

export type Agency = {
  __typename?: 'Agency';
  /** MOUs this agency leads or is party to, pending acceptance included, in code order. */
  agreements?: Maybe<Array<Agreement>>;
  /** The agency's stable id. */
  id: Scalars['ID']['output'];
};


export type AgencyAgreementsArgs = {
  status?: InputMaybe<AgreementStatus>;
};

/** A memorandum of understanding between agencies, with the targets they commit to. */
export type Agreement = {
  __typename?: 'Agreement';
  /** The MOU's unique code, such as `MOU-IR-10-TRAFFIC-1403`. */
  code: Scalars['String']['output'];
  /** The safety domains the MOU covers. */
  domains: Array<SafetyDomain>;
  /** The last day the MOU runs (inclusive). */
  endsOn: Scalars['Date']['output'];
  /** The MOU's stable id. */
  id: Scalars['ID']['output'];
  /** The agency that drafted and leads the MOU. */
  leadAgency: Agency;
  /** Every signatory, the lead agency first (role LEAD), then partners and observers. */
  parties: Array<AgreementParty>;
  /** The region the MOU was made for. */
  region: Region;
  /** The signing date; null until recorded. */
  signedOn?: Maybe<Scalars['Date']['output']>;
  /** The first day the MOU runs (inclusive). */
  startsOn: Scalars['Date']['output'];
  /** EXPIRED once an active or suspended MOU is past its end date, whatever was recorded. */
  status: AgreementStatus;
  /** The MOU's measurable targets, each with its actual. */
  targets: Array<Target>;
  /** The English title. */
  title: Scalars['String']['output'];
  /** The Persian title. */
  titleFa: Scalars['String']['output'];
};

/** A page of agreements: forward-only, see PageInfo. */
export type AgreementConnection = {
  __typename?: 'AgreementConnection';
  /** The agreements of this page with their cursors, in order. */
  edges: Array<AgreementEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many agreements match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One agreement in a page, with its cursor. */
export type AgreementEdge = {
  __typename?: 'AgreementEdge';
  /** This agreement's place in the list: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The agreement. */
  node: Agreement;
};

/** One agency's place in an MOU. */
export type AgreementParty = {
  __typename?: 'AgreementParty';
  /**
   * When the agency accepted the MOU; null while PENDING, and where the time is
   * not known (parties recorded before acceptances were, which count as ACCEPTED).
   */
  acceptedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The signatory agency. */
  agency: Agency;
  /** What this party undertakes, in the order recorded. */
  commitments: Array<Commitment>;
  /** LEAD, PARTNER or OBSERVER. */
  role: Scalars['String']['output'];
  /** Whether the agency has accepted the MOU; the lead is ACCEPTED from the draft. */
  status: PartyStatus;
};

/** Where an MOU is in its life. */
export type AgreementStatus =
  /** In force. */
  | 'ACTIVE'
  /** Drafted, not yet in force. */
  | 'DRAFT'
  /** Past its end date. */
  | 'EXPIRED'
  /** Paused by the lead agency; may be resumed. */
  | 'SUSPENDED'
  /** Ended for good by the lead agency. */
  | 'TERMINATED';

/** What one party undertakes to do under an MOU. */
export type Commitment = {
  __typename?: 'Commitment';
  /** What the party undertakes, in English. */
  description: Scalars['String']['output'];
  /** What the party undertakes, in Persian. */
  descriptionFa: Scalars['String']['output'];
  /** When it is due; null when open-ended. */
  dueOn?: Maybe<Scalars['Date']['output']>;
  /** The commitment's stable id. */
  id: Scalars['ID']['output'];
};

/** A new MOU, drafted by the caller's agency as its lead. */
export type DraftAgreementInput = {
  /** 3 to 64 characters of A-Z, 0-9 and -, unique (`MOU-IR-10-12-TRAFFIC-1405`). */
  code: Scalars['String']['input'];
  /** At least one, each at most once. */
  domains: Array<SafetyDomain>;
  /** Not before startsOn, at most 10 years after it. */
  endsOn: Scalars['Date']['input'];
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The region the MOU is made for. */
  regionId: Scalars['ID']['input'];
  /** Not in the future (in Iran); needed before the MOU can be activated. */
  signedOn?: InputMaybe<Scalars['Date']['input']>;
  /** The first day the MOU runs. */
  startsOn: Scalars['Date']['input'];
  /** Up to 300 characters. */
  title: Scalars['String']['input'];
  /** The Persian title, up to 300 characters. */
  titleFa: Scalars['String']['input'];
};

/** A target on family counselling; its actual comes from the divorce subgraph. */
export type FamilyTarget = Target & {
  __typename?: 'FamilyTarget';
  actual?: Maybe<Scalars['Float']['output']>;
  /** How far the target is met: 1 when met exactly, 0 at the baseline, respecting the direction; null while actual is null. */
  attainment?: Maybe<Scalars['Float']['output']>;
  /** The metric's value the MOU starts from. */
  baseline: Scalars['Float']['output'];
  /** Whether the metric is to go down (DECREASE) or up (INCREASE). */
  direction: TargetDirection;
  /** The first day of the measured period (inclusive). */
  from: Scalars['Date']['output'];
  /** The target's stable id. */
  id: Scalars['ID']['output'];
  /** The measured metric, one of the shared metrics such as `ROAD_DEATHS` or `PEOPLE_REACHED`. */
  metric: Scalars['String']['output'];
  /** The region measured, its sub-regions included. */
  region: Region;
  regionId: Scalars['ID']['output'];
  /** The value the parties commit to reach. */
  target: Scalars['Float']['output'];
  /** The last day of the measured period (inclusive). */
  to: Scalars['Date']['output'];
};

/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * The caller's agency accepts MOU `id`, to which the lead added it as a party:
   * its party turns ACCEPTED, with the time. Only a party may (FORBIDDEN for
   * any other agency; an unknown id is BAD_USER_INPUT on `id`). Accepting again,
   * the lead's own acceptance included, changes nothing and answers the MOU. A
   * pending party cannot accept a TERMINATED or EXPIRED MOU (CONFLICT). There is
   * no declining: an agency that does not want the MOU does not accept it, and a
   * draft is not activated without it.
   */
  acceptAgreement: Agreement;
  /**
   * DRAFT -> ACTIVE, or resumes a SUSPENDED MOU. Only the lead agency may. A draft
   * is activated only with at least two parties, the lead among them, every
   * party's acceptance, a signing date and a period that has not ended;
   * otherwise CONFLICT naming what is missing (the pending parties by agency
   * code). ACTIVE, TERMINATED and EXPIRED MOUs: CONFLICT. A party added to an
   * MOU already active or suspended is PENDING until it accepts; resuming does
   * not wait for it.
   */
  activateAgreement: Agreement;
  /**
   * Records what a party undertakes. The lead agency may add commitments for any
   * party, a party for itself only (FORBIDDEN otherwise); `agencyId` must be a
   * party (BAD_USER_INPUT); `dueOn`, when given, falls within the MOU's period.
   * Not on a TERMINATED or EXPIRED MOU (CONFLICT).
   */
  addCommitment: Agreement;
  /**
   * Adds a signatory (PARTNER or OBSERVER; LEAD comes only from the draft). Only
   * the lead agency may; not on a TERMINATED or EXPIRED MOU (CONFLICT); an agency
   * already party, the lead included, is a CONFLICT. The party is PENDING, bound
   * by nothing, until that agency accepts the MOU itself (acceptAgreement).
   */
  addParty: Agreement;
  /**
   * Drafts an MOU (status DRAFT) led by the caller's agency, which becomes its
   * first party with role LEAD. The code is unique (CONFLICT when taken). With an
   * idempotencyKey, a retry returns the first draft and writes nothing.
   */
  draftAgreement: Agreement;
  /**
   * Sets a measurable target; only the lead agency may, and only while the MOU is
   * DRAFT or ACTIVE (CONFLICT otherwise). The metric (one of the shared metrics:
   * ROAD_DEATHS, PEOPLE_REACHED, FREE_COUNSELING_SESSIONS, ...) decides the
   * target's type (TrafficTarget, PreventionTarget, FamilyTarget) and direction,
   * and must belong to one of the MOU's domains. The region is the MOU's region
   * or one within it.
   */
  setTarget: Target;
  /** ACTIVE -> SUSPENDED. Only the lead agency may; from any other status CONFLICT. */
  suspendAgreement: Agreement;
  /**
   * ACTIVE or SUSPENDED -> TERMINATED, for good. Only the lead agency may; a
   * DRAFT, TERMINATED or EXPIRED MOU: CONFLICT.
   */
  terminateAgreement: Agreement;
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationAcceptAgreementArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationActivateAgreementArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationAddCommitmentArgs = {
  input: AddCommitmentInput;
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationAddPartyArgs = {
  input: AddPartyInput;
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationDraftAgreementArgs = {
  input: DraftAgreementInput;
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationSetTargetArgs = {
  input: SetTargetInput;
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationSuspendAgreementArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Writing MOUs. Every mutation needs the agreements:write scope (FORBIDDEN without
 * it) and acts for the caller's agency. Errors: BAD_USER_INPUT names the argument
 * that is wrong (`input.code`, `id`, ...), an unknown MOU id included; FORBIDDEN
 * when the caller's agency may not make this change to this MOU; CONFLICT when
 * the MOU's state refuses it: a lifecycle step its current status does not allow
 * (the message names that status), an activation whose preconditions are not met
 * (the message names each one missing), a code or party already taken, or an
 * idempotencyKey reused for a different request.
 */
export type MutationTerminateAgreementArgs = {
  id: Scalars['ID']['input'];
};

/** Forward-only paging: pass endCursor as `after`. There is no hasPreviousPage, last or before. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of this page's last edge, to pass as `after`; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The roles addParty gives; LEAD belongs to the agency that drafted the MOU. */
export type PartyRole =
  /** A party that follows the MOU without commitments of its own. */
  | 'OBSERVER'
  /** A party that undertakes commitments. */
  | 'PARTNER';

/** A party's consent to an MOU. */
export type PartyStatus =
  /** The agency accepted the MOU (acceptAgreement), or drafted it as the lead. */
  | 'ACCEPTED'
  /** Added by the lead agency; the agency itself has not accepted, and is bound by nothing yet. */
  | 'PENDING';

/** A target on addiction prevention and treatment; its actual comes from the addiction subgraph. */
export type PreventionTarget = Target & {
  __typename?: 'PreventionTarget';
  /** The metric over the target's region and period, computed by the subgraph that owns its data; null for a metric none computes, or (FORBIDDEN) without reports:read. */
  actual?: Maybe<Scalars['Float']['output']>;
  /** How far the target is met: 1 when met exactly, 0 at the baseline, respecting the direction; null while actual is null. */
  attainment?: Maybe<Scalars['Float']['output']>;
  /** The metric's value the MOU starts from. */
  baseline: Scalars['Float']['output'];
  /** Whether the metric is to go down (DECREASE) or up (INCREASE). */
  direction: TargetDirection;
  /** The first day of the measured period (inclusive). */
  from: Scalars['Date']['output'];
  /** The target's stable id. */
  id: Scalars['ID']['output'];
  /** The measured metric, one of the shared metrics such as `ROAD_DEATHS` or `PEOPLE_REACHED`. */
  metric: Scalars['String']['output'];
  /** The region measured, its sub-regions included. */
  region: Region;
  regionId: Scalars['ID']['output'];
  /** The value the parties commit to reach. */
  target: Scalars['Float']['output'];
  /** The last day of the measured period (inclusive). */
  to: Scalars['Date']['output'];
};

/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type Query = {
  __typename?: 'Query';
  /** An MOU by id or by code (`MOU-IR-10-TRAFFIC-1403`); exactly one of the two. */
  agreement?: Maybe<Agreement>;
  /**
   * MOUs in code order. `partyAgencyId` matches the lead agency or any party,
   * pending ones too (so an agency finds the MOUs awaiting its acceptance;
   * `parties { status }` tells them apart); `status: EXPIRED` includes active
   * and suspended MOUs whose end date has passed.
   */
  agreements: AgreementConnection;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryAgreementArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading the graph. A field the token's scopes or agency do not cover is null, with FORBIDDEN on its own path; the rest is answered. */
export type QueryAgreementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  domain?: InputMaybe<SafetyDomain>;
  first?: InputMaybe<Scalars['Int']['input']>;
  partyAgencyId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<AgreementStatus>;
};

export type Region = {
  __typename?: 'Region';
  /** MOUs made for this region (not for the regions under it), in code order. */
  agreements?: Maybe<Array<Agreement>>;
  /** The region's stable id. */
  id: Scalars['ID']['output'];
};


export type RegionAgreementsArgs = {
  status?: InputMaybe<AgreementStatus>;
};

/** A field of public safety an MOU covers. */
export type SafetyDomain =
  /** Addiction prevention and treatment. */
  | 'ADDICTION'
  /** Cyber safety. */
  | 'CYBER'
  /** Family counselling and divorce prevention. */
  | 'FAMILY'
  /** Lawlessness and public order. */
  | 'LAWLESSNESS'
  /** Road safety. */
  | 'TRAFFIC';

/** A measurable target for an MOU. */
export type SetTargetInput = {
  /** The MOU's id. */
  agreementId: Scalars['ID']['input'];
  /** Finite and not negative. */
  baseline: Scalars['Float']['input'];
  /** Inclusive period; from <= to. */
  from: Scalars['Date']['input'];
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** One of the shared metrics of the MOU's domains, such as `ROAD_DEATHS`. */
  metric: Scalars['String']['input'];
  /** The MOU's region or one within it. */
  regionId: Scalars['ID']['input'];
  /** Finite and not negative. */
  target: Scalars['Float']['input'];
  /** The last day of the period (inclusive). */
  to: Scalars['Date']['input'];
};

/**
 * A measurable MOU target for one metric, region and period. `actual` is computed
 * by the subgraph that owns the metric's data; `attainment` is 1.0 when the target
 * is met exactly, 0 at the baseline.
 */
export type Target = {
  /** The metric over the target's region and period, computed by the subgraph that owns its data; null for a metric none computes, or (FORBIDDEN) without reports:read. */
  actual?: Maybe<Scalars['Float']['output']>;
  /** How far the target is met: 1 when met exactly, 0 at the baseline, respecting the direction; null while actual is null. */
  attainment?: Maybe<Scalars['Float']['output']>;
  /** The metric's value the MOU starts from. */
  baseline: Scalars['Float']['output'];
  /** Whether the metric is to go down (DECREASE) or up (INCREASE). */
  direction: TargetDirection;
  /** The first day of the measured period (inclusive). */
  from: Scalars['Date']['output'];
  /** The target's stable id. */
  id: Scalars['ID']['output'];
  /** The measured metric, one of the shared metrics such as `ROAD_DEATHS` or `PEOPLE_REACHED`. */
  metric: Scalars['String']['output'];
  /** The region measured, its sub-regions included. */
  region: Region;
  /** The value the parties commit to reach. */
  target: Scalars['Float']['output'];
  /** The last day of the measured period (inclusive). */
  to: Scalars['Date']['output'];
};

/** Whether a target is to lower or to raise its metric. */
export type TargetDirection =
  /** Lower is better, such as road deaths. */
  | 'DECREASE'
  /** Higher is better, such as people reached. */
  | 'INCREASE';

/** A target on road safety; its actual comes from the traffic subgraph. */
export type TrafficTarget = Target & {
  __typename?: 'TrafficTarget';
  /** The metric over the target's region and period, computed by the subgraph that owns its data; null for a metric none computes, or (FORBIDDEN) without reports:read. */
  actual?: Maybe<Scalars['Float']['output']>;
  /** How far the target is met: 1 when met exactly, 0 at the baseline, respecting the direction; null while actual is null. */
  attainment?: Maybe<Scalars['Float']['output']>;
  /** The metric's value the MOU starts from. */
  baseline: Scalars['Float']['output'];
  /** Whether the metric is to go down (DECREASE) or up (INCREASE). */
  direction: TargetDirection;
  /** The first day of the measured period (inclusive). */
  from: Scalars['Date']['output'];
  /** The target's stable id. */
  id: Scalars['ID']['output'];
  /** The measured metric, one of the shared metrics such as `ROAD_DEATHS` or `PEOPLE_REACHED`. */
  metric: Scalars['String']['output'];
  /** The region measured, its sub-regions included. */
  region: Region;
  regionId: Scalars['ID']['output'];
  /** The value the parties commit to reach. */
  target: Scalars['Float']['output'];
  /** The last day of the measured period (inclusive). */
  to: Scalars['Date']['output'];
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
  Agreement: Agreement;
  FamilyTarget: FamilyTarget;
  PreventionTarget: PreventionTarget;
  Region: Region;
  Target: Target;
  TrafficTarget: TrafficTarget;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Agency:
    ( { __typename: 'Agency' }
    & GraphQLRecursivePick<FederationTypes['Agency'], {"id":true}> );
  Agreement:
    ( { __typename: 'Agreement' }
    & ( GraphQLRecursivePick<FederationTypes['Agreement'], {"id":true}>
        | GraphQLRecursivePick<FederationTypes['Agreement'], {"code":true}> ) );
  FamilyTarget:
    ( { __typename: 'FamilyTarget' }
    & GraphQLRecursivePick<FederationTypes['FamilyTarget'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['FamilyTarget'], {"actual":true}> ) );
  PreventionTarget:
    ( { __typename: 'PreventionTarget' }
    & GraphQLRecursivePick<FederationTypes['PreventionTarget'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['PreventionTarget'], {"actual":true}> ) );
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"id":true}> );
  Target:
    ( { __typename: 'Target' }
    & GraphQLRecursivePick<FederationTypes['Target'], {"id":true}> );
  TrafficTarget:
    ( { __typename: 'TrafficTarget' }
    & GraphQLRecursivePick<FederationTypes['TrafficTarget'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['TrafficTarget'], {"actual":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddCommitmentInput: AddCommitmentInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AddPartyInput: AddPartyInput;
  Agency: ResolverTypeWrapper<{ id: string }>;
  Agreement: ResolverTypeWrapper<AgreementRow>;
  AgreementConnection: ResolverTypeWrapper<Connection<AgreementRow>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AgreementEdge: ResolverTypeWrapper<Omit<AgreementEdge, 'node'> & { node: ResolversTypes['Agreement'] }>;
  AgreementParty: ResolverTypeWrapper<AgreementPartyRow>;
  AgreementStatus: AgreementStatus;
  Commitment: ResolverTypeWrapper<CommitmentRow>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DraftAgreementInput: DraftAgreementInput;
  FamilyTarget: ResolverTypeWrapper<TargetRow & { actual?: number | null }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PartyRole: PartyRole;
  PartyStatus: PartyStatus;
  PreventionTarget: ResolverTypeWrapper<TargetRow & { actual?: number | null }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<{ id: string }>;
  SafetyDomain: SafetyDomain;
  SetTargetInput: SetTargetInput;
  Target: ResolverTypeWrapper<TargetRow>;
  TargetDirection: TargetDirection;
  TrafficTarget: ResolverTypeWrapper<TargetRow & { actual?: number | null }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddCommitmentInput: AddCommitmentInput;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  AddPartyInput: AddPartyInput;
  Agency: { id: string };
  Agreement: AgreementRow;
  AgreementConnection: Connection<AgreementRow>;
  Int: Scalars['Int']['output'];
  AgreementEdge: Omit<AgreementEdge, 'node'> & { node: ResolversParentTypes['Agreement'] };
  AgreementParty: AgreementPartyRow;
  Commitment: CommitmentRow;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DraftAgreementInput: DraftAgreementInput;
  FamilyTarget: TargetRow & { actual?: number | null };
  Float: Scalars['Float']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PreventionTarget: TargetRow & { actual?: number | null };
  Query: Record<PropertyKey, never>;
  Region: { id: string };
  SetTargetInput: SetTargetInput;
  Target: TargetRow;
  TrafficTarget: TargetRow & { actual?: number | null };
};

export type AgencyResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['Agency'] = ResolversParentTypes['Agency'], FederationReferenceType extends FederationReferenceTypes['Agency'] = FederationReferenceTypes['Agency']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agency']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agreements?: Resolver<Maybe<Array<ResolversTypes['Agreement']>>, ParentType, ContextType, Partial<AgencyAgreementsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type AgreementResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['Agreement'] = ResolversParentTypes['Agreement'], FederationReferenceType extends FederationReferenceTypes['Agreement'] = FederationReferenceTypes['Agreement']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agreement']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domains?: Resolver<Array<ResolversTypes['SafetyDomain']>, ParentType, ContextType>;
  endsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  leadAgency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['AgreementParty']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  signedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  startsOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AgreementStatus'], ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['Target']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AgreementConnectionResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['AgreementConnection'] = ResolversParentTypes['AgreementConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AgreementEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AgreementEdgeResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['AgreementEdge'] = ResolversParentTypes['AgreementEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType>;
};

export type AgreementPartyResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['AgreementParty'] = ResolversParentTypes['AgreementParty']> = {
  acceptedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  agency?: Resolver<ResolversTypes['Agency'], ParentType, ContextType>;
  commitments?: Resolver<Array<ResolversTypes['Commitment']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PartyStatus'], ParentType, ContextType>;
};

export type CommitmentResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['Commitment'] = ResolversParentTypes['Commitment']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  descriptionFa?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dueOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FamilyTargetResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['FamilyTarget'] = ResolversParentTypes['FamilyTarget'], FederationReferenceType extends FederationReferenceTypes['FamilyTarget'] = FederationReferenceTypes['FamilyTarget']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FamilyTarget']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attainment?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  baseline?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['TargetDirection'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acceptAgreement?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType, RequireFields<MutationAcceptAgreementArgs, 'id'>>;
  activateAgreement?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType, RequireFields<MutationActivateAgreementArgs, 'id'>>;
  addCommitment?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType, RequireFields<MutationAddCommitmentArgs, 'input'>>;
  addParty?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType, RequireFields<MutationAddPartyArgs, 'input'>>;
  draftAgreement?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType, RequireFields<MutationDraftAgreementArgs, 'input'>>;
  setTarget?: Resolver<ResolversTypes['Target'], ParentType, ContextType, RequireFields<MutationSetTargetArgs, 'input'>>;
  suspendAgreement?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType, RequireFields<MutationSuspendAgreementArgs, 'id'>>;
  terminateAgreement?: Resolver<ResolversTypes['Agreement'], ParentType, ContextType, RequireFields<MutationTerminateAgreementArgs, 'id'>>;
};

export type PageInfoResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PreventionTargetResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['PreventionTarget'] = ResolversParentTypes['PreventionTarget'], FederationReferenceType extends FederationReferenceTypes['PreventionTarget'] = FederationReferenceTypes['PreventionTarget']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PreventionTarget']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attainment?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  baseline?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['TargetDirection'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  agreement?: Resolver<Maybe<ResolversTypes['Agreement']>, ParentType, ContextType, Partial<QueryAgreementArgs>>;
  agreements?: Resolver<ResolversTypes['AgreementConnection'], ParentType, ContextType, Partial<QueryAgreementsArgs>>;
};

export type RegionResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agreements?: Resolver<Maybe<Array<ResolversTypes['Agreement']>>, ParentType, ContextType, Partial<RegionAgreementsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TargetResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['Target'] = ResolversParentTypes['Target'], FederationReferenceType extends FederationReferenceTypes['Target'] = FederationReferenceTypes['Target']> = {
  __resolveType: TypeResolveFn<'FamilyTarget' | 'PreventionTarget' | 'TrafficTarget', ParentType, ContextType>;
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Target']> | FederationReferenceType, FederationReferenceType, ContextType>;
};

export type TrafficTargetResolvers<ContextType = AgreementsContext, ParentType extends ResolversParentTypes['TrafficTarget'] = ResolversParentTypes['TrafficTarget'], FederationReferenceType extends FederationReferenceTypes['TrafficTarget'] = FederationReferenceTypes['TrafficTarget']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TrafficTarget']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attainment?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  baseline?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['TargetDirection'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = AgreementsContext> = {
  Agency?: AgencyResolvers<ContextType>;
  Agreement?: AgreementResolvers<ContextType>;
  AgreementConnection?: AgreementConnectionResolvers<ContextType>;
  AgreementEdge?: AgreementEdgeResolvers<ContextType>;
  AgreementParty?: AgreementPartyResolvers<ContextType>;
  Commitment?: CommitmentResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  FamilyTarget?: FamilyTargetResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PreventionTarget?: PreventionTargetResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  Target?: TargetResolvers<ContextType>;
  TrafficTarget?: TrafficTargetResolvers<ContextType>;
};

