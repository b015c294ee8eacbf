import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { hasScope, type Caller } from '@safety-graph/shared';

export interface GatewayContext {
  requestId: string;
  caller: Caller;
  /** The subgraphs this operation's plan called, for the audit log. */
  subgraphs: Set<string>;
  operation?: { name: string | null; type: string };
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Introspection only in development, or for a caller with `schema:read`:
 * partners get the schema from us, not from probing production.
 */
export function introspectionGuard(allowEveryone: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (allowEveryone || hasScope(contextValue.caller, 'schema:read')) return;
          if (introspects(document)) {
            throw new GraphQLError('Introspection needs the schema:read scope', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/** Notes the operation's name and type for the audit log, and stamps every error with the request id. */
export function operationRecorder(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName, contextValue }) {
          if (operation) contextValue.operation = { name: operationName ?? null, type: operation.operation };
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}
