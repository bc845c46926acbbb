/**
 * The server's log and what a warehouse failure tells whom: one JSON line per GraphQL request
 * (operation, duration, status, role; never a token, a password or the variables), a failing
 * warehouse query logged with its ClickHouse code and SQL while the client gets a sentence without
 * either, and a query over the engine's time or memory limit answered with what the user can do about
 * it. The engine errors are real ones, provoked with tiny limits. And the server's own ETL runs take
 * turns with the dashboard's queries. Dataset: the api fixture.
 */
import { setMaxListeners } from 'node:events';
import { locatedError } from 'graphql';
import { maskError, WAREHOUSE_LIMITS } from '../../api/common/errors';
import { createLog } from '../../config/log';
import { ETL_ACCOUNT, WarehouseAccess, WarehouseQueryError } from '../../api/common/warehouse';
import { runEtl } from '../../etl/load/run';
import { PASSWORD, codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('logging');
});

afterAll(async () => {
  await api?.close();
});

const requestLines = (from: number) => api.lines.slice(from).filter((line) => line.msg === 'graphql request');

test('one line per request: its operation, duration, status, outcome and role, and nothing of its token or variables', async () => {
  const from = api.lines.length;
  const query = 'query CityCoverage($asOf: Date) { coverage(region: "140100", asOf: $asOf) { mandatory } }';
  expect((await api.as('taiyuan', query, { asOf: '2025-06-29' })).errors).toBeUndefined();
  expect((await api.as('taiyuan', query, { asOf: '2025-06-29' })).errors).toBeUndefined();
  const signIn = await api.request(null, 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: 'taiyuan', p: PASSWORD,
  });
  const lines = requestLines(from);
  expect(lines).toEqual([
    expect.objectContaining({ operation: 'CityCoverage', status: 200, ok: true, role: 'city', cached: false, durationMs: expect.any(Number) }),
    expect.objectContaining({ operation: 'CityCoverage', status: 200, ok: true, role: 'city', cached: true }),
    expect.objectContaining({ operation: 'SignIn', status: 200, ok: true, role: null, cached: false }),
  ]);
  const text = JSON.stringify(api.lines.slice(from));
  for (const secret of [api.tokens.taiyuan, signIn.data!.login.token, PASSWORD, '2025-06-29']) expect(text).not.toContain(secret);
});

test('a failing warehouse query: the log has its ClickHouse code and SQL, the client neither', async () => {
  await api.warehouse.command({ query: 'RENAME TABLE insurer_fees TO insurer_fees_gone' });
  const from = api.lines.length;
  try {
    const answer = await api.as('province', 'query Fees { feeRatios(year: 2032) { ratio } }');
    expect(codeOf(answer)).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(answer)).not.toMatch(/insurer_fees|SELECT|Code: 60/);
    const failure = api.lines.slice(from).find((line) => line.msg === 'request failed')!;
    expect(failure).toMatchObject({ path: 'feeRatios', clickhouseCode: '60' });
    expect(String(failure.sql)).toMatch(/SELECT[\s\S]*FROM insurer_fees\b/);
    expect(requestLines(from)).toEqual([expect.objectContaining({ operation: 'Fees', ok: false, errorCodes: ['INTERNAL_SERVER_ERROR'], role: 'province' })]);
  } finally {
    await api.warehouse.command({ query: 'RENAME TABLE insurer_fees_gone TO insurer_fees' });
  }
});

describe('a question too large for the warehouse tells the user to ask for less', () => {
  /** What a resolver's query meeting the engine's limit becomes for the client, and the log line it leaves. */
  async function throughTheServer(sql: string, maxExecutionSeconds: number) {
    // The dashboard's path into the warehouse (fair queue, max_execution_time), with a limit a test can reach.
    const access = new WarehouseAccess(api.warehouse, { maxExecutionSeconds, control: api.warehouse, concurrency: 1, embedded: true });
    const error = await access.forRequest('province', new AbortController().signal).rows(sql).then(
      () => { throw new Error('the query was expected to fail'); },
      (failure: unknown) => failure,
    );
    const lines: Array<Record<string, unknown>> = [];
    const log = createLog({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    // As graphql-js hands a resolver's error to Apollo's formatError.
    const located = locatedError(error, undefined, ['coverage']);
    return { error, answer: maskError(log)(located.toJSON(), located), lines };
  }

  test('over the time limit (ClickHouse 159): narrow the region or the period', async () => {
    const sql = 'SELECT count() FROM numbers(100000000000)';
    const { error, answer, lines } = await throughTheServer(sql, 0.1);
    expect(error).toBeInstanceOf(WarehouseQueryError);
    expect((error as WarehouseQueryError).code).toBe('159');
    // The engine's own error stays attached for whoever debugs it.
    expect(String(((error as Error).cause as Error).message)).toMatch(/Timeout exceeded/);
    expect(answer).toEqual({ message: WAREHOUSE_LIMITS['159'].message, path: ['coverage'], extensions: { code: 'WAREHOUSE_TIMEOUT' } });
    expect(answer.message).toMatch(/Narrow the region .* or the period/);
    expect(lines).toEqual([expect.objectContaining({ msg: 'query over the warehouse limits', clickhouseCode: '159', sql })]);
  });

  test('over the memory limit (ClickHouse 241): narrow the region or the period', async () => {
    const sql = 'SELECT groupArray(number) FROM numbers(100000000) SETTINGS max_memory_usage = 10000000';
    const { answer, lines } = await throughTheServer(sql, 10);
    expect(answer).toEqual({ message: WAREHOUSE_LIMITS['241'].message, path: ['coverage'], extensions: { code: 'WAREHOUSE_MEMORY_LIMIT' } });
    expect(answer.message).toMatch(/Narrow the region .* or the period/);
    expect(lines).toEqual([expect.objectContaining({ clickhouseCode: '241', sql })]);
  });
});

test('an ETL run\'s statements take turns with waiting dashboard queries, never two in a row ahead of them', async () => {
  const access = new WarehouseAccess(api.warehouse, { maxExecutionSeconds: 10, control: api.warehouse, concurrency: 2, embedded: true });
  const signal = new AbortController().signal;
  // Each waiting query listens for its request's abort.
  setMaxListeners(0, signal);
  const reader = access.forRequest('analyst', signal);
  // A flood from one account: far more queries than the run has statements.
  const flood = Array.from({ length: 400 }, () => reader.rows('SELECT count() FROM policies'));
  const summary = await runEtl(api.env.config, { platform: api.platform, warehouse: access.forEtl() });
  await Promise.all(flood);
  expect(summary.status).toBe('succeeded');
  const served = access.served;
  const lastDashboard = served.lastIndexOf('analyst');
  const duringFlood = served.slice(0, lastDashboard);
  // The run went through the queue while the flood waited, and was not held until the flood ended…
  expect(duringFlood.filter((account) => account === ETL_ACCOUNT).length).toBeGreaterThan(5);
  // …and each of its statements waited for the dashboard's next turn: no two of them in a row.
  expect(duringFlood.some((account, index) => account === ETL_ACCOUNT && duringFlood[index + 1] === ETL_ACCOUNT)).toBe(false);
});
