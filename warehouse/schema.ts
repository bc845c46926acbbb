/**
 * The warehouse tables, designed for the dashboard's queries: facts carry the county and city codes
 * of their enterprise (and its industry) and are ordered by region first, so that a city or county
 * drill-down reads a few granules instead of the whole table; they are partitioned by year; codes are
 * LowCardinality; money is Decimal(18,2).
 *
 * `key` is a row's identity in the platform database: the ETL replaces rows by it and deletes the
 * keys that disappeared from the source.
 *
 * Each name below is what the API reads: a view over the table's row versions (`<name>_store`) that
 * shows the versions of the last published run (see warehouse/migrate.ts), so that a query sees
 * every table as one run left it, never a run half-way.
 */
import { PLATFORM_TABLE_NAMES, type PlatformTableName } from '../domain/platform-tables';

export interface WarehouseTable {
  name: string;
  columns: ReadonlyArray<readonly [name: string, type: string]>;
  orderBy: string[];
  partitionBy?: string;
  key: string[];
  /** Column whose value decides the shard in a cluster: a county's rows stay together. */
  shardBy: string;
  /** The warehouse schema version that created the table (warehouse/migrate.ts); 1 when absent. */
  addedIn?: number;
}

const code = 'LowCardinality(String)';
const money = 'Decimal(18, 2)';
const updatedAt = ['updated_at', 'Int64'] as const;
const region = [['city_code', code], ['county_code', code]] as const;

export const REGIONS_TABLE: WarehouseTable = {
  name: 'regions',
  columns: [['code', 'String'], ['name', 'String'], ['level', code], ['parent_code', 'Nullable(String)'], updatedAt],
  orderBy: ['code'],
  key: ['code'],
  shardBy: 'code',
};

export const ENTERPRISES: WarehouseTable = {
  name: 'enterprises',
  columns: [
    ['id', 'String'], ['uscc', 'String'], ['name', 'String'], ['industry', code], ['size', code], ...region, ['status', code],
    ['risk_level', code], ['standardization_grade', 'LowCardinality(Nullable(String))'], ['employees', 'Nullable(UInt32)'], updatedAt,
  ],
  orderBy: ['city_code', 'county_code', 'industry', 'id'],
  key: ['id'],
  shardBy: 'county_code',
};

export const INSURERS: WarehouseTable = {
  name: 'insurers',
  columns: [['id', 'String'], ['name', 'String'], ['filed_on', 'Nullable(Date)'], updatedAt],
  orderBy: ['id'],
  key: ['id'],
  shardBy: 'id',
};

export const PROVIDERS: WarehouseTable = {
  name: 'providers',
  columns: [['id', 'String'], ['name', 'String'], ['qualification_no', 'Nullable(String)'], ['qualified_until', 'Nullable(Date)'], ['blacklisted', 'Bool'], updatedAt],
  orderBy: ['id'],
  key: ['id'],
  shardBy: 'id',
};

/** Enterprise attributes every fact row carries, copied from `enterprises` at load. */
const factEnterprise = [['enterprise_id', 'String'], ...region, ['industry', code]] as const;

export const POLICIES: WarehouseTable = {
  name: 'policies',
  columns: [
    ['id', 'String'], ['policy_no', 'String'], ...factEnterprise, ['start_date', 'Date'], ['end_date', 'Date'],
    ['premium', money], ['premium_received', money], ['death_limit_per_person', money], ['insured_persons', 'Nullable(UInt32)'],
    ['cancelled', 'Bool'], updatedAt,
  ],
  orderBy: ['city_code', 'county_code', 'start_date', 'id'],
  partitionBy: 'toYear(start_date)',
  key: ['id'],
  shardBy: 'county_code',
};

/**
 * 共保 shares, each with its policy's figures, so that an insurer's attributed amounts
 * (amount × share_percent / 100) need no join.
 */
export const POLICY_SHARES: WarehouseTable = {
  name: 'policy_shares',
  columns: [
    ['policy_id', 'String'], ['insurer_id', code], ['share_percent', 'Decimal(5, 2)'], ...factEnterprise,
    ['start_date', 'Date'], ['end_date', 'Date'], ['premium', money], ['premium_received', money],
    ['death_limit_per_person', money], ['cancelled', 'Bool'], updatedAt,
  ],
  orderBy: ['city_code', 'county_code', 'insurer_id', 'start_date', 'policy_id'],
  partitionBy: 'toYear(start_date)',
  key: ['policy_id', 'insurer_id'],
  shardBy: 'county_code',
};

