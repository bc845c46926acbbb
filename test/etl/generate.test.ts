/**
 * The demo data generator: deterministic output, the exchange format of docs/definitions.md, and
 * every situation the dataset promises (issue 2, part 5), each asserted by computing over the
 * generated rows with the definitions of docs/definitions.md, written out here independently of the
 * generator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { RULEBOOK } from '../../domain/rulebook';
import { FILING_ITEMS, isHighRisk } from '../../domain/vocabulary';
import {
  CSV_FILES, DEMO_TABLES, generateDemoBatches, generateToCsv, parseScale, parseSeed, parseUntil, parseYears,
  type DemoRows, type DemoTable, type GenerateOptions,
} from '../../etl/generate';
import { CARELESS_INSURERS } from '../../etl/generate/catalog';
import { csvField } from '../../etl/generate/csv';
import { COUNTIES, cityOfCounty } from '../../domain/regions';
import { usccProblem } from '../../domain/uscc';

type Tables = { [T in DemoTable]: Array<DemoRows[T]> };

const SHANXI: GenerateOptions = { seed: 42, scale: 'shanxi', years: { from: 2022, to: 2025 } };
const EVALUATION_DAY = '2025-12-31';
const DEATH_LIMIT_FLOOR_FEN = 300_000_00;

/** The exchange format's columns, copied from docs/definitions.md. */
const EXCHANGE_COLUMNS: Record<string, string> = {
  'enterprises.csv': 'id, uscc, name, industry, size, county_code, status, risk_level, standardization_grade, employees',
  'insurers.csv': 'id, name, filed_on',
  'providers.csv': 'id, name, qualification_no, qualified_until, blacklisted',
  'policies.csv': 'id, policy_no, enterprise_id, start_date, end_date, premium, premium_received, death_limit_per_person, insured_persons, cancelled',
  'policy_shares.csv': 'policy_id, insurer_id, share_percent',
  'services.csv': 'id, policy_id, enterprise_id, insurer_id, provider_id, kind, service_date, cost, hazards_found, hazards_rectified',
  'fee_ledger.csv': 'id, insurer_id, county_code, entry_date, amount, category, service_id',
  'claims.csv': 'id, policy_id, accident_date, reported_on, deaths, injuries, claimed_amount, paid_amount, status, settled_on, denial_reason',
  'insurer_filings.csv': 'insurer_id, item, received_on',
  'annual_reports.csv': 'insurer_id, year, submitted_on',
};
const MONEY_COLUMNS = new Set(['premium', 'premium_received', 'death_limit_per_person', 'cost', 'amount', 'claimed_amount', 'paid_amount', 'share_percent']);
const DATE_COLUMNS = new Set(['filed_on', 'qualified_until', 'start_date', 'end_date', 'service_date', 'entry_date', 'accident_date', 'reported_on', 'settled_on', 'received_on', 'submitted_on']);
const BOOLEAN_COLUMNS = new Set(['blacklisted', 'cancelled']);

