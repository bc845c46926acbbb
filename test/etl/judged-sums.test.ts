/**
 * The sums the ETL keeps per region (insurer_fees, county_fees, county_days, insurer_days) against the
 * raw tables: for a generated dataset, the fee ratio per insurer, the region fees and the trend figures
 * the API reads from the sums equal the same figures summed here from the published data tables, for
 * the province, a city and an insurer, after a full load and after a run that changes, adds and deletes
 * policies' premium, shares, ledger entries, claims and services. A run derives the sums only for the
 * groups its change reaches (etl/load/derive.ts); after every run each table of sums equals the same
 * table derived whole from the data tables, also when rows move between counties, insurers and days,
 * when a group loses its last row and when a group holds only rows of 0.
 */
import type { DataSource } from 'typeorm';
import { CITIES, PROVINCE_CODE, regionByCode, type Region } from '../../domain/regions';
import { HIGH_RISK_INDUSTRIES } from '../../domain/vocabulary';
import { generateToDatabase } from '../../etl/generate';
import { runEtl } from '../../etl/load/run';
import { openPlatformDb } from '../../platform/data-source';
import { ClaimRow, EnterpriseRow, FeeLedgerRow, PolicyRow, PolicyShareRow, ServiceRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { JUDGEMENT_PARAMS, REGION_SUMS, deriveRegionSums } from '../../warehouse/judgements';
import { PUBLISHED_RUNS } from '../../warehouse/schema';
import { warehouseReader, type WarehouseReader } from '../../api/common/warehouse';
import { countyFees, insurerFees } from '../../api/fees/fees.sql';
import { periodFigures } from '../../api/trends/trends.sql';
import { regionFilter } from '../../api/common/region';
import { makeTestEnv } from '../support/env';

const env = makeTestEnv('judged-sums', { ETL_OVERLAP_MS: '0' });
let platform: DataSource;
let warehouse: Warehouse;
let reader: WarehouseReader;

beforeAll(async () => {
  platform = await openPlatformDb(env.config.platform);
  warehouse = await openWarehouse(env.config.warehouse);
  reader = warehouseReader(warehouse, 60);
});

afterAll(async () => {
  await warehouse?.close();
  await platform?.destroy();
  env.remove();
});

function sorted<Row>(rows: Row[]): string[] {
  return rows.map((row) => JSON.stringify(Object.values(row as Record<string, unknown>).map(String))).sort();
}

/** Definitions 4–7 summed from the data tables: per insurer, Σ premium_received × share% of the year's shares and Σ its ledger entries. */
async function rawInsurerFees(region: Region, year: number, insurerId: string | null): Promise<string[]> {
  const filter = regionFilter(region);
  const insurer = insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  const rows = await queryRows<Record<string, unknown>>(warehouse, `
    SELECT insurer_id, toString(sum(premium)) AS premium, toString(sum(spending)) AS spending
    FROM (SELECT toString(insurer_id) AS insurer_id, toDecimal128(premium_received, 2) * share_percent AS premium, toDecimal128(0, 2) AS spending
          FROM policy_shares WHERE toYear(start_date) = {year:UInt16} AND ${filter.sql} AND ${insurer}
          UNION ALL
          SELECT toString(insurer_id), toDecimal128(0, 4), toDecimal128(amount, 2) FROM fee_ledger
          WHERE toYear(entry_date) = {year:UInt16} AND ${filter.sql} AND ${insurer})
    GROUP BY insurer_id`, { ...filter.params, year, insurer_id: insurerId ?? '' });
  return sorted(rows);
}

async function rawCountyFees(region: Region, year: number): Promise<string[]> {
  const filter = regionFilter(region);
  const rows = await queryRows<Record<string, unknown>>(warehouse, `
    SELECT county_code, toString(sum(premium)) AS premium, toString(sum(spending)) AS spending
    FROM (SELECT county_code, toDecimal128(premium_received, 2) AS premium, toDecimal128(0, 2) AS spending
          FROM policies WHERE toYear(start_date) = {year:UInt16} AND ${filter.sql}
          UNION ALL
          SELECT county_code, toDecimal128(0, 2), toDecimal128(amount, 2) FROM fee_ledger WHERE toYear(entry_date) = {year:UInt16} AND ${filter.sql})
    GROUP BY county_code`, { ...filter.params, year });
  return sorted(rows);
}

/** The trend figures of each month of 2023–2025 summed from the data tables (the region's, or one insurer's own). */
async function rawPeriods(region: Region, insurerId: string | null, starts: string[], ends: string[]): Promise<string[]> {
  const filter = regionFilter(region);
  const own = insurerId !== null;
  const premium = own
    ? `SELECT start_date AS day, toDecimal128(premium_received, 2) * share_percent AS part FROM policy_shares WHERE insurer_id = {insurer_id:String} AND ${filter.sql}`
    : `SELECT start_date AS day, toDecimal128(premium_received, 2) * 100 AS part FROM policies WHERE ${filter.sql}`;
  const paid = own
    ? `SELECT coalesce(c.settled_on, c.reported_on) AS day, toDecimal128(c.paid_amount, 2) * s.share_percent AS part
       FROM (SELECT policy_id, paid_amount, settled_on, reported_on FROM claims WHERE status = 'paid' AND ${filter.sql}) AS c
       INNER JOIN (SELECT policy_id, share_percent FROM policy_shares WHERE insurer_id = {insurer_id:String}) AS s ON s.policy_id = c.policy_id`
    : `SELECT coalesce(settled_on, reported_on) AS day, toDecimal128(paid_amount, 2) * 100 AS part FROM claims WHERE status = 'paid' AND ${filter.sql}`;
  const insurer = own ? 'insurer_id = {insurer_id:String}' : '1';
  const figures = new Map<number, string[]>();
  const params = { ...filter.params, insurer_id: insurerId ?? '' };
  const sumPer = async (source: string, what: string) => {
    for (const [index, start] of starts.entries()) {
      const [row] = await queryRows<{ total: string }>(warehouse, `SELECT toString(${what}) AS total FROM (${source}) WHERE day >= {start:Date} AND day <= {end:Date}`,
        { ...params, start, end: ends[index] });
      figures.set(index + 1, [...(figures.get(index + 1) ?? []), row.total]);
    }
  };
  await sumPer(premium, 'sum(part)');
  await sumPer(`SELECT entry_date AS day, amount FROM fee_ledger WHERE ${filter.sql} AND ${insurer}`, 'sum(amount)');
  await sumPer(paid, 'sum(part)');
  await sumPer(`SELECT service_date AS day FROM services WHERE ${filter.sql} AND ${insurer}`, 'count()');
  // A period with nothing in it has no row in the API's answer.
  return [...figures.entries()].filter(([, values]) => values.some((value) => Number(value) !== 0))
    .map(([period, values]) => JSON.stringify([String(period), ...values.map((value) => String(Number(value)))])).sort();
}

async function expectSumsEqualRaw(): Promise<void> {
  const [busiest] = await queryRows<{ county_code: string; insurer_id: string }>(
    warehouse,
    'SELECT county_code, toString(insurer_id) AS insurer_id FROM policy_shares GROUP BY county_code, insurer_id ORDER BY count() DESC, county_code, insurer_id LIMIT 1',
  );
  const province = regionByCode(PROVINCE_CODE)!;
  const city = CITIES.find((candidate) => candidate.code.slice(0, 4) === busiest.county_code.slice(0, 4))!;
  for (const year of [2024, 2025]) {
    for (const [region, insurerId] of [[province, null], [city, null], [province, busiest.insurer_id], [city, busiest.insurer_id]] as const) {
      const label = `fees ${region.code} ${insurerId ?? 'all'} ${year}`;
      const fees = await insurerFees(reader, { year, region, insurerId, rules: { floorPercent: '15', capPercent: '21' } });
      expect([label, sorted(fees.map((row) => ({ insurer_id: row.insurer_id, premium: row.premium_fen_exact, spending: row.prevention_spending })))])
        .toEqual([label, await rawInsurerFees(region, year, insurerId)]);
    }
    for (const region of [province, city]) {
      const label = `region fees ${region.code} ${year}`;
      expect([label, sorted(await countyFees(reader, { year, region }))]).toEqual([label, await rawCountyFees(region, year)]);
    }
  }
  const starts: string[] = [];
  const ends: string[] = [];
  for (const year of [2023, 2024, 2025]) {
    for (let month = 1; month <= 12; month += 1) {
      starts.push(`${year}-${String(month).padStart(2, '0')}-01`);
      ends.push(new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
    }
  }
  for (const [region, insurerId] of [[province, null], [city, null], [province, busiest.insurer_id], [city, busiest.insurer_id]] as const) {
    const label = `trends ${region.code} ${insurerId ?? 'all'}`;
    const rows = await periodFigures(reader, { region, periodStarts: starts, periodEnds: ends, insurerId, industries: HIGH_RISK_INDUSTRIES });
    const api = rows.map((row) => JSON.stringify([String(row.period), ...[row.premium_fen_exact, row.spending, row.claims_paid_fen_exact, row.services]
      .map((value) => String(Number(value)))])).sort();
    expect([label, api]).toEqual([label, await rawPeriods(region, insurerId, starts, ends)]);
  }
}

/** Each table of sums as published equals the same table derived whole from the published data tables. */
async function expectSumsEqualDerivedWhole(): Promise<void> {
  const [{ run }] = await queryRows<{ run: string }>(warehouse, `SELECT toString(max(run)) AS run FROM ${PUBLISHED_RUNS}`);
  const target = { database: env.config.warehouse.database, cluster: env.config.warehouse.cluster };
  for (const [table, sums] of REGION_SUMS) {
    const columns = table.columns.map(([name]) => `toString(${name}) AS ${name}`).join(', ');
    const published = await queryRows<Record<string, unknown>>(warehouse, `SELECT ${columns} FROM ${table.name}`);
    const whole = await queryRows<Record<string, unknown>>(warehouse, `SELECT ${columns} FROM (${deriveRegionSums(sums, target)})`, { run, ...JUDGEMENT_PARAMS });
    expect([table.name, sorted(published)]).toEqual([table.name, sorted(whole)]);
  }
}

test('the sums per region and day equal the raw tables, after a full load and after an incremental run', async () => {
  await generateToDatabase(platform, { seed: 13, scale: 'tiny', years: { from: 2023, to: 2025 } });
  await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  await expectSumsEqualRaw();

  // A run that changed no data table keeps the sums without deriving them again.
  const quiet: string[] = [];
  await runEtl(env.config, { platform, warehouse, mode: 'pull', log: (line) => quiet.push(line) });
  const kept = (lines: string[]) => lines.filter((line) => / kept, no data table changed$/.test(line)).map((line) => line.split(':')[0]).sort();
  expect(kept(quiet)).toEqual(['county_days', 'county_fees', 'enterprise_mix', 'insurer_days', 'insurer_fees', 'insurer_hazards']);
  await expectSumsEqualRaw();

  // Premium received changed, a policy moved to another year, ledger entries and services changed and deleted.
  const policies = await platform.getRepository(PolicyRow).find({ order: { id: 'ASC' }, take: 40 });
  await upsertRows(platform, PolicyRow, policies.slice(0, 20).map((policy) => ({ ...policy, premiumReceivedFen: policy.premiumReceivedFen + 12345 })));
  await upsertRows(platform, PolicyRow, [{ ...policies[20], startDate: '2024-02-29', endDate: '2025-02-27' }]);
  const ledger = await platform.getRepository(FeeLedgerRow).find({ order: { id: 'ASC' }, take: 20 });
  await upsertRows(platform, FeeLedgerRow, ledger.slice(0, 10).map((entry) => ({ ...entry, amountFen: entry.amountFen + 999 })));
  await platform.getRepository(FeeLedgerRow).delete(ledger.slice(10).map((entry) => entry.id));
  const services = await platform.getRepository(ServiceRow).find({ order: { id: 'ASC' }, take: 20 });
  await platform.getRepository(ServiceRow).delete(services.slice(0, 10).map((service) => service.id));
  await upsertRows(platform, ServiceRow, services.slice(10).map((service) => ({ ...service, serviceDate: '2025-07-01' })));
  const changing: string[] = [];
  await runEtl(env.config, { platform, warehouse, mode: 'pull', log: (line) => changing.push(line) });
  expect(kept(changing)).toEqual([]);
  await expectSumsEqualRaw();
  await expectSumsEqualDerivedWhole();

  // Rows moved between counties, insurers and days: the enterprise of a policy with a paid claim moves to a
  // county of another city (its policies, shares, services and claims with it), a share of another paid
  // claim's policy moves to another insurer, a paid claim's amount changes and another is deleted; a ledger
  // entry moves to a day of its own and an entry of 0 is added on a day of its own (a group of zeros).
  const paid = await platform.getRepository(ClaimRow).find({ where: { status: 'paid' }, order: { id: 'ASC' }, take: 4 });
  expect(paid).toHaveLength(4);
  const moved = await platform.getRepository(PolicyRow).findOneByOrFail({ id: paid[0].policyId });
  const enterprise = await platform.getRepository(EnterpriseRow).findOneByOrFail({ id: moved.enterpriseId });
  const elsewhere = await platform.getRepository(EnterpriseRow).createQueryBuilder('e')
    .where('substr(e.county_code, 1, 4) != :city', { city: enterprise.countyCode.slice(0, 4) }).orderBy('e.id').getOneOrFail();
  await upsertRows(platform, EnterpriseRow, [{ ...enterprise, countyCode: elsewhere.countyCode }]);
  const shares = await platform.getRepository(PolicyShareRow).find({ where: { policyId: paid[1].policyId }, order: { insurerId: 'ASC' } });
  const insurers = await platform.getRepository(PolicyShareRow).createQueryBuilder('s').select('DISTINCT s.insurer_id', 'id').orderBy('id').getRawMany<{ id: string }>();
  const otherInsurer = insurers.map(({ id }) => id).find((id) => !shares.some((share) => share.insurerId === id))!;
  await platform.getRepository(PolicyShareRow).delete({ policyId: shares[0].policyId, insurerId: shares[0].insurerId });
  await upsertRows(platform, PolicyShareRow, [{ ...shares[0], insurerId: otherInsurer }]);
  await upsertRows(platform, ClaimRow, [{ ...paid[2], paidAmountFen: (paid[2].paidAmountFen ?? 0) + 777 }]);
  await platform.getRepository(ClaimRow).delete(paid[3].id);
  const [lone] = ledger.slice(0, 1);
  await upsertRows(platform, FeeLedgerRow, [
    { ...lone, entryDate: '2022-06-15', countyCode: elsewhere.countyCode },
    { ...lone, id: `${lone.id}-zero`, entryDate: '2022-07-01', amountFen: 0 },
  ]);
  await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  await expectSumsEqualRaw();
  await expectSumsEqualDerivedWhole();
  const groupsOn = async (day: string) => Number((await queryRows<{ rows: string }>(
    warehouse, 'SELECT toString(count()) AS rows FROM county_days WHERE day = {day:Date}', { day },
  ))[0].rows);
  expect([await groupsOn('2022-06-15'), await groupsOn('2022-07-01')]).toEqual([1, 1]);

  // The entry alone on its day moves on, and the entry of 0 is deleted: both groups lose their last row.
  await upsertRows(platform, FeeLedgerRow, [{ ...lone, entryDate: '2022-06-16', countyCode: elsewhere.countyCode }]);
  await platform.getRepository(FeeLedgerRow).delete(`${lone.id}-zero`);
  await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  await expectSumsEqualDerivedWhole();
  expect([await groupsOn('2022-06-15'), await groupsOn('2022-07-01'), await groupsOn('2022-06-16')]).toEqual([0, 0, 1]);
}, 600_000);
