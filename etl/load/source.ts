/**
 * The two ways of reading the platform database: ClickHouse's own table functions (pull) and keyset
 * pages read by this program (stream).
 */
import type { DataSource } from 'typeorm';
import type { PlatformDbConfig } from '../../config/config';
import { TableLoad, keyString } from './tables';

/**
 * The table function through which ClickHouse reads one platform table, and its parameters. Every
 * connection part is a bound parameter: ClickHouse accepts `{name:String}` in table function
 * arguments, so no part of a URL or password is ever spliced into SQL.
 */
export interface PullSource {
  tableFunction: string;
  params: Record<string, string>;
}

export function pullSource(platform: PlatformDbConfig, table: string): PullSource {
  if (platform.dialect === 'sqlite') {
    return { tableFunction: 'sqlite({source_path:String}, {source_table:String})', params: { source_path: platform.location, source_table: table } };
  }
  const url = new URL(platform.location);
  const defaultPort = platform.dialect === 'postgres' ? '5432' : '3306';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '') throw new Error(`the platform database URL names no database: ${url.protocol}//${url.host}/`);
  const engine = platform.dialect === 'postgres' ? 'postgresql' : 'mysql';
  return {
    tableFunction: `${engine}({source_host:String}, {source_database:String}, {source_table:String}, {source_user:String}, {source_password:String})`,
    params: {
      source_host: `${url.hostname}:${url.port || defaultPort}`,
      source_database: database,
      source_table: table,
      source_user: decodeURIComponent(url.username),
      source_password: decodeURIComponent(url.password),
    },
  };
}

/** Numbered `$1` in PostgreSQL, `?` in SQLite and MySQL. */
function placeholders(dataSource: DataSource): () => string {
  let next = 0;
  return () => (dataSource.options.type === 'postgres' ? `$${++next}` : '?');
}

/** `(a, b) > (x, y)` spelled out, which every dialect can answer from the primary key index. */
function keysetAfter(columns: readonly string[], placeholder: () => string, last: readonly unknown[]): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < columns.length; i += 1) {
    const equal = columns.slice(0, i).map((column) => `${column} = ${placeholder()}`);
    const greater = `${columns[i]} > ${placeholder()}`;
    params.push(...last.slice(0, i), last[i]);
    clauses.push(`(${[...equal, greater].join(' AND ')})`);
  }
  return { sql: `(${clauses.join(' OR ')})`, params };
}

async function* keysetPages<Row extends Record<string, unknown>>(
  dataSource: DataSource,
  build: (after: readonly unknown[] | undefined, placeholder: () => string) => { sql: string; params: unknown[] },
  keyOf: (row: Row) => unknown[],
): AsyncGenerator<Row[]> {
  let after: unknown[] | undefined;
  for (;;) {
    const { sql, params } = build(after, placeholders(dataSource));
    const rows: Row[] = await dataSource.query(sql, params);
    if (rows.length === 0) return;
    yield rows;
    after = keyOf(rows[rows.length - 1]);
  }
}

/**
 * Stream: the rows of one table changed since `since` (or whose parent did), in source-value form, page
 * by page. One keyset walk per `updated_at` column that can make the row changed (its own, its
 * enterprise's, its policy's), each a plain `column > since` that the database answers from that
 * table's `updated_at` index (an OR of them across the joined tables reaches none); a row found by more
 * than one walk is handed on once. A first load (`since` below every stamp) walks once.
 */
export async function* changedRowPages(dataSource: DataSource, load: TableLoad, since: number, pageRows: number): AsyncGenerator<Record<string, unknown>[]> {
  const keyColumns = load.sourceKey.map((column) => `s.${column}`);
  const select = Object.entries(load.columns).map(([name, source]) => `${source.stream} AS ${name}`);
  // Key values are selected under their own aliases too: the next page starts after them.
  const keyAliases = load.sourceKey.map((column, i) => `s.${column} AS etl_key_${i}`);
  const keyOf = (row: Record<string, unknown>) => load.sourceKey.map((_, i) => row[`etl_key_${i}`]);
  const columns = since < 0 ? [load.streamChangedSince[0]] : load.streamChangedSince;
  const seen = columns.length > 1 ? new Set<string>() : undefined;
  for (const column of columns) {
    const pages = keysetPages<Record<string, unknown>>(
      dataSource,
      (after, placeholder) => {
        const where = [`${column} > ${placeholder()}`];
        const params: unknown[] = [since];
        if (after) {
          const keyset = keysetAfter(keyColumns, placeholder, after);
          where.push(keyset.sql);
          params.push(...keyset.params);
        }
        params.push(pageRows);
        return {
          sql:
            `SELECT ${[...select, ...keyAliases].join(', ')} FROM ${load.sourceTable} s ${load.streamJoin ?? ''} ` +
            `WHERE ${where.join(' AND ')} ORDER BY ${keyColumns.join(', ')} LIMIT ${placeholder()}`,
          params,
        };
      },
      keyOf,
    );
    for await (const rows of pages) {
      if (!seen) {
        yield rows;
        continue;
      }
      const fresh = rows.filter((row) => {
        const key = keyString(keyOf(row).map(String));
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length > 0) yield fresh;
    }
  }
}

/** Stream: every key present in the source table, as key strings, page by page. */
export async function* sourceKeyPages(dataSource: DataSource, load: TableLoad, pageRows: number): AsyncGenerator<string[]> {
  const pages = keysetPages<Record<string, unknown>>(
    dataSource,
    (after, placeholder) => {
      const params: unknown[] = [];
      let where = '';
      if (after) {
        const keyset = keysetAfter(load.sourceKey, placeholder, after);
        where = `WHERE ${keyset.sql}`;
        params.push(...keyset.params);
      }
      params.push(pageRows);
      return {
        sql: `SELECT ${load.sourceKey.join(', ')} FROM ${load.sourceTable} ${where} ORDER BY ${load.sourceKey.join(', ')} LIMIT ${placeholder()}`,
        params,
      };
    },
    (row) => load.sourceKey.map((column) => row[column]),
  );
  for await (const rows of pages) yield rows.map((row) => keyString(load.sourceKey.map((column) => String(row[column]))));
}
