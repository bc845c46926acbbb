/**
 * The one place that opens the warehouse: the embedded chDB engine under DATA_DIR by default, or a
 * ClickHouse server (or cluster) at CLICKHOUSE_URL. Callers use bare table names: the session's
 * current database is the configured one.
 *
 * Client-side conventions, fixed here for every caller: 64-bit integers arrive as JSON numbers
 * (counts and epoch milliseconds stay far below 2^53); Date arrives as 'YYYY-MM-DD'; money must be
 * selected with toString() because JSON numbers lose digits.
 */
import fs from 'node:fs';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { WarehouseConfig } from '../config/config';

export type Warehouse = ClickHouseClient;
type EmbeddedConnection = NonNullable<Parameters<typeof createClient>[0]>['connection'];

const SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  date_time_output_format: 'iso',
};

/**
 * chDB's connection applies a query's settings as `SET name = value; <query>` in the one session of
 * the process, where they stay for every later statement. A dashboard query's time limit would then
 * bound the ETL's next statements, and its `log_comment` (the marker `KILL QUERY` looks for) would be
 * carried by them, so cancelling an abandoned request could kill the ETL. Every statement on the
 * embedded engine therefore sets these two itself: the server's defaults unless the caller gives others.
 */
export const EMBEDDED_STATEMENT_DEFAULTS: ClickHouseSettings = {
  max_execution_time: 0,
  log_comment: '',
};

export function isEmbedded(config: WarehouseConfig): boolean {
  return config.url === undefined;
}

/**
 * Statements that may have changed the embedded warehouse, counted for the whole process. The embedded
 * engine's data directory opens in one process at a time (chDB locks it), and every statement of this
 * process goes through a client made here, so the count moving is the only way its data can change:
 * the API re-reads the run state only then (api/common/run-state.ts). A statement counts once it has
 * ended, whatever its outcome; every statement but a plain read counts (a read that does not look like
 * one merely costs the API one more read).
 */
let embeddedStatementsThatWrite = 0;

export function embeddedWritesSoFar(): number {
  return embeddedStatementsThatWrite;
}

const PLAIN_READ = /^\s*(?:SELECT|WITH|EXPLAIN|SHOW|DESCRIBE|DESC|EXISTS)\b/i;

function countingWrites(client: Warehouse): Warehouse {
  const counted = <T>(statement: Promise<T>): Promise<T> => statement.finally(() => {
    embeddedStatementsThatWrite += 1;
  });
  // The client's other methods (close, ping) stay its own.
  const session = Object.create(client) as Warehouse;
  session.query = ((params: Parameters<Warehouse['query']>[0]) => (
    PLAIN_READ.test(params.query) ? client.query(params) : counted(client.query(params))
  )) as Warehouse['query'];
  session.command = (params) => counted(client.command(params));
  session.exec = (params) => counted(client.exec(params));
  session.insert = ((params: Parameters<Warehouse['insert']>[0]) => counted(client.insert(params))) as Warehouse['insert'];
  return session;
}

/** Opens the warehouse and makes sure its database exists. Close it with `client.close()`. */
export async function openWarehouse(config: WarehouseConfig): Promise<Warehouse> {
  if (config.url === undefined) {
    fs.mkdirSync(config.embeddedPath, { recursive: true });
    const client = createClient({
      // chdb bundles its own copy of @clickhouse/client-common, whose types differ only nominally.
      connection: createChdbConnection({ path: config.embeddedPath }) as unknown as EmbeddedConnection,
      clickhouse_settings: { ...SETTINGS, ...EMBEDDED_STATEMENT_DEFAULTS },
    });
    // chDB keeps one session per process, and USE sticks to it; the HTTP client's `database` option does not reach it.
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}` });
    await client.command({ query: `USE ${config.database}` });
    return countingWrites(client);
  }
  const bootstrap = createClient({ url: config.url, username: config.user, password: config.password });
  try {
    const onCluster = config.cluster ? ` ON CLUSTER ${config.cluster}` : '';
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}${onCluster}` });
  } finally {
    await bootstrap.close();
  }
  return createClient({
    url: config.url,
    username: config.user,
    password: config.password,
    database: config.database,
    clickhouse_settings: SETTINGS,
  });
}

/** Runs a query and returns its rows as objects. Every value goes in `params` as `{name:Type}`. */
export async function queryRows<Row>(client: Warehouse, query: string, params: Record<string, unknown> = {}, settings?: ClickHouseSettings): Promise<Row[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings });
  return result.json<Row>();
}

/**
 * Block deduplication would make a Replicated table drop a block identical to one it already took,
 * which is exactly what re-running a load after a crash sends: every insert opts out of it.
 */
export const INSERT_SETTINGS = { insert_deduplicate: 0 } as const;
