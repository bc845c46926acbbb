/**
 * One ETL run: the platform database's changes since the last successful run, into the warehouse.
 *
 * A run is numbered one past the last published run. Per table, in load order: the changed rows go
 * to the table's stage in final warehouse shape; the versions they replace get supersession records
 * and the stage becomes new versions of this run; then the rows whose keys are gone from the source
 * get supersession records too. None of it is visible until the run publishes (one insert into
 * etl_published_runs, see warehouse/migrate.ts), so a query sees the warehouse as the last run
 * left it or as this one does, never in between. The next run first removes what an unpublished run
 * left and the versions the published runs superseded.
 *
 * The watermark moves only when the run publishes, so a run that stops anywhere is redone by the
 * next one from the same watermark; a run killed after its publish but before its log entry is
 * redone too, replacing its own versions with equal ones.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config, PlatformDbConfig } from '../../config/config';
import { openPlatformDb } from '../../platform/data-source';
import { INSERT_SETTINGS, isEmbedded, openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import type { FaultHook } from '../fault-points';
import { migrateWarehouse, type DdlTarget } from '../../warehouse/migrate';
import { PUBLISHED_RUNS, SOURCE_KEYS, stageTableName } from '../../warehouse/schema';
import { acquireEtlLock, type LockHolder } from './lock';
import { createProgress } from './progress';
import { DELETED_PREFIX, abandonUnfinishedRuns, recordRunState, resumePoint, type EtlRunState } from '../../warehouse/run-log';
import { livePullSource, openPullSource, type PullSource } from './snapshot';
import { changedRowPages, pullSource, sourceKeyPages } from './source';
import { openSqliteRead, type SqliteRead } from './sqlite-read';
import { CLEANUP_SHARE, DELETE_SETTINGS, changedKeysName, cleanupStatements, loadStatements } from './statements';
import { TABLE_LOADS, TableLoad, toWarehouseRow } from './tables';
import { listChangedStagedRows } from './unchanged';
import { deriveJudgedFacts, derivedReplicasCaughtUp } from './derive';
import { DERIVED_TABLES } from '../../warehouse/schema';

export { EtlLockedError } from './lock';

export type EtlPath = 'pull' | 'stream';

export interface EtlRunOptions {
  /** Overrides ETL_MODE; without either, pull when the warehouse can reach the platform database. */
  mode?: EtlPath;
  /** Open handles to use and leave open (the API server and tests share one chDB session per process). */
  platform?: DataSource;
  warehouse?: Warehouse;
  log?: (line: string) => void;
  /** Draw a progress bar on stdout (for a terminal) instead of logging each step. */
  progress?: boolean;
  /** Called at each named fault point (etl/fault-points.ts): the fault tests stop the run there to kill it. */
  atFaultPoint?: FaultHook;
}

export interface EtlRunSummary {
  runId: string;
  mode: EtlPath;
  status: 'succeeded';
  rowsByTable: Record<string, number>;
  deletedByTable: Record<string, number>;
  /** Rows of each judged-facts table derived again (etl/load/derive.ts). */
  derivedByTable: Record<string, number>;
  /** Of durationMs, the milliseconds spent deriving the judged facts. */
  deriveMs: number;
  watermarkFrom: number;
  watermarkTo: number;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
}

export class EtlRunError extends Error {
  constructor(readonly runId: string, readonly table: string | undefined, cause: unknown) {
    const where = table ? ` while loading ${table}` : '';
    const code = (cause as { code?: unknown }).code;
    const clickhouseCode = typeof code === 'string' && /^\d+$/.test(code) ? ` (ClickHouse code ${code})` : '';
    super(`ETL run ${runId} failed${where}: ${cause instanceof Error ? cause.message : String(cause)}${clickhouseCode}`, { cause });
    this.name = 'EtlRunError';
  }
}