export const SERVICES: WarehouseTable = {
  name: 'services',
  columns: [
    ['id', 'String'], ['policy_id', 'Nullable(String)'], ...factEnterprise, ['insurer_id', code], ['provider_id', 'Nullable(String)'],
    ['kind', code], ['service_date', 'Date'], ['cost', money], ['hazards_found', 'UInt32'], ['hazards_rectified', 'UInt32'], updatedAt,
  ],
  orderBy: ['city_code', 'county_code', 'service_date', 'id'],
  partitionBy: 'toYear(service_date)',
  key: ['id'],
  shardBy: 'county_code',
};

/** 台账: attributed to the county each entry names. */
export const FEE_LEDGER: WarehouseTable = {
  name: 'fee_ledger',
  columns: [
    ['id', 'String'], ['insurer_id', code], ...region, ['entry_date', 'Date'], ['amount', money], ['category', code],
    ['service_id', 'Nullable(String)'], updatedAt,
  ],
  orderBy: ['city_code', 'county_code', 'insurer_id', 'entry_date', 'id'],
  partitionBy: 'toYear(entry_date)',
  key: ['id'],
  shardBy: 'county_code',
};

export const CLAIMS: WarehouseTable = {
  name: 'claims',
  columns: [
    ['id', 'String'], ['policy_id', 'String'], ...factEnterprise, ['accident_date', 'Nullable(Date)'], ['reported_on', 'Date'],
    ['deaths', 'UInt32'], ['injuries', 'UInt32'], ['claimed_amount', money], ['paid_amount', `Nullable(${money})`], ['status', code],
    ['settled_on', 'Nullable(Date)'], ['denial_reason', 'Nullable(String)'], updatedAt,
  ],
  orderBy: ['city_code', 'county_code', 'reported_on', 'id'],
  partitionBy: 'toYear(reported_on)',
  key: ['id'],
  shardBy: 'county_code',
};

/** 资料报送: the items of each insurer's filing, as received. */
export const INSURER_FILINGS: WarehouseTable = {
  name: 'insurer_filings',
  columns: [['insurer_id', code], ['item', code], ['received_on', 'Date'], updatedAt],
  orderBy: ['insurer_id', 'item'],
  key: ['insurer_id', 'item'],
  shardBy: 'insurer_id',
  addedIn: 3,
};

/** 年度报告: when each insurer submitted its report on a year. */
export const ANNUAL_REPORTS: WarehouseTable = {
  name: 'annual_reports',
  columns: [['insurer_id', code], ['year', 'UInt16'], ['submitted_on', 'Date'], updatedAt],
  orderBy: ['insurer_id', 'year'],
  key: ['insurer_id', 'year'],
  shardBy: 'insurer_id',
  addedIn: 3,
};

/** The warehouse copy of each platform table, under the platform table's name. */
export const PLATFORM_COPIES: Readonly<Record<PlatformTableName, WarehouseTable>> = {
  enterprises: ENTERPRISES,
  insurers: INSURERS,
  providers: PROVIDERS,
  policies: POLICIES,
  policy_shares: POLICY_SHARES,
  services: SERVICES,
  fee_ledger: FEE_LEDGER,
  claims: CLAIMS,
  insurer_filings: INSURER_FILINGS,
  annual_reports: ANNUAL_REPORTS,
};

/**
 * In load order, the platform's own (domain/platform-tables.ts): a table's enterprise and policy
 * attributes come from tables loaded before it. The regions come first.
 */
export const DATA_TABLES: readonly WarehouseTable[] = [REGIONS_TABLE, ...PLATFORM_TABLE_NAMES.map((name) => PLATFORM_COPIES[name])];

/**
 * Judged facts: tables the ETL derives from the data tables within the same run and publishes with
 * them (versions in `<name>_store`, a view of the published run), so that a judgement needing every
 * policy, share and service of a year reads one row per policy or enterprise instead of joining them
 * per request. What they hold is written once in warehouse/judgements.ts; the rules in force stay
 * out of them (the API applies the rule of each judged day), so a new rule needs no reload.
 */
export interface DerivedTable extends WarehouseTable {
  /**
   * The column naming the enterprise a row derives from: a run recomputes the rows of the enterprises
   * it touched. Null for a table whose rows sum over many enterprises and over the ledger (which
   * names no enterprise): every run derives it whole, and only its changed rows become versions.
   */
  enterpriseColumn: string | null;
}

