/**
 * Versioned warehouse migrations, applied by the ETL (and the server) before anything else. Each
 * migration is a list of steps built for either one server or a cluster: with CLICKHOUSE_CLUSTER
 * set, row storage becomes Replicated `<name>_local` tables on every node with a Distributed table
 * over them (sharded by county, so a county's rows stay together), and the ETL's own tables are
 * replicated whole to every node.
 *
 * Version 2 puts each data table's rows in `<name>_store` as versions tagged with the run that wrote
 * them, and turns `<name>` into a view of the versions visible at the last published run: written by
 * a run up to it and not superseded by a run up to it. A run's new versions and supersession records
 * are invisible until the run inserts its number into etl_published_runs; that one insert switches
 * every table at once. Every query of the view reads the published run through the same scalar
 * subquery, and ClickHouse evaluates identical scalar subqueries once per query, so a query that joins
 * several tables sees them all at one run.
 *
 * A later version that adds data tables (`addedIn` in ./schema) creates them versioned from the
 * start: version 3 adds insurer_filings and annual_reports.
 *
 * Version 7 names each version by one number, `version_id` (VERSION_ID_COLUMN), in the store and in
 * the supersession records alike, so that the views hide superseded versions by a set of numbers
 * instead of a set of key and run tuples (BENCHMARKS.md, "The version filter").
 */
import type { Warehouse } from './client';
import { queryRows } from './client';
import {
  DATA_TABLES, DERIVED_TABLES, ETL_RUNS, TOUCHED_ENTERPRISES, PUBLISHED_RUNS, RUN_COLUMN, SCHEMA_MIGRATIONS, SOURCE_KEYS, VERSION_ID_COLUMN, WarehouseTable, stageTableName,
  storeTableName, sumChangeColumns, sumChangeTableName, supersededTableName,
} from './schema';

/**
 * Where a test may stop the migration to versioned row storage (version 2) and kill it; the ETL's
 * list of fault points (etl/fault-points.ts) includes these.
 */
export const MIGRATION_FAULT_POINTS = [
  'migration:store-created',
  'migration:rows-copied',
  'migration:old-table-dropped',
  'migration:views-created',
] as const;
export type MigrationFaultPoint = (typeof MIGRATION_FAULT_POINTS)[number];

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

/** The table that held a data table's rows before version 2: `<name>_local` on a cluster. */
function version1StorageName(table: WarehouseTable, target: DdlTarget): string {
  return target.cluster ? `${table.name}_local` : table.name;
}

/** The table that receives DELETEs of row versions: `<name>_store_local` on a cluster. */
export function storageTableName(table: WarehouseTable, target: DdlTarget): string {
  return target.cluster ? `${storeTableName(table)}_local` : storeTableName(table);
}

