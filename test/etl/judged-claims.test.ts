/**
 * The claims figures and the risk indicators as the API reads them (claim_shares, the fee sums,
 * enterprise_years) against the same figures worked out here from the published data tables with the
 * definitions' own joins (claims × policy shares, policies, services), for the province, a city and a
 * county, whole and for one insurer, in two years, after a full load and after a run that changes,
 * adds and deletes claims, moves a share to another insurer, changes shares' percentages, cancels and
 * moves policies, changes services' hazards and enterprises' risk level, grade and status.
 */
import type { DataSource } from 'typeorm';
import { CITIES, PROVINCE_CODE, regionByCode, type Region } from '../../domain/regions';
import { HIGH_RISK_INDUSTRIES } from '../../domain/vocabulary';
import { generateToDatabase } from '../../etl/generate';
import { runEtl } from '../../etl/load/run';
import { openPlatformDb } from '../../platform/data-source';
import { ClaimRow, EnterpriseRow, PolicyRow, PolicyShareRow, ServiceRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { warehouseReader, type WarehouseReader } from '../../api/common/warehouse';
import { claimsFigures, type ClaimsQuery } from '../../api/claims/claims.sql';
import { mandatoryEnterpriseMix, riskByCountyAndIndustry } from '../../api/risk/risk.sql';
import { insuredOnPeriodEnds } from '../../api/trends/trends.sql';
import { regionFilter } from '../../api/common/region';
import { makeTestEnv } from '../support/env';

const env = makeTestEnv('judged-claims', { ETL_OVERLAP_MS: '0' });
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

function sorted(rows: object[]): string[] {
  return rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => [key, value === null ? null : String(value)])))
    .sort();
}

/**
 * Definition 11 over the data tables: the year's claims (whole, or joined to every share of their
 * policy), premium received of the policies or shares starting in the year.
 */
async function rawClaims(query: ClaimsQuery, grain: 'tree' | 'insurer'): Promise<string[]> {
  const filter = regionFilter(query.region);
  const region = filter.sql;
  const byShare = grain === 'insurer' || query.insurerId !== null;
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  const window = '(toYear(reported_on) = {year:UInt16} OR toYear(coalesce(settled_on, reported_on)) = {year:UInt16})';
  const columns = `c.city_code AS city_code, c.county_code AS county_code, c.status AS status, c.reported_on AS reported_on,
    coalesce(c.settled_on, c.reported_on) AS decided_on, dateDiff('day', c.reported_on, c.settled_on) AS settlement_days`;
  const lines = byShare
    ? `SELECT ${columns}, toString(s.insurer_id) AS insurer_id, toDecimal128(coalesce(c.paid_amount, 0), 2) * s.share_percent AS paid_part,
              toDecimal128(0, 2) AS premium_part, 1 AS is_claim
       FROM (SELECT * FROM claims WHERE ${region} AND ${window}) AS c
       INNER JOIN (SELECT policy_id, insurer_id, share_percent FROM policy_shares WHERE ${region} AND ${insurer}) AS s ON s.policy_id = c.policy_id
       UNION ALL
       SELECT city_code, county_code, '', toDate(0), toDate(0), NULL, toString(insurer_id), toDecimal128(0, 2), toDecimal128(premium_received, 2) * share_percent, 0
       FROM policy_shares WHERE ${region} AND ${insurer} AND toYear(start_date) = {year:UInt16}`
    : `SELECT ${columns}, '' AS insurer_id, toDecimal128(coalesce(c.paid_amount, 0), 2) * 100 AS paid_part, toDecimal128(0, 2) AS premium_part, 1 AS is_claim
       FROM (SELECT * FROM claims WHERE ${region} AND ${window}) AS c
       UNION ALL
       SELECT city_code, county_code, '', toDate(0), toDate(0), NULL, '', toDecimal128(0, 2), toDecimal128(premium_received, 2) * 100, 0
       FROM policies WHERE ${region} AND toYear(start_date) = {year:UInt16}`;
  const reported = 'is_claim = 1 AND toYear(reported_on) = {year:UInt16}';
  const decided = "is_claim = 1 AND toYear(decided_on) = {year:UInt16} AND status IN ('paid', 'denied')";
  const settled = `${decided} AND settlement_days IS NOT NULL`;
  const grouping = grain === 'tree'
    ? { select: 'grouping(city_code, county_code) AS grouping_level, city_code, county_code', groupBy: 'GROUPING SETS ((), (city_code), (county_code))' }
    : { select: 'insurer_id', groupBy: 'insurer_id' };
  const rows = await queryRows<Record<string, unknown>>(warehouse, `
    SELECT ${grouping.select}, countIf(${reported}) AS reported, countIf(${reported} AND status = 'open') AS open,
           countIf(${reported} AND status = 'withdrawn') AS withdrawn, countIf(${decided} AND status = 'paid') AS paid,
           countIf(${decided} AND status = 'denied') AS denied, toString(sumIf(paid_part, ${decided} AND status = 'paid')) AS paid_fen_exact,
           toString(sum(premium_part)) AS premium_fen_exact, countIf(${settled}) AS settled,
           if(settled = 0, NULL, avgIf(settlement_days, ${settled})) AS days_average,
           if(settled = 0, NULL, quantileExactInclusiveIf(0.5)(settlement_days, ${settled})) AS days_p50,
           if(settled = 0, NULL, quantileExactInclusiveIf(0.9)(settlement_days, ${settled})) AS days_p90
    FROM (${lines}) GROUP BY ${grouping.groupBy}`, { ...filter.params, year: query.year, insurer_id: query.insurerId ?? '' });
  return sorted(rows.map(numeric));
}