/** What a run did, for a terminal: rows loaded and deleted per table, the watermark, rows/s and time. */
export function formatRunSummary(summary: EtlRunSummary): string {
  const loaded = Object.values(summary.rowsByTable).reduce((sum, rows) => sum + rows, 0);
  const seconds = summary.durationMs / 1000;
  const watermark = summary.watermarkTo === 0 ? 'none (no rows yet)' : `${summary.watermarkTo} (${new Date(summary.watermarkTo).toISOString()})`;
  return [
    `ETL ${summary.mode} run ${summary.runId} ${summary.status}`,
    `${'table'.padEnd(16)}${'loaded'.padStart(12)}${'deleted'.padStart(10)}`,
    ...Object.entries(summary.rowsByTable).map(
      ([table, rows]) => `${table.padEnd(16)}${rows.toLocaleString('en').padStart(12)}${(summary.deletedByTable[table] ?? 0).toLocaleString('en').padStart(10)}`,
    ),
    `watermark: ${watermark}`,
    `${loaded.toLocaleString('en')} rows in ${seconds.toFixed(2)} s (${Math.round(loaded / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`,
  ].join('\n');
}

export async function runEtl(config: Config, options: EtlRunOptions = {}): Promise<EtlRunSummary> {
  const log = options.log ?? (() => undefined);
  const runId = randomUUID();
  const platform = options.platform ?? (await openSource(config.platform));
  try {
    // The platform lock first: embedded chDB also locks its directory, but with a far less helpful message.
    const lock = await acquireEtlLock(platform, runId);
    if (lock.tookOverFrom) {
      log(`took over a stale ETL lock left by pid ${lock.tookOverFrom.pid} on host ${lock.tookOverFrom.host}`);
    }
    try {
      await options.atFaultPoint?.('run:locked');
      const warehouse = options.warehouse ?? (await openOwnWarehouse(config));
      try {
        return await loadEverything(config, runId, platform, warehouse, lock.tookOverFrom, options, log).catch((cause: unknown) => {
          throw cause instanceof EtlRunError ? cause : new EtlRunError(runId, undefined, cause);
        });
      } finally {
        if (!options.warehouse) await warehouse.close();
      }
    } finally {
      await lock.release();
    }
  } finally {
    if (!options.platform) await platform.destroy();
  }
}

/** Where the platform database is, for an error message: a server URL without its password. */
function describeSource(platform: PlatformDbConfig): string {
  if (platform.dialect === 'sqlite') return `the SQLite file ${platform.location}`;
  const url = new URL(platform.location);
  url.password = '';
  return `${platform.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB'} at ${url.toString()}`;
}

async function openSource(platform: PlatformDbConfig): Promise<DataSource> {
  try {
    return await openPlatformDb(platform);
  } catch (cause) {
    throw new Error(`cannot reach the platform database (${describeSource(platform)}), nothing was loaded: ${(cause as Error).message}`, { cause });
  }
}

