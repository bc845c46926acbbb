/**
 * Each kind of breach as a source that can count its rows and read a slice of them, all for the same
 * filters (region, insurer, year). The list pages across kinds in the fixed order of ViolationRule,
 * reading from each source only the slice that falls on the page asked for.
 */
import { HIGH_RISK_INDUSTRIES } from '../../domain/vocabulary';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { coverageByCountyAndIndustry, uninsuredPage } from '../coverage/coverage.sql';
import { deathLimitCount, deathLimitPage } from '../death-limit/death-limit.sql';
import { insurerFees, type InsurerFeeRow } from '../fees/fees.sql';
import { type CountyFirstServiceRow, firstServiceByCounty, firstServicePage, type FirstServiceQuery } from '../first-service/first-service.sql';
import { decimalOfFen, fenOf, fenOfYuanPercent } from '../common/money';
import { regionOf, resolveRegion } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';
import { Insurer } from '../common/insurer';
import { ruleOf } from '../rules/rule.type';
import { type Rule as RulebookRule, type Rulebook, yearEnd } from '../../domain/rulebook';
import { enterpriseServicePage, serviceComplianceByCounty } from '../services/services.sql';
import { unqualifiedServiceCount, unqualifiedServicePage } from './violations.sql';
import { ProviderDefect, Violation, ViolationFacts, ViolationRule } from './violations.type';

export interface ViolationFilters {
  region: ReferenceRegion;
  year: number;
  insurerId: string | null;
  /** Whether the viewer may see enterprises nobody insures (the regulator's accounts). */
  uninsuredVisible: boolean;
  /** Evaluation day of the uninsured list. */
  uninsuredOn: string;
  /** Evaluation day of first-service windows. */
  firstServiceOn: string;
  rulebook: Rulebook;
}

export interface ViolationSource {
  kind: ViolationRule;
  count(): Promise<number>;
  slice(limit: number, offset: number): Promise<Violation[]>;
}

type Facts = Partial<ViolationFacts>;

function violation(fields: Partial<Omit<Violation, 'facts' | 'rule'>> & Pick<Violation, 'kind' | 'day' | 'detail'> & { rule: RulebookRule; facts: Facts }): Violation {
  return Object.assign(new Violation(), {
    county: null, enterpriseId: null, enterpriseName: null, policyId: null, serviceId: null, providerId: null, insurers: [],
    ...fields,
    rule: ruleOf(fields.rule),
    facts: Object.assign(new ViolationFacts(), {
      evaluatedOn: null, lastPolicyEnd: null, year: null, preventionSpending: null, premiumReceived: null, ratio: null, limitPercent: null,
      riskAssessments: null, hazardInvestigations: null, requiredEach: null, windowStart: null, windowEnd: null, firstService: null,
      deathLimit: null, deathLimitFloor: null, providerName: null, providerDefect: null, qualifiedUntil: null,
      ...fields.facts,
    }),
  });
}

const insurers = (ids: string[]): Insurer[] => ids.map((id) => Object.assign(new Insurer(), { id }));
const county = (code: string) => regionOf(resolveRegion(code));
const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;

function uninsured(reader: WarehouseReader, filters: ViolationFilters): ViolationSource | null {
  const rule = filters.rulebook.ruleInForce('mandatory_insurance', filters.uninsuredOn);
  if (!filters.uninsuredVisible || filters.insurerId !== null || !rule) return null;
  const query = { region: filters.region, asOf: filters.uninsuredOn, industries: [...HIGH_RISK_INDUSTRIES] };
  return {
    kind: ViolationRule.UNINSURED,
    count: async () => (await coverageByCountyAndIndustry(reader, query)).reduce((sum, row) => sum + row.mandatory - row.insured, 0),
    slice: async (limit, offset) => (await uninsuredPage(reader, { ...query, sort: 'COUNTY', direction: 'ASC', limit, offset })).map((row) =>
      violation({
        kind: ViolationRule.UNINSURED, rule, day: filters.uninsuredOn, county: county(row.county_code),
        enterpriseId: row.id, enterpriseName: row.name,
        facts: { evaluatedOn: filters.uninsuredOn, lastPolicyEnd: row.last_policy_end },
        detail: row.last_policy_end === null
          ? `No active policy on ${filters.uninsuredOn}; never insured`
          : `No active policy on ${filters.uninsuredOn}; the last policy ended on ${row.last_policy_end}`,
      })),
  };
}