/**
 * Per policy (docs/definitions.md, definitions 9 and 10): its own figures, the insurers holding a share of it, and
 * `first_service`, the earliest prevention service for its enterprise by one of those insurers
 * dated on or after its start date (any day; whether it fell inside the window and was known by
 * the evaluation day is a comparison at query time).
 */
export const POLICY_FACTS: DerivedTable = {
  name: 'policy_facts',
  columns: [
    ['policy_id', 'String'], ['policy_no', 'String'], ...factEnterprise, ['start_date', 'Date'], ['end_date', 'Date'],
    ['cancelled', 'Bool'], ['death_limit_per_person', money], ['insurer_ids', 'Array(LowCardinality(String))'], ['first_service', 'Nullable(Date)'],
  ],
  orderBy: ['city_code', 'county_code', 'start_date', 'policy_id'],
  partitionBy: 'toYear(start_date)',
  key: ['policy_id'],
  shardBy: 'county_code',
  enterpriseColumn: 'enterprise_id',
};

/**
 * Per enterprise and year in which it held an active policy on at least one day (docs/definitions.md, definitions 1 and 8):
 * the enterprise's attributes that decide whether it is mandatory and what it must receive, the
 * insurers holding a share of one of its policies active in the year, and the risk assessments and
 * hazard investigations delivered to it in the year by any insurer.
 */
export const ENTERPRISE_YEARS: DerivedTable = {
  name: 'enterprise_years',
  columns: [
    ['enterprise_id', 'String'], ['name', 'String'], ...region, ['industry', code], ['size', code], ['status', code], ['year', 'UInt16'],
    ['insurer_ids', 'Array(LowCardinality(String))'], ['risk_assessments', 'UInt32'], ['hazard_investigations', 'UInt32'],
  ],
  orderBy: ['city_code', 'county_code', 'industry', 'enterprise_id'],
  partitionBy: 'year',
  key: ['enterprise_id', 'year'],
  shardBy: 'county_code',
  enterpriseColumn: 'enterprise_id',
};

/**
 * Per enterprise, every one (docs/definitions.md, definitions 1–3): its attributes that decide whether
 * it is mandatory and what the uninsured list shows, and the start and end dates of its policies that
 * were not cancelled, sorted by start, end. Insured on a day D is a range test on one row
 * (`arrayExists(start <= D <= end)`), with no join of policies; the end of its latest policy started
 * by D is the uninsured list's `last_policy_end`. Ordered by region first, so that one county's list
 * reads that county's granules only.
 */
export const ENTERPRISE_COVERAGE: DerivedTable = {
  name: 'enterprise_coverage',
  columns: [
    ['enterprise_id', 'String'], ['uscc', 'String'], ['name', 'String'], ['industry', code], ['size', code], ...region, ['status', code],
    ['policy_starts', 'Array(Date)'], ['policy_ends', 'Array(Date)'],
  ],
  orderBy: ['city_code', 'county_code', 'industry', 'enterprise_id'],
  key: ['enterprise_id'],
  shardBy: 'county_code',
  enterpriseColumn: 'enterprise_id',
  addedIn: 5,
};

/**
 * Per year, county and insurer (docs/definitions.md, definitions 4–7): the insurer's attributed premium
 * received, Σ premium_received × share_percent over its shares of the policies of the county starting in
 * the year (cancelled ones included with their netted premium received), kept exact as yuan × percent
 * (scale 4, numerically fen), and its prevention spending, Σ of its ledger entries of the county dated
 * in the year. An insurer's fee ratio in any region and year is a sum over a few hundred rows; the rule
 * in force is applied by the API.
 */
export const INSURER_FEES: DerivedTable = {
  name: 'insurer_fees',
  columns: [['year', 'UInt16'], ...region, ['insurer_id', code], ['premium_received_share', 'Decimal(38, 4)'], ['prevention_spending', 'Decimal(38, 2)']],
  orderBy: ['year', 'insurer_id', 'city_code', 'county_code'],
  key: ['year', 'county_code', 'insurer_id'],
  shardBy: 'county_code',
  enterpriseColumn: null,
  addedIn: 6,
};

/**
 * Per year and county (docs/definitions.md, definitions 5 and 6): the premium received of the policies
 * of the county's enterprises starting in the year, whole (cancelled ones included with their netted
 * premium received), and the prevention spending of the ledger entries of the county dated in the year.
 */
