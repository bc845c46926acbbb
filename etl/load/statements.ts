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
import { PUBLISHED_RUN, rowsAsOf, storageTableName } from '../../warehouse/migrate';
import { RUN_COLUMN, SOURCE_KEYS, VERSION_ID_COLUMN, stageTableName, storeTableName, supersededTableName } from '../../warehouse/schema';
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
  /**
   * Lists, in SOURCE_KEYS under `changed:<table>` (CHANGED_KEYS), the keys of the staged rows that
   * differ from the published row of their key: the rows read again within the overlap that equal it
   * are no change (unchanged.ts). Parameter `changed_name`.
   */
  listChangedKeys: string;
  /** How many staged rows are changes. */
  countChanged: string;
  /** Supersession records for the published versions of the changed staged keys. */
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

/**
 * The cleanup a run does before its own work; parameter `published`, the last published run. The
 * superseded versions of a table are removed only once its supersession records outnumber a share
 * of its store (CLEANUP_SHARE): a lightweight DELETE visits every part of the store, minutes at
 * national scale, while the views hide superseded versions whether they are removed or not. Each
 * removal leaves a mark, a record with `superseded_run` 0 (no version has run 0, so it hides
 * nothing) and `by_run` the run up to which the versions are gone; the records up to the mark are
 * then spent, and a later run removes them (parameter `spent`, the mark).
 */
export interface CleanupStatements {
  /** What a run that never published left: versions and records of runs after `published`. */
  countUnpublished: string;
  deleteUnpublishedVersions: string;
  deleteUnpublishedRecords: string;
  /** The last mark (0 before any) as `run`, the records after it as `records` and the store's rows as `rows`. */
  cleanupState: string;
  /** Versions superseded by a published run. */
  countSupersededVersions: string;
  deleteSupersededVersions: string;
  /** The mark of a removal of the versions superseded up to `published`. */
  markCleaned: string;
  /**
   * Records whose versions an earlier cleanup removed (up to its mark `spent`), and marks before it.
   * A record outlives its version by at least one published run, so that a query that read the store
   * before that cleanup still finds the record hiding it.
   */
  countSpentRecords: string;
  deleteSpentRecords: string;
}

/** Superseded versions are removed once a table's supersession records exceed this share of its store's rows. */
export const CLEANUP_SHARE = 0.05;

/** Where SOURCE_KEYS lists the changed staged keys of a table (a name no platform table has). */
export function changedKeysName(table: { name: string }): string {
  return `changed:${table.name}`;
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
  // only the enterprises whose rows really changed have their judged facts derived again. The published rows
  // are read once, from the store narrowed to the staged keys (not through the view): the changed keys are
  // listed, and the statements after read that short list.
  const stagedKeys = `${keyTuple} IN (SELECT ${keys} FROM ${stage})`;
  const publishedOfStaged = rowsAsOf(table, PUBLISHED_RUN, target, [rowHashSql(table.columns)], stagedKeys);
  const changedKeys = `${keyExpression(table.key)} IN (SELECT key FROM ${SOURCE_KEYS} WHERE table_name = {changed_name:String})`;
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
    listChangedKeys:
      `INSERT INTO ${SOURCE_KEYS} SELECT {changed_name:String}, ${keyExpression(table.key)} FROM ${stage} ` +
      `WHERE ${rowHashSql(table.columns)} NOT IN (${publishedOfStaged})${insertSettings}`,
    countChanged: `SELECT count() AS rows FROM ${SOURCE_KEYS} WHERE table_name = {changed_name:String}`,
    supersedeReplaced:
      `INSERT INTO ${superseded} (${keys}, superseded_run, by_run) SELECT ${keys}, ${RUN_COLUMN}, {run:UInt64} ` +
      `FROM (${rowsAsOf(table, '{run:UInt64}', target, [...table.key, RUN_COLUMN], `${stagedKeys} AND ${changedKeys}`)})${insertSettings}`,
    insertStage: `INSERT INTO ${storeTableName(table)} SELECT *, {run:UInt64} FROM ${stage} WHERE ${changedKeys}${insertSettings}`,
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
  const supersededVersion = `${VERSION_ID_COLUMN} IN (SELECT ${VERSION_ID_COLUMN} FROM ${superseded} WHERE by_run <= {published:UInt64})`;
  const live = 'superseded_run != 0';
  return {
    countUnpublished:
      `SELECT (SELECT count() FROM ${storeTableName(table)} WHERE ${RUN_COLUMN} > {published:UInt64}) + ` +
      `(SELECT count() FROM ${superseded} WHERE by_run > {published:UInt64}) AS rows`,
    deleteUnpublishedVersions: `DELETE FROM ${storage}${onCluster} WHERE ${RUN_COLUMN} > {published:UInt64}`,
    deleteUnpublishedRecords: `DELETE FROM ${superseded}${onCluster} WHERE by_run > {published:UInt64}`,
    cleanupState:
      `SELECT mark AS run, (SELECT count() FROM ${superseded} WHERE ${live} AND by_run > mark) AS records, ` +
      `(SELECT count() FROM ${storeTableName(table)}) AS rows FROM (SELECT max(by_run) AS mark FROM ${superseded} WHERE NOT ${live})`,
    countSupersededVersions: `SELECT count() AS rows FROM ${storeTableName(table)} WHERE ${supersededVersion}`,
    deleteSupersededVersions: `DELETE FROM ${storage}${onCluster} WHERE ${supersededVersion}`,
    markCleaned: `INSERT INTO ${superseded} (superseded_run, by_run) SELECT 0, {published:UInt64}${insertSettingsClause(target)}`,
    countSpentRecords: `SELECT count() AS rows FROM ${superseded} WHERE by_run <= {spent:UInt64} AND (${live} OR by_run < {spent:UInt64})`,
    deleteSpentRecords: `DELETE FROM ${superseded}${onCluster} WHERE by_run <= {spent:UInt64} AND (${live} OR by_run < {spent:UInt64})`,
  };
}

/** Every statement of a load and its cleanup, for checking that ClickHouse parses them. */
export function allLoadStatements(load: TableLoad, target: DdlTarget, tableFunction: string): string[] {
  const statements = loadStatements(load, target);
  return [
    statements.truncateStage, statements.fillStageByPull(tableFunction),
    ...(statements.fillStageByPullFromParents ? [statements.fillStageByPullFromParents(tableFunction)] : []),
    ...(statements.countParentStage ? [statements.countParentStage] : []),
    statements.stageSummary, statements.listChangedKeys, statements.countChanged, statements.supersedeReplaced, statements.insertStage, statements.truncateSourceKeys,
    statements.fillSourceKeysByPull(tableFunction), statements.countRows, statements.countDeleted, statements.supersedeDeleted,
    ...statements.replicasCaughtUp, ...Object.values(cleanupStatements(load, target)),
  ];
}
