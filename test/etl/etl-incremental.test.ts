/**
 * A run with nothing changed loads nothing: on demo data (the generator's tiny scale, every row
 * stamped at generation), with the default overlap, on the real clock, by both paths and by the
 * server's schedule; and a change after that loads that row alone.
 */
import type { DataSource } from 'typeorm';
import { generateToDatabase } from '../../etl/generate';
import type { EtlRunSummary } from '../../etl/load/run';
import { scheduleEtl } from '../../etl/load/schedule';
import { openPlatformDb } from '../../platform/data-source';
import { InsurerRow, PolicyRow, PolicyShareRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { makeTestEnv } from '../support/env';
import { platformFigures, warehouseFigures } from '../support/etl-compare';
import { runInto, useDatabase } from '../support/etl-scenario';

const env = makeTestEnv('etl-incremental', { ETL_INTERVAL_SECONDS: '1' });
let platform: DataSource;
let warehouse: Warehouse;

beforeAll(async () => {
  expect(env.config.etl.overlapMs).toBe(300_000);
  platform = await openPlatformDb(env.config.platform);
  await generateToDatabase(platform, { seed: 42, scale: 'tiny', years: { from: 2023, to: 2026 } });
  warehouse = await openWarehouse(env.config.warehouse);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, rows) => sum + rows, 0);
const nothing = (summary: EtlRunSummary) => ({ loaded: total(summary.rowsByTable), deleted: total(summary.deletedByTable) });

test.each(['pull', 'stream'] as const)('%s: the second of two runs with no change between them loads nothing', async (mode) => {
  const database = `incremental_${mode}`;
  const first = await runInto(env.config, platform, warehouse, database, mode);
  expect(total(first.rowsByTable)).toBeGreaterThan(1000);
  const second = await runInto(env.config, platform, warehouse, database, mode);
  expect(nothing(second)).toEqual({ loaded: 0, deleted: 0 });
  expect(second.watermarkFrom).toBe(first.watermarkTo);
  expect(second.watermarkTo).toBe(first.watermarkTo);

  const insurer = await platform.getRepository(InsurerRow).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  await upsertRows(platform, InsurerRow, [{ ...insurer, name: `${insurer.name}（${mode}）` }]);
  const third = await runInto(env.config, platform, warehouse, database, mode);
  expect(third.rowsByTable.insurers).toBe(1);
  expect(total(third.rowsByTable)).toBe(1);
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
});

test.each(['pull', 'stream'] as const)('%s: rows read again within the overlap and equal to the published ones become no version', async (mode) => {
  const database = `overlap_${mode}`;
  await runInto(env.config, platform, warehouse, database, mode);
  // Every generated row is stamped within the overlap, so the next run reads every policy again; one of them changed.
  const policy = await platform.getRepository(PolicyRow).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  await upsertRows(platform, PolicyRow, [{ ...policy, premiumReceivedFen: policy.premiumReceivedFen + 1 }]);
  const next = await runInto(env.config, platform, warehouse, database, mode);
  expect(next.rowsByTable.policies).toBe(1);
  const versions = async (table: string) => {
    const [row] = await queryRows<{ versions: number }>(
      warehouse, `SELECT count() AS versions FROM ${database}.${table}_store WHERE etl_run = (SELECT max(run) FROM ${database}.etl_published_runs)`,
    );
    return Number(row.versions);
  };
  expect(await versions('policies')).toBe(1);
  // Its shares carry its figures: they change with it, and no other share does.
  expect(await versions('policy_shares')).toBe(await platform.getRepository(PolicyShareRow).countBy({ policyId: policy.id }));
  // The premium received is no part of a judged fact: the enterprise's facts derive equal, and stay as they were.
  expect(next.derivedByTable).toEqual({ policy_facts: 0, enterprise_years: 0, enterprise_coverage: 0 });
  expect(await versions('policy_facts')).toBe(0);
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
});

test('a write stamped before a run\'s read point but committed after it is loaded by the next run', async () => {
  const database = 'incremental_pull';
  const previous = await runInto(env.config, platform, warehouse, database, 'pull');
  const insurer = await platform.getRepository(InsurerRow).findOneOrFail({ where: {}, order: { id: 'DESC' } });
  // As an import's last batch: stamped when the import began, committed once the run had read the database.
  await upsertRows(platform, InsurerRow, [{ ...insurer, name: '迟到的提交' }], previous.startedAt - 60_000);
  const next = await runInto(env.config, platform, warehouse, database, 'pull');
  expect(next.rowsByTable.insurers).toBe(1);
  expect(await queryRows(warehouse, `SELECT name FROM ${database}.insurers WHERE id = {id:String}`, { id: insurer.id })).toEqual([{ name: '迟到的提交' }]);
  expect(await warehouseFigures(warehouse, database)).toEqual(await platformFigures(platform));
});

test('two scheduled runs of the server with no change between them: the second loads nothing', async () => {
  await useDatabase(warehouse, env.config.warehouse.database);
  const finished: EtlRunSummary[] = [];
  const errors: Error[] = [];
  await new Promise<void>((resolve) => {
    const schedule = scheduleEtl(env.config, { platform, warehouse }, {
      onFinished: (summary) => {
        finished.push(summary);
        if (finished.length === 2) void schedule.stop().then(resolve);
      },
      onError: (error) => {
        errors.push(error);
        void schedule.stop().then(resolve);
      },
    });
  });
  expect(errors).toEqual([]);
  expect(total(finished[0].rowsByTable)).toBeGreaterThan(1000);
  expect(nothing(finished[1])).toEqual({ loaded: 0, deleted: 0 });
});
