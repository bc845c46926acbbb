/**
 * dataFreshness: the last good run for every role, its province-wide row counts only for province
 * and analyst accounts, and a failed or abandoned run shown to users with its time and a reason that
 * quotes no SQL, while the answers stay those of the last good run. Dataset: the api fixture.
 */
import { runEtl } from '../../etl/load/run';
import { recordRunState } from '../../warehouse/run-log';
import { scheduleEtl } from '../../etl/load/schedule';
import { startFixtureApi, type FixtureApi, type UserKey } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('freshness');
});

afterAll(async () => {
  await api?.close();
});

const FRESHNESS = '{ dataFreshness { lastRun { runId finishedAt watermarkAt rows { table rows } } lastFailure { runId failedAt kind table reason } } }';
const COVERAGE = '{ coverage(region: "140100", asOf: "2025-06-30") { mandatory insured } }';

describe('row counts per table', () => {
  test.each<UserKey>(['province', 'analyst'])('%s sees them', async (user) => {
    const { data, errors } = await api.as(user, FRESHNESS);
    expect(errors).toBeUndefined();
    const rows = Object.fromEntries(data!.dataFreshness.lastRun.rows.map((row: { table: string; rows: number }) => [row.table, row.rows]));
    expect(rows).toMatchObject({ enterprises: 14, policies: 13 });
  });

  test.each<UserKey>(['taiyuan', 'datong', 'insurerI2', 'insurerI3'])('%s gets the run times only', async (user) => {
    const { data, errors } = await api.as(user, FRESHNESS);
    expect(errors).toBeUndefined();
    const province = (await api.as('province', FRESHNESS)).data!.dataFreshness.lastRun;
    expect(data!.dataFreshness.lastRun).toEqual({ runId: province.runId, finishedAt: province.finishedAt, watermarkAt: province.watermarkAt, rows: null });
  });
});

test('a scheduled run that fails is shown with its time and a reason for users, and the last good data is still served', async () => {
  const good = (await api.as('province', FRESHNESS)).data!.dataFreshness;
  expect(good.lastFailure).toBeNull();
  const coverage = await api.as('province', COVERAGE);

  // The warehouse cannot read the platform database: the pull fails on the first table.
  const failing = {
    ...api.env.config,
    etl: { ...api.env.config.etl, mode: 'pull' as const, intervalSeconds: 1, sourceUrlForWarehouse: `${api.env.dataDir}/missing/platform.sqlite` },
  };
  const startedAt = Date.now();
  const errors: Error[] = [];
  await new Promise<void>((resolve) => {
    const schedule = scheduleEtl(failing, { platform: api.platform, warehouse: api.warehouse }, {
      onFinished: () => { throw new Error('the run was expected to fail'); },
      onError: (error) => {
        errors.push(error);
        void schedule.stop().then(resolve);
      },
    });
  });
  expect(errors).toHaveLength(1);

  for (const user of ['province', 'taiyuan', 'insurerI2'] as const) {
    const { data } = await api.as(user, FRESHNESS);
    const { lastRun, lastFailure } = data!.dataFreshness;
    expect(lastRun.runId).toBe(good.lastRun.runId);
    expect(lastFailure).toMatchObject({
      kind: 'FAILED',
      table: 'regions',
      reason: 'The warehouse update failed while loading regions; the figures shown are those of the last successful update. The server log has the cause.',
    });
    expect(Date.parse(lastFailure.failedAt)).toBeGreaterThanOrEqual(startedAt);
  }
  expect(await api.as('province', COVERAGE)).toEqual(coverage);

  await runEtl(api.env.config, { platform: api.platform, warehouse: api.warehouse });
  // No cache to empty: dataFreshness is never cached, so the failure and the recovery show at once.
  const recovered = (await api.as('province', FRESHNESS)).data!.dataFreshness;
  expect(recovered.lastFailure).toBeNull();
  expect(recovered.lastRun.runId).not.toBe(good.lastRun.runId);
});

test('a run abandoned after the last good one is shown as interrupted', async () => {
  const now = Date.now();
  await recordRunState(api.warehouse, {
    runId: 'killed-run', mode: 'pull', status: 'abandoned', startedAt: now - 1000, finishedAt: now, watermarkFrom: 0, watermarkTo: 0, rows: {},
    error: 'abandoned: its process (pid 1 on host h) stopped before the run finished; run r took over the ETL lock at …',
  });
  const { data } = await api.as('datong', FRESHNESS);
  expect(data!.dataFreshness.lastFailure).toEqual({
    runId: 'killed-run',
    failedAt: new Date(now).toISOString(),
    kind: 'ABANDONED',
    table: null,
    reason: 'The warehouse update was interrupted before it finished (its process stopped); the figures shown are those of the last successful update.',
  });
});
