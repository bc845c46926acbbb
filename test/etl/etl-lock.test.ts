/**
 * One ETL at a time: a second run is refused with a message naming the holder; a lock left by a dead
 * process or with a stopped heartbeat is taken over, and the run that held it is marked abandoned. Dataset: 50 enterprises of test/support/etl-seed.ts.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { EtlLockedError, runEtl } from '../../etl/load/run';
import { STALE_AFTER_MS, acquireEtlLock } from '../../etl/load/lock';
import { recordRunState, runHistory } from '../../warehouse/run-log';
import { openPlatformDb } from '../../platform/data-source';
import { EtlLockRow } from '../../platform/entities';
import { openWarehouse, type Warehouse } from '../../warehouse/client';
import { makeTestEnv } from '../support/env';
import { startEtlChild } from '../support/etl-child';
import { seedPlatform } from '../support/etl-seed';

const env = makeTestEnv('etl-lock', { ETL_OVERLAP_MS: '0' });
let platform: DataSource;
let warehouse: Warehouse;

beforeAll(async () => {
  platform = await openPlatformDb(env.config.platform);
  await seedPlatform(platform, 50);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

const REFUSAL = new RegExp(
  `^another ETL run is in progress since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(pid ${process.pid} on host ${os.hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`,
);

test('while a run holds the lock, the command refuses with exit code 3 and a clear message', async () => {
  const held = await acquireEtlLock(platform, 'holding-run');
  try {
    // The test process has no warehouse open yet: the child must be refused by the lock, not by chDB's directory lock.
    const second = startEtlChild({ DATA_DIR: env.dataDir });
    const { code } = await second.exited;
    expect(code).toBe(3);
    expect(second.output().trim()).toMatch(REFUSAL);
  } finally {
    await held.release();
  }
});

test('a second run in the same process is refused too, and runs once the lock is released', async () => {
  warehouse = await openWarehouse(env.config.warehouse);
  const held = await acquireEtlLock(platform, 'holding-run');
  const refused = runEtl(env.config, { platform, warehouse });
  await expect(refused).rejects.toBeInstanceOf(EtlLockedError);
  await expect(refused).rejects.toThrow(REFUSAL);
  await held.release();
  const summary = await runEtl(env.config, { platform, warehouse });
  expect(summary.rowsByTable.enterprises).toBe(50);
  expect(await platform.getRepository(EtlLockRow).count()).toBe(0);
});

async function leaveLock(holder: string, heartbeatAt: number): Promise<void> {
  await platform.getRepository(EtlLockRow).insert({ name: 'etl', holder, acquiredAt: heartbeatAt - 1000, heartbeatAt });
}

test('a lock left by a dead process on this host is taken over', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  await leaveLock(`${dead.pid}@${os.hostname()}#crashed-run`, Date.now());
  const log: string[] = [];
  await runEtl(env.config, { platform, warehouse, log: (line) => log.push(line) });
  expect(log).toContain(`took over a stale ETL lock left by pid ${dead.pid} on host ${os.hostname()}`);
  expect(await platform.getRepository(EtlLockRow).count()).toBe(0);
});

test('a lock held on another host counts while its heartbeat is fresh and is taken over once it stops', async () => {
  await leaveLock('4242@etl-elsewhere#other-run', Date.now());
  await expect(runEtl(env.config, { platform, warehouse })).rejects.toThrow(/\(pid 4242 on host etl-elsewhere\)/);
  await platform.getRepository(EtlLockRow).delete({ name: 'etl' });

  await leaveLock('4242@etl-elsewhere#other-run', Date.now() - STALE_AFTER_MS - 1000);
  const log: string[] = [];
  await runEtl(env.config, { platform, warehouse, log: (line) => log.push(line) });
  expect(log).toContain('took over a stale ETL lock left by pid 4242 on host etl-elsewhere');
});

test('the run whose lock is taken over is marked abandoned in the run log, with when and why', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  const startedAt = Date.now() - 60_000;
  await recordRunState(warehouse, {
    runId: 'killed-run', mode: 'pull', status: 'running', startedAt, finishedAt: null, watermarkFrom: 0, watermarkTo: 0, rows: {}, error: null,
  });
  await leaveLock(`${dead.pid}@${os.hostname()}#killed-run`, startedAt);
  const log: string[] = [];
  const before = Date.now();
  const rerun = await runEtl(env.config, { platform, warehouse, log: (line) => log.push(line) });
  const killed = (await runHistory(warehouse)).find((run) => run.runId === 'killed-run');
  expect(killed).toMatchObject({ status: 'abandoned', startedAt });
  expect(killed!.finishedAt).toBeGreaterThanOrEqual(before);
  expect(killed!.error).toBe(
    `abandoned: its process (pid ${dead.pid} on host ${os.hostname()}) stopped before the run finished; ` +
    `run ${rerun.runId} took over the ETL lock at ${new Date(killed!.finishedAt!).toISOString()}`,
  );
  expect(log).toContain(`run killed-run ${killed!.error}`);
  expect((await runHistory(warehouse)).filter((run) => run.status === 'running')).toEqual([]);
});
