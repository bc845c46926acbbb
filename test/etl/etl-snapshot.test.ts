/**
 * A pull from SQLite while the platform database is open and written, as under `npm start`: the
 * server's better-sqlite3 connection (through TypeORM) stays open across pull runs of the embedded
 * warehouse in the same process, and another process writes meanwhile (an import, `npm run user:add`).
 * Nothing the other process writes may be lost to this one, the database must stay sound, and the
 * pull reads one point in time: a private snapshot, removed when the run ends.
 * Dataset: test/support/etl-seed.ts with 300 enterprises.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { checkPassword } from '../../api/auth/users';
import { runEtl } from '../../etl/load/run';
import { SNAPSHOT_FOLDER } from '../../etl/load/snapshot';
import { openPlatformDb } from '../../platform/data-source';
import { EnterpriseRow, ServiceRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { makeTestEnv } from '../support/env';
import { platformFigures, warehouseFigures } from '../support/etl-compare';
import { seedPlatform } from '../support/etl-seed';
import { WRITTEN_ENTERPRISE, WRITTEN_USER } from '../support/platform-writer';

const env = makeTestEnv('etl-snapshot', { ETL_OVERLAP_MS: '0' });
const snapshotFolder = path.join(env.dataDir, SNAPSHOT_FOLDER);
let platform: DataSource;
let warehouse: Warehouse;

beforeAll(async () => {
  platform = await openPlatformDb(env.config.platform);
  warehouse = await openWarehouse(env.config.warehouse);
  await seedPlatform(platform, 300);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

/** The platform files this process has open, as the kernel names them: an unlinked one ends in " (deleted)". */
function openPlatformFiles(): Array<{ target: string; inode: number }> {
  const files: Array<{ target: string; inode: number }> = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target.startsWith(env.config.platform.location)) files.push({ target, inode: fs.statSync(`/proc/self/fd/${fd}`).ino });
  }
  return files;
}

test('a pull leaves the live database\'s log alone: another process\'s rows and users reach this connection and the next run', async () => {
  const first = await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  expect(first.mode).toBe('pull');

  const wal = `${env.config.platform.location}-wal`;
  expect(openPlatformFiles().filter((file) => file.target.endsWith(' (deleted)'))).toEqual([]);
  expect(fs.existsSync(wal)).toBe(true);
  const walInode = fs.statSync(wal).ino;
  expect(openPlatformFiles().filter((file) => file.target === wal).map((file) => file.inode)).toContain(walInode);

  const writer = path.resolve(__dirname, '../support/platform-writer.js');
  await promisify(execFile)(process.execPath, [writer], { env: { ...process.env, DATA_DIR: env.dataDir } });

  // What the other process committed is visible to the connection that stayed open.
  expect(await platform.getRepository(EnterpriseRow).findOneBy({ id: WRITTEN_ENTERPRISE })).toMatchObject({ name: '另一进程写入的企业' });
  expect(await checkPassword(platform, WRITTEN_USER.username, WRITTEN_USER.password)).toMatchObject({ role: 'province' });
  expect(await platform.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  expect(fs.statSync(wal).ino).toBe(walInode);

  const second = await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  expect(second.rowsByTable.enterprises).toBe(1);
  expect(await queryRows(warehouse, 'SELECT name FROM enterprises WHERE id = {id:String}', { id: WRITTEN_ENTERPRISE })).toEqual([{ name: '另一进程写入的企业' }]);
  expect(await warehouseFigures(warehouse)).toEqual(await platformFigures(platform));
  expect(openPlatformFiles().filter((file) => file.target.endsWith(' (deleted)'))).toEqual([]);
  expect(await platform.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
});

test('a pull reads the database as it was when its snapshot was taken, and removes the snapshot and any left by a killed run', async () => {
  fs.mkdirSync(snapshotFolder, { recursive: true });
  const leftByKilledRun = path.join(snapshotFolder, 'killed-run.sqlite');
  fs.writeFileSync(leftByKilledRun, 'stale');
  const template = await platform.getRepository(ServiceRow).findOneByOrFail({ id: 'SVC0000000100' });
  const snapshotsDuringRun: string[][] = [];
  await runEtl(env.config, {
    platform, warehouse, mode: 'pull',
    atFaultPoint: async (point, table) => {
      if (point !== 'table:new-versions-written' || table !== 'regions') return;
      snapshotsDuringRun.push(fs.readdirSync(snapshotFolder));
      // Written after the snapshot, to a table the run has not reached yet: this run must not see it.
      await upsertRows(platform, ServiceRow, [{ ...template, id: 'SVC-AFTER-SNAPSHOT' }]);
    },
  });
  expect(snapshotsDuringRun).toEqual([[expect.stringMatching(/^[0-9a-f-]{36}\.sqlite$/)]]);
  expect(fs.readdirSync(snapshotFolder)).toEqual([]);
  const stored = () => queryRows(warehouse, "SELECT id FROM services WHERE id = 'SVC-AFTER-SNAPSHOT'");
  expect(await stored()).toEqual([]);
  const next = await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  expect(next.rowsByTable.services).toBe(1);
  expect(await stored()).toEqual([{ id: 'SVC-AFTER-SNAPSHOT' }]);
  expect(await warehouseFigures(warehouse)).toEqual(await platformFigures(platform));
});
