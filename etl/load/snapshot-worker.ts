/**
 * The copy behind an ETL snapshot (snapshot.ts), in a worker thread: the copy's last step commits and
 * syncs the whole new file (about 5 s for the 1.4 GB national database), and the server must go on
 * answering meanwhile. The worker opens its own better-sqlite3 connection to the live database: the
 * same SQLite library as the platform's, so the two see each other's locks, unlike ClickHouse's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

export interface SnapshotJob {
  live: string;
  file: string;
  /** Platform tables to count in the copy: TABLE_LOADS's source tables, never user input. */
  tables: string[];
}

export type SnapshotAnswer = { counts: Record<string, number> } | { error: string };

async function takeSnapshot(job: SnapshotJob): Promise<Record<string, number>> {
  const live = new BetterSqlite3(job.live, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 10000');
    // The whole database in one step: one read transaction, so the copy is one point in time, and a write
    // by another connection cannot restart it half-way (as it would between steps).
    await live.backup(job.file, { progress: ({ totalPages }) => totalPages });
  } finally {
    live.close();
  }
  const copy = new BetterSqlite3(job.file);
  try {
    // The copy carries the live file's WAL mode in its header; ClickHouse must find every page in the file itself.
    copy.pragma('journal_mode = DELETE');
    const counts: Record<string, number> = {};
    for (const table of job.tables) {
      counts[table] = (copy.prepare(`SELECT COUNT(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number }).n;
    }
    return counts;
  } finally {
    copy.close();
  }
}

takeSnapshot(workerData as SnapshotJob).then(
  (counts) => parentPort!.postMessage({ counts } satisfies SnapshotAnswer),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies SnapshotAnswer),
);
