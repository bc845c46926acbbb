/**
 * The embedded engine keeps one session per process, and chDB's connection applies a query's
 * settings as SET statements in it. A setting one statement asks for must not reach the next: the
 * dashboard's time limit would bound the ETL, and its cancellation marker would let `KILL QUERY` for
 * an abandoned request stop whatever statement runs next.
 */
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { makeTestEnv, type TestEnv } from '../support/env';

let env: TestEnv;
let warehouse: Warehouse;

beforeAll(async () => {
  env = makeTestEnv('warehouse-client');
  warehouse = await openWarehouse(env.config.warehouse);
});

afterAll(async () => {
  await warehouse.close();
  env.remove();
});

const setting = async (name: string): Promise<string> =>
  (await queryRows<{ value: string }>(warehouse, 'SELECT toString(getSetting({name:String})) AS value', { name }))[0].value;

test("a query's time limit and marker do not carry over to the next statement", async () => {
  await queryRows(warehouse, 'SELECT 1', {}, { max_execution_time: 7, log_comment: 'request-marker' });
  expect(await setting('max_execution_time')).toBe('0');
  expect(await setting('log_comment')).toBe('');
});

test('the statement after a limited one may run past that limit', async () => {
  await queryRows(warehouse, 'SELECT 1', {}, { max_execution_time: 1 });
  // Four rows at 0.4 s each: about 1.6 s, longer than the limit the previous query had.
  const rows = await queryRows<{ rows: number }>(
    warehouse, 'SELECT count() + sum(sleepEachRow(0.4)) AS rows FROM numbers(4) SETTINGS max_block_size = 1',
  );
  expect(Number(rows[0].rows)).toBe(4);
});

test("a caller's own settings still apply to its statement", async () => {
  const rows = await queryRows<{ value: string }>(
    warehouse, "SELECT toString(getSetting('max_execution_time')) AS value", {}, { max_execution_time: 5 },
  );
  expect(rows[0].value).toBe('5');
});