/** The risk indicators per county and industry over the data tables: claims (of the insurer's shared policies), policies or shares active in the year, services. */
async function rawRisk(query: ClaimsQuery): Promise<string[]> {
  const filter = regionFilter(query.region);
  const region = filter.sql;
  const own = query.insurerId !== null;
  const claimsOf = own ? `policy_id IN (SELECT policy_id FROM policy_shares WHERE insurer_id = {insurer_id:String} AND ${region})` : '1';
  const insuredFrom = own ? 'policy_shares WHERE insurer_id = {insurer_id:String} AND' : 'policies WHERE';
  const servicesOf = own ? 'insurer_id = {insurer_id:String}' : '1';
  const rows = await queryRows<Record<string, unknown>>(warehouse, `
    SELECT county_code, industry, sum(accident) AS accidents, sum(death_count) AS deaths, sum(injury_count) AS injuries,
           uniqExactIf(enterprise_id, enterprise_id != '') AS insured_enterprises, sum(found) AS hazards_found, sum(rectified) AS hazards_rectified
    FROM (
      SELECT county_code, industry, 1 AS accident, toUInt64(deaths) AS death_count, toUInt64(injuries) AS injury_count,
             '' AS enterprise_id, toUInt64(0) AS found, toUInt64(0) AS rectified
      FROM claims WHERE ${region} AND toYear(accident_date) = {year:UInt16} AND ${claimsOf}
      UNION ALL
      SELECT county_code, industry, 0, 0, 0, enterprise_id, 0, 0
      FROM ${insuredFrom} NOT cancelled AND start_date <= {year_end:Date} AND end_date >= {year_start:Date} AND ${region}
      UNION ALL
      SELECT county_code, industry, 0, 0, 0, '', hazards_found, hazards_rectified
      FROM services WHERE ${region} AND toYear(service_date) = {year:UInt16} AND ${servicesOf})
    GROUP BY county_code, industry`,
  { ...filter.params, year: query.year, year_start: `${query.year}-01-01`, year_end: `${query.year}-12-31`, insurer_id: query.insurerId ?? '' });
  return sorted(rows.map(numeric));
}

/** The mandatory enterprises' mix over the data tables (an insurer: those it insured through a share active in the year). */
async function rawMix(query: ClaimsQuery): Promise<string[]> {
  const filter = regionFilter(query.region);
  const insuredBy = query.insurerId === null ? '1' : `id IN (SELECT enterprise_id FROM policy_shares WHERE insurer_id = {insurer_id:String} AND NOT cancelled
    AND start_date <= {year_end:Date} AND end_date >= {year_start:Date} AND ${filter.sql})`;
  const rows = await queryRows<Record<string, unknown>>(warehouse, `
    SELECT county_code, risk_level, standardization_grade, count() AS enterprises FROM enterprises
    WHERE status = 'operating' AND industry IN {high_risk:Array(String)} AND ${filter.sql} AND ${insuredBy}
    GROUP BY county_code, risk_level, standardization_grade`,
  { ...filter.params, year_start: `${query.year}-01-01`, year_end: `${query.year}-12-31`, insurer_id: query.insurerId ?? '', high_risk: [...HIGH_RISK_INDUSTRIES] });
  return sorted(rows.map(numeric));
}

