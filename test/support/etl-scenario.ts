/**
 * The ETL scenario every platform dialect goes through (SQLite, PostgreSQL, MariaDB): a first load
 * by pull and by stream into two warehouse databases of one chDB session; then a premium change, an
 * enterprise moving to another city's county (its policies, shares, services and claims must move
 * with it), a new policy and deletions in the source; a second run of each path; a third run that
 * finds nothing new. After every run the warehouse must equal the source, and the two paths each other.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import { runEtl, type EtlPath, type EtlRunSummary } from '../../etl/load/run';
import { ClaimRow, EnterpriseRow, FeeLedgerRow, PolicyRow, PolicyShareRow, ServiceRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { queryRows, type Warehouse } from '../../warehouse/client';
import { dataTablesAt, migrateWarehouse } from '../../warehouse/migrate';
import { DELETED_PREFIX } from '../../warehouse/run-log';
import { ETL_RUNS } from '../../warehouse/schema';
import { platformFigures, warehouseFigures, warehouseSnapshot } from './etl-compare';
import { seedPlatform } from './etl-seed';

/** chDB keeps one session per process: switching its current database gives each path its own warehouse. */
export async function useDatabase(warehouse: Warehouse, database: string): Promise<void> {
  await warehouse.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  await warehouse.command({ query: `USE ${database}` });
}

/**
 * Makes `to` what the release of schema version 1 left: that version's tables holding `from`'s rows,
 * and `from`'s run log as that release wrote it, naming only those tables.
 */
export async function copyAtVersion1(warehouse: Warehouse, from: string, to: string, cluster?: string): Promise<void> {
  await useDatabase(warehouse, to);
  await migrateWarehouse(warehouse, { database: to, cluster }, { upTo: 1 });
  const tables = dataTablesAt(1);
  for (const table of tables) {
    await warehouse.command({ query: `INSERT INTO ${to}.${table.name} SELECT * FROM ${from}.${table.name}` });
  }
  await warehouse.command({
    query: `INSERT INTO ${to}.${ETL_RUNS} SELECT * REPLACE (mapFilter((name, count) -> replaceRegexpOne(name, '^${DELETED_PREFIX}', '') IN {tables:Array(String)}, rows) AS rows) FROM ${from}.${ETL_RUNS}`,
    query_params: { tables: tables.map((table) => table.name) },
  });
}

export async function runInto(config: Config, platform: DataSource, warehouse: Warehouse, database: string, mode: EtlPath): Promise<EtlRunSummary> {
  await useDatabase(warehouse, database);
  return runEtl({ ...config, warehouse: { ...config.warehouse, database } }, { platform, warehouse, mode });
}

/** The source edits of the scenario, with what each should do to the warehouse. */
export const MOVED_ENTERPRISE = 'ENT00000003';
/** 140302 (城区, 阳泉) is in another city than the enterprise's first county. */
export const NEW_COUNTY = '140302';
export const REPRICED_POLICY = 'POL000000200';
export const NEW_PREMIUM_FEN = 987_654_321_01;
export const DELETED_CLAIM = 'CLM000000010';
export const DELETED_SERVICE = 'SVC0000000201';
export const DELETED_LEDGER_ENTRY = 'FEE0000000201';
export const NEW_POLICY = 'POL00000004X';

export async function changeSource(platform: DataSource): Promise<void> {
  const enterprises = platform.getRepository(EnterpriseRow);
  const policies = platform.getRepository(PolicyRow);
  const moved = await enterprises.findOneByOrFail({ id: MOVED_ENTERPRISE });
  await upsertRows(platform, EnterpriseRow, [{ ...moved, countyCode: NEW_COUNTY }]);
  const repriced = await policies.findOneByOrFail({ id: REPRICED_POLICY });
  await upsertRows(platform, PolicyRow, [{ ...repriced, premiumFen: NEW_PREMIUM_FEN, premiumReceivedFen: NEW_PREMIUM_FEN - 1 }]);
  await upsertRows(platform, PolicyRow, [{ ...repriced, id: NEW_POLICY, policyNo: 'PN-NEW', enterpriseId: 'ENT00000004' }]);
  await upsertRows(platform, PolicyShareRow, [{ policyId: NEW_POLICY, insurerId: 'INS01', shareHundredths: 10000 }]);
  await platform.getRepository(ClaimRow).delete({ id: DELETED_CLAIM });
  await platform.getRepository(FeeLedgerRow).delete({ id: DELETED_LEDGER_ENTRY });
  await platform.getRepository(ServiceRow).delete({ id: DELETED_SERVICE });
}

