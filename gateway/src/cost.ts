import {
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { bucketsOf, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parseGranularity, referenceRegions, resolvePeriod, type PeriodInput } from '@safety-graph/shared';

/** The code of an operation refused for its cost (CONTRACT.md). */
export const COST_LIMIT = 'COST_LIMIT';

/** A list whose length nothing in the operation tells (`parties`, `targets`…) counts as this many items. */
export const DEFAULT_LIST_SIZE = 10;

/**
 * How many items the lists of regions hold at most: every region for
 * `regions` without arguments, every region of a kind for `regions(kind:)`
 * (31 provinces, 478 counties), the most children one region has for
 * `children` and `regions(parentId:)` / `regions(parentCode:)`. From the
 * reference regions every store is seeded with.
 */
function regionListSizes(): { all: number; children: number; ofKind: Map<string, number> } {
  const regions = referenceRegions();
  const children = new Map<string, number>();
  const ofKind = new Map<string, number>();
  for (const region of regions) {
    if (region.parentCode) children.set(region.parentCode, (children.get(region.parentCode) ?? 0) + 1);
    ofKind.set(region.kind, (ofKind.get(region.kind) ?? 0) + 1);
  }
  return { all: regions.length, children: Math.max(1, ...children.values()), ofKind };
}

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The variables as sent; defaults are applied here. */
  variables?: Record<string, unknown>;
}

/**
 * The cost of an operation, before it runs: every field costs 1 plus its
 * selection, and a field returning many items costs that many times over, so
 * nested lists multiply. How many items: `first`/`last` on connections
 * (default 50, at most 500); the number of `codes`; a series' buckets from
 * its period and granularity; all regions (of the `kind` asked) for `regions`,
 * the most children of a region for `children`; `DEFAULT_LIST_SIZE` for any other list.
 * Fragments count on every type they apply to (an upper bound); `@skip` and
 * `@include` are ignored for the same reason.
 */
export function operationCost({ schema, document, operation, variables = {} }: CostInput): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  // Variables that do not coerce fail the operation anyway; count with what was sent.
  const values = coerced.coerced ?? variables;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const regionLists = regionListSizes();

  const argumentsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const argument of node.arguments ?? []) {
      const definition = field.args.find((candidate) => candidate.name === argument.name.value);
      if (definition) result[definition.name] = valueFromAST(argument.value, definition.type, values);
    }
    return result;
  };

  const itemsOf = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    const args = argumentsOf(field, node);
    const pageArgument = field.args.some((argument) => argument.name === 'first' || argument.name === 'last');
    if (pageArgument) {
      const size = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
      return Math.min(Math.max(Number.isInteger(size) ? size : DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    }
    if (!isListType(getNullableType(field.type))) return 1;
    // A connection's `edges` hold the `first` items its field already counted.
    if (field.name === 'edges' && parent.name.endsWith('Connection')) return 1;
    if (Array.isArray(args.codes)) return Math.max(args.codes.length, 1);
    if (args.period !== undefined && args.granularity !== undefined) return seriesLength(args.period, args.granularity);
    if (parent.name === 'Query' && field.name === 'regions') {
      const underOne = args.parentId != null || args.parentCode != null ? regionLists.children : regionLists.all;
      return typeof args.kind === 'string' ? Math.max(1, Math.min(underOne, regionLists.ofKind.get(args.kind) ?? 0)) : underOne;
    }
    if (parent.name === 'Region' && field.name === 'children') return regionLists.children;
    return DEFAULT_LIST_SIZE;
  };

  const selectionCost = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode, seen: Set<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(parent, selection, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) cost += selectionCost(type, selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        // A fragment cycle is refused by validation; `seen` only keeps this walk finite.
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) cost += selectionCost(type, fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
    return cost;
  };

  const fieldCost = (parent: GraphQLCompositeType, node: FieldNode, seen: Set<string>): number => {
    if (node.name.value.startsWith('__') || !('getFields' in parent)) return 0;
    const field = parent.getFields()[node.name.value];
    if (!field) return 0;
    const type = getNamedType(field.type);
    const own = node.selectionSet && isCompositeType(type) ? 1 + selectionCost(type, node.selectionSet, seen) : 1;
    return itemsOf(parent, field, node) * own;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(root, operation.selectionSet, new Set()) : 0;
}

/** The buckets a series field returns; a period or granularity the subgraph will refuse counts as one. */
function seriesLength(period: unknown, granularity: unknown): number {
  try {
    return Math.max(bucketsOf(resolvePeriod(period as PeriodInput), parseGranularity(String(granularity))).length, 1);
  } catch {
    return 1;
  }
}

/**
 * The refusal of an operation whose cost is over `maxCost`, before anything
 * runs: HTTP 400, code COST_LIMIT, with the cost and the limit in the message
 * and in `extensions`, so that a partner can see what to cut.
 */
export function costLimitError(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `The operation's cost is ${cost}, over the limit of ${maxCost}: ask for fewer items (first, codes, shorter periods, coarser granularity, fewer aliases)`,
    { extensions: { code: COST_LIMIT, cost, maxCost, http: { status: 400 } } },
  );
}
