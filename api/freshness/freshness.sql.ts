/**
 * The run log as the dashboard sees it: the latest run that failed or was abandoned after the last
 * successful one. Its error text is for operators (it may quote SQL and ClickHouse codes); what reaches
 * users is only the kind of failure and the table the run was loading.
 */
import { DATA_TABLES, ETL_RUNS } from '../../warehouse/schema';
import type { WarehouseReader } from '../common/warehouse';

export interface RunFailure {
  runId: string;
  status: 'failed' | 'abandoned';
  failedAt: number;
  /** The table the run was loading, when the log names one. */
  table: string | null;
}

/** The failed run's log text names its table as EtlRunError writes it; only the warehouse's own table names are taken. */
function tableOfError(error: string | null): string | null {
  const named = /failed while loading (\w+):/.exec(error ?? '')?.[1];
  return DATA_TABLES.some((table) => table.name === named) ? named! : null;
}

/** The latest failed or abandoned run that ended after `after` (epoch ms), or null. */
export async function lastFailureAfter(warehouse: WarehouseReader, after: number): Promise<RunFailure | null> {
  const rows = await warehouse.rows<{ run_id: string; status: 'failed' | 'abandoned'; failed_at: number; error: string | null }>(
    `SELECT run_id, status, toUnixTimestamp64Milli(assumeNotNull(finished_at)) AS failed_at, error
     FROM ${ETL_RUNS} FINAL
     WHERE status IN ('failed', 'abandoned') AND finished_at > fromUnixTimestamp64Milli({after:Int64})
     ORDER BY finished_at DESC, run_id DESC LIMIT 1`,
    { after },
  );
  if (rows.length === 0) return null;
  const [run] = rows;
  return { runId: run.run_id, status: run.status, failedAt: Number(run.failed_at), table: run.status === 'failed' ? tableOfError(run.error) : null };
}
