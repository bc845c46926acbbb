/**
 * The staged rows that are changes. Each run reads again the rows stamped within ETL_OVERLAP_MS
 * before the previous run's read point, for a write stamped before that point but committed after it
 * (an import stamps a whole file before its last batch commits). A row read again that equals, column
 * for column, the stored row is no change: it is dropped from the stage, a table whose stage is left
 * empty is not loaded, and a run with nothing changed loads nothing.
 */
import type { Warehouse } from '../../warehouse/client';
import { queryRows } from '../../warehouse/client';
import { DELETE_SETTINGS, type LoadStatements } from './statements';

/** Drops the unchanged rows from the stage; returns how many rows are left in it. */
export async function keepChangedStagedRows(warehouse: Warehouse, statements: LoadStatements): Promise<number> {
  await warehouse.command({ query: statements.dropUnchangedFromStage, clickhouse_settings: DELETE_SETTINGS });
  const [row] = await queryRows<{ rows: number }>(warehouse, statements.countStage);
  return Number(row.rows);
}
