import { GraphQLScalarType } from 'graphql';
import type { SubgraphContext } from '../server/subgraph';
import { requireScope } from './access';

/**
 * Who may call a subgraph's resolvers. Every resolver the subgraph defines,
 * root fields and `__resolveReference` alike, needs `scope`; `fields` names
 * the exceptions (`TrafficTarget.actual` is an aggregate: `reports:read`).
 * Guarding the whole resolver map, rather than each resolver by hand, means a
 * new resolver cannot be forgotten.
 */
export interface AccessPolicy {
  scope: string;
  fields?: Record<string, string>;
  /**
   * Entities this subgraph only extends with fields of its own (Region, Agreement, a target type):
   * their `__resolveReference` echoes the key it is given and reads nothing, so it is not guarded.
   * Each contributed field is, and a refusal nulls that field alone, on its own path, instead of
   * the whole entity (`region.trafficStats`, not `region`).
   */
  extended?: readonly string[];
}

type Resolver = (parent: unknown, args: unknown, context: SubgraphContext, info: unknown) => unknown;

export function guardResolvers<T extends object>(resolvers: T, policy: AccessPolicy): T {
  const guarded: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (fields instanceof GraphQLScalarType || typeof fields !== 'object' || fields === null) {
      guarded[typeName] = fields;
      continue;
    }
    const typeResolvers: Record<string, unknown> = {};
    for (const [fieldName, resolver] of Object.entries(fields as Record<string, unknown>)) {
      const echoedReference = fieldName === '__resolveReference' && (policy.extended ?? []).includes(typeName);
      if (typeof resolver !== 'function' || fieldName === '__resolveType' || fieldName === '__isTypeOf' || echoedReference) {
        typeResolvers[fieldName] = resolver;
        continue;
      }
      const scope = policy.fields?.[`${typeName}.${fieldName}`] ?? policy.scope;
      const inner = resolver as Resolver;
      typeResolvers[fieldName] =
        fieldName === '__resolveReference'
          ? (reference: unknown, context: SubgraphContext, info: unknown) => {
              // Rejected rather than thrown: @apollo/subgraph maps representations one by one, so a throw
              // would fail the whole `_entities` list instead of this entry.
              try {
                requireScope(context.caller, scope);
              } catch (error) {
                return Promise.reject(error);
              }
              return (inner as unknown as (r: unknown, c: SubgraphContext, i: unknown) => unknown)(reference, context, info);
            }
          : (parent: unknown, args: unknown, context: SubgraphContext, info: unknown) => {
              requireScope(context.caller, scope);
              return inner(parent, args, context, info);
            };
    }
    guarded[typeName] = typeResolvers;
  }
  return guarded as T;
}
