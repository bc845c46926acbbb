/**
 * How many staged rows are changes. Each run reads again the rows stamped within ETL_OVERLAP_MS
 * before the previous run's read point, for a write stamped before that point but committed after it
 * (an import stamps a whole file before its last batch commits). A row read again that equals, column
 * for column, the stored row is no change: a table whose stage holds only such rows is not loaded,
 * and a run with nothing changed loads nothing.
 */
import type { Warehouse } from '../../warehouse/client';
import { queryRows } from '../../warehouse/client';
import { stageTableName } from '../../warehouse/schema';
import { rowHashSql } from './statements';
import type { TableLoad } from './tables';

export async function changedStagedRows(warehouse: Warehouse, load: TableLoad): Promise<number> {
  const { table } = load;
  const stage = stageTableName(table);
  const key = table.key.join(', ');
  // One hash per row keeps the set small.
  const rowHash = rowHashSql(table.columns);
  const [row] = await queryRows<{ rows: number }>(
    warehouse,
    `SELECT count() AS rows FROM ${stage}
     WHERE ${rowHash} NOT IN (SELECT ${rowHash} FROM ${table.name} WHERE (${key}) IN (SELECT ${key} FROM ${stage}))`,
  );
  return Number(row.rows);
}
