/**
 * The run log in the warehouse's `etl_runs`: one row per state change of a run ('running', then
 * 'succeeded' or 'failed', or 'abandoned' when its process died and a later run found it unfinished),
 * the latest version being the run's state. The watermark of the last successful run is where the
 * next one starts reading.
 */
import type { Warehouse } from './client';
import { queryRows } from './client';
import { ETL_RUNS, PUBLISHED_RUNS } from './schema';
import { INSERT_SETTINGS } from './client';

/** Who held the ETL lock: the process a run took it over from. */
export interface LockHolder {
  runId: string;
  pid: number;
  host: string;
}

export type EtlRunStatus = 'running' | 'succeeded' | 'failed' | 'abandoned';

export interface EtlRunState {
  runId: string;
  mode: 'pull' | 'stream';
  status: EtlRunStatus;
  startedAt: number;
  finishedAt: number | null;
  watermarkFrom: number;
  watermarkTo: number;
  /** Rows loaded per table, and rows deleted per table under `deleted:<table>`. */
  rows: Record<string, number>;
  error: string | null;
}

const VERSION_OF: Record<EtlRunStatus, number> = { running: 1, succeeded: 2, failed: 2, abandoned: 2 };

export const DELETED_PREFIX = 'deleted:';

export async function recordRunState(warehouse: Warehouse, state: EtlRunState): Promise<void> {
  await warehouse.command({
    query:
      `INSERT INTO ${ETL_RUNS} (run_id, mode, status, started_at, finished_at, watermark_from, watermark_to, rows, error, version) ` +
      'SELECT {run_id:String}, {mode:String}, {status:String}, fromUnixTimestamp64Milli({started_at:Int64}), ' +
      'if({finished:Bool}, fromUnixTimestamp64Milli({finished_at:Int64}), NULL), {watermark_from:Int64}, {watermark_to:Int64}, ' +
      '{rows:Map(String, UInt64)}, {error:Nullable(String)}, {version:UInt64}',
    query_params: {
      run_id: state.runId,
      mode: state.mode,
      status: state.status,
      started_at: state.startedAt,
      finished: state.finishedAt !== null,
      finished_at: state.finishedAt ?? 0,
      watermark_from: state.watermarkFrom,
      watermark_to: state.watermarkTo,
      rows: state.rows,
      error: state.error,
      version: VERSION_OF[state.status],
    },
    clickhouse_settings: INSERT_SETTINGS,
  });
}

export interface SuccessfulRun {
  runId: string;
  finishedAt: number;
  watermarkTo: number;
  rowsByTable: Record<string, number>;
}

/** What every API request reads first: the last successful run and the version of the data. */
export interface RunState {
  lastRun: SuccessfulRun | null;
  version: number;
}

/**
 * The run state in one statement: the latest successful run (null before the first) and the data
 * version (below). The aggregates answer one row even before any run; `argMax` by (finished_at,
 * run_id) is the order the run log reads newest first.
 */
export async function runState(warehouse: Warehouse): Promise<RunState> {
  const newest = '(assumeNotNull(finished_at), run_id)';
  const [row] = await queryRows<{
    succeeded: number; last_run_id: string; last_finished_at: number; last_watermark_to: number; last_rows: Record<string, number>; version: number;
  }>(
    warehouse,
    `SELECT count() AS succeeded, argMax(run_id, ${newest}) AS last_run_id,
            argMax(toUnixTimestamp64Milli(assumeNotNull(finished_at)), ${newest}) AS last_finished_at,
            argMax(watermark_to, ${newest}) AS last_watermark_to, argMax(rows, ${newest}) AS last_rows,
            (SELECT max(run) FROM ${PUBLISHED_RUNS}
             WHERE run_id NOT IN (SELECT run_id FROM ${ETL_RUNS} FINAL WHERE status = 'succeeded' AND arraySum(mapValues(rows)) = 0)) AS version
     FROM ${ETL_RUNS} FINAL WHERE status = 'succeeded'`,
  );
  const version = Number(row.version ?? 0);
  if (Number(row.succeeded) === 0) return { lastRun: null, version };
  const rowsByTable = Object.fromEntries(
    Object.entries(row.last_rows).filter(([name]) => !name.startsWith(DELETED_PREFIX)).map(([name, count]) => [name, Number(count)]),
  );
  return {
    lastRun: { runId: row.last_run_id, finishedAt: Number(row.last_finished_at), watermarkTo: Number(row.last_watermark_to), rowsByTable },
    version,
  };
}

