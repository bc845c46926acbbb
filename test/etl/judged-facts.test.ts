/**
 * The judged facts against the raw tables: for generated datasets, every judgement the API reads from
 * policy_facts, enterprise_years and enterprise_coverage (first service, death limit, service frequency,
 * coverage and the uninsured list) equals the same
 * judgement worked out here in plain code from the published data tables, for the province, a city,
 * a county, an insurer and a past evaluation day, after a full load and after incremental runs that
 * add, change, move and delete policies, shares, services and enterprises.
 */
import type { DataSource } from 'typeorm';
import { CITIES, PROVINCE_CODE, regionByCode, type Region } from '../../domain/regions';
import { RULEBOOK } from '../../domain/rulebook';
import { HIGH_RISK_INDUSTRIES, SERVICE_KINDS } from '../../domain/vocabulary';
import { generateToDatabase } from '../../etl/generate';
import { runEtl, type EtlRunSummary } from '../../etl/load/run';
import { openPlatformDb } from '../../platform/data-source';
import { EnterpriseRow, PolicyRow, PolicyShareRow, ServiceRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client';
import { warehouseReader, type WarehouseReader } from '../../api/common/warehouse';
import { firstServiceByCounty, firstServiceByInsurer, firstServiceCount } from '../../api/first-service/first-service.sql';
import { deathLimitByCounty, deathLimitByInsurer } from '../../api/death-limit/death-limit.sql';
import { serviceComplianceByCounty, serviceComplianceByInsurer } from '../../api/services/services.sql';
import { coverageByCountyAndIndustry, uninsuredPage } from '../../api/coverage/coverage.sql';
import { makeTestEnv } from '../support/env';
import { random } from '../support/etl-seed';

const env = makeTestEnv('judged-facts', { ETL_OVERLAP_MS: '0' });
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

interface Raw {
  enterprises: Array<{ id: string; name: string; county_code: string; industry: string; size: string; status: string }>;
  policies: Array<{ id: string; enterprise_id: string; county_code: string; start_date: string; end_date: string; cancelled: boolean; death_limit: string }>;
  shares: Array<{ policy_id: string; insurer_id: string }>;
  services: Array<{ id: string; enterprise_id: string; insurer_id: string; kind: string; service_date: string }>;
}

async function rawTables(): Promise<Raw> {
  return {
    enterprises: await queryRows(warehouse, 'SELECT id, name, county_code, industry, size, status FROM enterprises'),
    policies: await queryRows(
      warehouse,
      'SELECT id, enterprise_id, county_code, start_date, end_date, cancelled, toString(death_limit_per_person) AS death_limit FROM policies',
    ),
    shares: await queryRows(warehouse, 'SELECT policy_id, toString(insurer_id) AS insurer_id FROM policy_shares'),
    services: await queryRows(warehouse, 'SELECT id, enterprise_id, toString(insurer_id) AS insurer_id, toString(kind) AS kind, service_date FROM services'),
  };
}

/** ClickHouse's addMonths: the day of month clamped to the target month's last day. */
function addMonths(day: string, months: number): string {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(dayOfMonth, last));
  return target.toISOString().slice(0, 10);
}

function inRegion(region: Region, countyCode: string): boolean {
  return region.level === 'province' || countyCode === region.code || (region.level === 'city' && countyCode.slice(0, 4) === region.code.slice(0, 4));
}

interface Scope {
  region: Region;
  insurerId: string | null;
  year: number;
  asOf: string;
}

function insurersOf(raw: Raw): Map<string, Set<string>> {
  const byPolicy = new Map<string, Set<string>>();
  for (const share of raw.shares) byPolicy.set(share.policy_id, (byPolicy.get(share.policy_id) ?? new Set()).add(share.insurer_id));
  return byPolicy;
}

function tally<Row extends Record<string, unknown>>(rows: Row[], keys: Array<keyof Row>, counters: string[]): Record<string, unknown>[] {
  const groups = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const id = keys.map((key) => String(row[key])).join('|');
    const group = groups.get(id) ?? Object.fromEntries([...keys.map((key) => [key, row[key]]), ...counters.map((counter) => [counter, 0])]);
    for (const counter of counters) group[counter] = Number(group[counter]) + Number(row[counter] ?? 0);
    groups.set(id, group);
  }
  return [...groups.values()];
}

