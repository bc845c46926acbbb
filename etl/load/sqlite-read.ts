/**
 * The stream path's reads of a SQLite platform database: one read transaction on a connection of its
 * own, read-only, through better-sqlite3 (the platform's own SQLite library, so that its locks and the
 * platform connection's see each other; ClickHouse's sqlite() never opens the live file, see
 * snapshot.ts). Every read of the run (the changed rows, the row counts behind the deletion check
 * and, when they differ, every key) sees the one committed state the transaction's first read fixed,
 * while the platform goes on writing to its log (WAL).
 *
 * The changed rows are read by one query per `updated_at` column that can make a row changed (its own,
 * its enterprise's, its policy's): each starts from that table's `updated_at` index and reaches the
 * rows through the parent indexes, so a run with 1% of rows changed reads about 1% of each table.
 * A row found by more than one of them is handed on once.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { TableLoad } from './tables';
import { keyString, toWarehouseRow } from './tables';

export interface SqliteRead {
  /** When the transaction was begun (epoch ms): every row committed before it is visible to it. */
  readAt: number;
  /** The rows of a table changed since `since`, in warehouse shape, `batchRows` at a time. */
  changedRows(load: TableLoad, since: number, batchRows: number): Generator<unknown[][]>;
  /** Every key of a table, as key strings (tables.ts, keyString), `batchRows` at a time. */
  keys(load: TableLoad, batchRows: number): Generator<string[]>;
  countRows(sourceTable: string): number;
  /** Rows of the tables whose own `updated_at` is past `since`: what a run would read, less the rows whose parents changed. */
  countChangedSince(sourceTables: readonly string[], since: number): number;
  /** Ends the transaction and closes the connection; safe to call more than once. */
  release(): void;
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function* inBatches<Row, Out>(rows: Iterable<Row>, batchRows: number, map: (row: Row) => Out | undefined): Generator<Out[]> {
  let batch: Out[] = [];
  for (const row of rows) {
    const out = map(row);
    if (out === undefined) continue;
    batch.push(out);
    if (batch.length >= batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export function openSqliteRead(location: string): SqliteRead {
  const db = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
  let open = true;
  try {
    db.pragma('busy_timeout = 10000');
    const readAt = Date.now();
    db.exec('BEGIN');
    // A deferred transaction takes its snapshot at its first read: this one.
    db.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get();
    return {
      readAt,
      *changedRows(load, since, batchRows) {
        const select = Object.entries(load.columns).map(([name, source]) => `${source.stream} AS ${name}`);
        const keyAliases = load.sourceKey.map((column, i) => `s.${column} AS etl_key_${i}`);
        const from = `SELECT ${[...select, ...keyAliases].join(', ')} FROM ${load.sourceTable} s ${load.streamJoin ?? ''}`;
        // Stamps are epoch milliseconds, never negative: a first load reads every row with one query.
        const columns = since < 0 ? [load.streamChangedSince[0]] : load.streamChangedSince;
        const seen = columns.length > 1 ? new Set<string>() : undefined;
        const keyOf = (row: Record<string, unknown>) => keyString(load.sourceKey.map((_, i) => String(row[`etl_key_${i}`])));
        for (const column of columns) {
          const rows = db.prepare(`${from} WHERE ${column} > ?`).iterate(since) as Iterable<Record<string, unknown>>;
          yield* inBatches(rows, batchRows, (row) => {
            if (seen) {
              const key = keyOf(row);
              if (seen.has(key)) return undefined;
              seen.add(key);
            }
            return toWarehouseRow(load, row);
          });
        }
      },
      *keys(load, batchRows) {
        const rows = db.prepare(`SELECT ${load.sourceKey.join(', ')} FROM ${quoted(load.sourceTable)}`).raw().iterate() as Iterable<unknown[]>;
        yield* inBatches(rows, batchRows, (values) => keyString(values.map(String)));
      },
      countRows(sourceTable) {
        return (db.prepare(`SELECT COUNT(*) AS n FROM ${quoted(sourceTable)}`).get() as { n: number }).n;
      },
      countChangedSince(sourceTables, since) {
        return sourceTables.reduce(
          (sum, table) => sum + (db.prepare(`SELECT COUNT(*) AS n FROM ${quoted(table)} WHERE updated_at > ?`).get(since) as { n: number }).n, 0,
        );
      },
      release() {
        if (!open) return;
        open = false;
        try {
          db.exec('COMMIT');
        } finally {
          db.close();
        }
      },
    };
  } catch (cause) {
    db.close();
    throw cause;
  }
}
