/**
 * What a pull reads: for PostgreSQL and MySQL the live database, for SQLite a private copy of it.
 *
 * ClickHouse's sqlite() table function is a second SQLite library inside this process. POSIX record
 * locks belong to a process, not to a connection, so that library cannot see the locks of the
 * platform's own better-sqlite3 connection: when it closes the file it believes itself the last
 * connection, checkpoints and unlinks `-wal` and `-shm` while better-sqlite3 still writes to them,
 * and later writes land in unlinked files (lost users, a malformed database). So a pull never opens
 * the live file. The platform's own connection copies the database with SQLite's online backup API
 * into a file that only ClickHouse opens, in rollback-journal mode so that it is complete without a
 * log beside it. The copy is also the run's single point in time: every read of the run (the path
 * probe, the changed rows, the key listing and the row counts behind the deletions) sees the same
 * committed state.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import type { Config, PlatformDbConfig } from '../config';

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

/**
 * Pages per backup step: 16 MB at SQLite's default 4 KB page, so that the server answers requests
 * between steps instead of stalling for the whole copy (about 9 s for the 1.4 GB national dataset).
 */
const PAGES_PER_STEP = 4096;
/** A write by another connection between steps restarts the copy; after this many, the rest goes in one step. */
const RESTARTS_BEFORE_ONE_STEP = 3;

/**
 * The rate of each backup step. A copy that keeps being restarted by another process's writes (an
 * import in progress) would never finish in small steps; one step holds a read transaction and cannot
 * be restarted.
 */
export function backupPace(): (progress: { totalPages: number; remainingPages: number }) => number {
  let restarts = 0;
  let lastRemaining = Number.POSITIVE_INFINITY;
  return ({ totalPages, remainingPages }) => {
    if (remainingPages > lastRemaining) restarts += 1;
    lastRemaining = remainingPages;
    return restarts >= RESTARTS_BEFORE_ONE_STEP ? totalPages : PAGES_PER_STEP;
  };
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

/**
 * The source of a run that may pull. Call under the ETL lock: any snapshot already in the folder was
 * left by a run that was killed, and is removed.
 */
export async function openPullSource(config: Config, platform: DataSource, runId: string, sourceTables: readonly string[]): Promise<PullSource> {
  if (config.platform.dialect !== 'sqlite') return livePullSource(config);
  const folder = path.join(path.dirname(config.platform.location), SNAPSHOT_FOLDER);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, `${runId}.sqlite`);
  const release = (): void => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  };
  try {
    const live = (platform.driver as unknown as { databaseConnection: Database }).databaseConnection;
    const readAt = Date.now();
    await live.backup(file, { progress: backupPace() });
    const counts = new Map<string, number>();
    const copy = new BetterSqlite3(file);
    try {
      // The copy carries the live file's WAL mode in its header; ClickHouse must find every page in the file itself.
      copy.pragma('journal_mode = DELETE');
      for (const table of sourceTables) {
        // One table at a time, letting the server answer between them: counting a national table takes a second.
        await new Promise((resolve) => setImmediate(resolve));
        const row = copy.prepare(`SELECT COUNT(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number };
        counts.set(table, row.n);
      }
    } finally {
      copy.close();
    }
    const seenFolder = path.join(path.dirname(platformSeenByWarehouse(config).location), SNAPSHOT_FOLDER);
    return {
      seenByWarehouse: { dialect: 'sqlite', location: path.join(seenFolder, path.basename(file)) },
      readAt,
      countRows: async (_platform, sourceTable) => {
        const rows = counts.get(sourceTable);
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
