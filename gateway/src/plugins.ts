import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { hasScope, type Caller } from '@safety-graph/shared';
import type { GatewayAudit } from './auditTrail';

/**
 * What plugins learn about a request for the audit log. Apollo Server hands
 * plugins a shallow copy of the context object, so anything they note goes
 * into this object (shared by the copy), never onto the context itself.
 */
export interface AuditTrailState {
  operation?: { name: string | null; type: string };
  /** Set once the intent row is committed. */
  intent: boolean;
}

export interface GatewayContext {
  requestId: string;
  caller: Caller;
  /** The subgraphs this operation's plan called, for the audit log. */
  subgraphs: Set<string>;
  trail: AuditTrailState;
  /** The client's W3C trace context headers, forwarded to the subgraphs. */
  traceHeaders?: Record<string, string>;
}

/** Whether each document asks for the schema: Apollo hands every request of one query text the same parsed document. */
const introspecting = new WeakMap<DocumentNode, boolean>();

function introspects(document: DocumentNode): boolean {
  const known = introspecting.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  introspecting.set(document, found);
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
          if (operation) contextValue.trail.operation = { name: operationName ?? null, type: operation.operation };
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

/**
 * Commits the operation's intent row after every check that may refuse it
 * (`responseForOperation` runs after all `didResolveOperation` hooks, right
 * before the query plan executes). When the row cannot be committed the
 * operation is answered with 503 SERVICE_UNAVAILABLE and no subgraph is called.
 */
export function auditIntent(audit: GatewayAudit, onError: (error: unknown, requestId: string) => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ request, operation, operationName, contextValue }) {
          contextValue.trail.operation = { name: operationName ?? null, type: operation.operation };
          try {
            await audit.intent(contextValue, request);
            return null;
          } catch (error) {
            onError(error, contextValue.requestId);
            return {
              http: { status: 503, headers: new HeaderMap([['retry-after', '1']]) },
              body: {
                kind: 'single',
                singleResult: {
                  errors: [
                    {
                      message: 'The operation could not be recorded in the audit log, so it was not executed; retry later',
                      extensions: { code: 'SERVICE_UNAVAILABLE' },
                    },
                  ],
                },
              },
            };
          }
        },
      };
    },
  };
}
