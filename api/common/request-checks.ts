/**
 * Client mistakes caught before anything else looks at the operation, so that they are answered as
 * what they are (4xx, BAD_USER_INPUT or GRAPHQL_VALIDATION_FAILED, a message saying what to change)
 * and never reach a plugin or resolver that would fail on them as a server error.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, GraphQLError, type ValidationRule } from 'graphql';

/**
 * graphql-js 16 validates no operation type against the schema: a subscription reaches execution and
 * fails there. This API has no subscription root; say so in validation.
 */
export const queriesAndMutationsOnly: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation === 'subscription') {
      context.reportError(new GraphQLError('This API answers queries and mutations only; it offers no subscriptions. Send a query.', { nodes: [operation] }));
    }
  },
});

/**
 * Variables are coerced only when execution starts, after every plugin's didResolveOperation: a
 * plugin reading them (the field limit does) would fail on a missing or null required variable.
 * Coerced here first, so that such a request is a 400 BAD_USER_INPUT naming the variable. Register
 * it before every plugin that reads variables (Apollo calls didResolveOperation in plugin order and
 * answers with the first refusal).
 */
export function variablesCheckedFirst(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, request }) {
          if (!operation) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 10 });
          if (coerced.errors) {
            throw new GraphQLError(coerced.errors.map((error) => error.message).join(' '), {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