/** The latest successful run, for the next run's watermark and the API's data freshness; null before the first. */
export async function lastSuccessfulRun(warehouse: Warehouse): Promise<SuccessfulRun | null> {
  return (await runState(warehouse)).lastRun;
}

/**
 * The version of the data every view shows: the last published run that changed something. A run
 * that succeeded having loaded and deleted nothing publishes views equal to the ones before it, so it
 * leaves the version as it was (the API keeps its cached answers across it). A published run that the
 * log does not show succeeding with nothing (killed after its publish, before its log entry) counts as
 * a change. 0 before the first publish.
 */
export async function dataVersion(warehouse: Warehouse): Promise<number> {
  return (await runState(warehouse)).version;
}

/**
 * Where the next run starts: the last successful run's watermark, and the instant after which rows are
 * read (`updated_at > since`). Rows are read again from ETL_OVERLAP_MS before that run's read point,
 * for writes stamped before it but committed after; when the watermark is older still (nothing was
 * written since), from the watermark. The overlap thus covers one run after the last write, instead
 * of every run trailing the newest row by the overlap for ever.
 *
 * `loaded` names the tables that run loaded: a table a later migration added is not among them, and
 * is read whole once, however old the rows the platform already holds for it.
 */
export async function resumePoint(
  warehouse: Warehouse, overlapMs: number,
): Promise<{ watermarkFrom: number; since: number; loaded: ReadonlySet<string> | undefined }> {
  const rows = await queryRows<{ watermark_to: number; started_at: number; tables: string[] }>(
    warehouse,
    `SELECT watermark_to, toUnixTimestamp64Milli(started_at) AS started_at, mapKeys(rows) AS tables
     FROM ${ETL_RUNS} FINAL WHERE status = 'succeeded' ORDER BY finished_at DESC, run_id DESC LIMIT 1`,
  );
  if (rows.length === 0) return { watermarkFrom: 0, since: -overlapMs, loaded: undefined };
  const watermarkFrom = Number(rows[0].watermark_to);
  return { watermarkFrom, since: Math.min(watermarkFrom, Number(rows[0].started_at) - overlapMs), loaded: new Set(rows[0].tables) };
}

/** Every state of every run, newest first: the run log as kept. */
export async function runHistory(warehouse: Warehouse): Promise<EtlRunState[]> {
  const rows = await queryRows<{
    run_id: string; mode: 'pull' | 'stream'; status: EtlRunStatus; started_at: number; finished_at: number | null;
    watermark_from: number; watermark_to: number; rows: Record<string, number>; error: string | null;
  }>(
    warehouse,
    `SELECT run_id, mode, status, toUnixTimestamp64Milli(started_at) AS started_at,
            if(isNull(finished_at), NULL, toUnixTimestamp64Milli(assumeNotNull(finished_at))) AS finished_at,
            watermark_from, watermark_to, rows, error
     FROM ${ETL_RUNS} FINAL ORDER BY started_at DESC, run_id DESC`,
  );
  return rows.map((row) => ({
    runId: row.run_id, mode: row.mode, status: row.status, startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at), watermarkFrom: Number(row.watermark_from),
    watermarkTo: Number(row.watermark_to), rows: Object.fromEntries(Object.entries(row.rows).map(([name, count]) => [name, Number(count)])), error: row.error,
  }));
}

/**
 * Marks as abandoned, with the time and the reason, every run the log still shows running. Called by
 * the run that holds the ETL lock, after the warehouse is migrated: one run at a time holds that lock,
 * so any other run still `running` has died (killed, or its machine gone) and will never finish.
 * Returns the runs marked.
 */
export async function abandonUnfinishedRuns(
  warehouse: Warehouse, takenOverBy: string, tookOverFrom: LockHolder | undefined, now: number = Date.now(),
): Promise<EtlRunState[]> {
  const unfinished = (await runHistory(warehouse)).filter((run) => run.status === 'running' && run.runId !== takenOverBy);
  const at = new Date(now).toISOString();
  const abandoned: EtlRunState[] = [];
  for (const run of unfinished) {
    const reason = tookOverFrom?.runId === run.runId
      ? `abandoned: its process (pid ${tookOverFrom.pid} on host ${tookOverFrom.host}) stopped before the run finished; run ${takenOverBy} took over the ETL lock at ${at}`
      : `abandoned: it stopped before finishing and no longer held the ETL lock; found unfinished by run ${takenOverBy} at ${at}`;
    const state: EtlRunState = { ...run, status: 'abandoned', finishedAt: now, error: reason };
    await recordRunState(warehouse, state);
    abandoned.push(state);
  }
  return abandoned;
}
