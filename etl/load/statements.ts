/**
 * The warehouse statements of one table's load, for one server or a cluster. On a cluster, DELETEs
 * go to the Replicated `<name>_local` tables `ON CLUSTER` and INSERTs to the Distributed table; the
 * stage and source-keys tables are replicated whole to every node, so each node's DELETE finds the
 * keys in its own copy.
 */
import type { DdlTarget } from '../warehouse/migrate';
import { storageTableName } from '../warehouse/migrate';
import { SOURCE_KEYS, stageTableName } from '../warehouse/schema';
import { TableLoad, keyExpression } from './tables';

export interface LoadStatements {
  truncateStage: string;
  /** Pull: fills the stage from the platform table function; parameters `since` and the source's. */
  fillStageByPull(tableFunction: string): string;
  /** Pull, tables that copy a parent's attributes: the unchanged rows whose parent was staged this run. */
  fillStageByPullFromParents?: (tableFunction: string) => string;
  /** How many parent rows this run staged. */
  countParentStage?: string;
  /** The stage's size and newest `updated_at`. */
  stageSummary: string;
  /** Rows of the storage table about to be replaced by the stage. */
  countReplaced: string;
  deleteReplaced: string;
  insertStage: string;
  truncateSourceKeys: string;
  /** Pull: every key of the platform table; parameters `table_name` and the source's. */
  fillSourceKeysByPull(tableFunction: string): string;
  /** Rows of the table. */
  countRows: string;
  /** Rows of the storage table whose key is gone from the source; parameter `table_name`. */
  countDeleted: string;
  deleteDeleted: string;
}

/**
 * Block deduplication would make a Replicated table drop a block identical to one it already took,
 * which is exactly what re-running a load after a crash sends: every insert opts out of it.
 */
export const INSERT_SETTINGS = { insert_deduplicate: 0 } as const;

export function loadStatements(load: TableLoad, target: DdlTarget): LoadStatements {
  const { table } = load;
  const stage = stageTableName(table);
  const storage = storageTableName(table, target);
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  // A Distributed insert is asynchronous unless told otherwise; the run must not claim success before the rows are in.
  const insertSettings = target.cluster ? ' SETTINGS insert_deduplicate = 0, distributed_foreground_insert = 1' : ' SETTINGS insert_deduplicate = 0';
  const keyTuple = `(${table.key.join(', ')})`;
  const selectList = table.columns.map(([name]) => `${load.columns[name].pull} AS ${name}`).join(', ');
  const fillStage = (tableFunction: string, where: string): string =>
    `INSERT INTO ${stage} SELECT ${selectList} FROM ${tableFunction} AS s ${load.pullJoin ?? ''} WHERE ${where}${insertSettings}`;
  const parent = load.changedParent;
  const goneFromSource = `${keyExpression(table.key)} NOT IN (SELECT key FROM ${SOURCE_KEYS} WHERE table_name = {table_name:String})`;
  return {
    truncateStage: `TRUNCATE TABLE ${stage}${onCluster}`,
    fillStageByPull: (tableFunction) => fillStage(tableFunction, 's.updated_at > {since:Int64}'),
    // Apart from the first, so that ClickHouse hands `updated_at > …` to the platform database (an index
    // there) instead of reading the whole table whenever nothing upstream changed.
    fillStageByPullFromParents: parent && ((tableFunction) => fillStage(
      tableFunction, `s.${parent.column} IN (SELECT ${parent.key} FROM ${parent.stage}) AND s.updated_at <= {since:Int64}`,
    )),
    countParentStage: parent && `SELECT count() AS rows FROM ${parent.stage}`,
    stageSummary: `SELECT count() AS rows, max(updated_at) AS newest FROM ${stage}`,
    countReplaced: `SELECT count() AS rows FROM ${table.name} WHERE ${keyTuple} IN (SELECT ${table.key.join(', ')} FROM ${stage})`,
    deleteReplaced: `DELETE FROM ${storage}${onCluster} WHERE ${keyTuple} IN (SELECT ${table.key.join(', ')} FROM ${stage})`,
    insertStage: `INSERT INTO ${table.name} SELECT * FROM ${stage}${insertSettings}`,
    truncateSourceKeys: `TRUNCATE TABLE ${SOURCE_KEYS}${onCluster}`,
    fillSourceKeysByPull: (tableFunction) =>
      `INSERT INTO ${SOURCE_KEYS} SELECT {table_name:String}, ${keyExpression(load.sourceKey)} FROM ${tableFunction}${insertSettings}`,
    countRows: `SELECT count() AS rows FROM ${table.name}`,
    countDeleted: `SELECT count() AS rows FROM ${table.name} WHERE ${goneFromSource}`,
    deleteDeleted: `DELETE FROM ${storage}${onCluster} WHERE ${goneFromSource}`,
  };
}

/** Every statement of a load, for checking that ClickHouse parses them. */
export function allLoadStatements(load: TableLoad, target: DdlTarget, tableFunction: string): string[] {
  const statements = loadStatements(load, target);
  return [
    statements.truncateStage, statements.fillStageByPull(tableFunction),
    ...(statements.fillStageByPullFromParents ? [statements.fillStageByPullFromParents(tableFunction)] : []),
    ...(statements.countParentStage ? [statements.countParentStage] : []),
    statements.stageSummary, statements.countReplaced,
    statements.deleteReplaced, statements.insertStage, statements.truncateSourceKeys, statements.fillSourceKeysByPull(tableFunction),
    statements.countRows, statements.countDeleted, statements.deleteDeleted,
  ];
}