function collect(options: GenerateOptions): Tables {
  const tables = Object.fromEntries(DEMO_TABLES.map((table) => [table, []])) as unknown as Tables;
  for (const batch of generateDemoBatches(options)) (tables[batch.table] as unknown[]).push(...batch.rows);
  return tables;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * docs/definitions.md, definition 9: calendar months, the day clamped to the end of a shorter month
 * (ClickHouse addMonths).
 */
function addMonthsClamped(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const monthIndex = month - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const tempDirs: string[] = [];
function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ansz-generate-${label}-`));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('determinism and the exchange format', () => {
  let first: string;
  let second: string;
  let otherSeed: string;

  beforeAll(async () => {
    first = tempDir('a');
    second = tempDir('b');
    otherSeed = tempDir('c');
    await generateToCsv(first, SHANXI);
    await generateToCsv(second, SHANXI);
    await generateToCsv(otherSeed, { ...SHANXI, seed: 43 });
  });

  test('the same seed writes identical bytes, file by file', () => {
    for (const { file } of Object.values(CSV_FILES)) {
      const a = fs.readFileSync(path.join(first, file));
      const b = fs.readFileSync(path.join(second, file));
      expect(a.length).toBeGreaterThan(0);
      expect(a.equals(b)).toBe(true);
    }
  });

  test('another seed writes different data', () => {
    for (const file of ['enterprises.csv', 'policies.csv', 'services.csv', 'fee_ledger.csv']) {
      expect(fs.readFileSync(path.join(first, file)).equals(fs.readFileSync(path.join(otherSeed, file)))).toBe(false);
    }
  });

  test('each file has exactly the columns of docs/definitions.md and well-formed values', () => {
    expect(Object.values(CSV_FILES).map(({ file }) => file).sort()).toEqual(Object.keys(EXCHANGE_COLUMNS).sort());
    for (const [file, columns] of Object.entries(EXCHANGE_COLUMNS)) {
      const text = fs.readFileSync(path.join(first, file), 'utf8');
      expect(Buffer.from(text, 'utf8').equals(fs.readFileSync(path.join(first, file)))).toBe(true);
      const records: string[][] = parse(text, { relax_column_count: false });
      expect(records[0]).toEqual(columns.split(', '));
      const header = records[0];
      const ids = new Set<string>();
      const malformed: string[] = [];
      for (const record of records.slice(1)) {
        header.forEach((column, i) => {
          const value = record[i];
          if (value === '') return;
          const wellFormed = MONEY_COLUMNS.has(column) ? /^\d+\.\d{2}$/.test(value)
            : DATE_COLUMNS.has(column) ? /^\d{4}-\d{2}-\d{2}$/.test(value)
              : BOOLEAN_COLUMNS.has(column) ? value === 'true' || value === 'false' : true;
          if (!wellFormed) malformed.push(`${file} ${column}: ${value}`);
        });
        if (header[0] === 'id') ids.add(record[0]);
      }
      expect(malformed).toEqual([]);
      if (header[0] === 'id') expect(ids.size).toBe(records.length - 1);
    }
  });

  test('the CSV files hold the rows the generator yields', () => {
    const tables = collect(SHANXI);
    for (const table of DEMO_TABLES) {
      const lines = fs.readFileSync(path.join(first, CSV_FILES[table].file), 'utf8').split('\n').filter((line) => line !== '');
      expect(lines.length - 1).toBe(tables[table].length);
    }
  });

  test('fields with commas, quotes or line breaks are quoted', () => {
    expect(csvField('山西,煤业')).toBe('"山西,煤业"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });

  test('options are validated with messages naming the flag', () => {
    expect(parseYears('2022-2025')).toEqual({ from: 2022, to: 2025 });
    expect(parseYears('2024')).toEqual({ from: 2024, to: 2024 });
    expect(() => parseYears('2025-2022')).toThrow(/2025 is after 2022/);
    expect(() => parseYears('22-25')).toThrow(/--years/);
    expect(() => parseSeed('-1')).toThrow(/--seed/);
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(() => parseScale('mars')).toThrow(/tiny, shanxi, national/);
  });
});

describe('the situations of the shanxi dataset', () => {
  let t: Tables;
  let enterpriseById: Map<string, DemoRows['enterprises']>;
  let sharesByPolicy: Map<string, Array<DemoRows['policy_shares']>>;
  let policiesByEnterprise: Map<string, Array<DemoRows['policies']>>;

  beforeAll(() => {
    t = collect(SHANXI);
    enterpriseById = new Map(t.enterprises.map((e) => [e.id, e]));
    sharesByPolicy = groupBy(t.policy_shares, (share) => share.policyId);
    policiesByEnterprise = groupBy(t.policies, (policy) => policy.enterpriseId);
  });

  const isMandatory = (e: DemoRows['enterprises']): boolean => e.status === 'operating' && isHighRisk(e.industry);
  const activeOn = (policy: DemoRows['policies'], day: string): boolean => !policy.cancelled && policy.startDate <= day && day <= policy.endDate;

  test('several thousand enterprises in real counties, with valid USCCs naming their county', () => {
    const counties = new Set(COUNTIES.map((county) => county.code));
    expect(t.enterprises.length).toBeGreaterThan(5000);
    expect(t.enterprises.filter(isMandatory).length).toBeGreaterThan(3000);
    expect(t.enterprises.filter((e) => !counties.has(e.countyCode))).toEqual([]);
    expect(t.enterprises.filter((e) => usccProblem(e.uscc) !== undefined || e.uscc.slice(2, 8) !== e.countyCode)).toEqual([]);
    expect(new Set(t.enterprises.map((e) => e.uscc)).size).toBe(t.enterprises.length);
    expect(t.fee_ledger.filter((entry) => !counties.has(entry.countyCode))).toEqual([]);
    const statuses = groupBy(t.enterprises, (e) => e.status);
    expect(statuses.get('suspended')?.length).toBeGreaterThan(50);
    expect(statuses.get('closed')?.length).toBeGreaterThan(50);
    expect(t.enterprises.filter((e) => e.industry === 'other').length).toBeGreaterThan(500);
  });

  test('industries sit where Shanxi has them', () => {
    const shareIn = (industry: string, cities: string[]): number => {
      const ofIndustry = t.enterprises.filter((e) => e.industry === industry);
      return ofIndustry.filter((e) => cities.includes(cityOfCounty(e.countyCode))).length / ofIndustry.length;
    };
    // 大同, 朔州, 长治, 晋城, 吕梁
    expect(shareIn('coal_mine', ['140200', '140600', '140400', '140500', '141100'])).toBeGreaterThan(0.6);
    expect(shareIn('coal_mine', ['140800'])).toBe(0);
    // 太原, 长治, 运城
    expect(shareIn('hazardous_chemicals', ['140100', '140400', '140800'])).toBeGreaterThan(0.45);
    // 临汾, 运城, 吕梁, 长治
    expect(shareIn('metallurgy', ['141000', '140800', '141100', '140400'])).toBeGreaterThan(0.55);
    // 运城, 临汾
    expect(shareIn('fireworks', ['140800', '141000'])).toBeGreaterThan(0.6);
    const coal = t.enterprises.filter((e) => e.industry === 'coal_mine');
    expect(coal.filter((e) => e.size === 'large' || e.size === 'medium').length / coal.length).toBeGreaterThan(0.7);
    expect(t.enterprises.filter((e) => e.industry === 'fireworks').every((e) => e.size === 'small' || e.size === 'micro')).toBe(true);
  });

  test('coverage differs by county: most above 90%, a few far below 80%', () => {
    const byCounty = groupBy(t.enterprises.filter(isMandatory), (e) => e.countyCode);
    const rates = [...byCounty.values()].map((mandatory) => {
      const insured = mandatory.filter((e) => (policiesByEnterprise.get(e.id) ?? []).some((p) => activeOn(p, EVALUATION_DAY)));
      return insured.length / mandatory.length;
    });
    expect(rates.length).toBeGreaterThan(100);
    expect(rates.filter((rate) => rate < 0.8).length).toBeGreaterThanOrEqual(5);
    expect(rates.filter((rate) => rate < 0.7).length).toBeGreaterThanOrEqual(3);
    expect(rates.filter((rate) => rate > 0.9).length / rates.length).toBeGreaterThan(0.7);
  });

  test('the uninsured are both lapsed and never insured', () => {
    const uninsured = t.enterprises.filter(isMandatory)
      .filter((e) => !(policiesByEnterprise.get(e.id) ?? []).some((p) => activeOn(p, EVALUATION_DAY)));
    const lapsed = uninsured.filter((e) => (policiesByEnterprise.get(e.id) ?? []).some((p) => !p.cancelled && p.endDate < EVALUATION_DAY));
    const never = uninsured.filter((e) => !policiesByEnterprise.has(e.id));
    expect(lapsed.length).toBeGreaterThan(20);
    expect(never.length).toBeGreaterThan(20);
  });

  test('policies are annual, some cancelled, some short of premium received, coal priced highest', () => {
    const odd = t.policies.filter((policy) => {
      const enterprise = enterpriseById.get(policy.enterpriseId);
      return enterprise === undefined
        || policy.endDate !== dayBefore(addMonthsClamped(policy.startDate, 12))
        || policy.premiumReceivedFen > policy.premiumFen
        || (policy.insuredPersons !== null && enterprise.employees !== null && policy.insuredPersons > enterprise.employees);
    });
    expect(odd).toEqual([]);
    expect(t.policies.filter((p) => p.cancelled).length).toBeGreaterThan(100);
    expect(t.policies.filter((p) => !p.cancelled && p.premiumReceivedFen < p.premiumFen).length).toBeGreaterThan(100);
    const meanPremium = (industry: string): number => {
      const premiums = t.policies.filter((p) => enterpriseById.get(p.enterpriseId)?.industry === industry).map((p) => p.premiumFen);
      return premiums.reduce((a, b) => a + b, 0) / premiums.length;
    };
    expect(meanPremium('coal_mine')).toBeGreaterThan(3 * meanPremium('hazardous_chemicals'));
  });

  test('co-insured policies have shares summing to exactly 100%', () => {
    const odd = t.policies.filter((policy) => {
      const shares = sharesByPolicy.get(policy.id) ?? [];
      return shares.reduce((sum, share) => sum + share.shareHundredths, 0) !== 10_000
        || new Set(shares.map((share) => share.insurerId)).size !== shares.length;
    });
    expect(odd).toEqual([]);
    const coInsured = [...sharesByPolicy.values()].filter((shares) => shares.length > 1);
    expect(coInsured.length).toBeGreaterThan(200);
    expect(coInsured.some((shares) => shares.length === 3)).toBe(true);
    expect(coInsured.some((shares) => shares.some((share) => share.shareHundredths === 3334))).toBe(true);
    expect(t.policy_shares.length).toBe(t.policies.length + coInsured.reduce((sum, shares) => sum + shares.length - 1, 0));
  });

  test('about twenty insurers, most filed by 2024-05-31, some late, one never', () => {
    expect(t.insurers.length).toBe(20);
    expect(t.insurers.filter((i) => i.filedOn === null).length).toBe(1);
    expect(t.insurers.filter((i) => i.filedOn !== null && i.filedOn > '2024-05-31').length).toBe(2);
    expect(t.insurers.filter((i) => i.filedOn !== null && i.filedOn <= '2024-05-31').length).toBe(17);
  });

  test('filings complete on time, late and one incomplete, as the rulebook\'s filing deadline judges them', () => {
    const deadline = RULEBOOK.ruleInForce('filing_deadline', '2024-12-31')!.value;
    const byInsurer = groupBy(t.insurer_filings, (row) => row.insurerId);
    expect(t.insurer_filings.filter((row) => !(FILING_ITEMS as readonly string[]).includes(row.item))).toEqual([]);
    const complete = t.insurers.filter((insurer) => new Set((byInsurer.get(insurer.id) ?? []).map((row) => row.item)).size === FILING_ITEMS.length);
    const completedOn = (id: string) => (byInsurer.get(id) ?? []).map((row) => row.receivedOn).sort().at(-1)!;
    // Complete on the day the insurer's filing date says.
    expect(complete.map((insurer) => completedOn(insurer.id))).toEqual(complete.map((insurer) => insurer.filedOn));
    expect(complete.filter((insurer) => completedOn(insurer.id) <= deadline).length).toBe(17);
    expect(complete.filter((insurer) => completedOn(insurer.id) > deadline).length).toBe(2);
    const incomplete = t.insurers.filter((insurer) => !complete.includes(insurer));
    expect(incomplete).toHaveLength(1);
    expect(byInsurer.get(incomplete[0].id)?.length).toBeGreaterThan(0);
  });

  test('annual reports on time, late and missing, as the rulebook\'s report deadline judges them', () => {
    // The 2024 circular's rule is the first in force: years before 2024 have none; 2025's deadline is after the data.
    expect(new Set(t.annual_reports.map((row) => row.year))).toEqual(new Set([2024]));
    const deadline = `2025-${RULEBOOK.ruleInForce('annual_report_deadline', '2024-12-31')!.value}`;
    expect(t.annual_reports.filter((row) => row.submittedOn < '2025-01-01')).toEqual([]);
    expect(t.annual_reports.filter((row) => row.submittedOn <= deadline).length).toBe(17);
    expect(t.annual_reports.filter((row) => row.submittedOn > deadline).length).toBe(2);
    expect(t.insurers.length - t.annual_reports.length).toBe(1);
  });

  test('insurers\' prevention fee ratios run from below 15% to above 21% every year', () => {
    for (let year = 2022; year <= 2025; year += 1) {
      const received = new Map<string, number>();
      for (const policy of t.policies.filter((p) => p.startDate.startsWith(String(year)))) {
        for (const share of sharesByPolicy.get(policy.id) ?? []) {
          received.set(share.insurerId, (received.get(share.insurerId) ?? 0) + (policy.premiumReceivedFen * share.shareHundredths) / 10_000);
        }
      }
      const spending = new Map<string, number>();
      for (const entry of t.fee_ledger.filter((e) => e.entryDate.startsWith(String(year)))) {
        spending.set(entry.insurerId, (spending.get(entry.insurerId) ?? 0) + entry.amountFen);
      }
      const ratios = [...received.entries()].filter(([, fen]) => fen > 0).map(([insurer, fen]) => (spending.get(insurer) ?? 0) / fen);
      expect(ratios.filter((ratio) => ratio < 0.15).length).toBeGreaterThanOrEqual(2);
      expect(ratios.filter((ratio) => ratio > 0.21).length).toBeGreaterThanOrEqual(2);
      expect(ratios.filter((ratio) => ratio >= 0.15 && ratio <= 0.21).length).toBeGreaterThanOrEqual(8);
    }
  });

  test('services meet and miss the yearly frequencies; small and micro enterprises are exempt', () => {
    const year = '2024';
    const servicesOf = groupBy(t.services.filter((s) => s.serviceDate.startsWith(year)), (s) => s.enterpriseId);
    let meets = 0;
    let misses = 0;
    let exempt = 0;
    for (const e of t.enterprises.filter(isMandatory)) {
      const heldPolicy = (policiesByEnterprise.get(e.id) ?? []).some((p) => !p.cancelled && p.startDate <= `${year}-12-31` && p.endDate >= `${year}-01-01`);
      if (!heldPolicy) continue;
      const required = e.industry === 'coal_mine' ? 2 : e.size === 'large' || e.size === 'medium' ? 1 : 0;
      if (required === 0) {
        exempt += 1;
        continue;
      }
      const services = servicesOf.get(e.id) ?? [];
      const count = (kind: string): number => services.filter((s) => s.kind === kind).length;
      if (count('risk_assessment') >= required && count('hazard_investigation') >= required) meets += 1;
      else misses += 1;
    }
    expect(exempt).toBeGreaterThan(500);
    expect(misses).toBeGreaterThan(100);
    expect(meets / (meets + misses)).toBeGreaterThan(0.6);
    expect(meets / (meets + misses)).toBeLessThan(0.95);
  });

  test('first services within three months for most policies, later for some, never for a few', () => {
    expect(addMonthsClamped('2024-11-30', 3)).toBe('2025-02-28');
    const servicesOf = groupBy(t.services, (s) => s.enterpriseId);
    let prompt = 0;
    let late = 0;
    let none = 0;
    for (const policy of t.policies) {
      const windowEnd = addMonthsClamped(policy.startDate, 3);
      if (policy.cancelled || windowEnd > EVALUATION_DAY) continue;
      const insurers = new Set((sharesByPolicy.get(policy.id) ?? []).map((share) => share.insurerId));
      const ours = (servicesOf.get(policy.enterpriseId) ?? [])
        .filter((s) => insurers.has(s.insurerId) && s.serviceDate >= policy.startDate && s.serviceDate <= policy.endDate);
      if (ours.some((s) => s.serviceDate <= windowEnd)) prompt += 1;
      else if (ours.length > 0) late += 1;
      else none += 1;
    }
    expect(late).toBeGreaterThan(100);
    expect(none).toBeGreaterThan(50);
    expect(prompt / (prompt + late + none)).toBeGreaterThan(0.75);
  });

  test('services are tied to their policy, enterprise and insurer; hazards rectified never exceed those found', () => {
    const policyById = new Map(t.policies.map((p) => [p.id, p]));
    const odd = t.services.filter((service) => {
      const policy = policyById.get(service.policyId ?? '');
      return policy === undefined
        || policy.enterpriseId !== service.enterpriseId
        || !(sharesByPolicy.get(policy.id) ?? []).some((share) => share.insurerId === service.insurerId)
        || service.serviceDate < policy.startDate || service.serviceDate > policy.endDate
        || service.serviceDate > EVALUATION_DAY
        || service.hazardsRectified > service.hazardsFound;
    });
    expect(odd).toEqual([]);
    const kinds = new Set(t.services.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['drill', 'hazard_investigation', 'other', 'risk_assessment', 'training']);
    const serviceIds = new Set(t.services.map((s) => s.id));
    const tied = t.fee_ledger.filter((entry) => entry.serviceId !== null);
    expect(tied.length).toBeGreaterThan(1000);
    expect(tied.filter((entry) => !serviceIds.has(entry.serviceId ?? ''))).toEqual([]);
  });

  test('some services come from providers with expired qualifications or on the blacklist', () => {
    const providerById = new Map(t.providers.map((p) => [p.id, p]));
    expect(t.providers.length).toBe(30);
    expect(t.providers.filter((p) => p.qualifiedUntil !== null && p.qualifiedUntil < EVALUATION_DAY).length).toBeGreaterThanOrEqual(2);
    expect(t.providers.filter((p) => p.blacklisted).length).toBeGreaterThanOrEqual(1);
    const unqualified = t.services.filter((s) => {
      if (s.providerId === null) return false;
      const provider = providerById.get(s.providerId);
      return provider === undefined || provider.blacklisted || provider.qualifiedUntil === null || provider.qualifiedUntil < s.serviceDate;
    });
    expect(unqualified.length).toBeGreaterThan(50);
    expect(t.services.filter((s) => s.providerId === null).length).toBeGreaterThan(t.services.length / 2);
  });

  test('death limits: mostly at or above 300,000, some below, some under 400,000 after 2025-03-29', () => {
    const below = t.policies.filter((p) => p.deathLimitPerPersonFen < DEATH_LIMIT_FLOOR_FEN);
    expect(below.length).toBeGreaterThan(50);
    expect(below.length / t.policies.length).toBeLessThan(0.1);
    const underNational = t.policies.filter((p) => p.startDate >= '2025-03-29'
      && p.deathLimitPerPersonFen >= DEATH_LIMIT_FLOOR_FEN && p.deathLimitPerPersonFen < 400_000_00);
    expect(underNational.length).toBeGreaterThan(50);
  });

  test('claims paid, denied, open and withdrawn, with consistent dates and amounts', () => {
    const byStatus = groupBy(t.claims, (claim) => claim.status);
    for (const status of ['paid', 'denied', 'open', 'withdrawn']) expect(byStatus.get(status)?.length).toBeGreaterThan(10);
    const policyIds = new Set(t.policies.map((p) => p.id));
    const decided = (claim: DemoRows['claims']): boolean => claim.status === 'paid' || claim.status === 'denied';
    const odd = t.claims.filter((claim) => !policyIds.has(claim.policyId)
      || (claim.accidentDate !== null && claim.accidentDate > claim.reportedOn)
      || (decided(claim) ? claim.settledOn === null || claim.settledOn <= claim.reportedOn : claim.settledOn !== null)
      || (claim.status === 'paid'
        ? claim.paidAmountFen === null || claim.paidAmountFen <= 0 || claim.paidAmountFen > claim.claimedAmountFen
        : claim.paidAmountFen !== null)
      || (claim.denialReason !== null) !== (claim.status === 'denied'));
    expect(odd).toEqual([]);
    expect(t.claims.filter((claim) => claim.deaths > 0).length).toBeGreaterThan(50);
    expect(t.claims.filter((claim) => claim.accidentDate === null).length).toBeGreaterThan(0);
  });

  test('insurers differ in how they work: a few settle fast, insure every employee and check their providers, a few do not', () => {
    const leadOf = new Map<string, string>();
    for (const share of t.policy_shares) if (!leadOf.has(share.policyId)) leadOf.set(share.policyId, share.insurerId);
    /** Per insurer with at least `least` rows, the share of them that `good` holds for. */
    const shareByInsurer = <Row>(rows: readonly Row[], insurerOf: (row: Row) => string, good: (row: Row) => boolean, least: number) =>
      [...groupBy(rows, insurerOf)].filter(([, group]) => group.length >= least)
        .map(([id, group]) => [id, group.filter(good).length / group.length] as const);
    const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const decided = t.claims.filter((claim) => claim.settledOn !== null);
    const timely = shareByInsurer(decided, (claim) => leadOf.get(claim.policyId)!, (claim) => daysBetween(claim.reportedOn, claim.settledOn!) <= 30, 10)
      .map(([, share]) => share);
    expect(Math.max(...timely)).toBeGreaterThan(0.85);
    expect(Math.min(...timely)).toBeLessThan(0.55);
    const employees = new Map(t.enterprises.map((e) => [e.id, e.employees]));
    const counted = t.policies.filter((p) => p.insuredPersons !== null && employees.get(p.enterpriseId) != null);
    const fullCover = shareByInsurer(counted, (p) => leadOf.get(p.id)!, (p) => p.insuredPersons! >= employees.get(p.enterpriseId)!, 50)
      .map(([, share]) => share);
    expect(Math.max(...fullCover)).toBeGreaterThan(0.93);
    expect(Math.min(...fullCover)).toBeLessThan(0.65);
    const providerById = new Map(t.providers.map((p) => [p.id, p]));
    const unqualifiedBy = new Set(t.services.filter((s) => {
      const provider = s.providerId === null ? undefined : providerById.get(s.providerId);
      return provider !== undefined && (provider.blacklisted || provider.qualifiedUntil === null || provider.qualifiedUntil < s.serviceDate);
    }).map((s) => s.insurerId));
    expect(unqualifiedBy.size).toBeGreaterThanOrEqual(1);
    expect(unqualifiedBy.size).toBeLessThanOrEqual(CARELESS_INSURERS);
  });

  test('the tiny scale is small and still in real counties', () => {
    const tiny = collect({ ...SHANXI, scale: 'tiny' });
    expect(tiny.enterprises.length).toBeGreaterThan(200);
    expect(tiny.enterprises.length).toBeLessThan(400);
    const counties = new Set(COUNTIES.map((county) => county.code));
    expect(tiny.enterprises.every((e) => counties.has(e.countyCode))).toBe(true);
  });
});

describe('data that ends on a given day (demo data ends today)', () => {
  const UNTIL = '2025-08-20';
  const options: GenerateOptions = { seed: 42, scale: 'tiny', years: { from: 2023, to: 2025 }, until: UNTIL };

  /** Every date of what has happened, with where it is. */
  function factDates(tables: Tables): Array<{ what: string; date: string }> {
    return [
      ...tables.insurers.flatMap((row) => (row.filedOn === null ? [] : [{ what: `insurer ${row.id} filed_on`, date: row.filedOn }])),
      ...tables.policies.map((row) => ({ what: `policy ${row.id} start_date`, date: row.startDate })),
      ...tables.services.map((row) => ({ what: `service ${row.id}`, date: row.serviceDate })),
      ...tables.fee_ledger.map((row) => ({ what: `ledger entry ${row.id}`, date: row.entryDate })),
      ...tables.claims.flatMap((row) => [row.accidentDate, row.reportedOn, row.settledOn]
        .filter((date): date is string => date !== null).map((date) => ({ what: `claim ${row.id}`, date }))),
      ...tables.insurer_filings.map((row) => ({ what: `filing item ${row.insurerId} ${row.item}`, date: row.receivedOn })),
      ...tables.annual_reports.map((row) => ({ what: `annual report ${row.insurerId} ${row.year}`, date: row.submittedOn })),
    ];
  }

  test('nothing has happened after the last day, and the data runs up to it', () => {
    const tables = collect(options);
    const dates = factDates(tables);
    expect(dates.filter(({ date }) => date > UNTIL)).toEqual([]);
    expect(tables.services.some((row) => row.serviceDate >= '2025-08-01')).toBe(true);
    expect(tables.fee_ledger.some((row) => row.entryDate >= '2025-08-01')).toBe(true);
    expect(tables.claims.some((row) => row.reportedOn >= '2025-06-01')).toBe(true);
    // Policies running on the last day end after it: an end date is a promise, not a fact.
    expect(tables.policies.some((row) => row.endDate > UNTIL)).toBe(true);
  });

  test('a last day at or after the end of the last year changes nothing', () => {
    const { until: _until, ...withoutUntil } = options;
    expect(collect({ ...options, until: '2025-12-31' })).toEqual(collect(withoutUntil));
    expect(collect({ ...options, until: '2026-12-01' })).toEqual(collect(withoutUntil));
  });

  test('before the data\'s first year, or not a day, is refused with a message naming it', () => {
    expect(parseUntil('2026-12-01')).toBe('2026-12-01');
    expect(() => parseUntil('2026-02-30')).toThrow(/--until: expected a day as YYYY-MM-DD, got "2026-02-30"/);
    expect(() => collect({ ...options, until: '2022-12-31' })).toThrow(/before its first year, 2023/);
  });
});
