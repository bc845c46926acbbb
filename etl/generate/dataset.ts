/**
 * The streaming core of the demo data generator: yields the rows of the ten exchange-format tables
 * in batches, county by county, so that the national scale never holds the whole dataset in memory.
 *
 * What the dataset contains, on purpose (every item is checked by test/etl/generate.test.ts):
 * - enterprises in the 117 real counties, coal concentrated in 大同, 朔州, 长治, 晋城 and 吕梁; some
 *   suspended or closed; `other` industries that are not mandatory;
 * - per county a coverage target: most counties above 90% of mandatory enterprises insured at the end
 *   of the last year, a few between 40% and 70%; the uninsured are lapsed (insured before) or never
 *   insured;
 * - annual policies, renewed on the same anniversary, a few late; co-insured policies whose shares sum
 *   to exactly 100%; cancelled policies, most replaced by another insurer; premium received short of
 *   the premium for some; death limits below the floor in force for a few, and, once a higher floor
 *   replaces a lower one (400,000 from 2025-03-29), limits between the two for some;
 * - services that meet or miss the yearly frequencies, first services within the window after the
 *   policy start, later than that, or never; some by third-party providers, expired or blacklisted
 *   ones included;
 * The thresholds (floors, frequencies, the window, the filing deadline, and the days they change) are
 * read from the rulebook on the day each row happens (rules.ts), never restated here.
 * - a prevention-fee ledger per insurer and county whose yearly total against premium received runs
 *   from below 15% to above 21%;
 * - claims paid, denied, open and withdrawn;
 * - insurer filings complete on time, late and incomplete, and annual reports on time, late and
 *   missing (./filings);
 * - insurers that differ in how they work (catalog.ts `INSURER_CONDUCT`): a few diligent, most
 *   ordinary, a few careless, in all-employee cover, death limits, services, hazards rectified, the
 *   providers they use and how fast they settle claims, so that the periodic evaluation ranks them
 *   from 优秀 to 不合格.
 */
import { annualEnd, addMonths, dayOf, formatDay, parseDay, yearOf, type Day } from './calendar';
import {
  CARELESS_INSURERS, CITY_WEIGHTS, DEATH_LIMIT_STEP, DEATH_LIMITS_COAL, DEATH_LIMITS_SHORT_OF_FLOOR, DEATH_LIMITS_OTHER, DENIAL_REASONS,
  DILIGENT_INSURERS, FEE_RATIO_TARGETS, GENERAL_LEDGER_CATEGORIES, INDUSTRY_PROFILES, INSURER_CONDUCT, INSURERS, PROVIDER_NAME_PATTERNS,
  SERVICE_BASE_COST, SERVICE_LEDGER_CATEGORY, SHANXI_ENTERPRISES, SHARE_PATTERNS, TRADE_NAME_FIRST, TRADE_NAME_SECOND, URBAN_CORE_COUNTIES,
  employeeRange, type InsurerConduct,
} from './catalog';
import { annualReports, insurerFilings } from './filings';
import { SCALE_FACTOR, validateOptions, type GenerateOptions } from './options';
import { Random } from './random';
import { DemoRules } from './rules';
import { RULEBOOK, type Rulebook } from '../../domain/rulebook';
import {
  INDUSTRIES, isHighRisk, type ClaimStatus, type EnterpriseSize, type EnterpriseStatus, type Industry, type ServiceKind,
} from '../../domain/vocabulary';
import type {
  ClaimRow, EnterpriseRow, FeeLedgerRow, InsurerRow, PolicyRow, PolicyShareRow, ProviderRow, ServiceRow,
} from '../../platform/entities';
import type { Unstamped } from '../../platform/store';
import { PLATFORM_TABLE_NAMES, type PlatformRow, type PlatformTableName } from '../../platform/tables';
import { CITIES, cityOfCounty, countiesOf, regionByCode, type Region } from '../../domain/regions';
import { withUsccCheck } from '../../domain/uscc';

/** Every platform table, in the order a loader must write them: every reference points to a table written earlier. */
export const DEMO_TABLES = PLATFORM_TABLE_NAMES;
export type DemoTable = PlatformTableName;

export type DemoRows = { [T in DemoTable]: Unstamped<PlatformRow<T>> };

export type DemoBatch = { [T in DemoTable]: { table: T; rows: Array<DemoRows[T]> } }[DemoTable];

/** Enterprises are generated county by county and written in groups of at most this many. */
const ENTERPRISES_PER_BATCH = 2000;

const FEN_PER_YUAN = 100;
const WHOLE = 10_000;

export interface CountyPlan {
  county: Region;
  enterprises: Record<Industry, number>;
  /** Share of the county's mandatory enterprises insured at the end of the last year. */
  coverageTarget: number;
}

interface InsurerPlan {
  row: Unstamped<InsurerRow>;
  spec: (typeof INSURERS)[number];
  feeRatio: number;
  conduct: InsurerConduct;
}

interface ProviderPlan {
  row: Unstamped<ProviderRow>;
  weight: number;
  /** Qualified (a qualification valid that day, not blacklisted) on the day: what a careful insurer checks. */
  qualifiedOn(day: Day): boolean;
}

type CoverageFate = 'insured' | 'lapsed' | 'never';

