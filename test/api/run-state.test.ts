/**
 * The run state each request reads first (api/common/run-state.ts): one statement when the warehouse
 * is a ClickHouse server that other processes may write, none at all with the embedded engine until a
 * statement of this process may have changed it, and never a state from before a publish that ended
 * before the request. Dataset: the api fixture.
 */
import { runStateSource } from '../../api/common/run-state';
import { runEtl } from '../../etl/load/run';
import { PolicyRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import type { Warehouse } from '../../warehouse/client';
import { runHistory, runState, type RunState } from '../../warehouse/run-log';
import { startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('run-state');
});

afterAll(async () => {
  await api?.close();
});

const state = (version: number): RunState => ({ lastRun: null, version });

/** A warehouse whose run state another process changes (`publish`), with the reads started counted. */
function otherProcessWarehouse() {
  let version = 1;
  let pending: Array<() => void> = [];
  return {
    reads: 0,
    publish() { version += 1; },
    /** Reads answer when the test lets them (`finishReads`), with the version as it is then. */
    read(): Promise<RunState> {
      this.reads += 1;
      return new Promise((resolve) => { pending.push(() => resolve(state(version))); });
    },
    finishReads() {
      const now = pending;
      pending = [];
      for (const finish of now) finish();
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

test('with a ClickHouse server every request reads the state, so a publish by another process shows in the next request', async () => {
  const warehouse = otherProcessWarehouse();
  const source = runStateSource(() => warehouse.read());
  const first = source.current();
  await settle();
  warehouse.finishReads();
  expect(await first).toEqual(state(1));
  warehouse.publish();
  const second = source.current();
  await settle();
  warehouse.finishReads();
  expect(await second).toEqual(state(2));
  expect(source.reads).toBe(2);
});

test('with the embedded engine the state is kept until a write of this process ends, then read again', async () => {
  const warehouse = otherProcessWarehouse();
  let writes = 0;
  const source = runStateSource(() => warehouse.read(), () => writes);
  const first = source.current();
  await settle();
  warehouse.finishReads();
  expect(await first).toEqual(state(1));
  expect(await source.current()).toEqual(state(1));
  expect(warehouse.reads).toBe(1);

  // A write ends while a read runs: that read may predate it, so the request after it reads again.
  warehouse.publish();
  writes += 1;
  const during = source.current();
  await settle();
  warehouse.publish();
  writes += 1;
  warehouse.finishReads();
  await during;
  const after = source.current();
  await settle();
  warehouse.finishReads();
  expect(await after).toEqual(state(3));
  expect(warehouse.reads).toBe(3);
});

test('a failed read is not kept: the next request reads again', async () => {
  let reads = 0;
  const source = runStateSource(async () => {
    reads += 1;
    if (reads === 1) throw new Error('the warehouse is away');
    return state(7);
  }, () => 0);
  await expect(source.current()).rejects.toThrow('the warehouse is away');
  expect(await source.current()).toEqual(state(7));
  expect(reads).toBe(2);
});

test('the run state is one statement, and agrees with the run log', async () => {
  let statements = 0;
  const counting = Object.create(api.warehouse) as Warehouse;
  counting.query = ((params: Parameters<Warehouse['query']>[0]) => {
    statements += 1;
    return api.warehouse.query(params);
  }) as Warehouse['query'];
  const { lastRun, version } = await runState(counting);
  expect(statements).toBe(1);
  const newest = (await runHistory(api.warehouse)).find((run) => run.status === 'succeeded')!;
  expect(lastRun).toEqual({
    runId: newest.runId, finishedAt: newest.finishedAt, watermarkTo: newest.watermarkTo,
    rowsByTable: Object.fromEntries(Object.entries(newest.rows).filter(([name]) => !name.startsWith('deleted:'))),
  });
  expect(version).toBeGreaterThan(0);
});

test('embedded: requests read no run state until a run publishes, and the request after the publish sees its data', async () => {
  const query = '{ coverage(region: "140212", asOf: "2025-06-30") { mandatory insured } }';
  const freshness = '{ dataFreshness { lastRun { runId } } }';
  expect((await api.as('province', query)).data!.coverage).toEqual({ mandatory: 2, insured: 1 });
  const reads = api.server.runState.reads;
  for (let request = 0; request < 5; request += 1) {
    api.server.cache.invalidate();
    expect((await api.as('province', query)).data!.coverage).toEqual({ mandatory: 2, insured: 1 });
  }
  expect(api.server.runState.reads).toBe(reads);

  // The run opens a warehouse client of its own, as a command of this process would.
  const policy = await api.platform.getRepository(PolicyRow).findOneByOrFail({ id: 'P14' });
  await upsertRows(api.platform, PolicyRow, [{ ...policy, startDate: '2025-06-01' }]);
  const summary = await runEtl(api.env.config, { platform: api.platform });
  // E14 is now insured on 2025-06-30: 新荣 2 of 2; the cached answer of before the run is not served.
  expect((await api.as('province', query)).data!.coverage).toEqual({ mandatory: 2, insured: 2 });
  expect((await api.as('province', freshness)).data!.dataFreshness.lastRun.runId).toBe(summary.runId);
  expect(api.server.runState.reads).toBe(reads + 1);
});
