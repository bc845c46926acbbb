/**
 * The server's log: one JSON line per event (pino), on stdout unless a destination is given. Lines
 * name what happened and carry its figures as fields; they never carry a token, a password or a
 * request's variables (the sign-in mutation's variables are a password). The SQL of a failed
 * warehouse query is written here and only here: the client gets a sentence (errors.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import pino from 'pino';
import type { LogConfig } from '../../etl/config';
import { EtlRunError, type EtlRunSummary } from '../../etl/load/run';
import type { ApiContext } from './context';
import { failureFields } from './errors';

export type Log = pino.Logger;

/** `destination` receives each line as a string; tests pass one to read what was logged. */
export function createLog(config: LogConfig, destination?: pino.DestinationStream): Log {
  return pino({ level: config.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

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

/** One line per ETL run that published: its id, path, rows loaded and deleted, and how long it took. */
export function logRun(log: Log, summary: EtlRunSummary): void {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, rows) => total + rows, 0);
  log.info({
    runId: summary.runId, mode: summary.mode, outcome: summary.status,
    rowsLoaded: sum(summary.rowsByTable), rowsDeleted: sum(summary.deletedByTable), durationMs: summary.durationMs,
  }, 'etl run');
}

/**
 * One line per ETL run that failed: its id, the table it was loading, and the failing statement's
 * ClickHouse code and SQL when the warehouse refused one. A run that found another holding the lock
 * is not reported here (etl/load/schedule.ts retries it at the next tick).
 */
export function logRunFailure(log: Log, error: Error): void {
  const run = error instanceof EtlRunError ? { runId: error.runId, table: error.table } : {};
  const cause = error.cause instanceof Error ? error.cause : error;
  log.error({ ...run, outcome: 'failed', ...failureFields(cause), error: error.message }, 'etl run failed');
}
