/**
 * The ETL from SQLite into the embedded warehouse: exact loads, changes, deletions, pull and stream
 * agreeing, the run log, overlap re-reads, money at the limits and a failed run.
 * Dataset: test/support/etl-seed.ts with 1,500 enterprises (1,800 policies, 2,100 shares,
 * 3,600 services, 3,600 ledger entries, 450 claims) plus the edits of etl-scenario.ts.
 */
import fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { importFolder } from '../../etl/csv/import';
import { runEtl, EtlRunError } from '../../etl/load/run';
import { lastSuccessfulRun } from '../../warehouse/run-log';
import { runHistory } from '../../warehouse/run-log';
import { createProgress } from '../../etl/load/progress';
import { pullSource } from '../../etl/load/source';
import { TABLE_LOADS, keyExpression, keyString } from '../../etl/load/tables';
import { openPlatformDb } from '../../platform/data-source';
import { AnnualReportRow, EnterpriseRow, InsurerFilingRow, PolicyRow, PolicyShareRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { DATA_TABLES } from '../../warehouse/schema';
import { makeTestEnv } from '../support/env';
import { platformFigures, warehouseFigures, warehouseSnapshot } from '../support/etl-compare';
import { copyAtVersion1, pullStreamScenario, runInto, useDatabase } from '../support/etl-scenario';

const env = makeTestEnv('etl', { ETL_OVERLAP_MS: '0' });
let platform: DataSource;
let warehouse: Warehouse;

beforeAll(async () => {
  platform = await openPlatformDb(env.config.platform);
  warehouse = await openWarehouse(env.config.warehouse);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

test('pull and stream load the source exactly, follow changes and deletions, and agree row for row', async () => {
  await pullStreamScenario(env.config, platform, warehouse, 1500);
});

test('the run log keeps every run with its rows, watermark and status; lastSuccessfulRun reads the latest', async () => {
  await useDatabase(warehouse, 'scenario_pull');
  const history = await runHistory(warehouse);
  expect(history).toHaveLength(3);
  for (const run of history) {
    expect(run).toMatchObject({ mode: 'pull', status: 'succeeded', error: null });
    expect(run.finishedAt).toBeGreaterThanOrEqual(run.startedAt);
    expect(Object.keys(run.rows)).toEqual(expect.arrayContaining(DATA_TABLES.map((table) => table.name)));
  }
  const [latest, middle, first] = history;
  expect(first.rows.policies).toBe(1800);
  expect(middle.rows['deleted:claims']).toBe(1);
  expect(middle.watermarkFrom).toBe(first.watermarkTo);
  expect(latest.watermarkTo).toBe(middle.watermarkTo);
  const last = await lastSuccessfulRun(warehouse);
  expect(last).toEqual({ runId: latest.runId, finishedAt: latest.finishedAt, watermarkTo: latest.watermarkTo, rowsByTable: expect.objectContaining({ policies: 0 }) });
});

test('re-reading the rows within the overlap changes nothing in the warehouse', async () => {
  const before = await warehouseSnapshot(warehouse, 'scenario_pull');
  const overlapping = { ...env.config, etl: { ...env.config.etl, overlapMs: 3_600_000 } };
  for (const mode of ['pull', 'stream'] as const) {
    const summary = await runInto(overlapping, platform, warehouse, `scenario_${mode}`, mode);
    // Every policy was read again into the stage (the overlap reaches back an hour), and none is a change.
    expect(await queryRows(warehouse, `SELECT count() AS rows FROM scenario_${mode}.etl_stage_policies`)).toEqual([{ rows: await platform.getRepository(PolicyRow).count() }]);
    expect(summary.rowsByTable.policies).toBe(0);
    expect(await warehouseSnapshot(warehouse, `scenario_${mode}`)).toEqual(before);
  }
});

test('money is exact to the fen from 1 fen up to 2^53 - 1 fen, by both paths', async () => {
  const template = await platform.getRepository(PolicyRow).findOneByOrFail({ id: 'POL000000010' });
  await upsertRows(platform, PolicyRow, [
    { ...template, id: 'POL-MAX', premiumFen: Number.MAX_SAFE_INTEGER, premiumReceivedFen: Number.MAX_SAFE_INTEGER - 1 },
    { ...template, id: 'POL-ONE-FEN', premiumFen: 1, premiumReceivedFen: 0 },
  ]);
  await upsertRows(platform, PolicyShareRow, [
    { policyId: 'POL-MAX', insurerId: 'INS01', shareHundredths: 3333 }, { policyId: 'POL-MAX', insurerId: 'INS02', shareHundredths: 6667 },
  ]);
  for (const mode of ['pull', 'stream'] as const) {
    await runInto(env.config, platform, warehouse, `scenario_${mode}`, mode);
    const rows = await queryRows<{ id: string; premium: string; premium_received: string }>(
      warehouse,
      `SELECT id, toString(premium) AS premium, toString(premium_received) AS premium_received FROM scenario_${mode}.policies
       WHERE id IN ('POL-MAX', 'POL-ONE-FEN') ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'POL-MAX', premium: '90071992547409.91', premium_received: '90071992547409.9' },
      { id: 'POL-ONE-FEN', premium: '0.01', premium_received: '0' },
    ]);
    const shares = await queryRows<{ share: string }>(warehouse, `SELECT toString(share_percent) AS share FROM scenario_${mode}.policy_shares WHERE policy_id = 'POL-MAX' ORDER BY insurer_id`);
    expect(shares).toEqual([{ share: '33.33' }, { share: '66.67' }]);
  }
  const source = await platformFigures(platform);
  expect(await warehouseFigures(warehouse, 'scenario_pull')).toEqual(source);
  expect(await warehouseSnapshot(warehouse, 'scenario_stream')).toEqual(await warehouseSnapshot(warehouse, 'scenario_pull'));
});

test('a change written while a run reads, to a table it already passed, reaches the warehouse on the next run', async () => {
  await useDatabase(warehouse, 'scenario_pull');
  const enterprise = await platform.getRepository(EnterpriseRow).findOneByOrFail({ id: 'ENT00000005' });
  const policy = await platform.getRepository(PolicyRow).findOneByOrFail({ id: 'POL000000060' });
  await runEtl(env.config, {
    platform, warehouse, mode: 'pull',
    atFaultPoint: async (point, table) => {
      if (point !== 'table:new-versions-written' || table !== 'enterprises') return;
      // The enterprise is written first, the policy after it: the run sees only the policy.
      await upsertRows(platform, EnterpriseRow, [{ ...enterprise, name: '改名后的企业' }]);
      await upsertRows(platform, PolicyRow, [{ ...policy, premiumFen: policy.premiumFen + 1 }], Date.now() + 1);
    },
  });
  const names = async () => queryRows<{ name: string }>(warehouse, "SELECT name FROM enterprises WHERE id = 'ENT00000005'");
  expect(await names()).toEqual([{ name: enterprise.name }]);
  await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  expect(await names()).toEqual([{ name: '改名后的企业' }]);
  expect(await warehouseFigures(warehouse, 'scenario_pull')).toEqual(await platformFigures(platform));
});

test('a pull sees a small change that is still in SQLite\'s write-ahead log', async () => {
  await useDatabase(warehouse, 'scenario_pull');
  await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  const policy = await platform.getRepository(PolicyRow).findOneByOrFail({ id: 'POL000000061' });
  // One row is far below SQLite's automatic checkpoint (1000 pages): it stays in the log until the ETL moves it.
  await upsertRows(platform, PolicyRow, [{ ...policy, startDate: '2025-06-01' }]);
  expect(fs.statSync(`${env.config.platform.location}-wal`).size).toBeGreaterThan(0);
  const summary = await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  expect(summary.mode).toBe('pull');
  expect(await queryRows(warehouse, "SELECT toString(start_date) AS start FROM policies WHERE id = 'POL000000061'")).toEqual([{ start: '2025-06-01' }]);
  expect(await warehouseFigures(warehouse, 'scenario_pull')).toEqual(await platformFigures(platform));
});

test('a failed run is recorded with its error, keeps the watermark and releases the lock', async () => {
  await useDatabase(warehouse, 'scenario_pull');
  const before = await lastSuccessfulRun(warehouse);
  const unreachable = { ...env.config, etl: { ...env.config.etl, sourceUrlForWarehouse: `${env.dataDir}/missing/platform.sqlite` } };
  const failure = runEtl(unreachable, { platform, warehouse, mode: 'pull' });
  await expect(failure).rejects.toBeInstanceOf(EtlRunError);
  await expect(failure).rejects.toThrow(/ETL run .* failed while loading regions: /);
  const [latest] = await runHistory(warehouse);
  expect(latest.status).toBe('failed');
  expect(latest.error).toMatch(/failed while loading regions/);
  expect(await lastSuccessfulRun(warehouse)).toEqual(before);
  // The lock was released: the next run goes ahead, and in auto mode falls back to streaming.
  const recovered = await runEtl({ ...unreachable, etl: { ...unreachable.etl, mode: 'auto' } }, { platform, warehouse });
  expect(recovered.mode).toBe('stream');
});

test('composite keys are spelled the same by ClickHouse and by the stream path, multibyte included', async () => {
  const pairs = [['ab', 'c'], ['a', 'bc'], ['保单1', 'INS01'], ['', 'x']];
  const [row] = await queryRows<{ keys: string[] }>(
    warehouse,
    `SELECT arrayMap((policy_id, insurer_id) -> ${keyExpression(['policy_id', 'insurer_id'])}, {policies:Array(String)}, {insurers:Array(String)}) AS keys`,
    { policies: pairs.map((pair) => pair[0]), insurers: pairs.map((pair) => pair[1]) },
  );
  expect(row.keys).toEqual(pairs.map((pair) => keyString(pair)));
  expect(new Set(row.keys).size).toBe(pairs.length);
  expect(TABLE_LOADS.map((load) => load.table.name)).toEqual(DATA_TABLES.map((table) => table.name));
});

test('filing items and annual reports imported from CSV reach the warehouse by both paths, re-sent ones updated', async () => {
  const folder = `${env.dataDir}/filings-csv`;
  fs.mkdirSync(folder, { recursive: true });
  const send = async (filings: string[], reports: string[]) => {
    fs.writeFileSync(`${folder}/insurer_filings.csv`, ['insurer_id,item,received_on', ...filings].join('\n'));
    fs.writeFileSync(`${folder}/annual_reports.csv`, ['insurer_id,year,submitted_on', ...reports].join('\n'));
    expect((await importFolder(platform, folder)).rejects).toEqual([]);
  };
  const inWarehouse = async (mode: string) => ({
    filings: await queryRows(warehouse, `SELECT item, toString(received_on) AS received FROM scenario_${mode}.insurer_filings WHERE insurer_id = 'INS12' ORDER BY item`),
    reports: await queryRows(warehouse, `SELECT year, toString(submitted_on) AS submitted FROM scenario_${mode}.annual_reports WHERE insurer_id = 'INS04' ORDER BY year`),
  });
  await send(['INS12,commitment_letter,2024-05-30', 'INS12,prevention_plan,2024-05-31'], ['INS04,2024,2025-02-03']);
  for (const mode of ['pull', 'stream'] as const) {
    const summary = await runInto(env.config, platform, warehouse, `scenario_${mode}`, mode);
    expect(summary.rowsByTable).toMatchObject({ insurer_filings: 2, annual_reports: 1 });
    expect(await inWarehouse(mode)).toEqual({
      filings: expect.arrayContaining([{ item: 'commitment_letter', received: '2024-05-30' }, { item: 'prevention_plan', received: '2024-05-31' }]),
      reports: [{ year: 2024, submitted: '2025-02-03' }],
    });
  }
  await send(['INS12,commitment_letter,2024-06-02'], ['INS04,2024,2025-01-28']);
  for (const mode of ['pull', 'stream'] as const) {
    const summary = await runInto(env.config, platform, warehouse, `scenario_${mode}`, mode);
    expect(summary.rowsByTable).toMatchObject({ insurer_filings: 1, annual_reports: 1 });
    const { filings, reports } = await inWarehouse(mode);
    expect(filings).toContainEqual({ item: 'commitment_letter', received: '2024-06-02' });
    expect(filings).not.toContainEqual({ item: 'commitment_letter', received: '2024-05-30' });
    expect(reports).toEqual([{ year: 2024, submitted: '2025-01-28' }]);
  }
  expect(await warehouseFigures(warehouse, 'scenario_pull')).toEqual(await platformFigures(platform));
  expect(await warehouseSnapshot(warehouse, 'scenario_stream')).toEqual(await warehouseSnapshot(warehouse, 'scenario_pull'));
});

test('a warehouse of schema version 1 gets the tables added since, each loaded whole however old its rows', async () => {
  await runInto(env.config, platform, warehouse, 'scenario_pull', 'pull');
  await warehouse.command({ query: 'DROP DATABASE IF EXISTS upgraded SYNC' });
  await copyAtVersion1(warehouse, 'scenario_pull', 'upgraded');
  const summary = await runInto(env.config, platform, warehouse, 'upgraded', 'pull');
  expect(summary.rowsByTable).toMatchObject({
    policies: 0, insurer_filings: await platform.getRepository(InsurerFilingRow).count(), annual_reports: await platform.getRepository(AnnualReportRow).count(),
  });
  expect(await warehouseSnapshot(warehouse, 'upgraded')).toEqual(await warehouseSnapshot(warehouse, 'scenario_pull'));
});

test('the pull source binds every connection part as a parameter', () => {
  expect(pullSource({ dialect: 'postgres', location: 'postgres://etl%40x:p%27w@db.example:6543/platform' }, 'policies')).toEqual({
    tableFunction: 'postgresql({source_host:String}, {source_database:String}, {source_table:String}, {source_user:String}, {source_password:String})',
    params: { source_host: 'db.example:6543', source_database: 'platform', source_table: 'policies', source_user: 'etl@x', source_password: "p'w" },
  });
  expect(pullSource({ dialect: 'mysql', location: 'mysql://root@127.0.0.1/test' }, 'claims').params).toMatchObject({ source_host: '127.0.0.1:3306', source_database: 'test', source_password: '' });
  expect(() => pullSource({ dialect: 'mysql', location: 'mysql://root@127.0.0.1/' }, 'claims')).toThrow(/names no database/);
});

test('progress: a bar redrawn in place on a terminal, one line per step otherwise', () => {
  const lines: string[] = [];
  let screen = '';
  const bar = createProgress({ bar: true, log: (line) => lines.push(line), write: (text) => { screen += text; } });
  bar.update(5, 9, 'policies', '1,000 rows read');
  bar.line('policies: 1000 rows loaded, 0 deleted');
  bar.finish();
  expect(screen).toContain('[###########-------------] 5/9 policies: 1,000 rows read');
  expect(screen).toContain('\r\x1b[2K');
  expect(lines).toEqual(['policies: 1000 rows loaded, 0 deleted']);
  const plain: string[] = [];
  const log = createProgress({ bar: false, log: (line) => plain.push(line), write: () => { throw new Error('no bar without a terminal'); } });
  log.update(5, 9, 'policies', 'reading changed rows');
  expect(plain).toEqual(['[5/9] policies: reading changed rows']);
});
