/**
 * One ETL run: the platform database's changes since the last successful run, into the warehouse.
 *
 * Per table, in load order: the changed rows go to the table's stage in final warehouse shape; the
 * storage rows with those keys are deleted and the stage inserted; then the rows whose keys are gone
 * from the source are deleted. The watermark moves only when every table is done, so a run that
 * stops anywhere is redone by the next one from the same watermark: re-staging the same rows (and
 * more), deleting whatever part of them was already inserted and inserting them again. That leaves
 * exactly the source's rows, with no duplicates and none missing.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { openPlatformDb } from '../platform/data-source';
import { isEmbedded, openWarehouse, queryRows, type Warehouse } from '../warehouse/client';
import { migrateWarehouse, type DdlTarget } from '../warehouse/migrate';
import { SOURCE_KEYS, stageTableName } from '../warehouse/schema';
import { acquireEtlLock, type LockHolder } from './lock';
import { createProgress } from './progress';
import { DELETED_PREFIX, abandonUnfinishedRuns, recordRunState, resumePoint, type EtlRunState } from './runs';
import { livePullSource, openPullSource, type PullSource } from './snapshot';
import { changedRowPages, pullSource, sourceKeyPages } from './source';
import { INSERT_SETTINGS, loadStatements } from './statements';
import { TABLE_LOADS, TableLoad, toWarehouseRow } from './tables';
import { changedStagedRows } from './unchanged';

export { lastSuccessfulRun } from './runs';
export type { SuccessfulRun } from './runs';
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
  /**
   * Called after a table's rows are in its storage table, before its deletions and before the
   * watermark moves. The crash test pauses here to kill the run part-way (see etl/cli/etl.ts).
   */
  onTableLoaded?: (table: string) => Promise<void>;
}

