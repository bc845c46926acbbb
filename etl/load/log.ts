/** The log lines of ETL runs, as the server's schedule writes them (cli/start.ts). */
import { failureFields, type Log } from '../../config/log';
import { EtlRunError, type EtlRunSummary } from './run';

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
 * is not reported here (schedule.ts retries it at the next tick).
 */
export function logRunFailure(log: Log, error: Error): void {
  const run = error instanceof EtlRunError ? { runId: error.runId, table: error.table } : {};
  const cause = error.cause instanceof Error ? error.cause : error;
  log.error({ ...run, outcome: 'failed', ...failureFields(cause), error: error.message }, 'etl run failed');
}
