/**
 * The staged rows that are changes. Each run reads again the rows stamped within ETL_OVERLAP_MS
 * before the previous run's read point, for a write stamped before that point but committed after it
 * (an import stamps a whole file before its last batch commits). A row read again that equals, column
 * for column, the stored row is no change: a table whose stage holds only such rows is not loaded,
 * and a run with nothing changed loads nothing. The keys of the changed ones are listed in
 * SOURCE_KEYS (statements.ts, listChangedKeys), which the run empties before its deletion check.
 */
import type { Warehouse } from '../../warehouse/client';
import { queryRows } from '../../warehouse/client';
import { SOURCE_KEYS } from '../../warehouse/schema';
import type { DdlTarget } from '../../warehouse/migrate';
import type { LoadStatements } from './statements';

/** Lists the changed staged keys under `changedName`; returns how many. */
export async function listChangedStagedRows(
  warehouse: Warehouse, statements: LoadStatements, changedName: string, target: DdlTarget,
): Promise<number> {
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  await warehouse.command({ query: `TRUNCATE TABLE ${SOURCE_KEYS}${onCluster}` });
  const params = { changed_name: changedName };
  await warehouse.command({ query: statements.listChangedKeys, query_params: params });
  const [row] = await queryRows<{ rows: number }>(warehouse, statements.countChanged, params);
  return Number(row.rows);
}