/** Mandatory enterprises (today's status) with a policy not cancelled covering each day, over the data tables. */
async function rawInsuredOn(region: Region, days: string[]): Promise<string[]> {
  const filter = regionFilter(region);
  const rows = await queryRows<{ day: string; insured: number }>(warehouse, `
    SELECT day, uniqExact(enterprise_id) AS insured FROM policies ARRAY JOIN {days:Array(Date)} AS day
    WHERE NOT cancelled AND start_date <= day AND end_date >= day AND ${filter.sql}
      AND enterprise_id IN (SELECT id FROM enterprises WHERE status = 'operating' AND industry IN {high_risk:Array(String)} AND ${filter.sql})
    GROUP BY day`,
  { ...filter.params, days, high_risk: [...HIGH_RISK_INDUSTRIES] });
  return sorted(rows.map(numeric));
}

/** A claims row whose figures are all zero or empty. */
function isZeroRow(row: string): boolean {
  const figures = (JSON.parse(row) as Array<[string, string | null]>).filter(([key]) => !['grouping_level', 'city_code', 'county_code', 'insurer_id'].includes(key));
  return figures.every(([, value]) => value === null || Number(value) === 0);
}

/** Counts compared as numbers (the engine returns UInt64 as text). */
function numeric(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value]));
}

async function expectEqualRaw(): Promise<void> {
  const [busiest] = await queryRows<{ county_code: string; insurer_id: string }>(
    warehouse,
    'SELECT county_code, toString(insurer_id) AS insurer_id FROM policy_shares GROUP BY county_code, insurer_id ORDER BY count() DESC, county_code, insurer_id LIMIT 1',
  );
  const province = regionByCode(PROVINCE_CODE)!;
  const county = regionByCode(busiest.county_code)!;
  const city = CITIES.find((candidate) => candidate.code.slice(0, 4) === county.code.slice(0, 4))!;
  for (const year of [2024, 2025]) {
    for (const region of [province, city, county]) {
      for (const insurerId of [null, busiest.insurer_id]) {
        const query = { region, year, insurerId };
        const label = `${region.code} ${insurerId ?? 'all'} ${year}`;
        for (const grain of ['tree', 'insurer'] as const) {
          // A region row of zeros reads as no row (api/claims/claims.resolver.ts); an insurer's row of zeros is listed.
          const shown = (rows: string[]) => (grain === 'tree' ? rows.filter((row) => !isZeroRow(row)) : rows);
          expect([`claims ${grain} ${label}`, shown(sorted((await claimsFigures(reader, query, grain)).map(numeric)))])
            .toEqual([`claims ${grain} ${label}`, shown(await rawClaims(query, grain))]);
        }
        expect([`risk ${label}`, sorted((await riskByCountyAndIndustry(reader, query)).map(numeric))]).toEqual([`risk ${label}`, await rawRisk(query)]);
        expect([`mix ${label}`, sorted((await mandatoryEnterpriseMix(reader, query)).map(numeric))]).toEqual([`mix ${label}`, await rawMix(query)]);
      }
    }
  }
  // Every day from 2022 to 2026: a run of insured days ending or starting a day off shows on that day.
  const days = Array.from({ length: 5 * 365 + 1 }, (_, index) => new Date(Date.UTC(2022, 0, 1 + index)).toISOString().slice(0, 10));
  for (const region of [province, city, county]) {
    const query = { region, insurerId: null, industries: HIGH_RISK_INDUSTRIES, periodStarts: days, periodEnds: days };
    const insured = sorted((await insuredOnPeriodEnds(reader, query)).map(numeric));
    expect(insured.length).toBeGreaterThan(300);
    expect([`insured ${region.code}`, insured]).toEqual([`insured ${region.code}`, await rawInsuredOn(region, days)]);
  }
}

