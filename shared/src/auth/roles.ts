import type { Scope } from './caller';

/**
 * The scopes a development token gets by default, by agency kind: what each
 * kind of agency does under the plan. Production tokens come from the
 * partners' own identity provider with whatever scopes it grants.
 */
const EVERYONE: Scope[] = ['agencies:read', 'agreements:read', 'agreements:write', 'reports:read'];

const BY_KIND: Record<string, Scope[]> = {
  POLICE: ['traffic:read', 'traffic:write', 'addiction:read', 'addiction:write', 'family:read', 'family:write'],
  HEALTH: ['traffic:read', 'addiction:read', 'addiction:write', 'family:read'],
  WELFARE: ['addiction:read', 'addiction:write', 'family:read', 'family:write'],
  EDUCATION: ['addiction:read', 'addiction:write', 'traffic:read', 'family:read'],
  JUDICIARY: ['family:read', 'traffic:read'],
  MUNICIPALITY: ['traffic:read', 'traffic:write'],
  ROADS: ['traffic:read', 'traffic:write'],
  RED_CRESCENT: ['traffic:read', 'addiction:read'],
  BROADCASTING: ['traffic:read', 'addiction:read', 'addiction:write', 'family:read'],
  RELIGIOUS_AFFAIRS: ['addiction:read', 'addiction:write', 'family:read', 'family:write'],
  OTHER: ['addiction:read', 'traffic:read', 'family:read'],
};

export function defaultScopesFor(agencyKind: string): Scope[] {
  return [...EVERYONE, ...(BY_KIND[agencyKind] ?? [])];
}
