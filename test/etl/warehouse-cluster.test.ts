/**
 * CLICKHOUSE_CLUSTER: every DDL statement and every statement of the ETL's loads, built for a
 * cluster named `main`, must be valid ClickHouse. ClickHouse itself judges them with formatQuery,
 * which parses without needing the cluster to exist.
 */
import { allLoadStatements } from '../../etl/load/statements';
import { pullSource } from '../../etl/load/source';
import { TABLE_LOADS } from '../../etl/load/tables';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { allWarehouseDdl } from '../../warehouse/migrate';
import { makeTestEnv } from '../support/env';

const env = makeTestEnv('warehouse-cluster');
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse(env.config.warehouse);
});

afterAll(async () => {
  await warehouse?.close();
  env.remove();
});

async function formatted(statement: string): Promise<string> {
  const [row] = await queryRows<{ text: string }>(warehouse, 'SELECT formatQuery({statement:String}) AS text', { statement });
  return row.text;
}

const cluster = { database: 'warehouse', cluster: 'main' };

test('ClickHouse parses every DDL statement for a cluster', async () => {
  const statements = allWarehouseDdl(cluster);
  expect(statements.length).toBeGreaterThan(20);
  for (const statement of statements) {
    const text = await formatted(statement);
    // Schema statements run on every node; the migration's row copies go through a Distributed table and wait for it.
    if (/^(CREATE|DROP|TRUNCATE|ALTER)/.test(statement)) expect(text).toMatch(/ON CLUSTER main/);
    else expect(statement).toMatch(/^INSERT INTO \w+ (\(.*\) )?SELECT .*insert_deduplicate = 0, distributed_foreground_insert = 1$|^INSERT INTO etl_published_runs /);
  }
  const tables = statements.filter((statement) => statement.startsWith('CREATE TABLE'));
  // Version 1's 9 tables, version 2's 9 stores, version 3's 2 stores, version 4's 2 judged-facts stores,
  // version 5's one, version 6's four sums and version 9's four judged facts, each a Distributed table over its Replicated shards.
  expect(statements.filter((statement) => /ENGINE = Distributed\(main, warehouse, \w+_local, cityHash64\(\w+\)\)/.test(statement))).toHaveLength(31);
  expect(tables.filter((statement) => /ENGINE = Replicated/.test(statement)).length).toBe(tables.length - 31);
  // Each view as its table's migration created it (22 tables), and again as version 7 replaced it (the 18 tables before it).
  const views = statements.filter((statement) => /^CREATE (OR REPLACE )?VIEW/.test(statement));
  expect(views).toHaveLength(40);
  for (const view of views) {
    expect(view).toMatch(
      /FROM \w+_store PREWHERE etl_run <= \(SELECT max\(run\) FROM etl_published_runs\) WHERE version_id GLOBAL NOT IN \(SELECT version_id FROM \w+_superseded WHERE by_run <= \(SELECT max\(run\) FROM etl_published_runs\)\)$/,
    );
  }
  // Version 7 adds the version numbers to the Distributed stores, their shards and the supersession records of the 18 tables.
  expect(statements.filter((statement) => /^ALTER TABLE \w+ ON CLUSTER main ADD COLUMN IF NOT EXISTS version_id UInt64 MATERIALIZED cityHash64\(/.test(statement))).toHaveLength(54);
  expect(statements.filter((statement) => /^ALTER TABLE \w+_(store_local|superseded) ON CLUSTER main MATERIALIZE COLUMN version_id SETTINGS mutations_sync = 2$/.test(statement))).toHaveLength(36);
});

test.each(['sqlite', 'postgres', 'mysql'] as const)('ClickHouse parses every load statement for a cluster, reading %s', async (dialect) => {
  const location = { sqlite: '/data/platform.sqlite', postgres: 'postgres://etl@db:5432/platform', mysql: 'mysql://etl@db:3306/platform' }[dialect];
  for (const load of TABLE_LOADS) {
    const source = pullSource({ dialect, location }, load.sourceTable);
    const statements = allLoadStatements(load, cluster, source.tableFunction);
    for (const statement of statements) await formatted(statement);
    const deletes = statements.filter((statement) => statement.startsWith('DELETE'));
    expect(deletes).toHaveLength(4);
    for (const statement of deletes) expect(statement).toMatch(new RegExp(`^DELETE FROM ${load.table.name}_(store_local|superseded) ON CLUSTER main WHERE`));
    for (const statement of statements.filter((text) => text.startsWith('TRUNCATE'))) expect(statement).toMatch(/ON CLUSTER main$/);
    for (const statement of statements.filter((text) => text.startsWith('INSERT'))) expect(statement).toMatch(/insert_deduplicate = 0, distributed_foreground_insert = 1$/);
    expect(statements.filter((text) => text.startsWith('SYSTEM SYNC REPLICA ON CLUSTER main'))).toEqual([
      `SYSTEM SYNC REPLICA ON CLUSTER main ${load.table.name}_store_local`, `SYSTEM SYNC REPLICA ON CLUSTER main ${load.table.name}_superseded`,
    ]);
  }
});

test('a malformed statement is rejected, so the parse check can fail', async () => {
  await expect(formatted('DELETE FROM policies_store_local ON CLUSTER WHERE')).rejects.toThrow(/Syntax error/);
});
