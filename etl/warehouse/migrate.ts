/**
 * Versioned warehouse migrations, applied by the ETL (and the server) before anything else. Each
 * migration is a list of DDL statements built for either one server or a cluster: with
 * CLICKHOUSE_CLUSTER set, data tables become Replicated `<name>_local` tables on every node with a
 * Distributed `<name>` over them (sharded by county, so a county's rows stay together), and the ETL's
 * own tables are replicated whole to every node.
 */
import type { Warehouse } from './client';
import { queryRows } from './client';
import { DATA_TABLES, ETL_RUNS, SCHEMA_MIGRATIONS, SOURCE_KEYS, WarehouseTable, stageTableName } from './schema';

export interface DdlTarget {
  database: string;
  cluster?: string;
}

interface TableShape {
  columns: ReadonlyArray<readonly [string, string]>;
  engine: string;
  orderBy: string[];
  partitionBy?: string;
}

function columnList(columns: ReadonlyArray<readonly [string, string]>): string {
  return columns.map(([name, type]) => `  ${name} ${type}`).join(',\n');
}

function createStatement(name: string, shape: TableShape, target: DdlTarget): string {
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const partition = shape.partitionBy ? `\nPARTITION BY ${shape.partitionBy}` : '';
  return `CREATE TABLE IF NOT EXISTS ${name}${onCluster}\n(\n${columnList(shape.columns)}\n)\nENGINE = ${shape.engine}${partition}\nORDER BY (${shape.orderBy.join(', ')})`;
}

/** `MergeTree` on one server; on a cluster, Replicated with a path per shard or one for all nodes. */
function engine(kind: 'MergeTree' | 'ReplacingMergeTree', args: string[], name: string, target: DdlTarget, perShard: boolean): string {
  if (!target.cluster) return `${kind}(${args.join(', ')})`;
  const shard = perShard ? '{shard}' : 'all';
  return `Replicated${kind}(${[`'/clickhouse/tables/${shard}/${target.database}/${name}'`, `'{replica}'`, ...args].join(', ')})`;
}

/** The table that receives DELETEs and holds the rows: `<name>_local` on a cluster. */
export function storageTableName(table: WarehouseTable, target: DdlTarget): string {
  return target.cluster ? `${table.name}_local` : table.name;
}

export function dataTableDdl(table: WarehouseTable, target: DdlTarget): string[] {
  const storage = storageTableName(table, target);
  const statements = [
    createStatement(storage, { ...table, engine: engine('MergeTree', [], storage, target, true) }, target),
  ];
  if (target.cluster) {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${table.name} ON CLUSTER ${target.cluster} AS ${storage}\n` +
        `ENGINE = Distributed(${target.cluster}, ${target.database}, ${storage}, cityHash64(${table.shardBy}))`,
    );
  }
  return statements;
}

function etlTablesDdl(target: DdlTarget): string[] {
  const stages = DATA_TABLES.map((table) => {
    const name = stageTableName(table);
    return createStatement(name, { columns: table.columns, orderBy: table.key, engine: engine('MergeTree', [], name, target, false) }, target);
  });
  return [
    ...stages,
    createStatement(SOURCE_KEYS, {
      columns: [['table_name', 'LowCardinality(String)'], ['key', 'String']],
      orderBy: ['table_name', 'key'],
      engine: engine('MergeTree', [], SOURCE_KEYS, target, false),
    }, target),
    createStatement(ETL_RUNS, {
      columns: [
        ['run_id', 'String'], ['mode', 'LowCardinality(String)'], ['status', 'LowCardinality(String)'],
        ['started_at', "DateTime64(3, 'UTC')"], ['finished_at', "Nullable(DateTime64(3, 'UTC'))"],
        ['watermark_from', 'Int64'], ['watermark_to', 'Int64'], ['rows', 'Map(String, UInt64)'],
        ['error', 'Nullable(String)'], ['version', 'UInt64'],
      ],
      orderBy: ['run_id'],
      engine: engine('ReplacingMergeTree', ['version'], ETL_RUNS, target, false),
    }, target),
  ];
}

export interface WarehouseMigration {
  version: number;
  name: string;
  statements(target: DdlTarget): string[];
}

export const WAREHOUSE_MIGRATIONS: readonly WarehouseMigration[] = [
  {
    version: 1,
    name: 'data tables, staging, run log',
    statements: (target) => [...DATA_TABLES.flatMap((table) => dataTableDdl(table, target)), ...etlTablesDdl(target)],
  },
];

function migrationsTableDdl(target: DdlTarget): string {
  return createStatement(SCHEMA_MIGRATIONS, {
    columns: [['version', 'UInt32'], ['name', 'String'], ['applied_at', "DateTime64(3, 'UTC')"]],
    orderBy: ['version'],
    engine: engine('MergeTree', [], SCHEMA_MIGRATIONS, target, false),
  }, target);
}

/** Every statement of every migration, for checking that ClickHouse parses them. */
export function allWarehouseDdl(target: DdlTarget): string[] {
  return [migrationsTableDdl(target), ...WAREHOUSE_MIGRATIONS.flatMap((migration) => migration.statements(target))];
}

/** Applies the pending migrations in order; returns the versions applied. */
export async function migrateWarehouse(client: Warehouse, target: DdlTarget): Promise<number[]> {
  await client.command({ query: migrationsTableDdl(target) });
  const applied = new Set(
    (await queryRows<{ version: number }>(client, `SELECT version FROM ${SCHEMA_MIGRATIONS}`)).map((row) => row.version),
  );
  const done: number[] = [];
  for (const migration of WAREHOUSE_MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    // Every statement is CREATE ... IF NOT EXISTS, so a migration cut short is safely applied again.
    for (const statement of migration.statements(target)) await client.command({ query: statement });
    await client.insert({
      table: SCHEMA_MIGRATIONS,
      values: [{ version: migration.version, name: migration.name, applied_at: Date.now() }],
      format: 'JSONEachRow',
    });
    done.push(migration.version);
  }
  return done;
}
