/**
 * The server's scheduled ETL: a change in the platform reaches the warehouse on the next tick, and
 * stopping waits for a run in progress. Dataset: the api fixture (test/fixtures/api, 14 enterprises).
 */
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { importFolder } from '../../etl/csv/import';
import { runEtl, type EtlRunSummary } from '../../etl/load/run';
import { scheduleEtl } from '../../etl/load/schedule';
import { openPlatformDb } from '../../platform/data-source';
import { InsurerRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { makeTestEnv } from '../support/env';

const env = makeTestEnv('etl-schedule', { ETL_INTERVAL_SECONDS: '1' });
let platform: DataSource;
let warehouse: Warehouse;

beforeAll(async () => {
  platform = await openPlatformDb(env.config.platform);
  await importFolder(platform, path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'api'));
  warehouse = await openWarehouse(env.config.warehouse);
  await runEtl(env.config, { platform, warehouse });
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

test('a change reaches the warehouse on the next scheduled run, and stop() waits for it', async () => {
  const insurer = await platform.getRepository(InsurerRow).findOneByOrFail({ id: 'I1' });
  await upsertRows(platform, InsurerRow, [{ ...insurer, name: '定时抽取后的名称' }]);
  const finished: EtlRunSummary[] = [];
  const errors: Error[] = [];
  const firstRun = new Promise<void>((resolve) => {
    const schedule = scheduleEtl(env.config, { platform, warehouse }, {
      onFinished: (summary) => {
        finished.push(summary);
        void schedule.stop().then(resolve);
      },
      onError: (error) => errors.push(error),
    });
  });
  await firstRun;
  expect(errors).toEqual([]);
  expect(finished).toHaveLength(1);
  expect(finished[0].rowsByTable.insurers).toBeGreaterThanOrEqual(1);
  expect(await queryRows(warehouse, "SELECT name FROM insurers WHERE id = 'I1'")).toEqual([{ name: '定时抽取后的名称' }]);
});

test('an interval of 0 schedules nothing', async () => {
  const schedule = scheduleEtl({ ...env.config, etl: { ...env.config.etl, intervalSeconds: 0 } }, { platform, warehouse }, {
    onFinished: () => { throw new Error('no run was expected'); },
    onError: (error) => { throw error; },
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await schedule.stop();
});