function sorted(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? value : String(value)])))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** docs/definitions.md, definition 9 worked out from the raw rows: one verdict per judged policy, with each of its insurers. */
function firstServiceVerdicts(raw: Raw, scope: Scope): Array<{ county_code: string; rule_id: string; status: string; insurers: Set<string> }> {
  const insurers = insurersOf(raw);
  const verdicts = [];
  for (const policy of raw.policies) {
    const own = insurers.get(policy.id) ?? new Set<string>();
    if (policy.cancelled || !inRegion(scope.region, policy.county_code) || Number(policy.start_date.slice(0, 4)) !== scope.year) continue;
    if (scope.insurerId !== null && !own.has(scope.insurerId)) continue;
    const rule = RULEBOOK.ruleInForce('first_service_window', policy.start_date);
    if (!rule) continue;
    const windowEnd = addMonths(policy.start_date, Number(rule.value));
    if (windowEnd >= scope.asOf) continue;
    const dates = raw.services
      .filter((service) => service.enterprise_id === policy.enterprise_id && own.has(service.insurer_id) && service.service_date >= policy.start_date)
      .map((service) => service.service_date);
    const status = dates.some((date) => date <= windowEnd) ? 'on_time' : dates.some((date) => date <= scope.asOf) ? 'late' : 'missing';
    verdicts.push({ county_code: policy.county_code, rule_id: rule.id, status, insurers: own });
  }
  return verdicts;
}

/** docs/definitions.md, definition 10 from the raw rows. */
function deathLimitVerdicts(raw: Raw, scope: Scope): Array<{ county_code: string; rule_id: string; compliant: boolean; insurers: Set<string> }> {
  const insurers = insurersOf(raw);
  const verdicts = [];
  for (const policy of raw.policies) {
    const own = insurers.get(policy.id) ?? new Set<string>();
    if (policy.cancelled || !inRegion(scope.region, policy.county_code) || Number(policy.start_date.slice(0, 4)) !== scope.year) continue;
    if (scope.insurerId !== null && !own.has(scope.insurerId)) continue;
    const rule = RULEBOOK.ruleInForce('death_limit_floor', policy.start_date);
    if (!rule) continue;
    verdicts.push({ county_code: policy.county_code, rule_id: rule.id, compliant: Number(policy.death_limit) >= Number(rule.value), insurers: own });
  }
  return verdicts;
}

const FREQUENCY = { coal: 2, largeMedium: 1 };

/** docs/definitions.md, definition 8 from the raw rows: the population's enterprises with their requirement and verdict, each with the insurers of its active policies. */
function serviceVerdicts(raw: Raw, scope: Scope): Array<{ county_code: string; required: number; compliant: number; exempt: number; insurers: Set<string> }> {
  const insurers = insurersOf(raw);
  const yearStart = `${scope.year}-01-01`;
  const yearEnd = `${scope.year}-12-31`;
  const activeInsurers = new Map<string, Set<string>>();
  for (const policy of raw.policies) {
    if (policy.cancelled || policy.start_date > yearEnd || policy.end_date < yearStart) continue;
    const set = activeInsurers.get(policy.enterprise_id) ?? new Set<string>();
    for (const insurer of insurers.get(policy.id) ?? []) set.add(insurer);
    activeInsurers.set(policy.enterprise_id, set);
  }
  const verdicts = [];
  for (const enterprise of raw.enterprises) {
    const own = activeInsurers.get(enterprise.id);
    if (!own || enterprise.status !== 'operating' || !(HIGH_RISK_INDUSTRIES as readonly string[]).includes(enterprise.industry)) continue;
    if (!inRegion(scope.region, enterprise.county_code) || (scope.insurerId !== null && !own.has(scope.insurerId))) continue;
    const counts = (kind: string) => raw.services.filter(
      (service) => service.enterprise_id === enterprise.id && service.kind === kind && service.service_date >= yearStart && service.service_date <= yearEnd,
    ).length;
    const required = enterprise.industry === 'coal_mine' ? FREQUENCY.coal : ['large', 'medium'].includes(enterprise.size) ? FREQUENCY.largeMedium : null;
    const compliant = required !== null && counts('risk_assessment') >= required && counts('hazard_investigation') >= required;
    verdicts.push({ county_code: enterprise.county_code, required: required === null ? 0 : 1, compliant: compliant ? 1 : 0, exempt: required === null ? 1 : 0, insurers: own });
  }
  return verdicts;
}

