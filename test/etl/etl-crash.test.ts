/**
 * A run killed part-way (SIGKILL, no chance to clean up) is finished exactly by the next run.
 * Dataset: test/support/etl-seed.ts with 3,000 enterprises, then the edits of etl-scenario.ts and more.
 *
 * The killed runs are child processes: embedded chDB locks its directory per process, so this test
 * opens the warehouse only once every child is dead.
 */
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { runEtl } from '../../etl/load/run';
import { lastSuccessfulRun } from '../../warehouse/run-log';
import { runHistory } from '../../warehouse/run-log';
import { openPlatformDb } from '../../platform/data-source';
import { ClaimRow, PolicyRow, PolicyShareRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { DATA_TABLES } from '../../warehouse/schema';
import { makeTestEnv } from '../support/env';
import { startEtlChild } from '../support/etl-child';
import { platformFigures, warehouseFigures, warehouseSnapshot } from '../support/etl-compare';
import { changeSource, runInto } from '../support/etl-scenario';
import { seedPlatform } from '../support/etl-seed';

const env = makeTestEnv('etl-crash', { ETL_OVERLAP_MS: '0' });
const childEnv = { DATA_DIR: env.dataDir, ETL_OVERLAP_MS: '0' };
let platform: DataSource;
let warehouse: Warehouse | undefined;

beforeAll(async () => {
  platform = await openPlatformDb(env.config.platform);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

test('runs killed after a table is stored and in the middle of another are finished exactly by the next run', async () => {
  await seedPlatform(platform, 3000);
  const complete = startEtlChild(childEnv);
  expect(await complete.exited).toEqual({ code: 0, signal: null });
  expect(complete.output()).toMatch(/ETL (pull|stream) run .* succeeded/);

  await changeSource(platform);
  const pausedRun = startEtlChild(childEnv, ['--fault-point', 'table:new-versions-written@policies']);
  await pausedRun.waitFor(/fault point table:new-versions-written@policies reached/);
  pausedRun.process.kill('SIGKILL');
  expect((await pausedRun.exited).signal).toBe('SIGKILL');

  // More edits while no run finished: the next runs must pick up these and the earlier ones alike.
  const repriced = await platform.getRepository(PolicyRow).findOneByOrFail({ id: 'POL000000500' });
  await upsertRows(platform, PolicyRow, [{ ...repriced, premiumFen: repriced.premiumFen + 7 }]);
  await platform.getRepository(PolicyShareRow).delete({ policyId: 'POL000000050' });
  await platform.getRepository(ClaimRow).delete({ id: 'CLM000001010' });

  const killedRun = startEtlChild(childEnv);
  await killedRun.waitFor(/policy_shares: reading changed rows/);
  killedRun.process.kill('SIGKILL');
  expect((await killedRun.exited).signal).toBe('SIGKILL');

  warehouse = await openWarehouse(env.config.warehouse);
  const history = await runHistory(warehouse);
  // The second killed run took over the first one's lock and marked it abandoned before it was killed in turn.
  expect(history.map((run) => run.status)).toEqual(['running', 'abandoned', 'succeeded']);
  const beforeRerun = await lastSuccessfulRun(warehouse);
  expect(beforeRerun?.runId).toBe(history[2].runId);

  const log: string[] = [];
  const rerun = await runEtl(env.config, { platform, warehouse, log: (line) => log.push(line) });
  expect(log).toContain(`took over a stale ETL lock left by pid ${killedRun.process.pid} on host ${os.hostname()}`);
  expect(rerun.watermarkFrom).toBe(beforeRerun?.watermarkTo);
  // Neither killed run got as far as the claims' deletions.
  expect(rerun.deletedByTable.claims).toBe(2);
  expect((await runHistory(warehouse)).map((run) => run.status)).toEqual(['succeeded', 'abandoned', 'abandoned', 'succeeded']);

  expect(await warehouseFigures(warehouse, env.config.warehouse.database)).toEqual(await platformFigures(platform));
  for (const table of DATA_TABLES) {
    const [row] = await queryRows<{ duplicates: number }>(
      warehouse,
      `SELECT count() - uniqExact(${table.key.join(', ')}) AS duplicates FROM ${env.config.warehouse.database}.${table.name}`,
    );
    expect({ table: table.name, duplicates: row.duplicates }).toEqual({ table: table.name, duplicates: 0 });
  }
  // The strongest check: identical, row for row, to a fresh full load of the same source.
  await runInto(env.config, platform, warehouse, 'fresh_load', 'pull');
  expect(await warehouseSnapshot(warehouse, env.config.warehouse.database)).toEqual(await warehouseSnapshot(warehouse, 'fresh_load'));
});
