/**
 * How the server hands out the dashboard: hashed assets cached for good, index.html for any page the
 * dashboard routes itself, and gzip for clients that accept it; the security headers on every answer;
 * a data directory only its owner can read. A made-up built dashboard (an index and one asset) stands
 * in for dashboard/dist.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openPlatformDb } from '../../platform/data-source';
import { openWarehouse, type Warehouse } from '../../warehouse/client';
import { migrateWarehouse } from '../../warehouse/migrate';
import { tokenSecret } from '../../api/auth/tokens';
import { startServer, type ApiServer } from '../../api/server';
import { loadConfig } from '../../config/config';
import { makeTestEnv } from '../support/env';

const env = makeTestEnv('server');
const dashboardDir = path.join(env.dataDir, 'dashboard');
const script = `console.log(${JSON.stringify('安责险 '.repeat(400))});`;
let platform: DataSource;
let warehouse: Warehouse;
let server: ApiServer;
let origin: string;

/** What an older version left behind: everything readable by every local user. */
function leaveWorldReadable(): void {
  fs.chmodSync(env.dataDir, 0o755);
  fs.writeFileSync(path.join(env.dataDir, 'jwt-secret'), 'a-secret-an-older-version-made-0644', { mode: 0o644 });
  fs.writeFileSync(path.join(env.dataDir, 'platform.sqlite'), '', { mode: 0o644 });
}

beforeAll(async () => {
  leaveWorldReadable();
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

test('a missing asset is answered in JSON, with no stack or path', async () => {
  const response = await fetch(`${origin}/assets/index-gone.js`);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect(JSON.parse(text).errors[0].extensions.code).toBe('NOT_FOUND');
  expect(text).not.toMatch(/\/work\/|node_modules|stack|\bat \S+ \(/);
});

describe('security headers', () => {
  test.each(['/', '/assets/index-AbC123.js', '/graphql', '/assets/index-gone.js'])('%s', async (page) => {
    const response = await fetch(`${origin}${page}`, page === '/graphql' ? {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    } : {});
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('the data directory is its owner\'s only', () => {
  const modeOf = (file: string): string => (fs.statSync(path.join(env.dataDir, file)).mode & 0o777).toString(8);

  test('the directory, the platform database with its -wal and -shm, and the token secret', () => {
    expect(modeOf('.')).toBe('700');
    for (const file of ['platform.sqlite', 'platform.sqlite-wal', 'platform.sqlite-shm', 'jwt-secret']) expect([file, modeOf(file)]).toEqual([file, '600']);
  });

  test('a new data directory is made private, its database and secret too', async () => {
    const fresh = makeTestEnv('server-fresh');
    const nested = path.join(fresh.dataDir, 'nested', 'data');
    const config = loadConfig({ DATA_DIR: nested });
    const freshPlatform = await openPlatformDb(config.platform);
    try {
      tokenSecret(config);
      const mode = (file: string): string => (fs.statSync(path.join(nested, file)).mode & 0o777).toString(8);
      expect(mode('.')).toBe('700');
      for (const file of ['platform.sqlite', 'platform.sqlite-wal', 'platform.sqlite-shm', 'jwt-secret']) expect([file, mode(file)]).toEqual([file, '600']);
    } finally {
      await freshPlatform.destroy();
      fresh.remove();
    }
  });
});
