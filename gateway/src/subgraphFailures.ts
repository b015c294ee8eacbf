import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { ErrorCode, subgraphUnavailable } from '@safety-graph/shared';
import type { GatewayContext } from './plugins';

type Response = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

interface Failure {
  message: string;
  extensions: Record<string, unknown>;
}

/** The code of the first error in a subgraph's refusal body, if it sent one. */
function bodyCode(body: unknown): string | undefined {
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors;
  const code = Array.isArray(errors) ? errors[0]?.extensions?.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What a failed subgraph call means for the client: the subgraph is down or
 * slow (SUBGRAPH_UNAVAILABLE), it is up but a store or other dependency of it
 * failed (SERVICE_UNAVAILABLE), both retryable; anything else is ours to fix
 * (INTERNAL_SERVER_ERROR, masked and logged by formatError with its cause).
 */
export function failureOf(error: unknown): Failure {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return toFailure(subgraphUnavailable('timeout'));
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } } | null)?.extensions?.response;
  if (response && typeof response.status === 'number') {
    if (bodyCode(response.body) === ErrorCode.SERVICE_UNAVAILABLE) {
      return {
        message: 'Part of this answer is missing: a service could not reach its store; retry shortly',
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    if ([502, 503, 504].includes(response.status)) return toFailure(subgraphUnavailable('unreachable'));
    return { message: `a subgraph answered HTTP ${response.status}`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  // Node's fetch: a TypeError "fetch failed" whose cause is the socket error (refused, reset, no such host).
  if (name === 'TypeError' && (error as { cause?: unknown }).cause !== undefined) return toFailure(subgraphUnavailable('unreachable'));
  return { message: error instanceof Error ? error.message : String(error), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

function toFailure(error: { message: string; extensions: Record<string, unknown> }): Failure {
  return { message: error.message, extensions: { ...error.extensions } };
}

/** The response keys a selection set asks for (through fragments), for the given type when it is an `_entities` selection. */
function responseKeys(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, typename?: string): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.push(selection.alias?.value ?? selection.name.value);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition?.name.value;
      if (typename && condition && condition !== typename) continue;
      keys.push(...responseKeys(fragment.selectionSet, fragments, typename));
    }
  }
  return [...new Set(keys)];
}

/**
 * The paths, in the subgraph's own answer, of every field a failed call
 * would have filled: the root fields, or each entity's fields
 * (`_entities.<i>.<field>`); the gateway maps them to the client's paths.
 */
export function pathsOf(document: DocumentNode, variables: Record<string, unknown> | undefined): (string | number)[][] {
  const fragments = new Map(
    document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return [];
  const paths: (string | number)[][] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) {
      for (const key of responseKeys({ kind: Kind.SELECTION_SET, selections: [selection] }, fragments)) paths.push([key]);
      continue;
    }
    const key = selection.alias?.value ?? selection.name.value;
    const representations = variables?.representations;
    if (selection.name.value === '_entities' && selection.selectionSet && Array.isArray(representations)) {
      representations.forEach((representation, index) => {
        const typename = (representation as { __typename?: string } | null)?.__typename;
        for (const field of responseKeys(selection.selectionSet!, fragments, typename)) paths.push([key, index, field]);
      });
    } else {
      paths.push([key]);
    }
  }
  return paths;
}

/**
 * A subgraph data source that never lets a failed call take the whole
 * answer down: the failure becomes one error per affected field, on that
 * field's path, with a code that says whether to retry, and the other
 * subgraphs' data is still given.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Told of every failed call (for the log); `declare`d, so that the base constructor's Object.assign sets it. */
  declare onFailure?: (error: unknown, code: string) => void;

  constructor(config: Partial<SubgraphDataSource> & { url: string }) {
    super(config);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Response> {
    try {
      return await super.process(options);
    } catch (error) {
      // Health checks and schema loading (introspection composition, development only) fail as they are.
      if (!('incomingRequestContext' in options)) throw error;
      const failure = failureOf(error);
      this.onFailure?.(error, String(failure.extensions.code));
      let paths: (string | number)[][] = [];
      try {
        const document = options.document ?? parse(options.request.query ?? '');
        paths = pathsOf(document, options.request.variables);
      } catch {
        paths = [];
      }
      const errors: GraphQLFormattedError[] = paths.length > 0 ? paths.map((path) => ({ ...failure, path })) : [{ ...failure }];
      return { errors } as Response;
    }
  }
}