export const COUNTY_FEES: DerivedTable = {
  name: 'county_fees',
  columns: [['year', 'UInt16'], ...region, ['premium_received', 'Decimal(38, 2)'], ['prevention_spending', 'Decimal(38, 2)']],
  orderBy: ['year', 'city_code', 'county_code'],
  key: ['year', 'county_code'],
  shardBy: 'county_code',
  enterpriseColumn: null,
  addedIn: 6,
};

/**
 * Per day and county (docs/definitions.md, definitions 5 and 6, and the trend figures of claims and
 * services): the premium received of the policies starting on the day, whole; the ledger entries
 * dated on the day; the claims paid, by the day settled (the reported day when none is recorded); and
 * the prevention services delivered on the day (every kind). Any period's figures are a sum over
 * its days: the trend series reads a few hundred thousand rows instead of every fact.
 */
export const COUNTY_DAYS: DerivedTable = {
  name: 'county_days',
  columns: [
    ['day', 'Date'], ...region, ['premium_received', 'Decimal(38, 2)'], ['prevention_spending', 'Decimal(38, 2)'],
    ['claims_paid', 'Decimal(38, 2)'], ['services', 'UInt64'],
  ],
  orderBy: ['city_code', 'county_code', 'day'],
  key: ['day', 'county_code'],
  shardBy: 'county_code',
  enterpriseColumn: null,
  addedIn: 6,
};

/**
 * The same per day, county and insurer, as an insurer's own figures: its attributed premium received
 * and claims paid (amount × share_percent, exact: numerically fen), its ledger entries and its services.
 */
export const INSURER_DAYS: DerivedTable = {
  name: 'insurer_days',
  columns: [
    ['day', 'Date'], ...region, ['insurer_id', code], ['premium_received_share', 'Decimal(38, 4)'], ['prevention_spending', 'Decimal(38, 2)'],
    ['claims_paid_share', 'Decimal(38, 4)'], ['services', 'UInt64'],
  ],
  orderBy: ['insurer_id', 'city_code', 'county_code', 'day'],
  key: ['day', 'county_code', 'insurer_id'],
  shardBy: 'county_code',
  enterpriseColumn: null,
  addedIn: 6,
};

/**
 * Per claim and insurer holding a share of its policy (docs/definitions.md, definitions 4 and 11, and the
 * accidents of the risk indicators): the claim's own figures with the insurer's share_percent, so that
 * an insurer's claims and its attributed claims paid (paid_amount × share_percent) need no join of the
 * policy shares per request. A claim of a policy without shares has no row (an insurer's figures never
 * count it). Derived per enterprise: a claim's enterprise is its policy's.
 */
export const CLAIM_SHARES: DerivedTable = {
  name: 'claim_shares',
  columns: [
    ['claim_id', 'String'], ['policy_id', 'String'], ...factEnterprise, ['insurer_id', code], ['share_percent', 'Decimal(5, 2)'],
    ['accident_date', 'Nullable(Date)'], ['reported_on', 'Date'], ['deaths', 'UInt32'], ['injuries', 'UInt32'],
    ['paid_amount', `Nullable(${money})`], ['status', code], ['settled_on', 'Nullable(Date)'],
  ],
  orderBy: ['city_code', 'county_code', 'insurer_id', 'reported_on', 'claim_id'],
  key: ['claim_id', 'insurer_id'],
  shardBy: 'county_code',
  enterpriseColumn: 'enterprise_id',
  addedIn: 9,
};

/**
 * Per enterprise, the days on which it became insured or stopped being insured (docs/definitions.md,
 * definition 1, the policies not cancelled): +1 on the first day of each unbroken run of insured days,
 * −1 on the day after its last, with the enterprise's attributes that decide whether it is mandatory.
 * The enterprises insured on a day D are Σ change over the rows dated on or before D: the trend
 * series' coverage on each period end is one pass over the changes summed per day, instead of every
 * policy's span tested against every period end.
 */
export const INSURED_CHANGES: DerivedTable = {
  name: 'insured_changes',
  columns: [['enterprise_id', 'String'], ...region, ['industry', code], ['status', code], ['day', 'Date'], ['change', 'Int32']],
  orderBy: ['city_code', 'county_code', 'industry', 'day', 'enterprise_id'],
  key: ['enterprise_id', 'day'],
  shardBy: 'county_code',
  enterpriseColumn: 'enterprise_id',
  addedIn: 9,
};