/** Fee ratios are few (one per insurer): read once, then split by floor and cap. */
function feeRatios(reader: WarehouseReader, filters: ViolationFilters): ViolationSource[] {
  const day = yearEnd(filters.year);
  const floor = filters.rulebook.ruleInForce('fee_ratio_floor', day);
  const cap = filters.rulebook.ruleInForce('fee_ratio_cap', day);
  let rows: Promise<InsurerFeeRow[]> | undefined;
  const read = () => {
    rows ??= insurerFees(reader, {
      year: filters.year, region: filters.region, insurerId: filters.insurerId,
      rules: { floorPercent: floor?.value ?? null, capPercent: cap?.value ?? null },
    });
    return rows;
  };
  const source = (kind: ViolationRule, rule: RulebookRule | undefined, breached: (row: InsurerFeeRow) => boolean, words: string): ViolationSource | null => {
    if (!rule) return null;
    const found = async () => (await read()).filter(breached);
    return {
      kind,
      count: async () => (await found()).length,
      slice: async (limit, offset) => (await found()).slice(offset, offset + limit).map((row) => {
        const premium = decimalOfFen(fenOfYuanPercent(row.premium_fen_exact));
        const spending = decimalOfFen(fenOf(row.prevention_spending));
        return violation({
          kind, rule, day, insurers: insurers([row.insurer_id]),
          facts: { year: filters.year, preventionSpending: spending, premiumReceived: premium, ratio: row.ratio, limitPercent: rule.value },
          detail: `Prevention spending ${spending} is ${percent(row.ratio ?? 0)} of premium received ${premium} in ${filters.year}, ${words} ${rule.value}%`,
        });
      }),
    };
  };
  return [
    source(ViolationRule.FEE_RATIO_BELOW_FLOOR, floor, (row) => row.meets_floor !== null && !row.meets_floor, 'below the floor of'),
    source(ViolationRule.FEE_RATIO_ABOVE_CAP, cap, (row) => row.within_cap !== null && !row.within_cap, 'above the cap of'),
  ].filter((candidate) => candidate !== null);
}

function servicesShort(reader: WarehouseReader, filters: ViolationFilters): ViolationSource | null {
  const day = yearEnd(filters.year);
  const coal = filters.rulebook.ruleInForce('service_frequency_coal', day);
  const largeMedium = filters.rulebook.ruleInForce('service_frequency_large_medium', day);
  if (!coal || !largeMedium) return null;
  const query = {
    year: filters.year, region: filters.region, insurerId: filters.insurerId,
    rules: { coal: Number(coal.value), largeMedium: Number(largeMedium.value) },
  };
  return {
    kind: ViolationRule.SERVICES_SHORT,
    count: async () => (await serviceComplianceByCounty(reader, query)).reduce((sum, row) => sum + row.required - row.compliant, 0),
    slice: async (limit, offset) => (await enterpriseServicePage(reader, { ...query, filter: 'NOT_COMPLIANT', limit, offset })).map((row) =>
      violation({
        kind: ViolationRule.SERVICES_SHORT, rule: row.industry === 'coal_mine' ? coal : largeMedium, day,
        county: county(row.county_code), enterpriseId: row.enterprise_id, enterpriseName: row.name,
        facts: {
          year: filters.year, riskAssessments: row.risk_assessments, hazardInvestigations: row.hazard_investigations, requiredEach: row.required_each,
        },
        detail: `Risk assessments ${row.risk_assessments}, hazard investigations ${row.hazard_investigations} in ${filters.year}; ` +
          `${row.required_each} of each required`,
      })),
  };
}

/**
 * Late and missing first services are counted by one query (the verdicts per county), read once for
 * both kinds: judging a year's policies is the costliest part of the list.
 */
function firstServices(reader: WarehouseReader, filters: ViolationFilters): ViolationSource[] {
  const query = { region: filters.region, asOf: filters.firstServiceOn, year: filters.year, insurerId: filters.insurerId, rulebook: filters.rulebook };
  let rows: Promise<CountyFirstServiceRow[]> | undefined;
  const read = () => {
    rows ??= firstServiceByCounty(reader, query);
    return rows;
  };
  return [
    firstService(reader, { ...query, filter: 'LATE' }, async () => (await read()).reduce((sum, row) => sum + row.late, 0)),
    firstService(reader, { ...query, filter: 'MISSING' }, async () => (await read()).reduce((sum, row) => sum + row.missing, 0)),
  ];
}

function firstService(
  reader: WarehouseReader, query: FirstServiceQuery & { filter: 'LATE' | 'MISSING' }, count: () => Promise<number>,
): ViolationSource {
  const kind = query.filter === 'LATE' ? ViolationRule.FIRST_SERVICE_LATE : ViolationRule.FIRST_SERVICE_MISSING;
  return {
    kind,
    count,
    slice: async (limit, offset) => (await firstServicePage(reader, { ...query, limit, offset })).map((row) =>
      violation({
        kind, rule: query.rulebook.ruleById(row.rule_id) as RulebookRule, day: row.window_end, county: county(row.county_code),
        enterpriseId: row.enterprise_id, enterpriseName: row.enterprise_name, policyId: row.policy_id, insurers: insurers(row.insurer_ids),
        facts: {
          windowStart: row.start_date, windowEnd: row.window_end, firstService: row.first_service,
          evaluatedOn: row.first_service === null ? query.asOf : null,
        },
        detail: row.first_service === null
          ? `No service by its insurers from ${row.start_date} to ${query.asOf}; the window ended on ${row.window_end}`
          : `First service on ${row.first_service}, after the window from ${row.start_date} to ${row.window_end}`,
      })),
  };
}