export interface EtlRunSummary {
  runId: string;
  mode: EtlPath;
  status: 'succeeded';
  rowsByTable: Record<string, number>;
  deletedByTable: Record<string, number>;
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

/** Lightweight DELETE returns once the rows are gone, on every replica. */
const DELETE_SETTINGS = { lightweight_deletes_sync: '2' } as const;

export async function runEtl(config: Config, options: EtlRunOptions = {}): Promise<EtlRunSummary> {
  const log = options.log ?? (() => undefined);
  const runId = randomUUID();
  const platform = options.platform ?? (await openPlatformDb(config.platform));
  try {
    // The platform lock first: embedded chDB also locks its directory, but with a far less helpful message.
    const lock = await acquireEtlLock(platform, runId);
    if (lock.tookOverFrom) {
      log(`took over a stale ETL lock left by pid ${lock.tookOverFrom.pid} on host ${lock.tookOverFrom.host}`);
    }
    try {
      const warehouse = options.warehouse ?? (await openOwnWarehouse(config));
      const source = mayPull(config, options)
        ? await openPullSource(config, runId, TABLE_LOADS.map((load) => load.sourceTable))
        : livePullSource(config);
      try {
        return await loadEverything(config, runId, platform, warehouse, source, lock.tookOverFrom, options, log).catch((cause: unknown) => {
          throw cause instanceof EtlRunError ? cause : new EtlRunError(runId, undefined, cause);
        });
      } finally {
        source.release();
        if (!options.warehouse) await warehouse.close();
      }
    } finally {
      await lock.release();
    }
  } finally {
    if (!options.platform) await platform.destroy();
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

function mayPull(config: Config, options: EtlRunOptions): boolean {
  return (options.mode ?? config.etl.mode) !== 'stream';
}

async function choosePath(config: Config, warehouse: Warehouse, source: PullSource, options: EtlRunOptions, log: (line: string) => void): Promise<EtlPath> {
  if (options.mode) return options.mode;
  if (config.etl.mode !== 'auto') return config.etl.mode;
  const probe = pullSource(source.seenByWarehouse, 'regions');
  try {
    await queryRows(warehouse, `SELECT 1 FROM ${probe.tableFunction} LIMIT 1`, probe.params);
    return 'pull';
  } catch (error) {
    log(`the warehouse cannot read the platform database itself (${(error as Error).message.split('\n')[0]}); streaming instead`);
    return 'stream';
  }
}

async function loadEverything(
  config: Config, runId: string, platform: DataSource, warehouse: Warehouse, pullFrom: PullSource, tookOverFrom: LockHolder | undefined,
  options: EtlRunOptions, log: (line: string) => void,
): Promise<EtlRunSummary> {
  const target: DdlTarget = { database: config.warehouse.database, cluster: config.warehouse.cluster };
  await migrateWarehouse(warehouse, target);
  for (const run of await abandonUnfinishedRuns(warehouse, runId, tookOverFrom)) log(`run ${run.runId} ${run.error}`);
  const mode = await choosePath(config, warehouse, pullFrom, options, log);
  // Streaming reads the live database through the platform's own connection, and counts it there too.
  if (mode !== 'pull') pullFrom.release();
  const source = mode === 'pull' ? pullFrom : livePullSource(config);
  const { watermarkFrom, since } = await resumePoint(warehouse, config.etl.overlapMs);
  // The run's read point: when its snapshot was taken, or now when it reads the live database.
  const startedAt = pullFrom.readAt ?? Date.now();
  const state: EtlRunState = {
    runId, mode, status: 'running', startedAt, finishedAt: null, watermarkFrom, watermarkTo: watermarkFrom, rows: {}, error: null,
  };
  await recordRunState(warehouse, state);
  const progress = createProgress({ bar: options.progress === true, log });
  progress.line(`ETL run ${runId} (${mode}) from watermark ${watermarkFrom} (${watermarkFrom === 0 ? 'first load' : new Date(watermarkFrom).toISOString()})`);

  const rowsByTable: Record<string, number> = {};
  const deletedByTable: Record<string, number> = {};
  let watermarkTo = watermarkFrom;
  let current: string | undefined;
  try {
    for (const [index, load] of TABLE_LOADS.entries()) {
      current = load.table.name;
      const step = (detail: string) => progress.update(index + 1, TABLE_LOADS.length, load.table.name, detail);
      const loaded = await loadTable({ config, platform, warehouse, source, target, load, mode, since, step });
      rowsByTable[load.table.name] = loaded.rows;
      // Capped at the run's read point: a row written while the run reads may be stamped before a newer row
      // that was read, and must not fall behind the watermark; rows stamped after it are read again next time.
      watermarkTo = Math.max(watermarkTo, Math.min(loaded.newest, startedAt));
      if (options.onTableLoaded) await options.onTableLoaded(load.table.name);
      step('finding deletions');
      deletedByTable[load.table.name] = await applyDeletions({ config, platform, warehouse, source, target, load, mode, step });
      progress.line(`${load.table.name}: ${loaded.rows} rows loaded, ${deletedByTable[load.table.name]} deleted`);
    }
    current = undefined;
    progress.finish();
    const finishedAt = Date.now();
    const rows = { ...rowsByTable, ...Object.fromEntries(Object.entries(deletedByTable).map(([name, count]) => [`${DELETED_PREFIX}${name}`, count])) };
    await recordRunState(warehouse, { ...state, status: 'succeeded', finishedAt, watermarkTo, rows });
    return {
      runId, mode, status: 'succeeded', rowsByTable, deletedByTable, watermarkFrom, watermarkTo, startedAt, finishedAt, durationMs: finishedAt - startedAt,
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

interface TableStep {
  config: Config;
  platform: DataSource;
  warehouse: Warehouse;
  source: PullSource;
  target: DdlTarget;
  load: TableLoad;
  mode: EtlPath;
  step: (detail: string) => void;
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

/** Stages the table's changed rows and puts them in place of the stored ones; returns how many changed and the newest updated_at. */
async function loadTable(job: TableStep & { since: number }): Promise<{ rows: number; newest: number }> {
  const { warehouse, load, step } = job;
  const statements = loadStatements(load, job.target);
  await warehouse.command({ query: statements.truncateStage });
  step('reading changed rows');
  if (job.mode === 'pull') {
    const source = pullSource(job.source.seenByWarehouse, load.sourceTable);
    const params = { since: job.since, ...source.params };
    await warehouse.command({ query: statements.fillStageByPull(source.tableFunction), query_params: params });
    if (statements.fillStageByPullFromParents && statements.countParentStage && (await count(warehouse, statements.countParentStage)) > 0) {
      await warehouse.command({ query: statements.fillStageByPullFromParents(source.tableFunction), query_params: params });
    }
  } else {
    let staged = 0;
    for await (const page of prefetching(changedRowPages(job.platform, load, job.since, job.config.etl.batchRows))) {
      await insertRows(warehouse, stageTableName(load.table), page.map((row) => toWarehouseRow(load, row)));
      staged += page.length;
      step(`${staged.toLocaleString('en')} rows read`);
    }
  }
  const [summary] = await queryRows<{ rows: number; newest: number }>(warehouse, statements.stageSummary);
  const rows = Number(summary.rows);
  if (rows === 0) return { rows: 0, newest: 0 };
  const replaced = await count(warehouse, statements.countReplaced);
  // Rows read again within the overlap that equal the stored ones are no change (see unchanged.ts).
  const changed = replaced === 0 ? rows : await changedStagedRows(warehouse, load);
  if (changed === 0) return { rows: 0, newest: Number(summary.newest) };
  step(`replacing ${rows.toLocaleString('en')} rows`);
  // A first load has nothing to replace, and a DELETE that matches nothing still visits every part.
  if (replaced > 0) {
    await warehouse.command({ query: statements.deleteReplaced, clickhouse_settings: DELETE_SETTINGS });
  }
  await warehouse.command({ query: statements.insertStage });
  return { rows: changed, newest: Number(summary.newest) };
}

/** Deletes the stored rows whose keys are gone from the source; returns how many. */
async function applyDeletions(job: TableStep): Promise<number> {
  const { warehouse, load } = job;
  const statements = loadStatements(load, job.target);
  const tableName = load.table.name;
  // After the upserts every source row is in the warehouse, so equal counts mean nothing was deleted,
  // and listing every source key (most of an unchanged national run) is skipped. Rows written since
  // only make the counts differ, which falls back to the listing.
  const [sourceRows, warehouseRows] = await Promise.all([
    job.source.countRows(job.platform, load.sourceTable), count(warehouse, statements.countRows),
  ]);
  if (sourceRows === warehouseRows) return 0;
  await warehouse.command({ query: statements.truncateSourceKeys });
  if (job.mode === 'pull') {
    const source = pullSource(job.source.seenByWarehouse, load.sourceTable);
    await warehouse.command({ query: statements.fillSourceKeysByPull(source.tableFunction), query_params: { table_name: tableName, ...source.params } });
  } else {
    for await (const keys of prefetching(sourceKeyPages(job.platform, load, job.config.etl.batchRows))) {
      await insertRows(warehouse, SOURCE_KEYS, keys.map((key) => [tableName, key]));
    }
  }
  const gone = await count(warehouse, statements.countDeleted, { table_name: tableName });
  if (gone > 0) {
    await warehouse.command({ query: statements.deleteDeleted, query_params: { table_name: tableName }, clickhouse_settings: DELETE_SETTINGS });
  }
  return gone;
}
