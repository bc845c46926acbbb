/**
 * How the server hands out the dashboard: hashed assets cached for good, index.html for any page the
 * dashboard routes itself, and gzip for clients that accept it. A made-up built dashboard (an index and
 * one asset) stands in for dashboard/dist.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openPlatformDb } from '../../etl/platform/data-source';
import { openWarehouse, type Warehouse } from '../../etl/warehouse/client';
import { migrateWarehouse } from '../../etl/warehouse/migrate';
import { startServer, type ApiServer } from '../../api/server';
import { makeTestEnv } from '../support/env';

const env = makeTestEnv('server');
const dashboardDir = path.join(env.dataDir, 'dashboard');
const script = `console.log(${JSON.stringify('安责险 '.repeat(400))});`;
let platform: DataSource;
let warehouse: Warehouse;
let server: ApiServer;
let origin: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(dashboardDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dashboardDir, 'index.html'), '<!doctype html><title>安责险</title>');
  fs.writeFileSync(path.join(dashboardDir, 'assets', 'index-AbC123.js'), script);
  platform = await openPlatformDb(env.config.platform);
  warehouse = await openWarehouse(env.config.warehouse);
  await migrateWarehouse(warehouse, { database: env.config.warehouse.database });
  // Port 0: any free port.
  server = await startServer({ ...env.config, api: { ...env.config.api, port: 0 } }, { platform, warehouse }, { dashboardDir });
  origin = server.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await server?.close();
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

test('hashed assets may be kept for a year and are never revalidated', async () => {
  const response = await fetch(`${origin}/assets/index-AbC123.js`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(await response.text()).toBe(script);
});

test('a missing asset is a 404, not the dashboard page', async () => {
  expect((await fetch(`${origin}/assets/index-gone.js`)).status).toBe(404);
});

test('any page the dashboard routes itself gets index.html', async () => {
  const response = await fetch(`${origin}/region/140400?year=2025`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('<title>安责险</title>');
});

test('text goes out gzipped to a client that accepts it', async () => {
  const response = await fetch(`${origin}/assets/index-AbC123.js`, { headers: { 'accept-encoding': 'gzip' } });
  expect(response.headers.get('content-encoding')).toBe('gzip');
  // fetch inflates the body: what arrives is the script itself.
  expect(await response.text()).toBe(script);
});