function deathLimit(reader: WarehouseReader, filters: ViolationFilters): ViolationSource {
  const query = { region: filters.region, year: filters.year, insurerId: filters.insurerId, rulebook: filters.rulebook, filter: 'NOT_COMPLIANT' as const };
  return {
    kind: ViolationRule.DEATH_LIMIT_BELOW_FLOOR,
    count: () => deathLimitCount(reader, query),
    slice: async (limit, offset) => (await deathLimitPage(reader, { ...query, limit, offset })).map((row) => {
      const deathLimitYuan = decimalOfFen(fenOf(row.death_limit));
      const floor = decimalOfFen(fenOf(row.floor));
      return violation({
        kind: ViolationRule.DEATH_LIMIT_BELOW_FLOOR, rule: filters.rulebook.ruleById(row.rule_id) as RulebookRule, day: row.start_date,
        county: county(row.county_code), enterpriseId: row.enterprise_id, enterpriseName: row.enterprise_name, policyId: row.policy_id,
        insurers: insurers(row.insurer_ids),
        facts: { deathLimit: deathLimitYuan, deathLimitFloor: floor },
        detail: `Death limit ${deathLimitYuan} per person is below the floor of ${floor} in force on ${row.start_date}`,
      });
    }),
  };
}

/** Judged against the qualification rule in force at the year end (the rule carries no dated versions yet). */
function unqualifiedProvider(reader: WarehouseReader, filters: ViolationFilters): ViolationSource | null {
  const rule = filters.rulebook.ruleInForce('provider_qualification', yearEnd(filters.year));
  if (!rule) return null;
  const query = { region: filters.region, year: filters.year, insurerId: filters.insurerId };
  return {
    kind: ViolationRule.UNQUALIFIED_PROVIDER,
    count: () => unqualifiedServiceCount(reader, query),
    slice: async (limit, offset) => (await unqualifiedServicePage(reader, { ...query, limit, offset })).map((row) => {
      const defect = row.blacklisted
        ? ProviderDefect.BLACKLISTED
        : row.qualification_no === null || row.qualified_until === null ? ProviderDefect.NO_QUALIFICATION : ProviderDefect.QUALIFICATION_EXPIRED;
      const why = {
        [ProviderDefect.BLACKLISTED]: 'is blacklisted',
        [ProviderDefect.NO_QUALIFICATION]: 'holds no recorded qualification',
        [ProviderDefect.QUALIFICATION_EXPIRED]: `held a qualification valid only until ${row.qualified_until}`,
      }[defect];
      return violation({
        kind: ViolationRule.UNQUALIFIED_PROVIDER, rule, day: row.service_date, county: county(row.county_code),
        enterpriseId: row.enterprise_id, enterpriseName: row.enterprise_name, policyId: row.policy_id, serviceId: row.service_id,
        providerId: row.provider_id, insurers: insurers([row.insurer_id]),
        facts: {
          providerName: row.provider_name, providerDefect: defect,
          qualifiedUntil: defect === ProviderDefect.QUALIFICATION_EXPIRED ? row.qualified_until : null,
        },
        detail: `Service ${row.service_id} on ${row.service_date} by provider ${row.provider_name}, which ${why}`,
      });
    }),
  };
}

/** The sources the filters allow, in the order of ViolationRule. */
export function violationSources(reader: WarehouseReader, filters: ViolationFilters, kinds: ReadonlySet<ViolationRule> | null): ViolationSource[] {
  const all = [
    uninsured(reader, filters),
    ...feeRatios(reader, filters),
    servicesShort(reader, filters),
    ...firstServices(reader, filters),
    deathLimit(reader, filters),
    unqualifiedProvider(reader, filters),
  ].filter((source) => source !== null);
  return kinds === null ? all : all.filter((source) => kinds.has(source.kind));
}

/**
 * The sources narrowed to one enterprise: each reads its rows of the (county's) filters once and keeps
 * the enterprise's. A county holds few breaches of a kind, so this costs one read per kind.
 */
export function enterpriseSources(sources: ViolationSource[], enterpriseId: string): ViolationSource[] {
  return sources.map((source) => {
    let rows: Promise<Violation[]> | undefined;
    const read = () => {
      rows ??= source.count().then((count) => (count === 0 ? [] : source.slice(count, 0))).then((all) => all.filter((row) => row.enterpriseId === enterpriseId));
      return rows;
    };
    return {
      kind: source.kind,
      count: async () => (await read()).length,
      slice: async (limit, offset) => (await read()).slice(offset, offset + limit),
    };
  });
}

/** One page across the sources: each is read only for the part of the page that falls on it. */
export async function violationPage(sources: ViolationSource[], limit: number, offset: number): Promise<{ counts: number[]; items: Violation[] }> {
  const counts = await Promise.all(sources.map((source) => source.count()));
  const items: Violation[] = [];
  let skip = offset;
  for (const [index, source] of sources.entries()) {
    if (items.length >= limit) break;
    if (skip >= counts[index]) {
      skip -= counts[index];
      continue;
    }
    const take = Math.min(limit - items.length, counts[index] - skip);
    items.push(...(await source.slice(take, skip)));
    skip = 0;
  }
  return { counts, items };
}
