/**
 * The ETL scenario of test/support/etl-scenario.ts with the platform database on one of the machine's
 * servers: a first load, a change, a move and deletions, by pull (ClickHouse's table function reading
 * the server) and by stream, each equal to the source to the fen and to each other row for row.
 * Each server test file is this scenario with its server named.
 */
import type { DataSource } from 'typeorm';
import type { PlatformDialect } from '../../config/config';
import { openPlatformDb } from '../../platform/data-source';
import { openWarehouse, type Warehouse } from '../../warehouse/client';
import { makeTestEnv, type TestEnv } from './env';
import { pullStreamScenario } from './etl-scenario';
import type { ServerDatabase } from './etl-servers';

export interface PlatformServer {
  /** As a reader names it in the test title: 'PostgreSQL', 'MariaDB'. */
  name: string;
  /** The test env label (its private DATA_DIR). */
  label: string;
  dialect: PlatformDialect;
  /** A private database on the server, dropped after the file's tests. */
  createDatabase(): Promise<ServerDatabase>;
}

export function serverScenario(platformServer: PlatformServer, enterprises: number): void {
  let server: ServerDatabase;
  let env: TestEnv;
  let platform: DataSource;
  let warehouse: Warehouse;

  beforeAll(async () => {
    server = await platformServer.createDatabase();
    env = makeTestEnv(platformServer.label, { PLATFORM_DB_URL: server.url, ETL_OVERLAP_MS: '0' });
    platform = await openPlatformDb(env.config.platform);
    warehouse = await openWarehouse(env.config.warehouse);
  });

  afterAll(async () => {
    await warehouse?.close();
    await platform?.destroy();
    await server?.drop();
    env?.remove();
  });

  test(`pull and stream from ${platformServer.name} load it exactly, follow changes and deletions, and agree row for row`, async () => {
    expect(env.config.platform.dialect).toBe(platformServer.dialect);
    const result = await pullStreamScenario(env.config, platform, warehouse, enterprises);
    expect(result.first.pull.mode).toBe('pull');
  });
}