/** docs/definitions.md, definitions 1–3 from the raw rows: each mandatory enterprise of the region, insured on the day or not, with its latest policy end by then. */
function coverageVerdicts(raw: Raw, region: Region, asOf: string): Array<{ id: string; name: string; county_code: string; industry: string; insured: number; last_policy_end: string | null }> {
  return raw.enterprises
    .filter((enterprise) => enterprise.status === 'operating' && (HIGH_RISK_INDUSTRIES as readonly string[]).includes(enterprise.industry)
      && inRegion(region, enterprise.county_code))
    .map((enterprise) => {
      const own = raw.policies.filter((policy) => policy.enterprise_id === enterprise.id && !policy.cancelled);
      const started = own.filter((policy) => policy.start_date <= asOf).map((policy) => policy.end_date).sort();
      return {
        id: enterprise.id, name: enterprise.name, county_code: enterprise.county_code, industry: enterprise.industry,
        insured: own.some((policy) => policy.start_date <= asOf && policy.end_date >= asOf) ? 1 : 0,
        last_policy_end: started.length === 0 ? null : started[started.length - 1],
      };
    });
}

async function expectCoverageEqualsRaw(region: Region, asOf: string): Promise<void> {
  const raw = await rawTables();
  const label = `coverage ${region.code} as of ${asOf}`;
  const verdicts = coverageVerdicts(raw, region, asOf).map((verdict) => ({ ...verdict, mandatory: 1 }));
  const query = { region, asOf, industries: [...HIGH_RISK_INDUSTRIES] };
  expect([label, sorted(await coverageByCountyAndIndustry(reader, query) as never)])
    .toEqual([label, sorted(tally(verdicts, ['county_code', 'industry'], ['mandatory', 'insured']))]);
  const uninsured = verdicts.filter((verdict) => verdict.insured === 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const page = await uninsuredPage(reader, { ...query, sort: 'NAME', direction: 'ASC', limit: 1000, offset: 0 });
  expect([label, page.map((row) => [row.id, row.last_policy_end, Number(row.total)])])
    .toEqual([label, uninsured.map((verdict) => [verdict.id, verdict.last_policy_end, uninsured.length])]);
}

function perInsurer<Verdict extends { insurers: Set<string> }>(verdicts: Verdict[], scope: Scope): Array<Verdict & { insurer_id: string }> {
  return verdicts.flatMap((verdict) => [...verdict.insurers]
    .filter((insurer) => scope.insurerId === null || insurer === scope.insurerId)
    .map((insurer_id) => ({ ...verdict, insurer_id })));
}

async function expectJudgementsEqualRaw(scope: Scope): Promise<void> {
  const raw = await rawTables();
  const query = { region: scope.region, insurerId: scope.insurerId };
  const label = `${scope.region.code} insurer ${scope.insurerId ?? 'all'} ${scope.year} as of ${scope.asOf}`;

  const firstService = firstServiceVerdicts(raw, scope).map((verdict) => ({
    ...verdict, on_time: verdict.status === 'on_time' ? 1 : 0, late: verdict.status === 'late' ? 1 : 0, missing: verdict.status === 'missing' ? 1 : 0,
  }));
  const firstQuery = { ...query, year: scope.year, asOf: scope.asOf, rulebook: RULEBOOK };
  expect([label, sorted(await firstServiceByCounty(reader, firstQuery) as never)])
    .toEqual([label, sorted(tally(firstService, ['county_code', 'rule_id'], ['on_time', 'late', 'missing']))]);
  expect([label, sorted(await firstServiceByInsurer(reader, firstQuery) as never)])
    .toEqual([label, sorted(tally(perInsurer(firstService, scope), ['insurer_id'], ['on_time', 'late', 'missing']))]);
  expect(await firstServiceCount(reader, { ...firstQuery, filter: 'LATE_OR_MISSING' })).toBe(firstService.filter((verdict) => verdict.on_time === 0).length);

  const deathLimit = deathLimitVerdicts(raw, scope).map((verdict) => ({ ...verdict, judged: 1, compliant: verdict.compliant ? 1 : 0 }));
  const deathQuery = { ...query, year: scope.year, rulebook: RULEBOOK };
  expect([label, sorted(await deathLimitByCounty(reader, deathQuery) as never)])
    .toEqual([label, sorted(tally(deathLimit, ['county_code', 'rule_id'], ['judged', 'compliant']))]);
  expect([label, sorted(await deathLimitByInsurer(reader, deathQuery) as never)])
    .toEqual([label, sorted(tally(perInsurer(deathLimit, scope), ['insurer_id'], ['judged', 'compliant']))]);

  const services = serviceVerdicts(raw, scope);
  const serviceQuery = { ...query, year: scope.year, rules: FREQUENCY };
  expect([label, sorted(await serviceComplianceByCounty(reader, serviceQuery) as never)])
    .toEqual([label, sorted(tally(services, ['county_code'], ['required', 'compliant', 'exempt']))]);
  expect([label, sorted(await serviceComplianceByInsurer(reader, serviceQuery) as never)])
    .toEqual([label, sorted(tally(perInsurer(services, scope), ['county_code', 'insurer_id'], ['required', 'compliant', 'exempt']))]);
}

async function expectEveryScope(): Promise<void> {
  const [busiest] = await queryRows<{ county_code: string; insurer_id: string }>(
    warehouse,
    'SELECT county_code, toString(insurer_id) AS insurer_id FROM policy_shares GROUP BY county_code, insurer_id ORDER BY count() DESC, county_code, insurer_id LIMIT 1',
  );
  const province = regionByCode(PROVINCE_CODE)!;
  const county = regionByCode(busiest.county_code)!;
  const city = CITIES.find((candidate) => candidate.code.slice(0, 4) === county.code.slice(0, 4))!;
  for (const year of [2024, 2025]) {
    for (const scope of [
      { region: province, insurerId: null }, { region: city, insurerId: null }, { region: county, insurerId: null },
      { region: province, insurerId: busiest.insurer_id }, { region: city, insurerId: busiest.insurer_id },
    ]) {
      await expectJudgementsEqualRaw({ ...scope, year, asOf: '2026-06-30' });
    }
    for (const region of [province, city, county]) await expectCoverageEqualsRaw(region, `${year}-06-30`);
    // A past evaluation day: windows still open then are not judged, services after it not known.
    await expectJudgementsEqualRaw({ region: province, insurerId: null, year, asOf: `${year}-05-15` });
    await expectJudgementsEqualRaw({ region: city, insurerId: busiest.insurer_id, year, asOf: `${year}-09-01` });
  }
}

async function run(): Promise<EtlRunSummary> {
  return runEtl(env.config, { platform, warehouse, mode: 'pull' });
}

test('every judgement from the judged facts equals the raw tables, after a full load and after incremental runs', async () => {
  await generateToDatabase(platform, { seed: 11, scale: 'tiny', years: { from: 2023, to: 2025 } });
  const full = await run();
  expect(full.derivedByTable.policy_facts).toBe(full.rowsByTable.policies);
  await expectEveryScope();

  const next = random(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const enterprises = await platform.getRepository(EnterpriseRow).find({ order: { id: 'ASC' } });
  const policies = await platform.getRepository(PolicyRow).find({ order: { id: 'ASC' } });
  const shares = await platform.getRepository(PolicyShareRow).find({ order: { policyId: 'ASC', insurerId: 'ASC' } });
  const insurerIds = [...new Set(shares.map((share) => share.insurerId))].sort();
  const day = (from: string, days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  // Round one: new services by a random insurer of the enterprise's own policies or another, policies cancelled,
  // enterprises changing status, industry and size, a share's insurer replaced.
  const added = Array.from({ length: 60 }, (_, index) => {
    const policy = pick(policies);
    const own = shares.filter((share) => share.policyId === policy.id);
    return {
      id: `PROP-SVC-${index}`, policyId: null, enterpriseId: policy.enterpriseId, insurerId: next() < 0.7 ? pick(own).insurerId : pick(insurerIds),
      providerId: null, kind: pick(SERVICE_KINDS.slice(0, 3)), serviceDate: day(policy.startDate, Math.floor(next() * 200) - 20),
      costFen: 100, hazardsFound: 0, hazardsRectified: 0,
    };
  });
  await upsertRows(platform, ServiceRow, added);
  await upsertRows(platform, PolicyRow, Array.from({ length: 10 }, () => ({ ...pick(policies), cancelled: true })));
  await upsertRows(platform, EnterpriseRow, Array.from({ length: 10 }, () => ({
    ...pick(enterprises), status: pick(['operating', 'suspended'] as const), industry: pick(HIGH_RISK_INDUSTRIES), size: pick(['large', 'small'] as const),
  })));
  const replaced = shares.find((share) => share.shareHundredths === 10000)!;
  await platform.getRepository(PolicyShareRow).delete({ policyId: replaced.policyId, insurerId: replaced.insurerId });
  await upsertRows(platform, PolicyShareRow, [{ policyId: replaced.policyId, insurerId: insurerIds.find((id) => id !== replaced.insurerId)!, shareHundredths: 10000 }]);
  const second = await run();
  expect(second.derivedByTable.policy_facts).toBeGreaterThan(0);
  expect(second.derivedByTable.policy_facts).toBeLessThan(full.derivedByTable.policy_facts);
  await expectEveryScope();

  // Round two, aimed at verdicts: the in-window services of some judged policies deleted, those of others moved to
  // another enterprise, every risk assessment of some enterprises in 2024 deleted, a cancelled policy restored.
  const before = await rawTables();
  const beforeInsurers = insurersOf(before);
  const inWindow = before.policies
    .filter((policy) => !policy.cancelled && policy.start_date >= '2024-01-01' && policy.start_date <= '2025-06-30')
    .map((policy) => before.services.filter((service) => service.enterprise_id === policy.enterprise_id
      && beforeInsurers.get(policy.id)?.has(service.insurer_id) && service.service_date >= policy.start_date
      && service.service_date <= addMonths(policy.start_date, 3)))
    .filter((found) => found.length > 0);
  expect(inWindow.length).toBeGreaterThan(12);
  const assessed = [...new Set(before.services
    .filter((service) => service.kind === 'risk_assessment' && service.service_date.startsWith('2024')).map((service) => service.enterprise_id))].slice(0, 5);
  const deleted = [
    ...inWindow.slice(0, 8).flat(),
    ...before.services.filter((service) => assessed.includes(service.enterprise_id) && service.kind === 'risk_assessment'),
  ].map((service) => service.id);
  await platform.getRepository(ServiceRow).delete([...new Set(deleted)]);
  const moved = await platform.getRepository(ServiceRow).findBy(inWindow.slice(8, 12).flat().map((service) => ({ id: service.id })));
  await upsertRows(platform, ServiceRow, moved.map((service) => ({ ...service, enterpriseId: enterprises[0].id })));
  await upsertRows(platform, PolicyRow, [{ ...policies[0], cancelled: false }]);
  const third = await run();
  expect(third.derivedByTable.policy_facts).toBeLessThan(full.derivedByTable.policy_facts);
  await expectEveryScope();

  // A run with nothing changed derives nothing and leaves every judgement as it was.
  const idle = await run();
  expect(idle.derivedByTable).toEqual({ policy_facts: 0, enterprise_years: 0, enterprise_coverage: 0, claim_shares: 0, insured_changes: 0 });
  await expectEveryScope();
  // Four ETL runs and 4 × 14 scopes compared: beyond the default limit on a busy two-core machine.
}, 600_000);
