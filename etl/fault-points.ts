/**
 * Named points of an ETL run where a test can stop it and kill it (test/etl/etl-faults.test.ts):
 * `npm run etl -- --fault-point <name>[@<table>]` prints `fault point <name> reached` there and waits
 * to be killed. Nothing stops at a point unless that flag names it.
 */
import { MIGRATION_FAULT_POINTS } from '../warehouse/migrate';

export const FAULT_POINTS = [
  // The warehouse migration to versioned row storage (warehouse/migrate.ts, version 2).
  ...MIGRATION_FAULT_POINTS,
  'run:locked',
  'run:migrated',
  // Cleanup at the start of a run: what a killed run left unpublished, then what the last runs superseded.
  'cleanup:unpublished-removed',
  'cleanup:superseded-versions-removed',
  'cleanup:supersession-records-removed',
  // The run log: `-issued` sends the insert and stops without waiting for its answer.
  'runlog:running-issued',
  'runlog:running-written',
  // Per table (name the table with `@<table>`).
  'table:stage-cleared',
  'table:batch-written',
  'table:staged',
  'table:replaced-versions-superseded',
  'table:new-versions-written',
  'table:source-keys-listed',
  'table:deletions-recorded',
  // The atomic publish: one insert into etl_published_runs.
  'publish:before',
  'publish:issued',
  'publish:done',
  'runlog:succeeded-issued',
  'runlog:succeeded-written',
] as const;

export type FaultPoint = (typeof FAULT_POINTS)[number];

/** Called at every fault point; `table` for the per-table ones. */
export type FaultHook = (point: FaultPoint, table?: string) => Promise<void>;

export function isFaultPoint(name: string): name is FaultPoint {
  return (FAULT_POINTS as readonly string[]).includes(name);
}