interface EnterpriseDraft {
  index: number;
  row: Unstamped<EnterpriseRow>;
  industry: Industry;
  size: EnterpriseSize;
  mandatory: boolean;
  fate?: CoverageFate;
}

interface PolicyDraft {
  row: Unstamped<PolicyRow>;
  start: Day;
  end: Day;
  /** Lead insurer first. */
  shares: Array<{ insurerId: string; shareHundredths: number }>;
}

interface ServiceDraft {
  policy: PolicyDraft;
  kind: ServiceKind;
  day: Day;
  insurerId: string;
  /** Delivered by a third-party provider (chosen on the service's final day), not the insurer's own team. */
  byProvider: boolean;
}

/** Largest-remainder apportionment of `total` over the weights: whole numbers summing to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((acc, count) => acc + count, 0);
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    counts[index] += 1;
    left -= 1;
  }
  return counts;
}

/** 组织机构代码 (GB 11714): eight characters and a check character, the USCC's characters 9–17. */
function organizationCode(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(body[i]) * weights[i];
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/** The place word of an enterprise name: 阳高县 → 阳高; 古县 stays; 城区 needs its city, 阳泉城区. */
function shortPlaceName(county: Region): string {
  if (['城区', '矿区', '郊区'].includes(county.name)) {
    return `${(regionByCode(cityOfCounty(county.code))?.name ?? '').replace(/市$/, '')}${county.name}`;
  }
  return county.name.length <= 2 ? county.name : county.name.replace(/[区县市]$/, '');
}

const TRADE_FIRST = [...TRADE_NAME_FIRST];
const TRADE_SECOND = [...TRADE_NAME_SECOND];

function yuanToFen(yuan: number): number {
  return Math.round(yuan * FEN_PER_YUAN);
}

/**
 * One dataset, read once through `batches()`: ids are numbered and the ledger's targets accumulate as
 * the rows pass, so a second pass needs a new instance (same options, same rows).
 */
export class DemoDataset {
  readonly options: GenerateOptions;
  readonly insurers: readonly InsurerPlan[];
  readonly providers: readonly ProviderPlan[];
  readonly counties: readonly CountyPlan[];
  readonly dataEnd: Day;
  private readonly rulebook: Rulebook;
  private readonly rules: DemoRules;
  private readonly insurerWeights: number[];
  private readonly usccOffset: number;

  private nextPolicy = 1;
  private nextService = 1;
  private nextClaim = 1;
  private nextLedger = 1;
  /** Premium received per insurer, start year and county, share-weighted, in fen. */
  private premiumReceived = new Map<string, Map<number, Map<string, number>>>();
  /** Ledger entries already written per insurer and entry year, in fen. */
  private spending = new Map<string, Map<number, number>>();
  private read = false;

  /** `rulebook`: the rules the data meets and misses; the program's own unless a test passes another. */
  constructor(options: GenerateOptions, rulebook: Rulebook = RULEBOOK) {
    validateOptions(options);
    this.options = options;
    this.rulebook = rulebook;
    this.rules = new DemoRules(rulebook);
    const endOfYears = dayOf(options.years.to, 12, 31);
    this.dataEnd = options.until === undefined ? endOfYears : Math.min(endOfYears, parseDay(options.until));
    this.insurers = this.planInsurers();
    this.providers = this.planProviders();
    this.counties = this.planCounties();
    this.insurerWeights = this.insurers.map((insurer) => insurer.spec.marketWeight);
    this.usccOffset = Random.derive(options.seed, 'uscc').between(0, 99_999_999);
  }

  get plannedEnterprises(): number {
    return this.counties.reduce((sum, plan) => sum + INDUSTRIES.reduce((acc, industry) => acc + plan.enterprises[industry], 0), 0);
  }

  *batches(): Generator<DemoBatch> {
    if (this.read) throw new Error('DemoDataset.batches() reads a dataset once; make a new DemoDataset for another pass');
    this.read = true;
    yield { table: 'insurers', rows: this.insurers.map((insurer) => insurer.row) };
    yield { table: 'providers', rows: this.providers.map((provider) => provider.row) };
    const insurers = this.insurers.map((insurer) => insurer.row);
    yield { table: 'insurer_filings', rows: insurerFilings(this.options, this.rulebook, insurers, this.dataEnd) };
    const punctual = new Set(this.insurers.filter((insurer) => insurer.conduct.tier === 'diligent').map((insurer) => insurer.row.id));
    yield { table: 'annual_reports', rows: annualReports(this.options, this.rulebook, insurers, this.dataEnd, punctual) };
    let index = 0;
    for (const plan of this.counties) {
      const drafts = this.draftEnterprises(plan, index);
      index += drafts.length;
      for (let start = 0; start < drafts.length; start += ENTERPRISES_PER_BATCH) {
        yield* this.enterpriseBatches(drafts.slice(start, start + ENTERPRISES_PER_BATCH));
      }
    }
    yield { table: 'fee_ledger', rows: this.generalLedger() };
  }

  private planInsurers(): InsurerPlan[] {
    const random = Random.derive(this.options.seed, 'insurers');
    const ratios = random.shuffle([...FEE_RATIO_TARGETS]);
    // The smaller insurers are the ones that file late or never (资料报送, against the rulebook's deadline).
    const deadline = this.rules.filingDeadline();
    const small = random.shuffle(INSURERS.map((_, i) => i).filter((i) => i >= 7));
    const neverFiled = small[0];
    const late = new Set([small[1], small[2]]);
    // The careless are insurers whose spending misses the fee-ratio range; the diligent file on time and spend within it.
    const floor = this.rules.feeRatioFloor(this.dataEnd);
    const cap = this.rules.feeRatioCap(this.dataEnd);
    const withinRange = (i: number) => ratios[i] >= floor && (cap === null || ratios[i] <= cap);
    const careless = new Set(random.shuffle(INSURERS.map((_, i) => i).filter((i) => !withinRange(i))).slice(0, CARELESS_INSURERS));
    const diligent = new Set(random.shuffle(INSURERS.map((_, i) => i).filter((i) => withinRange(i) && i !== neverFiled && !late.has(i)))
      .slice(0, DILIGENT_INSURERS));
    return INSURERS.map((spec, i) => {
      let filedOn: string | null;
      if (i === neverFiled) filedOn = null;
      else if (late.has(i)) filedOn = formatDay(deadline + 1 + random.between(3, 75));
      else filedOn = formatDay(deadline - 53 + random.between(0, 53));
      // When the data ends before an insurer's filing day, the insurer has not filed yet.
      if (filedOn !== null && parseDay(filedOn) > this.dataEnd) filedOn = null;
      const conduct = INSURER_CONDUCT[diligent.has(i) ? 'diligent' : careless.has(i) ? 'careless' : 'ordinary'];
      return { spec, feeRatio: ratios[i], conduct, row: { id: spec.id, name: spec.name, filedOn } };
    });
  }

  private conductOf(insurerId: string): InsurerConduct {
    return this.insurers.find((insurer) => insurer.row.id === insurerId)?.conduct ?? INSURER_CONDUCT.ordinary;
  }

  /** A provider for a service of `insurerId` on `day`: a careful insurer picks among those qualified that day. */
  private providerFor(random: Random, insurerId: string, day: Day): string {
    const candidates = this.conductOf(insurerId).checksProviders ? this.providers.filter((provider) => provider.qualifiedOn(day)) : this.providers;
    return candidates[random.weightedIndex(candidates.map((provider) => provider.weight))].row.id;
  }

  private planProviders(): ProviderPlan[] {
    const random = Random.derive(this.options.seed, 'providers');
    const { from } = this.options.years;
    const count = 30;
    const roles = Array.from({ length: count }, (_, i) => (i < 4 ? 'expired' : i < 6 ? 'blacklisted' : i < 7 ? 'unqualified' : 'valid'));
    random.shuffle(roles);
    const names = new Set<string>();
    const firstDay = dayOf(from, 1, 1);
    return roles.map((role, i) => {
      let name = '';
      do {
        const pattern = random.pick(PROVIDER_NAME_PATTERNS);
        const trade = random.pick(TRADE_FIRST) + random.pick(TRADE_SECOND);
        name = pattern.replace('{t}', trade).replace('{c}', random.pick(CITIES).name.replace(/市$/, ''));
      } while (names.has(name));
      names.add(name);
      const qualificationNo = role === 'unqualified' ? null : `APJ-（晋）-${String(11 + i * 3).padStart(3, '0')}`;
      let qualifiedUntil: string | null = null;
      if (role === 'expired') qualifiedUntil = formatDay(firstDay + 120 + random.between(0, Math.max(0, this.dataEnd - firstDay - 240)));
      else if (role !== 'unqualified') qualifiedUntil = formatDay(this.dataEnd + random.between(180, 1100));
      const blacklisted = role === 'blacklisted';
      const lastQualifiedDay = qualificationNo === null || qualifiedUntil === null || blacklisted ? null : parseDay(qualifiedUntil);
      return {
        row: { id: `PRV${String(i + 1).padStart(3, '0')}`, name, qualificationNo, qualifiedUntil, blacklisted },
        weight: role === 'valid' ? 1 : 0.6,
        qualifiedOn: (day: Day) => lastQualifiedDay !== null && day <= lastQualifiedDay,
      };
    });
  }

  private planCounties(): CountyPlan[] {
    const { seed, scale } = this.options;
    const geography = Random.derive(seed, 'geography');
    const weightsByIndustry = new Map<Industry, number[]>();
    for (const industry of INDUSTRIES) {
      const weights: number[] = [];
      for (const city of CITIES) {
        for (const county of countiesOf(city.code)) {
          let weight = CITY_WEIGHTS[industry][city.code] * geography.uniform(0.4, 1.6);
          if (URBAN_CORE_COUNTIES.has(county.code)) {
            weight *= industry === 'coal_mine' ? 0 : industry === 'non_coal_mine' ? 0.15
              : industry === 'fireworks' ? 0.3 : industry === 'metallurgy' ? 0.5 : industry === 'other' ? 2 : 1.3;
          }
          weights.push(weight);
        }
      }
      weightsByIndustry.set(industry, weights);
    }
    const counties = CITIES.flatMap((city) => countiesOf(city.code));
    const countsByIndustry = new Map<Industry, number[]>();
    for (const industry of INDUSTRIES) {
      const total = Math.round(SHANXI_ENTERPRISES[industry] * SCALE_FACTOR[scale]);
      countsByIndustry.set(industry, apportion(total, weightsByIndustry.get(industry) ?? []));
    }
    // Most counties near full coverage; a few far below, some in between (应保尽保,
    // docs/definitions.md, definition 2).
    const coverage = Random.derive(seed, 'coverage');
    const order = coverage.shuffle(counties.map((_, i) => i));
    const targets = new Array<number>(counties.length);
    order.forEach((countyIndex, rank) => {
      targets[countyIndex] = rank < 8 ? coverage.uniform(0.4, 0.7) : rank < 20 ? coverage.uniform(0.78, 0.89) : coverage.uniform(0.92, 0.995);
    });
    return counties.map((county, i) => ({
      county,
      coverageTarget: targets[i],
      enterprises: Object.fromEntries(INDUSTRIES.map((industry) => [industry, countsByIndustry.get(industry)?.[i] ?? 0])) as Record<Industry, number>,
    }));
  }

  private draftEnterprises(plan: CountyPlan, firstIndex: number): EnterpriseDraft[] {
    const { seed } = this.options;
    const drafts: EnterpriseDraft[] = [];
    const names = new Set<string>();
    const place = shortPlaceName(plan.county);
    const cityShort = (regionByCode(cityOfCounty(plan.county.code))?.name ?? '').replace(/市$/, '');
    let index = firstIndex;
    for (const industry of INDUSTRIES) {
      const profile = INDUSTRY_PROFILES[industry];
      for (let n = 0; n < plan.enterprises[industry]; n += 1) {
        index += 1;
        const random = Random.derive(seed, 'enterprise', index);
        const size = random.weighted(profile.sizes);
        const statusDraw = random.next();
        const status: EnterpriseStatus = statusDraw < profile.closed ? 'closed' : statusDraw < profile.closed + profile.suspended ? 'suspended' : 'operating';
        const gradeIndex = random.weightedIndex(size === 'micro' ? [profile.grades[0], profile.grades[1], profile.grades[2], profile.grades[3] * 3] : profile.grades);
        const [minEmployees, maxEmployees] = employeeRange(industry, size);
        const employees = industry === 'other' && random.chance(0.01) ? null : random.between(minEmployees, maxEmployees);
        let name = '';
        for (let attempt = 0; attempt < 10 && (name === '' || names.has(name)); attempt += 1) {
          const trade = random.pick(TRADE_FIRST) + random.pick(TRADE_SECOND);
          const prefix = random.weighted([['山西', 4], [`山西${cityShort}`, 2], ['', 3]] as const);
          // 山西阳泉 + 阳泉城区 would say the city twice.
          const lead = cityShort !== '' && prefix.endsWith(cityShort) && place.startsWith(cityShort) ? prefix.slice(0, -cityShort.length) : prefix;
          name = `${lead}${place}${trade}${random.pick(profile.nameSuffixes)}`;
        }
        names.add(name);
        const body = String((index * 48_271 + this.usccOffset) % 100_000_000).padStart(8, '0');
        drafts.push({
          index,
          industry,
          size,
          mandatory: status === 'operating' && isHighRisk(industry),
          row: {
            id: `E${String(index).padStart(7, '0')}`,
            uscc: withUsccCheck(`91${plan.county.code}${organizationCode(body)}`),
            name,
            industry,
            size,
            countyCode: plan.county.code,
            status,
            riskLevel: random.weighted(profile.riskLevels),
            standardizationGrade: gradeIndex < 3 ? String(gradeIndex + 1) : null,
            employees,
          },
        });
      }
    }
    // The county's coverage target is met exactly by choosing which mandatory enterprises go uninsured.
    const quota = Random.derive(seed, 'coverage-quota', plan.county.code);
    const mandatory = drafts.filter((draft) => draft.mandatory);
    const uninsured = Math.round(mandatory.length * (1 - plan.coverageTarget));
    quota.shuffle(mandatory).forEach((draft, rank) => {
      const canLapse = this.options.years.from < this.options.years.to;
      draft.fate = rank >= uninsured ? 'insured' : canLapse && quota.chance(0.6) ? 'lapsed' : 'never';
    });
    return drafts;
  }

  /** The calendar years in which the enterprise holds a policy. */
  private insuredYears(draft: EnterpriseDraft, random: Random): number[] {
    const { from, to } = this.options.years;
    const span = (first: number, last: number): number[] => Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
    const lapsedSpan = (): number[] => {
      if (from === to) return [];
      const first = random.chance(0.7) ? from : random.between(from, to - 1);
      return span(first, random.between(first, to - 1));
    };
    const status = draft.row.status;
    if (draft.mandatory) {
      if (draft.fate === 'never') return [];
      if (draft.fate === 'lapsed') return lapsedSpan();
      const years = span(random.chance(0.85) ? from : random.between(from, to), to);
      if (years.length > 2 && random.chance(0.03)) years.splice(random.between(1, years.length - 2), 1);
      return years;
    }
    if (draft.industry === 'other') {
      if (status !== 'operating') return random.chance(0.3) ? lapsedSpan() : [];
      const draw = random.next();
      return draw < 0.25 ? span(from, to) : draw < 0.35 ? lapsedSpan() : [];
    }
    if (status === 'suspended') {
      const draw = random.next();
      return draw < 0.4 ? span(from, to) : draw < 0.8 ? lapsedSpan() : [];
    }
    return random.chance(0.75) ? lapsedSpan() : [];
  }

  private pickInsurer(random: Random, exclude: ReadonlySet<string> = new Set()): string {
    for (;;) {
      const id = this.insurers[random.weightedIndex(this.insurerWeights)].row.id;
      if (!exclude.has(id)) return id;
    }
  }

  private insurerShares(random: Random, draft: EnterpriseDraft): PolicyDraft['shares'] {
    const coInsured = draft.industry === 'coal_mine' && draft.size !== 'small' ? 0.35 : draft.size === 'large' ? 0.08 : 0.02;
    if (!random.chance(coInsured)) return [{ insurerId: this.pickInsurer(random), shareHundredths: WHOLE }];
    const pattern = random.pick(SHARE_PATTERNS);
    const chosen = new Set<string>();
    return pattern.map((shareHundredths) => {
      const insurerId = this.pickInsurer(random, chosen);
      chosen.add(insurerId);
      return { insurerId, shareHundredths };
    });
  }

  private draftPolicies(draft: EnterpriseDraft): PolicyDraft[] {
    const random = Random.derive(this.options.seed, 'policies', draft.index);
    const years = this.insuredYears(draft, random);
    if (years.length === 0) return [];
    const { to } = this.options.years;
    const profile = INDUSTRY_PROFILES[draft.industry];
    const anniversaryMonth = random.chance(0.35) ? 1 : random.between(1, 12);
    const anniversaryDay = anniversaryMonth === 1 && random.chance(0.6) ? 1 : random.between(1, 28);
    const ratePerPerson = random.uniform(profile.premiumPerPerson[0], profile.premiumPerPerson[1]);
    const [minEmployees, maxEmployees] = employeeRange(draft.industry, draft.size);
    const headcount = draft.row.employees ?? Math.round((minEmployees + maxEmployees) / 2);
    let shares = this.insurerShares(random, draft);
    // A few limits below the floor in force when the enterprise is first insured, more by a careless insurer.
    let deathLimit = random.chance(this.conductOf(shares[0].insurerId).limitBelowFloor)
      ? this.rules.deathLimitFloor(dayOf(years[0], 1, 1)) - random.pick(DEATH_LIMITS_SHORT_OF_FLOOR)
      : random.weighted(draft.industry === 'coal_mine' ? DEATH_LIMITS_COAL : DEATH_LIMITS_OTHER);
    const policies: PolicyDraft[] = [];
    for (const year of years) {
      if (policies.length > 0 && random.chance(0.1)) shares = this.insurerShares(random, draft);
      const delay = random.chance(0.05) ? random.between(7, 60) : 0;
      const start = Math.min(dayOf(year, anniversaryMonth, anniversaryDay) + delay, dayOf(year, 12, 31));
      const conduct = this.conductOf(shares[0].insurerId);
      // A higher floor in force: most limits that met the floor it replaced are raised to it or above at
      // the renewal, fewer by a careless insurer; the others stay between the two floors.
      const floor = this.rules.deathLimitFloor(start);
      const replacedFloor = this.rules.replacedDeathLimitFloor(start);
      if (replacedFloor !== null && deathLimit >= replacedFloor && deathLimit < floor && random.chance(conduct.limitRaised)) {
        deathLimit = random.pick([floor, floor + DEATH_LIMIT_STEP]);
      }
      // 全员投保: every employee insured, or some of them left out.
      const insuredPersons = draft.row.employees === null || random.chance(0.005)
        ? null
        : random.chance(conduct.fullCover) ? draft.row.employees : Math.max(1, Math.round(draft.row.employees * random.uniform(0.8, 0.98)));
      // A few policies priced far under the rate: the 恶意低价承保 the circular forbids.
      const priceFactor = random.chance(0.02) ? random.uniform(0.3, 0.5) : random.uniform(0.95, 1.05);
      const premiumYuan = Math.max(300, ratePerPerson * priceFactor * (insuredPersons ?? headcount));
      const premiumFen = random.chance(0.85) ? Math.round(premiumYuan) * FEN_PER_YUAN : yuanToFen(premiumYuan);
      const cancelled = random.chance(0.025);
      let premiumReceivedFen = premiumFen;
      if (cancelled) premiumReceivedFen = Math.round(premiumFen * random.uniform(0, 0.4));
      else if (random.chance(0.1)) premiumReceivedFen = Math.round(premiumFen * random.uniform(0.5, 0.98));
      // Renewals due after the data's last day have not started yet.
      if (start > this.dataEnd) continue;
      const policy = this.policyDraft(draft, start, shares, {
        premiumFen, premiumReceivedFen, deathLimitPerPersonFen: deathLimit * FEN_PER_YUAN, insuredPersons, cancelled,
      });
      policies.push(policy);
      // A cancelled policy is mostly re-issued by another insurer a few days later; in past years some are not.
      if (cancelled && (year === to || random.chance(0.7))) {
        const replacementShares = [{ insurerId: this.pickInsurer(random, new Set(shares.map((s) => s.insurerId))), shareHundredths: WHOLE }];
        const replacementPremium = Math.round((premiumFen * random.uniform(0.95, 1.05)) / FEN_PER_YUAN) * FEN_PER_YUAN;
        const replacementStart = Math.min(start + random.between(1, 20), dayOf(year, 12, 31));
        if (replacementStart > this.dataEnd) continue;
        policies.push(this.policyDraft(draft, replacementStart, replacementShares, {
          premiumFen: replacementPremium, premiumReceivedFen: replacementPremium,
          deathLimitPerPersonFen: deathLimit * FEN_PER_YUAN, insuredPersons, cancelled: false,
        }));
      }
    }
    return policies;
  }

  private policyDraft(
    draft: EnterpriseDraft,
    start: Day,
    shares: PolicyDraft['shares'],
    amounts: Pick<PolicyRow, 'premiumFen' | 'premiumReceivedFen' | 'deathLimitPerPersonFen' | 'insuredPersons' | 'cancelled'>,
  ): PolicyDraft {
    const sequence = this.nextPolicy;
    this.nextPolicy += 1;
    const end = annualEnd(start);
    const prefix = this.insurers.find((insurer) => insurer.row.id === shares[0].insurerId)?.spec.policyPrefix ?? 'AZX';
    const startYear = yearOf(start);
    for (const share of shares) {
      const byYear = this.premiumReceived.get(share.insurerId) ?? new Map<number, Map<string, number>>();
      this.premiumReceived.set(share.insurerId, byYear);
      const byCounty = byYear.get(startYear) ?? new Map<string, number>();
      byYear.set(startYear, byCounty);
      byCounty.set(draft.row.countyCode, (byCounty.get(draft.row.countyCode) ?? 0) + (amounts.premiumReceivedFen * share.shareHundredths) / WHOLE);
    }
    return {
      start,
      end,
      shares,
      row: {
        id: `P${String(sequence).padStart(8, '0')}`,
        policyNo: `${prefix}${startYear}${draft.row.countyCode}${String(sequence).padStart(8, '0')}`,
        enterpriseId: draft.row.id,
        startDate: formatDay(start),
        endDate: formatDay(end),
        ...amounts,
      },
    };
  }

  private draftServices(draft: EnterpriseDraft, policies: PolicyDraft[]): ServiceDraft[] {
    const random = Random.derive(this.options.seed, 'services', draft.index);
    const { from, to } = this.options.years;
    const live = policies.filter((policy) => !policy.row.cancelled);
    const services: ServiceDraft[] = [];
    const serve = (policy: PolicyDraft, kind: ServiceKind, day: Day): ServiceDraft => {
      const insurerId = policy.shares.length > 1 && random.chance(0.2) ? random.pick(policy.shares).insurerId : policy.shares[0].insurerId;
      return { policy, kind, day, insurerId, byProvider: random.chance(0.3) };
    };
    for (let year = from; year <= to; year += 1) {
      const yearStart = dayOf(year, 1, 1);
      const yearEnd = Math.min(dayOf(year, 12, 31), this.dataEnd);
      const segments = live
        .map((policy) => ({ policy, first: Math.max(policy.start, yearStart), last: Math.min(policy.end, yearEnd) }))
        .filter((segment) => segment.first <= segment.last);
      if (segments.length === 0) continue;
      const lengths = segments.map((segment) => segment.last - segment.first + 1);
      const counts = new Map<ServiceKind, number>();
      const required = this.rules.requiredPerKind(draft.industry, draft.size, year);
      if (required > 0) {
        // The insurer of the longest part of the year decides how well the enterprise is served.
        const lead = segments[lengths.indexOf(Math.max(...lengths))].policy.shares[0].insurerId;
        const meets = random.chance(this.conductOf(lead).servicesMet);
        const short = meets ? null : random.pick(['risk_assessment', 'hazard_investigation', 'both'] as const);
        for (const kind of ['risk_assessment', 'hazard_investigation'] as const) {
          const isShort = short === kind || short === 'both';
          counts.set(kind, isShort ? (random.chance(0.3) ? 0 : required - 1) : required + (random.chance(0.25) ? 1 : 0));
        }
        counts.set('training', random.chance(0.6) ? 1 : 0);
        counts.set('drill', random.chance(0.35) ? 1 : 0);
        counts.set('other', random.chance(0.15) ? 1 : 0);
      } else {
        // Small and micro enterprises are served collectively (集中统筹): fewer, lighter services.
        counts.set('risk_assessment', random.chance(0.3) ? 1 : 0);
        counts.set('hazard_investigation', random.chance(0.35) ? 1 : 0);
        counts.set('training', random.chance(0.4) ? 1 : 0);
      }
      for (const [kind, count] of counts) {
        for (let n = 0; n < count; n += 1) {
          const segment = segments[random.weightedIndex(lengths)];
          services.push(serve(segment.policy, kind, segment.first + random.between(0, segment.last - segment.first)));
        }
      }
    }
    // 承诺函第七条: a first service within the window after the start — for most policies, not all.
    for (const policy of live) {
      const windowEnd = addMonths(policy.start, this.rules.firstServiceMonths(policy.start));
      const lastServed = Math.min(policy.end, this.dataEnd);
      const own = services.filter((service) => service.policy === policy);
      const inWindow = own.filter((service) => service.day <= windowEnd);
      const [prompt, late, none] = this.conductOf(policy.shares[0].insurerId).firstService;
      const fate = random.weighted([['prompt', prompt], ['late', late], ['none', none]] as const);
      if (fate === 'none') {
        for (const service of own) services.splice(services.indexOf(service), 1);
      } else if (fate === 'late' && windowEnd < lastServed) {
        for (const service of inWindow) {
          const sameYearEnd = Math.min(lastServed, dayOf(yearOf(service.day), 12, 31));
          const last = sameYearEnd > windowEnd ? sameYearEnd : lastServed;
          service.day = windowEnd + random.between(1, last - windowEnd);
        }
      } else if (inWindow.length === 0) {
        const windowLast = Math.min(windowEnd, dayOf(yearOf(policy.start), 12, 31), lastServed);
        const day = policy.start + random.between(0, windowLast - policy.start);
        const sameYear = own.filter((service) => yearOf(service.day) === yearOf(policy.start));
        if (sameYear.length > 0) sameYear.reduce((a, b) => (b.day < a.day ? b : a)).day = day;
        else services.push(serve(policy, 'training', day));
      }
    }
    return services.sort((a, b) => a.day - b.day);
  }

  private serviceRow(draft: EnterpriseDraft, service: ServiceDraft, random: Random): Unstamped<ServiceRow> {
    const sizeFactor = { large: 1.6, medium: 1, small: 0.6, micro: 0.4 }[draft.size];
    const industryFactor = draft.industry === 'coal_mine' ? 1.5 : 1;
    const costYuan = Math.round((SERVICE_BASE_COST[service.kind] * sizeFactor * industryFactor * random.uniform(0.7, 1.3)) / 10) * 10;
    const counting = service.kind === 'risk_assessment' || service.kind === 'hazard_investigation';
    const hazardsFound = !counting ? 0 : service.kind === 'hazard_investigation'
      ? random.between(1, draft.industry === 'coal_mine' ? 30 : 15)
      : random.between(0, 10);
    // Hazards found in the last two months are still being rectified.
    const allRectified = this.conductOf(service.insurerId).hazardsAllRectified;
    const rectifiedShare = service.day > this.dataEnd - 60 ? random.uniform(0.2, 0.8) : random.chance(allRectified) ? 1 : random.uniform(0.6, 1);
    const sequence = this.nextService;
    this.nextService += 1;
    return {
      id: `S${String(sequence).padStart(9, '0')}`,
      policyId: service.policy.row.id,
      enterpriseId: draft.row.id,
      insurerId: service.insurerId,
      providerId: service.byProvider ? this.providerFor(random, service.insurerId, service.day) : null,
      kind: service.kind,
      serviceDate: formatDay(service.day),
      costFen: costYuan * FEN_PER_YUAN,
      hazardsFound,
      hazardsRectified: Math.floor(hazardsFound * rectifiedShare),
    };
  }

  private claimRows(draft: EnterpriseDraft, policy: PolicyDraft, random: Random): Array<Unstamped<ClaimRow>> {
    const profile = INDUSTRY_PROFILES[draft.industry];
    const chance = profile.claimChance * (draft.row.riskLevel === 'major' ? 1.5 : 1);
    if (policy.row.cancelled || !random.chance(chance)) return [];
    const claims: Array<Unstamped<ClaimRow>> = [];
    const count = random.chance(0.1) ? 2 : 1;
    const lastDay = Math.min(policy.end, this.dataEnd);
    for (let n = 0; n < count; n += 1) {
      const accident = policy.start + random.between(0, lastDay - policy.start);
      const reported = accident + random.between(0, 10);
      if (reported > this.dataEnd) continue;
      const deaths = random.chance(profile.deathChance) ? random.weighted([[1, 75], [2, 18], [3, 7]] as const) : 0;
      const injuries = deaths > 0 ? random.between(0, 3) : random.between(1, 4);
      const claimedYuan = deaths * (policy.row.deathLimitPerPersonFen / FEN_PER_YUAN) + injuries * random.between(20_000, 180_000);
      // The lead insurer handles the claim: how often it denies, how fast it settles, how often a claim is
      // disputed for months. A claim decided after the data's last day is still open on it.
      const conduct = this.conductOf(policy.shares[0].insurerId);
      const [paid, denied, withdrawn] = conduct.outcomes;
      const disputed = random.chance(conduct.disputed);
      let status: ClaimStatus = disputed
        ? random.weighted([['paid', paid], ['denied', denied]] as const)
        : random.weighted([['paid', paid], ['denied', denied], ['withdrawn', withdrawn]] as const);
      const settlementDays = disputed ? random.between(180, 540)
        : random.chance(conduct.settledWithin30Days) ? random.between(3, 30) : random.between(31, 90);
      let settled: Day | null = status === 'paid' || status === 'denied' ? reported + settlementDays : null;
      if (settled !== null && settled > this.dataEnd) {
        status = 'open';
        settled = null;
      }
      const claimedAmountFen = claimedYuan * FEN_PER_YUAN;
      const sequence = this.nextClaim;
      this.nextClaim += 1;
      claims.push({
        id: `C${String(sequence).padStart(7, '0')}`,
        policyId: policy.row.id,
        // Occupational-disease claims carry no accident date.
        accidentDate: random.chance(0.03) ? null : formatDay(accident),
        reportedOn: formatDay(reported),
        deaths,
        injuries,
        claimedAmountFen,
        paidAmountFen: status === 'paid' ? Math.round(claimedAmountFen * random.uniform(0.6, 1)) : null,
        status,
        settledOn: settled === null ? null : formatDay(settled),
        denialReason: status === 'denied' ? random.pick(DENIAL_REASONS) : null,
      });
    }
    return claims;
  }

  private ledgerEntry(insurerId: string, countyCode: string, day: Day, amountFen: number, category: string, serviceId: string | null): Unstamped<FeeLedgerRow> {
    const year = yearOf(day);
    const byYear = this.spending.get(insurerId) ?? new Map<number, number>();
    this.spending.set(insurerId, byYear);
    byYear.set(year, (byYear.get(year) ?? 0) + amountFen);
    const sequence = this.nextLedger;
    this.nextLedger += 1;
    return { id: `L${String(sequence).padStart(9, '0')}`, insurerId, countyCode, entryDate: formatDay(day), amountFen, category, serviceId };
  }

  private *enterpriseBatches(drafts: EnterpriseDraft[]): Generator<DemoBatch> {
    const policies: Array<Unstamped<PolicyRow>> = [];
    const shares: Array<Unstamped<PolicyShareRow>> = [];
    const services: Array<Unstamped<ServiceRow>> = [];
    const claims: Array<Unstamped<ClaimRow>> = [];
    const ledger: Array<Unstamped<FeeLedgerRow>> = [];
    for (const draft of drafts) {
      const drafted = this.draftPolicies(draft);
      for (const policy of drafted) {
        policies.push(policy.row);
        for (const share of policy.shares) shares.push({ policyId: policy.row.id, ...share });
      }
      const random = Random.derive(this.options.seed, 'service-rows', draft.index);
      for (const service of this.draftServices(draft, drafted)) {
        const row = this.serviceRow(draft, service, random);
        services.push(row);
        // Payments to third-party providers are booked per service; an own team's time sometimes is.
        if (row.providerId !== null || random.chance(this.conductOf(row.insurerId).ownServiceBooked)) {
          const entryDay = Math.min(service.day + random.between(0, 20), dayOf(yearOf(service.day), 12, 31), this.dataEnd);
          ledger.push(this.ledgerEntry(row.insurerId, draft.row.countyCode, entryDay, row.costFen, SERVICE_LEDGER_CATEGORY[service.kind], row.id));
        }
      }
      for (const policy of drafted) claims.push(...this.claimRows(draft, policy, random));
    }
    yield { table: 'enterprises', rows: drafts.map((draft) => draft.row) };
    yield { table: 'policies', rows: policies };
    yield { table: 'policy_shares', rows: shares };
    yield { table: 'services', rows: services };
    yield { table: 'claims', rows: claims };
    yield { table: 'fee_ledger', rows: ledger };
  }

  /**
   * Ledger lines not tied to one service (training programmes, information systems, …), booked per
   * county where the insurer wrote premium, bringing each insurer's yearly spending to its target.
   */
  private generalLedger(): Array<Unstamped<FeeLedgerRow>> {
    const rows: Array<Unstamped<FeeLedgerRow>> = [];
    const { from, to } = this.options.years;
    for (const insurer of this.insurers) {
      const random = Random.derive(this.options.seed, 'ledger', insurer.row.id);
      for (let year = from; year <= to; year += 1) {
        const byCounty = this.premiumReceived.get(insurer.row.id)?.get(year);
        if (!byCounty) continue;
        const counties = [...byCounty.keys()].sort();
        const received = counties.reduce((sum, code) => sum + (byCounty.get(code) ?? 0), 0);
        const target = Math.round(received * Math.max(0.05, insurer.feeRatio + random.uniform(-0.01, 0.01)));
        const remaining = target - (this.spending.get(insurer.row.id)?.get(year) ?? 0);
        if (remaining <= 0 || received <= 0) continue;
        const amounts = apportion(remaining, counties.map((code) => byCounty.get(code) ?? 0));
        counties.forEach((countyCode, i) => {
          const parts = Math.min(4, Math.max(1, Math.ceil(amounts[i] / 5_000_000)));
          const split = apportion(amounts[i], Array.from({ length: parts }, () => random.uniform(0.5, 1.5)));
          for (const amountFen of split) {
            if (amountFen <= 0) continue;
            const day = Math.min(dayOf(year, 1, 1) + random.between(0, 364), this.dataEnd);
            rows.push(this.ledgerEntry(insurer.row.id, countyCode, day, amountFen, random.pick(GENERAL_LEDGER_CATEGORIES), null));
          }
        });
      }
    }
    return rows;
  }
}

/** The dataset's rows in batches; a new DemoDataset per call, so the same options give the same rows. */
export function generateDemoBatches(options: GenerateOptions, rulebook: Rulebook = RULEBOOK): Generator<DemoBatch> {
  return new DemoDataset(options, rulebook).batches();
}