/** A MergeTree table of the given shape and, on a cluster, a Distributed table named `name` over it. */
function shardedTableDdl(name: string, storage: string, shape: TableShape & { shardBy: string }, target: DdlTarget): string[] {
  const statements = [createStatement(storage, { ...shape, engine: engine('MergeTree', [], storage, target, true) }, target)];
  if (target.cluster) {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${name} ON CLUSTER ${target.cluster} AS ${storage}\n` +
        `ENGINE = Distributed(${target.cluster}, ${target.database}, ${storage}, cityHash64(${shape.shardBy}))`,
    );
  }
  return statements;
}

function version1DataTableDdl(table: WarehouseTable, target: DdlTarget): string[] {
  return shardedTableDdl(table.name, version1StorageName(table, target), { ...table, engine: '' }, target);
}

function keyColumns(table: WarehouseTable): ReadonlyArray<readonly [string, string]> {
  return table.key.map((name) => {
    const column = table.columns.find(([columnName]) => columnName === name);
    if (!column) throw new Error(`key column ${name} is not a column of ${table.name}`);
    return column;
  });
}

/**
 * The number of the version of a key written by run `run` (a column of the run): a 64-bit hash of
 * the key and the run. Two versions may share a number only by a hash collision; with at most
 * CLEANUP_SHARE (5%) of a store's versions superseded, the chance that one of 10.6 million visible
 * versions shares its number with one of 530,000 superseded ones is about 3 in 10 million.
 */
export function versionIdSql(table: WarehouseTable, run: string): string {
  return `cityHash64(${[...table.key, run].join(', ')})`;
}

/**
 * The rows of a table as of run `run` (an SQL expression: a bound parameter or the published run's
 * scalar subquery): versions written by a run up to it, less those a run up to it superseded, known
 * by their version numbers. On a cluster the set of superseded numbers is built once by the querying
 * node (GLOBAL) and sent to every shard. The run's condition is the PREWHERE and the set's the WHERE:
 * moved into the PREWHERE beside the reading query's own conditions, as the optimizer does unless told,
 * the set test took up to twice as long at national scale, 3–5 times on a synthetic store
 * (BENCHMARKS.md, "The version filter").
 * `where`, a condition on the table's columns, narrows the store itself, so that the ETL's reads of a
 * few keys or enterprises read those columns first (PREWHERE) rather than every row through the view.
 */
export function rowsAsOf(
  table: WarehouseTable, run: string, target: DdlTarget, columns: string[] = table.columns.map(([name]) => name), where?: string,
): string {
  const notIn = target.cluster ? 'GLOBAL NOT IN' : 'NOT IN';
  return `SELECT ${columns.join(', ')} FROM ${storeTableName(table)} PREWHERE ${where === undefined ? '' : `(${where}) AND `}${RUN_COLUMN} <= ${run} ` +
    `WHERE ${VERSION_ID_COLUMN} ${notIn} (SELECT ${VERSION_ID_COLUMN} FROM ${supersededTableName(table)} WHERE by_run <= ${run})`;
}

/** The last published run, as the views read it: 0 before any. */
export const PUBLISHED_RUN = `(SELECT max(run) FROM ${PUBLISHED_RUNS})`;

/** The version number column of a store (`run` RUN_COLUMN) or of supersession records (`run` superseded_run). */
function versionIdColumn(table: WarehouseTable, run: string): readonly [string, string] {
  return [VERSION_ID_COLUMN, `UInt64 MATERIALIZED ${versionIdSql(table, run)}`];
}

/** A table's store and supersession records, with their version numbers (which version 7 added to the tables created before it). */
function versionedStorageDdl(table: WarehouseTable, target: DdlTarget): string[] {
  const superseded = supersededTableName(table);
  const storeColumns = [...table.columns, [RUN_COLUMN, 'UInt64'] as const, versionIdColumn(table, RUN_COLUMN)];
  return [
    ...shardedTableDdl(storeTableName(table), storageTableName(table, target), { ...table, columns: storeColumns, engine: '' }, target),
    // Replicated whole, like the stage: each node's DELETE of superseded versions finds the records in its own copy.
    createStatement(superseded, {
      columns: [...keyColumns(table), ['superseded_run', 'UInt64'], ['by_run', 'UInt64'], versionIdColumn(table, 'superseded_run')],
      orderBy: [...table.key, 'superseded_run'],
      engine: engine('MergeTree', [], superseded, target, false),
    }, target),
  ];
}

function viewDdl(table: WarehouseTable, target: DdlTarget, replace = false): string {
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  return `CREATE ${replace ? 'OR REPLACE VIEW' : 'VIEW IF NOT EXISTS'} ${table.name}${onCluster} AS ${rowsAsOf(table, PUBLISHED_RUN, target)}`;
}

/** The data tables as version `version` of the schema has them. */
export function dataTablesAt(version: number): readonly WarehouseTable[] {
  return DATA_TABLES.filter((table) => (table.addedIn ?? 1) <= version);
}

/** Whether `name` is still a version 1 table (not yet the view): its parameter `name`. */
const IS_VERSION1_TABLE = "SELECT count() AS matches FROM system.tables WHERE database = currentDatabase() AND name = {name:String} AND engine != 'View'";

/** Version 2: each table's rows move into its store as versions of run 1, which is published, and the table becomes the view. */
function versionedStorageSteps(target: DdlTarget): MigrationStep[] {
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const insertSettings = target.cluster ? ' SETTINGS insert_deduplicate = 0, distributed_foreground_insert = 1' : ' SETTINGS insert_deduplicate = 0';
  const version1 = (table: WarehouseTable) => ({ query: IS_VERSION1_TABLE, params: { name: table.name } });
  const tables = dataTablesAt(1);
  const creates = [
    ...tables.flatMap((table) => versionedStorageDdl(table, target)),
    createStatement(PUBLISHED_RUNS, {
      columns: [['run', 'UInt64'], ['run_id', 'String'], ['published_at', "DateTime64(3, 'UTC')"]],
      orderBy: ['run'],
      engine: engine('MergeTree', [], PUBLISHED_RUNS, target, false),
    }, target),
  ].map((statement): MigrationStep => ({ statement }));
  creates[creates.length - 1].faultPoint = 'migration:store-created';
  // Emptied first, so that a copy cut short is redone whole while the old table still exists.
  const copies = tables.flatMap((table, index): MigrationStep[] => [
    { statement: `TRUNCATE TABLE ${storageTableName(table, target)}${onCluster}`, onlyIf: version1(table) },
    {
      statement: `INSERT INTO ${storeTableName(table)} SELECT *, 1 FROM ${table.name}${insertSettings}`,
      onlyIf: version1(table),
      faultPoint: index === 0 ? 'migration:rows-copied' : undefined,
    },
  ]);
  const publish: MigrationStep = {
    statement: `INSERT INTO ${PUBLISHED_RUNS} (run, run_id, published_at) SELECT 1, 'migration 2', now64(3) WHERE (SELECT count() FROM ${PUBLISHED_RUNS}) = 0`,
  };
  const views = tables.flatMap((table, index): MigrationStep[] => [
    ...(target.cluster
      ? [
        { statement: `DROP TABLE IF EXISTS ${table.name}${onCluster} SYNC`, onlyIf: version1(table) },
        { statement: `DROP TABLE IF EXISTS ${version1StorageName(table, target)}${onCluster} SYNC` },
      ]
      : [{ statement: `DROP TABLE IF EXISTS ${table.name}`, onlyIf: version1(table) }]),
    { statement: viewDdl(table, target), faultPoint: index === 0 ? 'migration:old-table-dropped' : undefined },
  ]);
  views[views.length - 1].faultPoint = 'migration:views-created';
  return [...creates, ...copies, publish, ...views];
}

/** The ETL's staging copy of a table: replicated whole, like the supersession records. */
function stageDdl(table: WarehouseTable, target: DdlTarget): string {
  const name = stageTableName(table);
  return createStatement(name, { columns: table.columns, orderBy: table.key, engine: engine('MergeTree', [], name, target, false) }, target);
}

/**
 * The data tables a later version adds are born versioned: their store, supersession records and
 * stage, and the view over the store.
 */
function addedTablesDdl(version: number, target: DdlTarget): string[] {
  return DATA_TABLES.filter((table) => table.addedIn === version)
    .flatMap((table) => [...versionedStorageDdl(table, target), stageDdl(table, target), viewDdl(table, target)]);
}

function etlTablesDdl(target: DdlTarget): string[] {
  return [
    ...dataTablesAt(1).map((table) => stageDdl(table, target)),
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

/**
 * Version 4: the judged facts (warehouse/schema.ts, DERIVED_TABLES), versioned and published like the
 * data tables, with a stage each and the ETL's list of touched enterprises. They start empty: the
 * next run finds them so and derives every row.
 */
function judgedFactsDdl(target: DdlTarget): string[] {
  return [
    ...derivedTablesDdl(4, target),
    createStatement(TOUCHED_ENTERPRISES, {
      columns: [['enterprise_id', 'String']],
      orderBy: ['enterprise_id'],
      engine: engine('MergeTree', [], TOUCHED_ENTERPRISES, target, false),
    }, target),
  ];
}

/** The judged-facts tables that schema version `version` adds, each versioned, with its stage and view. */
function derivedTablesDdl(version: number, target: DdlTarget): string[] {
  return DERIVED_TABLES.filter((table) => (table.addedIn ?? 4) === version).flatMap((table) => [
      ...versionedStorageDdl(table, target),
      createStatement(stageTableName(table), { columns: table.columns, orderBy: table.key, engine: engine('MergeTree', [], stageTableName(table), target, false) }, target),
      viewDdl(table, target),
  ]);
}

/** Whether the table `name` (its parameter) has any part. */
const HAS_PARTS = 'SELECT count() AS matches FROM system.parts WHERE database = currentDatabase() AND table = {name:String} AND active';

/**
 * Version 7: the stores and supersession records of the tables created before it get their version
 * numbers (new tables are created with them), written into every existing part, and the views hide
 * superseded versions by number. A view reads correct rows at every step: a part not yet rewritten
 * computes the numbers as it is read. On one server a table with no part has nothing to rewrite; on
 * a cluster the node asked cannot see the other shards' parts, so every table is rewritten.
 */
function versionIdSteps(target: DdlTarget): MigrationStep[] {
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  const tables = [...dataTablesAt(6), ...DERIVED_TABLES.filter((table) => (table.addedIn ?? 4) <= 6)];
  const addColumn = (name: string, column: readonly [string, string]): MigrationStep => ({
    statement: `ALTER TABLE ${name}${onCluster} ADD COLUMN IF NOT EXISTS ${column[0]} ${column[1]}`,
  });
  const materialize = (name: string): MigrationStep => ({
    statement: `ALTER TABLE ${name}${onCluster} MATERIALIZE COLUMN ${VERSION_ID_COLUMN} SETTINGS mutations_sync = 2`,
    onlyIf: target.cluster ? undefined : { query: HAS_PARTS, params: { name } },
  });
  return [
    ...tables.flatMap((table) => [
      // On a cluster the Distributed store is altered as well as its shards, so that it shows the column.
      ...(target.cluster ? [addColumn(storeTableName(table), versionIdColumn(table, RUN_COLUMN))] : []),
      addColumn(storageTableName(table, target), versionIdColumn(table, RUN_COLUMN)),
      addColumn(supersededTableName(table), versionIdColumn(table, 'superseded_run')),
    ]),
    ...tables.flatMap((table) => [materialize(storageTableName(table, target)), materialize(supersededTableName(table))]),
    ...tables.map((table): MigrationStep => ({ statement: viewDdl(table, target, true) })),
  ];
}

interface MigrationStep {
  statement: string;
  /** Run the statement only when this query's `matches` is above 0. */
  onlyIf?: { query: string; params: Record<string, unknown> };
  /** Where a test may stop the migration, once the statement is done. */
  faultPoint?: MigrationFaultPoint;
}

export interface WarehouseMigration {
  version: number;
  name: string;
  /** Each step is safe to run again: a migration cut short is applied again from its start. */
  steps(target: DdlTarget): MigrationStep[];
}

export const WAREHOUSE_MIGRATIONS: readonly WarehouseMigration[] = [
  {
    version: 1,
    name: 'data tables, staging, run log',
    steps: (target) => [...dataTablesAt(1).flatMap((table) => version1DataTableDdl(table, target)), ...etlTablesDdl(target)].map((statement) => ({ statement })),
  },
  {
    version: 2,
    name: 'row versions published by run',
    steps: versionedStorageSteps,
  },
  {
    version: 3,
    name: 'insurer filings and annual reports',
    steps: (target) => addedTablesDdl(3, target).map((statement) => ({ statement })),
  },
  {
    version: 4,
    name: 'judged facts derived by the ETL',
    steps: (target) => judgedFactsDdl(target).map((statement) => ({ statement })),
  },
  {
    version: 5,
    name: 'insured spans per enterprise',
    // Empty at first, like every judged-facts table: the next run derives it whole.
    steps: (target) => derivedTablesDdl(5, target).map((statement) => ({ statement })),
  },
  {
    version: 6,
    name: 'premium received and prevention spending per year, county and insurer',
    steps: (target) => derivedTablesDdl(6, target).map((statement) => ({ statement })),
  },
  {
    version: 7,
    name: 'version numbers of row versions and supersession records',
    steps: versionIdSteps,
  },
  {
    version: 8,
    name: 'the change of a run per group of sums',
    steps: (target) => DERIVED_TABLES.filter((table) => table.enterpriseColumn === null && (table.addedIn ?? 4) <= 8).map((table) => ({
      statement: createStatement(sumChangeTableName(table), {
        columns: sumChangeColumns(table), orderBy: table.key, engine: engine('MergeTree', [], sumChangeTableName(table), target, false),
      }, target),
    })),
  },
  {
    version: 9,
    name: 'claims per insurer share, insured changes per enterprise',
    steps: (target) => derivedTablesDdl(9, target).map((statement) => ({ statement })),
  },
];

export class WarehouseSchemaTooNewError extends Error {
  constructor(readonly applied: number, readonly known: number) {
    super(
      `the warehouse has schema version ${applied}, newer than this program knows (up to ${known}): ` +
        'run a release at least as new as the one that last migrated it; the warehouse was left unchanged',
    );
    this.name = 'WarehouseSchemaTooNewError';
  }
}

function migrationsTableDdl(target: DdlTarget): string {
  return createStatement(SCHEMA_MIGRATIONS, {
    columns: [['version', 'UInt32'], ['name', 'String'], ['applied_at', "DateTime64(3, 'UTC')"]],
    orderBy: ['version'],
    engine: engine('MergeTree', [], SCHEMA_MIGRATIONS, target, false),
  }, target);
}

/** Every statement of every migration, for checking that ClickHouse parses them. */
export function allWarehouseDdl(target: DdlTarget): string[] {
  return [migrationsTableDdl(target), ...WAREHOUSE_MIGRATIONS.flatMap((migration) => migration.steps(target).map((step) => step.statement))];
}

export const LATEST_WAREHOUSE_VERSION = Math.max(...WAREHOUSE_MIGRATIONS.map((migration) => migration.version));

/**
 * Applies the pending migrations in order; returns the versions applied. `upTo` stops at an older
 * version (for testing the migration of an existing warehouse).
 */
export async function migrateWarehouse(
  client: Warehouse, target: DdlTarget, options: { atFaultPoint?: (point: MigrationFaultPoint) => Promise<void>; upTo?: number } = {},
): Promise<number[]> {
  const applied = new Set(
    (await queryRows<{ version: number }>(client, `SELECT version FROM ${SCHEMA_MIGRATIONS}`).catch(async (error: unknown) => {
      if ((error as { code?: string }).code !== '60') throw error;
      // Code 60: no such table, a new warehouse.
      await client.command({ query: migrationsTableDdl(target) });
      return [];
    })).map((row) => Number(row.version)),
  );
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_WAREHOUSE_VERSION) throw new WarehouseSchemaTooNewError(newest, LATEST_WAREHOUSE_VERSION);
  const done: number[] = [];
  for (const migration of WAREHOUSE_MIGRATIONS) {
    if (applied.has(migration.version) || migration.version > (options.upTo ?? LATEST_WAREHOUSE_VERSION)) continue;
    for (const step of migration.steps(target)) {
      if (step.onlyIf) {
        const [condition] = await queryRows<{ matches: number }>(client, step.onlyIf.query, step.onlyIf.params);
        if (Number(condition.matches) === 0) continue;
      }
      await client.command({ query: step.statement });
      if (step.faultPoint && options.atFaultPoint) await options.atFaultPoint(step.faultPoint);
    }
    await client.insert({
      table: SCHEMA_MIGRATIONS,
      values: [{ version: migration.version, name: migration.name, applied_at: Date.now() }],
      format: 'JSONEachRow',
    });
    done.push(migration.version);
  }
  return done;
}