/** Facts of the moved enterprise in the warehouse, by table and county. */
export async function movedFacts(warehouse: Warehouse, database: string): Promise<Array<{ fact_table: string; city_code: string; county_code: string; rows: number }>> {
  const parts = ['policies', 'policy_shares', 'services', 'claims'].map(
    (table) => `SELECT '${table}' AS fact_table, city_code, county_code, count() AS rows FROM ${database}.${table} WHERE enterprise_id = {enterprise:String} GROUP BY city_code, county_code`,
  );
  return queryRows(warehouse, `${parts.join(' UNION ALL ')} ORDER BY fact_table`, { enterprise: MOVED_ENTERPRISE });
}

export interface ScenarioResult {
  first: Record<EtlPath, EtlRunSummary>;
  second: Record<EtlPath, EtlRunSummary>;
  third: Record<EtlPath, EtlRunSummary>;
}

/**
 * Runs the scenario with jest expectations along the way. `config` must have ETL_OVERLAP_MS=0 so
 * that a run with nothing changed reads nothing.
 */
export async function pullStreamScenario(config: Config, platform: DataSource, warehouse: Warehouse, enterprises: number): Promise<ScenarioResult> {
  const databases: Record<EtlPath, string> = { pull: 'scenario_pull', stream: 'scenario_stream' };
  const seeded = await seedPlatform(platform, enterprises);
  const runBoth = async () => ({
    pull: await runInto(config, platform, warehouse, databases.pull, 'pull'),
    stream: await runInto(config, platform, warehouse, databases.stream, 'stream'),
  });
  const expectSourceAndIdenticalPaths = async () => {
    const source = await platformFigures(platform);
    expect(await warehouseFigures(warehouse, databases.pull)).toEqual(source);
    expect(await warehouseFigures(warehouse, databases.stream)).toEqual(source);
    expect(await warehouseSnapshot(warehouse, databases.stream)).toEqual(await warehouseSnapshot(warehouse, databases.pull));
  };

  const first = await runBoth();
  for (const summary of Object.values(first)) {
    expect(summary.rowsByTable).toEqual({ regions: 129, ...seeded });
    expect(summary.watermarkFrom).toBe(0);
  }
  await expectSourceAndIdenticalPaths();

  await changeSource(platform);
  const second = await runBoth();
  const movedPolicies = (await platform.getRepository(PolicyRow).countBy({ enterpriseId: MOVED_ENTERPRISE }));
  for (const summary of Object.values(second)) {
    expect(summary.watermarkFrom).toBe(first.pull.watermarkTo);
    expect(summary.rowsByTable.enterprises).toBe(1);
    // The moved enterprise's policies, the repriced one and the new one.
    expect(summary.rowsByTable.policies).toBe(movedPolicies + 2);
    expect(summary.deletedByTable).toMatchObject({ claims: 1, services: 1, fee_ledger: 1, policies: 0, enterprises: 0 });
  }
  await expectSourceAndIdenticalPaths();
  for (const database of Object.values(databases)) {
    const facts = await movedFacts(warehouse, database);
    expect(facts.map((fact) => fact.fact_table).sort()).toEqual(expect.arrayContaining(['policies', 'policy_shares', 'services']));
    for (const fact of facts) expect(fact).toMatchObject({ city_code: '140300', county_code: NEW_COUNTY });
    const [repriced] = await queryRows<{ premium: string; share_premium: string }>(
      warehouse,
      `SELECT toString(p.premium) AS premium, toString(any(s.premium)) AS share_premium
       FROM ${database}.policies AS p INNER JOIN ${database}.policy_shares AS s ON s.policy_id = p.id WHERE p.id = {id:String} GROUP BY p.premium`,
      { id: REPRICED_POLICY },
    );
    expect(repriced).toEqual({ premium: '987654321.01', share_premium: '987654321.01' });
    const [gone] = await queryRows<{ rows: number }>(
      warehouse,
      `SELECT (SELECT count() FROM ${database}.claims WHERE id = {claim:String}) + (SELECT count() FROM ${database}.services WHERE id = {service:String}) AS rows`,
      { claim: DELETED_CLAIM, service: DELETED_SERVICE },
    );
    expect(gone.rows).toBe(0);
  }

  const third = await runBoth();
  for (const summary of Object.values(third)) {
    expect(Object.values(summary.rowsByTable).every((rows) => rows === 0)).toBe(true);
    expect(Object.values(summary.deletedByTable).every((rows) => rows === 0)).toBe(true);
    expect(summary.watermarkTo).toBe(second.pull.watermarkTo);
  }
  await expectSourceAndIdenticalPaths();
  return { first, second, third };
}