/**
 * Per year, county, industry and insurer (the risk indicators' 隐患整改率): the hazards found and
 * rectified in the insurer's services of the county's enterprises of that industry dated in the year.
 * A region's figures sum over its rows; the whole region's, over every insurer's.
 */
export const INSURER_HAZARDS: DerivedTable = {
  name: 'insurer_hazards',
  columns: [['year', 'UInt16'], ...region, ['industry', code], ['insurer_id', code], ['hazards_found', 'UInt64'], ['hazards_rectified', 'UInt64']],
  orderBy: ['year', 'city_code', 'county_code', 'industry', 'insurer_id'],
  key: ['year', 'county_code', 'industry', 'insurer_id'],
  shardBy: 'county_code',
  enterpriseColumn: null,
  addedIn: 9,
};

/**
 * Per county, industry, status, risk level and standardization grade: how many enterprises hold them
 * now (the platform keeps no history of them; no grade is ''). The risk indicators' mix of the mandatory enterprises
 * sums the rows of the operating ones in the high-risk industries.
 */
export const ENTERPRISE_MIX: DerivedTable = {
  name: 'enterprise_mix',
  columns: [
    ...region, ['industry', code], ['status', code], ['risk_level', code], ['standardization_grade', code], ['enterprises', 'UInt64'],
  ],
  orderBy: ['city_code', 'county_code', 'industry', 'status', 'risk_level'],
  key: ['county_code', 'industry', 'status', 'risk_level', 'standardization_grade'],
  shardBy: 'county_code',
  enterpriseColumn: null,
  addedIn: 9,
};

/** In derivation order; each reads only data tables. `addedIn` is the warehouse schema version that created it (4 when absent). */
export const DERIVED_TABLES: readonly DerivedTable[] = [POLICY_FACTS, ENTERPRISE_YEARS, ENTERPRISE_COVERAGE, INSURER_FEES, COUNTY_FEES, COUNTY_DAYS, INSURER_DAYS, CLAIM_SHARES, INSURED_CHANGES, INSURER_HAZARDS, ENTERPRISE_MIX];

/** The enterprises a run touched (changed, added, deleted, or with a changed policy, share, service or claim): the keys it derives again. */
export const TOUCHED_ENTERPRISES = 'etl_touched_enterprises';

/** One row per ETL run state change; the latest version of a run is its state. */
export const ETL_RUNS = 'etl_runs';
/** Warehouse schema versions applied. */
export const SCHEMA_MIGRATIONS = 'schema_migrations';

/** The ETL's staging copy of a table: the changed rows of the run in progress. */
export function stageTableName(table: WarehouseTable): string {
  return `etl_stage_${table.name}`;
}
/** Where a table's row versions live, each tagged with the run that wrote it in {@link RUN_COLUMN}. */
export function storeTableName(table: WarehouseTable): string {
  return `${table.name}_store`;
}
/**
 * A table's supersession records: "the version of this key written by run `superseded_run` is
 * replaced or deleted as of run `by_run`". They are written before the run publishes and hide the
 * old version from the moment it does.
 */
export function supersededTableName(table: WarehouseTable): string {
  return `${table.name}_superseded`;
}
/**
 * A table of sums' change in the run in progress (etl/load/derive.ts): per group its change reaches, Σ of
 * the terms of the run's new versions less those of the versions it superseded; the sums' columns, a
 * count signed (Int64).
 */
export function sumChangeTableName(table: DerivedTable): string {
  return `etl_change_${table.name}`;
}
/** The columns of {@link sumChangeTableName}. */
export function sumChangeColumns(table: DerivedTable): Array<readonly [string, string]> {
  return table.columns.map(([name, type]) => [name, type === 'UInt64' ? 'Int64' : type] as const);
}
/** The run that wrote a row version: the ETL's run sequence number, not its id. */
export const RUN_COLUMN = 'etl_run';
/**
 * A row version's number, computed by the warehouse at insert from the version's key and run (a
 * MATERIALIZED column, which no insert names and `SELECT *` leaves out); a supersession record carries
 * the number of the version it hides, computed from its key and `superseded_run`. The views hide
 * superseded versions by these numbers (warehouse/migrate.ts, schema version 7).
 */
export const VERSION_ID_COLUMN = 'version_id';
/** One row per published run; the highest `run` is what every query sees. Inserting a row is the publish. */
export const PUBLISHED_RUNS = 'etl_published_runs';
/** The keys present in the source, per table, for finding deletions. */
export const SOURCE_KEYS = 'etl_source_keys';
