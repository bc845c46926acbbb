/**
 * The ETL scenario of test/support/etl-scenario.ts with the platform database on PostgreSQL: a first
 * load, a change, a move and deletions, by pull (ClickHouse's table function reading PostgreSQL) and by
 * stream, each equal to the source to the fen and to each other row for row.
 * Dataset: test/support/etl-seed.ts with 1,000 enterprises, in a database of its own (ansz_test_<pid>).
 */
import type { DataSource } from 'typeorm';
import { openPlatformDb } from '../../etl/platform/data-source';
import { openWarehouse, type Warehouse } from '../../etl/warehouse/client';
import { POSTGRES_URL, makeTestEnv, type TestEnv } from '../support/env';
import { pullStreamScenario } from '../support/etl-scenario';
import { createPostgresDatabase, type ServerDatabase } from '../support/etl-servers';

let server: ServerDatabase;
let env: TestEnv;
let platform: DataSource;
let warehouse: Warehouse;

beforeAll(async () => {
  server = await createPostgresDatabase(POSTGRES_URL, `ansz_test_${process.pid}`);
  env = makeTestEnv('etl-postgres', { PLATFORM_DB_URL: server.url, ETL_OVERLAP_MS: '0' });
  platform = await openPlatformDb(env.config.platform);
  warehouse = await openWarehouse(env.config.warehouse);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  await server?.drop();
  env?.remove();
});

test('pull and stream from PostgreSQL load it exactly, follow changes and deletions, and agree row for row', async () => {
  expect(env.config.platform.dialect).toBe('postgres');
  const result = await pullStreamScenario(env.config, platform, warehouse, 1000);
  expect(result.first.pull.mode).toBe('pull');
});
