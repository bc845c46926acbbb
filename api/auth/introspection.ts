/**
 * The schema is shown to signed-in users only: without a token, `__schema` and `__type` are
 * UNAUTHENTICATED like every query (`__typename` stays, it describes nothing).
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit } from 'graphql';
import type { ApiContext } from '../common/context';
import { ApiError } from '../common/errors';

export function introspectionNeedsToken(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (contextValue.viewer !== null) return;
          let introspects = false;
          visit(document, {
            Field(field) {
              if (field.name.value === '__schema' || field.name.value === '__type') {
                introspects = true;
                return BREAK;
              }
              return undefined;
            },
          });
          if (introspects) {
            throw new ApiError('UNAUTHENTICATED', `${contextValue.authFailure ?? 'Log in first.'} The schema is shown to signed-in users only.`, {
              status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]),
            });
          }
        },
      };
    },
  };
}
