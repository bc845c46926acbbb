/**
 * What a pull reads: for PostgreSQL and MySQL the live database, for SQLite a private copy of it.
 *
 * ClickHouse's sqlite() table function is a second SQLite library inside this process. POSIX record
 * locks belong to a process, not to a connection, so that library cannot see the locks of the
 * platform's own better-sqlite3 connection: when it closes the file it believes itself the last
 * connection, checkpoints and unlinks `-wal` and `-shm` while better-sqlite3 still writes to them,
 * and later writes land in unlinked files (lost users, a malformed database). So a pull never opens
 * the live file. A better-sqlite3 connection (in a worker thread, see snapshot-worker.ts) copies the
 * database with SQLite's online backup API into a file that only ClickHouse opens, in rollback-journal
 * mode so that it is complete without a log beside it. The copy is also the run's single point in time: every read of the run (the path
 * probe, the changed rows, the key listing and the row counts behind the deletions) sees the same
 * committed state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import type { Config, PlatformDbConfig } from '../../config/config';
import type { SnapshotAnswer, SnapshotJob } from './snapshot-worker';

/** Beside the platform database (under DATA_DIR by default), one file per run, removed when it ends. */
export const SNAPSHOT_FOLDER = 'etl-snapshots';

export interface PullSource {
  /** How the warehouse reaches the platform database for this run: the snapshot, for SQLite. */
  seenByWarehouse: PlatformDbConfig;
  /**
   * When the snapshot was begun (epoch ms), or undefined when the pull reads the live database. Every
   * row committed before this instant is in the snapshot; it may hold some committed during the copy
   * too, which the watermark, capped here, has the next run read again.
   */
  readAt: number | undefined;
  /** Rows of a platform table in what the pull reads. */
  countRows(platform: DataSource, sourceTable: string): Promise<number>;
  /** Deletes the snapshot; safe to call more than once. */
  release(): void;
}

/** How the warehouse reaches the platform database: ETL_SOURCE_URL_FOR_CLICKHOUSE when set (a server elsewhere). */
export function platformSeenByWarehouse(config: Config): PlatformDbConfig {
  const url = config.etl.sourceUrlForWarehouse;
  return url === undefined ? config.platform : { dialect: config.platform.dialect, location: url };
}

async function countLiveRows(platform: DataSource, sourceTable: string): Promise<number> {
  const [row] = (await platform.query(`SELECT COUNT(*) AS ${platform.driver.escape('rows')} FROM ${platform.driver.escape(sourceTable)}`)) as Array<{ rows: number | string }>;
  return Number(row.rows);
}

/** The live platform database, for the stream path and for server databases. */
export function livePullSource(config: Config): PullSource {
  return { seenByWarehouse: platformSeenByWarehouse(config), readAt: undefined, countRows: countLiveRows, release: () => undefined };
}

function copyInWorker(job: SnapshotJob): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'snapshot-worker.js'), { workerData: job });
    worker.once('message', (answer: SnapshotAnswer) => ('error' in answer ? reject(new Error(answer.error)) : resolve(answer.counts)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the snapshot worker stopped (exit code ${code}) before answering`)));
  });
}

/**
 * The source of a run that may pull. Call under the ETL lock: any snapshot already in the folder was
 * left by a run that was killed, and is removed.
 */
export async function openPullSource(config: Config, runId: string, sourceTables: readonly string[]): Promise<PullSource> {
  if (config.platform.dialect !== 'sqlite') return livePullSource(config);
  const folder = path.join(path.dirname(config.platform.location), SNAPSHOT_FOLDER);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, `${runId}.sqlite`);
  const release = (): void => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  };
  try {
    const readAt = Date.now();
    const counts = await copyInWorker({ live: config.platform.location, file, tables: [...sourceTables] });
    const seenFolder = path.join(path.dirname(platformSeenByWarehouse(config).location), SNAPSHOT_FOLDER);
    return {
      seenByWarehouse: { dialect: 'sqlite', location: path.join(seenFolder, path.basename(file)) },
      readAt,
      countRows: async (_platform, sourceTable) => {
        const rows = counts[sourceTable];
        if (rows === undefined) throw new Error(`the ETL snapshot did not count the platform table ${sourceTable}`);
        return rows;
      },
      release,
    };
  } catch (cause) {
    release();
    throw new Error(`cannot take the ETL snapshot of the platform database at ${file}: ${(cause as Error).message}`, { cause });
  }
}