async function openOwnWarehouse(config: Config): Promise<Warehouse> {
  try {
    return await openWarehouse(config.warehouse);
  } catch (cause) {
    // Embedded chDB admits one process per directory: most often the server holds it, and runs the ETL itself on a schedule.
    const hint = isEmbedded(config.warehouse)
      ? ` at ${config.warehouse.embeddedPath} (if the server is running, it holds this directory and runs the ETL itself every ETL_INTERVAL_SECONDS)`
      : ` at ${config.warehouse.url}`;
    throw new Error(`cannot open the warehouse${hint}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Above this many changed rows (own `updated_at` past the watermark) an automatic run on SQLite pulls
 * through a snapshot instead of streaming: the pull moves a whole table at several times the rows/s of
 * the stream (BENCHMARKS.md), while the stream saves the snapshot copy (6–20 s at national scale) and
 * reads few rows through the `updated_at` indexes.
 */
export const STREAM_AT_MOST_ROWS = 1_000_000;

/** What the run reads: the path, its read point and, for SQLite, the source it reads. */
interface RunSource {
  mode: EtlPath;
  /** Pull: what the warehouse reads (a snapshot for SQLite, the live database otherwise). */
  pull: PullSource;
  /** Stream from SQLite: the run's read transaction. */
  sqlite?: SqliteRead;
  release(): void;
}

/**
 * Chooses the path and opens what it reads. Without a mode given, a run on SQLite whose tables were
 * all loaded before streams from one read transaction when few rows changed (an incremental run: no
 * snapshot copy, no scan of any whole table); otherwise the run pulls when the warehouse can reach
 * the platform database.
 */
async function openRunSource(
  config: Config, runId: string, warehouse: Warehouse, incrementalSince: number | undefined, options: EtlRunOptions, log: (line: string) => void,
): Promise<RunSource> {
  const sqlite = config.platform.dialect === 'sqlite';
  const streamFrom = (read: SqliteRead | undefined): RunSource => ({
    mode: 'stream', pull: livePullSource(config), sqlite: read, release: () => read?.release(),
  });
  const given = options.mode ?? (config.etl.mode === 'auto' ? undefined : config.etl.mode);
  if (given === 'stream') return streamFrom(sqlite ? openSqliteRead(config.platform.location) : undefined);
  if (given === undefined && sqlite && incrementalSince !== undefined) {
    const read = openSqliteRead(config.platform.location);
    const changed = read.countChangedSince(TABLE_LOADS.map((load) => load.sourceTable), incrementalSince);
    if (changed <= STREAM_AT_MOST_ROWS) return streamFrom(read);
    read.release();
  }
  const pull = await openPullSource(config, runId, TABLE_LOADS.map((load) => load.sourceTable));
  const pulling: RunSource = { mode: 'pull', pull, release: () => pull.release() };
  if (given === 'pull') return pulling;
  const probe = pullSource(pull.seenByWarehouse, 'regions');
  try {
    await queryRows(warehouse, `SELECT 1 FROM ${probe.tableFunction} LIMIT 1`, probe.params);
    return pulling;
  } catch (error) {
    pull.release();
    log(`the warehouse cannot read the platform database itself (${(error as Error).message.split('\n')[0]}); streaming instead`);
    return streamFrom(sqlite ? openSqliteRead(config.platform.location) : undefined);
  }
}

async function loadEverything(
  config: Config, runId: string, platform: DataSource, warehouse: Warehouse, tookOverFrom: LockHolder | undefined,
  options: EtlRunOptions, log: (line: string) => void,
): Promise<EtlRunSummary> {
  const began = Date.now();
  const target: DdlTarget = { database: config.warehouse.database, cluster: config.warehouse.cluster };
  const atFaultPoint: FaultHook = options.atFaultPoint ?? (async () => undefined);
  await migrateWarehouse(warehouse, target, { atFaultPoint });
  await atFaultPoint('run:migrated');
  for (const abandoned of await abandonUnfinishedRuns(warehouse, runId, tookOverFrom)) log(`run ${abandoned.runId} ${abandoned.error}`);
  const published = await publishedRun(warehouse);
  await cleanUp(warehouse, target, published, atFaultPoint);
  const run = published + 1;
  const { watermarkFrom, since, loaded: loadedBefore } = await resumePoint(warehouse, config.etl.overlapMs);
  // Stamps are epoch milliseconds: every row is after -1.
  const sinceFor = (load: TableLoad): number => (loadedBefore === undefined || loadedBefore.has(load.table.name) ? since : -1);
  const incremental = loadedBefore !== undefined && TABLE_LOADS.every((load) => loadedBefore.has(load.table.name));
  const source = await openRunSource(config, runId, warehouse, incremental ? since : undefined, options, log);
  try {
    return await loadFromSource(config, runId, platform, warehouse, source, { began, target, run, watermarkFrom, sinceFor, atFaultPoint }, options, log);
  } finally {
    source.release();
  }
}

interface RunPlan {
  /** When the run's own work began (migration and cleanup included), for its duration. */
  began: number;
  target: DdlTarget;
  run: number;
  watermarkFrom: number;
  sinceFor: (load: TableLoad) => number;
  atFaultPoint: FaultHook;
}

async function loadFromSource(
  config: Config, runId: string, platform: DataSource, warehouse: Warehouse, source: RunSource, plan: RunPlan,
  options: EtlRunOptions, log: (line: string) => void,
): Promise<EtlRunSummary> {
  const { began, target, run, watermarkFrom, sinceFor, atFaultPoint } = plan;
  const { mode } = source;
  // The run's read point: when its snapshot or read transaction was begun, or now when it reads a live server database.
  const startedAt = source.sqlite?.readAt ?? source.pull.readAt ?? Date.now();
  const state: EtlRunState = {
    runId, mode, status: 'running', startedAt, finishedAt: null, watermarkFrom, watermarkTo: watermarkFrom, rows: {}, error: null,
  };
  const runningLogged = recordRunState(warehouse, state);
  await atFaultPoint('runlog:running-issued');
  await runningLogged;
  await atFaultPoint('runlog:running-written');
  const progress = createProgress({ bar: options.progress === true, log });
  progress.line(`ETL run ${runId} (${mode}, run ${run}) from watermark ${watermarkFrom} (${watermarkFrom === 0 ? 'first load' : new Date(watermarkFrom).toISOString()})`);

  const rowsByTable: Record<string, number> = {};
  const deletedByTable: Record<string, number> = {};
  let watermarkTo = watermarkFrom;
  let current: string | undefined;
  try {
    // A first load of a table has nothing to compare with: the store holds no version (cleanup removed any
    // an unpublished run left). Pulled, it goes straight into the store unless a table whose versions copy
    // its rows' attributes was loaded before and reads this run's changed rows from its stage.
    const emptyStores = new Set<string>();
    for (const load of TABLE_LOADS) {
      if ((await count(warehouse, loadStatements(load, target).countStore)) === 0) emptyStores.add(load.table.name);
    }
    const readByChildren = (load: TableLoad) =>
      TABLE_LOADS.some((child) => child.changedParent?.stage === stageTableName(load.table) && !emptyStores.has(child.table.name));
    for (const [index, load] of TABLE_LOADS.entries()) {
      current = load.table.name;
      const step = (detail: string) => progress.update(index + 1, TABLE_LOADS.length, load.table.name, detail);
      const first = emptyStores.has(load.table.name);
      const job: TableStep = {
        config, platform, warehouse, source, target, load, mode, run, step, atFaultPoint, first, straightToStore: first && mode === 'pull' && !readByChildren(load),
      };
      const loaded = await loadTable({ ...job, since: sinceFor(load) });
      rowsByTable[load.table.name] = loaded.rows;
      // Capped at the run's read point: a row written while the run reads may be stamped before a newer row
      // that was read, and must not fall behind the watermark; rows stamped after it are read again next time.
      watermarkTo = Math.max(watermarkTo, Math.min(loaded.newest, startedAt));
      step('finding deletions');
      deletedByTable[load.table.name] = await recordDeletions(job);
      progress.line(`${load.table.name}: ${loaded.rows} rows loaded, ${deletedByTable[load.table.name]} deleted`);
    }
    current = 'judged facts';
    const deriveBegan = Date.now();
    const dataChanged = [...Object.values(rowsByTable), ...Object.values(deletedByTable)].some((rows) => rows > 0);
    const derivedByTable = await deriveJudgedFacts({
      warehouse, target, run, dataChanged,
      step: (detail) => progress.update(TABLE_LOADS.length, TABLE_LOADS.length, 'judged facts', detail),
      line: (text) => progress.line(text),
    });
    progress.line(`judged facts: ${Object.entries(derivedByTable).map(([name, rows]) => `${name} ${rows}`).join(', ')} rows derived`);
    const deriveMs = Date.now() - deriveBegan;
    current = undefined;
    progress.finish();
    for (const load of TABLE_LOADS) {
      for (const query of loadStatements(load, target).replicasCaughtUp) await warehouse.command({ query });
    }
    for (const query of derivedReplicasCaughtUp(target)) await warehouse.command({ query });
    await atFaultPoint('publish:before');
    const publishing = warehouse.insert({
      table: PUBLISHED_RUNS, values: [{ run, run_id: runId, published_at: Date.now() }], format: 'JSONEachRow', clickhouse_settings: INSERT_SETTINGS,
    });
    await atFaultPoint('publish:issued');
    await publishing;
    await atFaultPoint('publish:done');
    const finishedAt = Date.now();
    const rows = { ...rowsByTable, ...Object.fromEntries(Object.entries(deletedByTable).map(([name, count]) => [`${DELETED_PREFIX}${name}`, count])) };
    const succeededLogged = recordRunState(warehouse, { ...state, status: 'succeeded', finishedAt, watermarkTo, rows });
    await atFaultPoint('runlog:succeeded-issued');
    await succeededLogged;
    await atFaultPoint('runlog:succeeded-written');
    return {
      runId, mode, status: 'succeeded', rowsByTable, deletedByTable, derivedByTable, deriveMs, watermarkFrom, watermarkTo, startedAt, finishedAt, durationMs: finishedAt - Math.min(began, startedAt),
    };
  } catch (cause) {
    progress.finish();
    const failure = new EtlRunError(runId, current, cause);
    try {
      await recordRunState(warehouse, { ...state, status: 'failed', finishedAt: Date.now(), rows: rowsByTable, error: failure.message });
    } catch (recordError) {
      log(`could not record the failed run: ${(recordError as Error).message}`);
    }
    throw failure;
  }
}

/** The run every query sees. */
async function publishedRun(warehouse: Warehouse): Promise<number> {
  const [row] = await queryRows<{ run: number }>(warehouse, `SELECT max(run) AS run FROM ${PUBLISHED_RUNS}`);
  return Number(row.run);
}

/**
 * Before a run's own work: removes what a run that never published left (it would otherwise become
 * visible with this run's publish), then, for each table whose supersession records have grown past
 * CLEANUP_SHARE of its store, the versions that published runs superseded, then the supersession
 * records whose versions an earlier run removed (statements.ts, CleanupStatements). None of it is
 * visible to a query.
 */
async function cleanUp(warehouse: Warehouse, target: DdlTarget, published: number, atFaultPoint: FaultHook): Promise<void> {
  const params = { published };
  const statementsOf = [...TABLE_LOADS, ...DERIVED_TABLES.map((table) => ({ table }))].map((load) => cleanupStatements(load, target));
  const deleteWhere = async (countQuery: string, deletes: string[], extra: Record<string, unknown> = {}) => {
    // A DELETE that matches nothing still visits every part.
    if ((await count(warehouse, countQuery, { ...params, ...extra })) === 0) return;
    for (const query of deletes) await warehouse.command({ query, query_params: { ...params, ...extra }, clickhouse_settings: DELETE_SETTINGS });
  };
  for (const statements of statementsOf) {
    await deleteWhere(statements.countUnpublished, [statements.deleteUnpublishedVersions, statements.deleteUnpublishedRecords]);
  }
  await atFaultPoint('cleanup:unpublished-removed');
  const marks: number[] = [];
  for (const statements of statementsOf) {
    const [state] = await queryRows<{ run: number; records: number; rows: number }>(warehouse, statements.cleanupState);
    marks.push(Number(state.run));
    if (Number(state.records) <= CLEANUP_SHARE * Number(state.rows)) continue;
    await deleteWhere(statements.countSupersededVersions, [statements.deleteSupersededVersions]);
    await warehouse.command({ query: statements.markCleaned, query_params: params });
  }
  await atFaultPoint('cleanup:superseded-versions-removed');
  for (const [index, statements] of statementsOf.entries()) {
    // Only once a run after the removal has published: until then a query may still read the store as it was before it.
    if (marks[index] === 0 || marks[index] >= published) continue;
    await deleteWhere(statements.countSpentRecords, [statements.deleteSpentRecords], { spent: marks[index] });
  }
  await atFaultPoint('cleanup:supersession-records-removed');
}

interface TableStep {
  config: Config;
  platform: DataSource;
  warehouse: Warehouse;
  source: RunSource;
  target: DdlTarget;
  load: TableLoad;
  mode: EtlPath;
  run: number;
  step: (detail: string) => void;
  atFaultPoint: FaultHook;
  /** The table's store holds no version: every row read is new. */
  first: boolean;
  /** Pull the rows straight into the store, without the stage (a first load no other table's load reads from). */
  straightToStore: boolean;
}

/**
 * Stream inserts, as JSONCompactEachRow: values in column order without the names, which embedded
 * ClickHouse parsed about three times faster than JSONEachRow here (42k service rows: 0.7 s vs 2.4 s).
 */
async function insertRows(warehouse: Warehouse, table: string, rows: unknown[][]): Promise<void> {
  await warehouse.insert({ table, values: rows, format: 'JSONCompactEachRow', clickhouse_settings: INSERT_SETTINGS });
}

/** Asks for the next page before the current one is handed on, so that reading the source overlaps writing the warehouse. */
async function* prefetching<Page>(pages: AsyncGenerator<Page>): AsyncGenerator<Page> {
  let next = pages.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = pages.next();
    // Should the consumer fail meanwhile, this page is never awaited: its failure must not crash the process.
    next.catch(() => undefined);
    yield current.value;
  }
}

async function count(warehouse: Warehouse, query: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await queryRows<{ rows: number }>(warehouse, query, params);
  return Number(row.rows);
}

/**
 * Stages the table's changed rows and writes them as new versions, superseding the versions they
 * replace; returns their count and newest updated_at.
 */
async function loadTable(job: TableStep & { since: number }): Promise<{ rows: number; newest: number }> {
  const { warehouse, load, step, run } = job;
  const table = load.table.name;
  const statements = loadStatements(load, job.target);
  await warehouse.command({ query: statements.truncateStage });
  await job.atFaultPoint('table:stage-cleared', table);
  step('reading changed rows');
  if (job.straightToStore) {
    const source = pullSource(job.source.pull.seenByWarehouse, load.sourceTable);
    await warehouse.command({ query: statements.fillStoreByPull(source.tableFunction), query_params: { since: job.since, run, ...source.params } });
    await job.atFaultPoint('table:batch-written', table);
    await job.atFaultPoint('table:staged', table);
    await job.atFaultPoint('table:replaced-versions-superseded', table);
    await job.atFaultPoint('table:new-versions-written', table);
    const [written] = await queryRows<{ rows: number; newest: number }>(warehouse, statements.storeSummary, { run });
    step(`${Number(written.rows).toLocaleString('en')} rows written (first load)`);
    return { rows: Number(written.rows), newest: Number(written.rows) === 0 ? 0 : Number(written.newest) };
  }
  if (job.mode === 'pull') {
    const source = pullSource(job.source.pull.seenByWarehouse, load.sourceTable);
    const params = { since: job.since, run, ...source.params };
    await warehouse.command({ query: statements.fillStageByPull(source.tableFunction), query_params: params });
    await job.atFaultPoint('table:batch-written', table);
    if (statements.fillStageByPullFromParents && statements.countParentStage && (await count(warehouse, statements.countParentStage)) > 0) {
      await warehouse.command({ query: statements.fillStageByPullFromParents(source.tableFunction), query_params: params });
    }
  } else if (job.source.sqlite) {
    let staged = 0;
    for (const rows of job.source.sqlite.changedRows(load, job.since, job.config.etl.batchRows)) {
      await insertRows(warehouse, stageTableName(load.table), rows);
      if (staged === 0) await job.atFaultPoint('table:batch-written', table);
      staged += rows.length;
      step(`${staged.toLocaleString('en')} rows read`);
    }
  } else {
    let staged = 0;
    for await (const page of prefetching(changedRowPages(job.platform, load, job.since, job.config.etl.batchRows))) {
      await insertRows(warehouse, stageTableName(load.table), page.map((row) => toWarehouseRow(load, row)));
      if (staged === 0) await job.atFaultPoint('table:batch-written', table);
      staged += page.length;
      step(`${staged.toLocaleString('en')} rows read`);
    }
  }
  await job.atFaultPoint('table:staged', table);
  const [summary] = await queryRows<{ rows: number; newest: number }>(warehouse, statements.stageSummary);
  const rows = Number(summary.rows);
  if (rows === 0) {
    await job.atFaultPoint('table:replaced-versions-superseded', table);
    await job.atFaultPoint('table:new-versions-written', table);
    return { rows: 0, newest: 0 };
  }
  // A first load has nothing to compare with: every staged row is new and none supersedes anything.
  if (job.first) {
    step(`writing ${rows.toLocaleString('en')} rows (first load)`);
    await job.atFaultPoint('table:replaced-versions-superseded', table);
    await warehouse.command({ query: statements.insertWholeStage, query_params: { run } });
    await job.atFaultPoint('table:new-versions-written', table);
    return { rows, newest: Number(summary.newest) };
  }
  // Rows read again within the overlap that equal the published ones are no change (see unchanged.ts).
  const changedName = changedKeysName(load.table);
  const changed = await listChangedStagedRows(warehouse, statements, changedName, job.target);
  if (changed > 0) {
    step(`replacing ${changed.toLocaleString('en')} of ${rows.toLocaleString('en')} rows read`);
    await warehouse.command({ query: statements.supersedeReplaced, query_params: { run, changed_name: changedName } });
  }
  await job.atFaultPoint('table:replaced-versions-superseded', table);
  if (changed > 0) await warehouse.command({ query: statements.insertStage, query_params: { run, changed_name: changedName } });
  await job.atFaultPoint('table:new-versions-written', table);
  return { rows: changed, newest: Number(summary.newest) };
}

/** Supersedes the versions whose keys are gone from the source; returns how many. */
async function recordDeletions(job: TableStep): Promise<number> {
  const { warehouse, load, run } = job;
  const statements = loadStatements(load, job.target);
  const tableName = load.table.name;
  // After the upserts every key of the source, as the run read it, is in the warehouse as of this
  // run: the rows changed since the watermark were just staged and every other row was loaded by an
  // earlier run. So the warehouse holds the source's rows plus those gone from it, and equal counts
  // (the source's counted at the run's read point: the snapshot, or the read transaction) mean that
  // nothing was deleted; listing every source key (most of an unchanged national run) is skipped. A
  // deletion with an addition in the same run leaves the warehouse one row more than the source,
  // since the added row was staged. Rows the counts cannot place (written since the read point on a
  // live server database, a fact whose enterprise is missing) only make them differ, which falls
  // back to the listing.
  const sourceRows = job.source.sqlite
    ? job.source.sqlite.countRows(load.sourceTable)
    : await job.source.pull.countRows(job.platform, load.sourceTable);
  const warehouseRows = await count(warehouse, statements.countRows, { run });
  if (sourceRows === warehouseRows) return 0;
  await warehouse.command({ query: statements.truncateSourceKeys });
  if (job.mode === 'pull') {
    const source = pullSource(job.source.pull.seenByWarehouse, load.sourceTable);
    await warehouse.command({ query: statements.fillSourceKeysByPull(source.tableFunction), query_params: { table_name: tableName, ...source.params } });
  } else if (job.source.sqlite) {
    for (const keys of job.source.sqlite.keys(load, job.config.etl.batchRows)) {
      await insertRows(warehouse, SOURCE_KEYS, keys.map((key) => [tableName, key]));
    }
  } else {
    for await (const keys of prefetching(sourceKeyPages(job.platform, load, job.config.etl.batchRows))) {
      await insertRows(warehouse, SOURCE_KEYS, keys.map((key) => [tableName, key]));
    }
  }
  await job.atFaultPoint('table:source-keys-listed', tableName);
  const params = { table_name: tableName, run };
  const gone = await count(warehouse, statements.countDeleted, params);
  if (gone > 0) {
    await warehouse.command({ query: statements.supersedeDeleted, query_params: params });
    await job.atFaultPoint('table:deletions-recorded', tableName);
  }
  return gone;
}
