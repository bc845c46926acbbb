/**
 * The warehouse statements of one table's load, for one server or a cluster. A run never changes
 * what queries see until it publishes: it writes new row versions tagged with its run number and
 * supersession records for the versions they replace or that are gone from the source, all invisible
 * through the table's view (warehouse/migrate.ts) until the run's number is published. The
 * statements take the run as the parameter `run`.
 *
 * On a cluster, DELETEs go to the Replicated `<name>_store_local` tables `ON CLUSTER` and row
 * inserts to the Distributed store; the stage, source-keys and supersession tables are replicated
 * whole to every node, so each node's DELETE finds the keys in its own copy.
 */
import type { DdlTarget } from '../../warehouse/migrate';
import { rowsAsOf, storageTableName } from '../../warehouse/migrate';
import { RUN_COLUMN, SOURCE_KEYS, stageTableName, storeTableName, supersededTableName } from '../../warehouse/schema';
import { TableLoad, keyExpression } from './tables';

export interface LoadStatements {
  truncateStage: string;
  /** Pull: fills the stage from the platform table function; parameters `since`, `run` and the source's. */
  fillStageByPull(tableFunction: string): string;
  /** Pull, tables that copy a parent's attributes: the unchanged rows whose parent was staged this run. */
  fillStageByPullFromParents?: (tableFunction: string) => string;
  /** How many parent rows this run staged. */
  countParentStage?: string;
  /** The stage's size and newest `updated_at`. */
  stageSummary: string;
  /** Supersession records for the published versions that a changed staged row replaces. */
  supersedeReplaced: string;
  /** The changed staged rows as versions of this run. */
  insertStage: string;
  truncateSourceKeys: string;
  /** Pull: every key of the platform table; parameters `table_name` and the source's. */
  fillSourceKeysByPull(tableFunction: string): string;
  /** Rows of the table as of this run. */
  countRows: string;
  /** Rows as of this run whose key is gone from the source; parameter `table_name`. */
  countDeleted: string;
  supersedeDeleted: string;
  /**
   * On a cluster, before the publish: waits until every replica holds this run's versions and
   * supersession records, so that no node can see the published run without them.
   */
  replicasCaughtUp: string[];
}

/** The cleanup a run does before its own work; parameter `published`, the last published run. */
export interface CleanupStatements {
  /** What a run that never published left: versions and records of runs after `published`. */
  countUnpublished: string;
  deleteUnpublishedVersions: string;
  deleteUnpublishedRecords: string;
  /** Versions superseded by a published run. */
  countSupersededVersions: string;
  deleteSupersededVersions: string;
  /**
   * Records whose versions the previous cleanup already deleted. A record outlives its version by one
   * run, so that a query that read the store before that cleanup still finds the record hiding it.
   */
  countSpentRecords: string;
  deleteSpentRecords: string;
}


/** Lightweight DELETE returns once the rows are gone, on every replica. */
export const DELETE_SETTINGS = { lightweight_deletes_sync: '2' } as const;

export function insertSettingsClause(target: DdlTarget): string {
  // A Distributed insert is asynchronous unless told otherwise; the run must not claim success before the rows are in.
  return target.cluster ? ' SETTINGS insert_deduplicate = 0, distributed_foreground_insert = 1' : ' SETTINGS insert_deduplicate = 0';
}

/** One 128-bit hash of a row's columns: the tuple keeps NULL apart from 0 and from ''. */
export function rowHashSql(columns: ReadonlyArray<readonly [string, string]>): string {
  return `sipHash128(tuple(${columns.map(([name]) => name).join(', ')}))`;
}

/** The rows of a table as this run leaves them, as a subquery: for the ETL's own reads and the pull path's parent joins. */
export function rowsOfThisRun(load: TableLoad, target: DdlTarget, columns?: string[]): string {
  return `(${rowsAsOf(load.table, '{run:UInt64}', target, columns)})`;
}

