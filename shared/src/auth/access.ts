import { forbidden, unauthenticated } from '../errors';
import type { Caller } from './caller';

/** The caller, or UNAUTHENTICATED: resolvers never run for nobody. */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw unauthenticated();
  return caller;
}

/** The caller holding `scope`, or FORBIDDEN on this path (the rest of the answer stays intact). */
export function requireScope(caller: Caller | null, scope: string): Caller {
  const known = requireCaller(caller);
  if (!known.scopes.has(scope)) throw forbidden(`This needs the ${scope} scope`);
  return known;
}

export function hasScope(caller: Caller | null, scope: string): boolean {
  return caller?.scopes.has(scope) ?? false;
}
