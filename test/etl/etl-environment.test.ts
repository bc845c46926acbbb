/**
 * What a run cannot control: the platform database unreachable, the warehouse's disk full or
 * read-only, a warehouse migrated by a newer release. Each gives one clear error (exit code 1) and
 * leaves the warehouse as it was: every row of every table hashes as before. Then a run in a sound
 * environment loads the pending changes exactly.
 *
 * Dataset: test/support/etl-seed.ts with 100 enterprises, then the edits of etl-scenario.ts. The
 * warehouse directory is a 64 MB tmpfs mounted for this file (it needs root, as CI runs), so that
 * the disk can be filled and made read-only for real.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { runEtl } from '../../etl/load/run';
import { openPlatformDb } from '../../platform/data-source';
import { openWarehouse, queryRows } from '../../warehouse/client';
import { LATEST_WAREHOUSE_VERSION, WAREHOUSE_MIGRATIONS } from '../../warehouse/migrate';
import { makeTestEnv } from '../support/env';
import { startEtlChild } from '../support/etl-child';
import { platformFigures, warehouseFigures, warehouseRowHashes } from '../support/etl-compare';
import { changeSource } from '../support/etl-scenario';
import { seedPlatform } from '../support/etl-seed';

const env = makeTestEnv('etl-environment', { ETL_OVERLAP_MS: '0' });
const childEnv = { DATA_DIR: env.dataDir, ETL_OVERLAP_MS: '0' };
const warehouseDir = env.config.warehouse.embeddedPath;
let platform: DataSource;
let hashesBefore: Record<string, string>;

function mount(...args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

beforeAll(async () => {
  fs.mkdirSync(warehouseDir, { recursive: true });
  mount('-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', warehouseDir);
  platform = await openPlatformDb(env.config.platform);
  await seedPlatform(platform, 100);
  const warehouse = await openWarehouse(env.config.warehouse);
  try {
    // By stream: ClickHouse's SQLite reader in this process would hide this process's later writes from the child runs.
    await runEtl(env.config, { platform, warehouse, mode: 'stream' });
    hashesBefore = await warehouseRowHashes(warehouse);
  } finally {
    await warehouse.close();
  }
  await changeSource(platform);
});

afterAll(async () => {
  await platform?.destroy();
  try {
    execFileSync('umount', ['-l', warehouseDir], { stdio: 'pipe' });
  } finally {
    env.remove();
  }
});

async function expectWarehouseUnchanged(): Promise<void> {
  const warehouse = await openWarehouse(env.config.warehouse);
  try {
    expect(await warehouseRowHashes(warehouse)).toEqual(hashesBefore);
  } finally {
    await warehouse.close();
  }
}

async function failingRun(extraEnv: Record<string, string> = {}): Promise<string> {
  const child = startEtlChild({ ...childEnv, ...extraEnv }, ['--mode', 'stream']);
  const exit = await child.exited;
  expect({ ...exit, output: child.output() }).toMatchObject({ code: 1, signal: null });
  return child.output();
}

test('an unreachable platform database: one clear error, the warehouse unchanged', async () => {
  // A directory where the SQLite file should be: SQLite cannot open it.
  const output = await failingRun({ PLATFORM_DB_URL: `sqlite:${env.dataDir}` });
  expect(output).toContain(`cannot reach the platform database (the SQLite file ${path.resolve(env.dataDir)}), nothing was loaded`);
  await expectWarehouseUnchanged();
});

test('a full warehouse disk: one clear error, the warehouse unchanged', async () => {
  const filler = path.join(warehouseDir, 'filler');
  const chunk = Buffer.alloc(1 << 20);
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
  try {
    const output = await failingRun();
    expect(output).toMatch(/ETL run \S+ failed.*(No space left on device|Cannot reserve|NOT_ENOUGH_SPACE)/s);
  } finally {
    fs.rmSync(filler);
  }
  await expectWarehouseUnchanged();
});

test('a read-only warehouse directory: one clear error, the warehouse unchanged', async () => {
  mount('-o', 'remount,ro', warehouseDir);
  try {
    const output = await failingRun();
    expect(output).toMatch(/Read-only file system/);
  } finally {
    mount('-o', 'remount,rw', warehouseDir);
  }
  await expectWarehouseUnchanged();
});

test('a warehouse migrated by a newer release: one clear error, the warehouse unchanged', async () => {
  const newer = LATEST_WAREHOUSE_VERSION + 1;
  let warehouse = await openWarehouse(env.config.warehouse);
  await warehouse.insert({ table: 'schema_migrations', values: [{ version: newer, name: 'from a newer release', applied_at: Date.now() }], format: 'JSONEachRow' });
  await warehouse.close();
  const output = await failingRun();
  expect(output).toContain(`the warehouse has schema version ${newer}, newer than this program knows (up to ${LATEST_WAREHOUSE_VERSION})`);
  await expectWarehouseUnchanged();
  warehouse = await openWarehouse(env.config.warehouse);
  try {
    expect(await queryRows(warehouse, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      [...WAREHOUSE_MIGRATIONS.map((migration) => migration.version), newer].map((version) => ({ version })),
    );
    await warehouse.command({ query: 'DELETE FROM schema_migrations WHERE version = {newer:UInt32}', query_params: { newer } });
  } finally {
    await warehouse.close();
  }
});

test('once the environment is sound again, a run loads the pending changes exactly', async () => {
  const child = startEtlChild(childEnv, ['--mode', 'stream']);
  expect({ ...(await child.exited), output: child.output() }).toMatchObject({ code: 0, signal: null });
  const warehouse = await openWarehouse(env.config.warehouse);
  try {
    expect(await warehouseFigures(warehouse)).toEqual(await platformFigures(platform));
  } finally {
    await warehouse.close();
  }
});
