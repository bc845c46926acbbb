/** The API's own log lines (the log itself is config/log.ts). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Log } from '../../config/log';
import type { ApiContext } from './context';

/**
 * One line per GraphQL request once its answer is sent: the operation's name, how long it took, the
 * HTTP status, whether it answered without errors (and their codes when not), whether the answer came
 * from the cache, and the viewer's role. Never the query's variables or the Authorization header.
 */
export function requestLogPlugin(log: Log): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse(request) {
          const body = request.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          log.info({
            operation: request.operationName ?? null,
            durationMs: Math.round(performance.now() - started),
            status: request.response.http.status ?? 200,
            ok: errors === undefined,
            errorCodes: errors?.map((error) => error.extensions?.code ?? null),
            role: request.contextValue.viewer?.role ?? null,
            // An operation answered without errors and without executing came from the answers cache.
            cached: !executed && errors === undefined && request.operation !== undefined,
          }, 'graphql request');
        },
      };
    },
  };
}