export function loadStatements(load: TableLoad, target: DdlTarget): LoadStatements {
  const { table } = load;
  const stage = stageTableName(table);
  const superseded = supersededTableName(table);
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const insertSettings = insertSettingsClause(target);
  const keys = table.key.join(', ');
  const keyTuple = `(${keys})`;
  const current = rowsOfThisRun(load, target, [...table.key, RUN_COLUMN]);
  const selectList = table.columns.map(([name]) => `${load.columns[name].pull} AS ${name}`).join(', ');
  const fillStage = (tableFunction: string, where: string): string =>
    `INSERT INTO ${stage} SELECT ${selectList} FROM ${tableFunction} AS s ${load.pullJoin?.(target) ?? ''} WHERE ${where}${insertSettings}`;
  const parent = load.changedParent;
  const goneFromSource = `${keyExpression(table.key)} NOT IN (SELECT key FROM ${SOURCE_KEYS} WHERE table_name = {table_name:String})`;
  // A staged row equal, column for column, to the published row of its key is no change (unchanged.ts): it
  // neither supersedes nor becomes a version, so the rows read again within the overlap leave no trace and
  // only the enterprises whose rows really changed have their judged facts derived again.
  const changedInStage = `(SELECT * FROM ${stage} WHERE ${rowHashSql(table.columns)} NOT IN ` +
    `(SELECT ${rowHashSql(table.columns)} FROM ${table.name} WHERE ${keyTuple} IN (SELECT ${keys} FROM ${stage})))`;
  const supersede = (where: string) =>
    `INSERT INTO ${superseded} (${keys}, superseded_run, by_run) SELECT ${keys}, ${RUN_COLUMN}, {run:UInt64} FROM ${current} AS current WHERE ${where}${insertSettings}`;
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
    supersedeReplaced: supersede(`${keyTuple} IN (SELECT ${keys} FROM ${changedInStage})`),
    insertStage: `INSERT INTO ${storeTableName(table)} SELECT *, {run:UInt64} FROM ${changedInStage}${insertSettings}`,
    truncateSourceKeys: `TRUNCATE TABLE ${SOURCE_KEYS}${onCluster}`,
    fillSourceKeysByPull: (tableFunction) =>
      `INSERT INTO ${SOURCE_KEYS} SELECT {table_name:String}, ${keyExpression(load.sourceKey)} FROM ${tableFunction}${insertSettings}`,
    countRows: `SELECT count() AS rows FROM ${current} AS current`,
    countDeleted: `SELECT count() AS rows FROM ${current} AS current WHERE ${goneFromSource}`,
    supersedeDeleted: supersede(goneFromSource),
    replicasCaughtUp: target.cluster
      ? [storageTableName(table, target), superseded].map((name) => `SYSTEM SYNC REPLICA ON CLUSTER ${target.cluster} ${name}`)
      : [],
  };
}

/** For a data table's load or a judged-facts table alike: cleanup needs only the table. */
export function cleanupStatements(load: Pick<TableLoad, 'table'>, target: DdlTarget): CleanupStatements {
  const { table } = load;
  const storage = storageTableName(table, target);
  const superseded = supersededTableName(table);
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const keys = table.key.join(', ');
  const supersededVersion = `(${keys}, ${RUN_COLUMN}) IN (SELECT ${keys}, superseded_run FROM ${superseded} WHERE by_run <= {published:UInt64})`;
  return {
    countUnpublished:
      `SELECT (SELECT count() FROM ${storeTableName(table)} WHERE ${RUN_COLUMN} > {published:UInt64}) + ` +
      `(SELECT count() FROM ${superseded} WHERE by_run > {published:UInt64}) AS rows`,
    deleteUnpublishedVersions: `DELETE FROM ${storage}${onCluster} WHERE ${RUN_COLUMN} > {published:UInt64}`,
    deleteUnpublishedRecords: `DELETE FROM ${superseded}${onCluster} WHERE by_run > {published:UInt64}`,
    countSupersededVersions: `SELECT count() AS rows FROM ${storeTableName(table)} WHERE ${supersededVersion}`,
    deleteSupersededVersions: `DELETE FROM ${storage}${onCluster} WHERE ${supersededVersion}`,
    countSpentRecords: `SELECT count() AS rows FROM ${superseded} WHERE by_run < {published:UInt64}`,
    deleteSpentRecords: `DELETE FROM ${superseded}${onCluster} WHERE by_run < {published:UInt64}`,
  };
}

/** Every statement of a load and its cleanup, for checking that ClickHouse parses them. */
export function allLoadStatements(load: TableLoad, target: DdlTarget, tableFunction: string): string[] {
  const statements = loadStatements(load, target);
  return [
    statements.truncateStage, statements.fillStageByPull(tableFunction),
    ...(statements.fillStageByPullFromParents ? [statements.fillStageByPullFromParents(tableFunction)] : []),
    ...(statements.countParentStage ? [statements.countParentStage] : []),
    statements.stageSummary, statements.supersedeReplaced, statements.insertStage, statements.truncateSourceKeys,
    statements.fillSourceKeysByPull(tableFunction), statements.countRows, statements.countDeleted, statements.supersedeDeleted,
    ...statements.replicasCaughtUp, ...Object.values(cleanupStatements(load, target)),
  ];
}
