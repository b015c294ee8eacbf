import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@safety-graph/shared';

/**
 * Refuses, with 400 and a code, what the gateway's executor would otherwise
 * fail on with a 500: an operationName the document does not hold (or several
 * operations and no name), and subscriptions, which this graph does not serve.
 */
export function operationGuard(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            const message = request.operationName
              ? `No operation named "${request.operationName}" in the document`
              : 'The document holds several operations: name one in operationName';
            throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          }
          if (operation.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not supported: use a query', {
              extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
