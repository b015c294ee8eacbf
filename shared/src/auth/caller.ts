/**
 * Who is asking. The gateway establishes it from the partner's token and
 * forwards it to the subgraphs; resolvers authorize against it.
 */
export interface Caller {
  subject: string;
  agencyCode: string;
  scopes: ReadonlySet<string>;
}

export const SCOPES = [
  'agencies:read',
  'agencies:write',
  'agreements:read',
  'agreements:write',
  'traffic:read',
  'traffic:write',
  'addiction:read',
  'addiction:write',
  'family:read',
  'family:write',
  'reports:read',
  'schema:read',
] as const;
export type Scope = (typeof SCOPES)[number];