test('claims and risk figures read from the judged facts equal the raw tables, after a full load and after an incremental run', async () => {
  await generateToDatabase(platform, { seed: 17, scale: 'tiny', years: { from: 2023, to: 2025 } });
  await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  await expectEqualRaw();

  // Claims changed (status, amount, days, accident date), added and deleted, with nothing else of their enterprises changed.
  const claims = await platform.getRepository(ClaimRow).find({ order: { id: 'ASC' } });
  expect(claims.length).toBeGreaterThan(20);
  await upsertRows(platform, ClaimRow, [
    { ...claims[0], status: 'paid', paidAmountFen: 1_234_567, settledOn: '2025-03-01', reportedOn: '2025-01-10' },
    { ...claims[1], status: 'denied', paidAmountFen: null, settledOn: '2024-12-30', denialReason: 'late' },
    { ...claims[2], accidentDate: '2024-05-05', deaths: 3, injuries: 4 },
    { ...claims[3], status: 'open', settledOn: null, paidAmountFen: null },
    { ...claims[4], id: `${claims[4].id}-again`, reportedOn: '2025-06-01', status: 'paid', paidAmountFen: 50_000, settledOn: '2025-06-20' },
  ]);
  await platform.getRepository(ClaimRow).delete(claims.slice(5, 8).map((claim) => claim.id));
  // Shares of claimed policies: one moved to another insurer, one's percentage changed.
  const shares = await platform.getRepository(PolicyShareRow).find({ order: { policyId: 'ASC', insurerId: 'ASC' } });
  const claimed = new Set(claims.map((claim) => claim.policyId));
  const [moved, changed] = shares.filter((share) => claimed.has(share.policyId) && share.shareHundredths < 10_000);
  const other = shares.find((share) => share.insurerId !== moved.insurerId && !shares.some((s) => s.policyId === moved.policyId && s.insurerId === share.insurerId))!;
  await platform.getRepository(PolicyShareRow).delete({ policyId: moved.policyId, insurerId: moved.insurerId });
  await upsertRows(platform, PolicyShareRow, [{ ...moved, insurerId: other.insurerId }, { ...changed, shareHundredths: changed.shareHundredths - 500 }]);
  // Policies cancelled and moved to another year; services' hazards changed and a service deleted.
  const policies = await platform.getRepository(PolicyRow).find({ order: { id: 'ASC' }, take: 30 });
  await upsertRows(platform, PolicyRow, [
    ...policies.slice(0, 5).map((policy) => ({ ...policy, cancelled: !policy.cancelled })),
    { ...policies[5], startDate: '2024-02-29', endDate: '2025-02-27' },
  ]);
  // Spans that touch on one day, and a span inside another, of mandatory enterprises (insured_changes' runs of days).
  const mandatory = new Set((await queryRows<{ id: string }>(warehouse,
    "SELECT id FROM enterprises WHERE status = 'operating' AND industry IN {high_risk:Array(String)}", { high_risk: [...HIGH_RISK_INDUSTRIES] }))
    .map((row) => row.id));
  const byEnterprise = new Map<string, PolicyRow[]>();
  for (const policy of await platform.getRepository(PolicyRow).find({ where: { cancelled: false }, order: { startDate: 'ASC', id: 'ASC' } })) {
    if (mandatory.has(policy.enterpriseId) && !policies.slice(0, 6).some((changed) => changed.id === policy.id)) {
      byEnterprise.set(policy.enterpriseId, [...(byEnterprise.get(policy.enterpriseId) ?? []), policy]);
    }
  }
  const touching = [...byEnterprise.values()].find((held) => held.length >= 2)!;
  const nesting = [...byEnterprise.values()].find((held) => held.length >= 3 && held !== touching)!;
  const later = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  await upsertRows(platform, PolicyRow, [
    { ...touching[1], startDate: touching[0].endDate },
    // The second inside the first, the third starting after the second's end, still inside the first.
    { ...nesting[1], startDate: later(nesting[0].startDate, 30), endDate: later(nesting[0].startDate, 60) },
    { ...nesting[2], startDate: later(nesting[0].startDate, 90) },
  ]);
  // Enterprises' risk level, grade and status changed (the mix of the mandatory ones).
  const enterprises = await platform.getRepository(EnterpriseRow).find({ where: { status: 'operating' }, order: { id: 'ASC' }, take: 6 });
  await upsertRows(platform, EnterpriseRow, [
    { ...enterprises[0], riskLevel: enterprises[0].riskLevel === 'major' ? 'low' : 'major' },
    { ...enterprises[1], standardizationGrade: enterprises[1].standardizationGrade === null ? '1' : null },
    { ...enterprises[2], status: 'closed' },
  ]);
  const services = await platform.getRepository(ServiceRow).find({ order: { id: 'ASC' }, take: 20 });
  await upsertRows(platform, ServiceRow, services.slice(0, 10).map((service) => ({ ...service, hazardsFound: service.hazardsFound + 7, hazardsRectified: service.hazardsRectified + 2 })));
  await platform.getRepository(ServiceRow).delete(services.slice(10, 12).map((service) => service.id));
  await runEtl(env.config, { platform, warehouse, mode: 'pull' });
  await expectEqualRaw();
}, 600_000);
