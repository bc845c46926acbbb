/**
 * How each warehouse table is built from the platform database, once for each path:
 * - `pull`: ClickHouse expressions over the platform row `s` (read through a table function) and the
 *   already-loaded warehouse parent it copies attributes from;
 * - `stream`: source-database SQL over `s` and its parents joined in the platform database, whose
 *   values `toWarehouseRow` turns into the same warehouse shape.
 *
 * A fact row copies the region and industry of its enterprise (and a share its policy's figures), so
 * it must be reloaded when that parent changed, not only when the row itself did: pull marks it
 * changed when its parent key is in this run's parent stage; stream when the joined parent's
 * `updated_at` is past the watermark. Both describe the same set, because the parent stage holds
 * exactly the parents changed since the same watermark.
 *
 * Facts are joined to their parent with an inner join: a row whose enterprise is missing cannot be
 * placed in a region (the CSV import rejects such dangling references before they get here).
 */
import { cityOfCounty } from '../../domain/regions';
import { formatHundredths } from '../../domain/money';
import { rowsAsOf, type DdlTarget } from '../../warehouse/migrate';
import { PLATFORM_TABLE_LIST, type PlatformTableName } from '../../platform/tables';
import { ENTERPRISES, PLATFORM_COPIES, POLICIES, REGIONS_TABLE, WarehouseTable, stageTableName } from '../../warehouse/schema';

/** One warehouse column: its ClickHouse expression for pull and its source SQL for stream. */
interface ColumnSource {
  pull: string;
  stream: string;
}

export interface TableLoad {
  table: WarehouseTable;
  /** The platform table the rows come from. */
  sourceTable: string;
  /** Key columns of the platform table, in the order of `table.key`. */
  sourceKey: string[];
  columns: Record<string, ColumnSource>;
  /** Pull: join to the warehouse parent as this run leaves it (parameter `run`), aliased `parent`. */
  pullJoin?: (target: DdlTarget) => string;
  /** Pull: the platform column naming the parent and the stage holding this run's changed parents. */
  changedParent?: { column: string; stage: string; key: string };
  /** Stream: joins to the parents in the platform database. */
  streamJoin?: string;
  /** Stream: the `updated_at` columns any of which past the watermark makes the row changed. */
  streamChangedSince: string[];
}

const same = (column: string): ColumnSource => ({ pull: `s.${column}`, stream: `s.${column}` });
/** A date column: `YYYY-MM-DD` text in SQLite, DATE in PostgreSQL and MySQL. */
const date = (column: string, from = 's'): ColumnSource => ({
  pull: `toDate(${from}.${column})`,
  // PostgreSQL's driver would turn a DATE into a JS Date at local midnight; text keeps the calendar day.
  stream: `CAST(${from}.${column} AS CHAR(10))`,
});
const nullableDate = (column: string): ColumnSource => ({ pull: `toDate(s.${column})`, stream: date(column).stream });
/** Whole fen (分) to Decimal(18,2) yuan: exact, as the fen are scaled by 100 and divided by 100 again. */
const money = (column: string, from = 's'): ColumnSource => ({ pull: `toDecimal64(${from}.${column}, 2) / 100`, stream: `${from}.${column}` });
/** 0/1 in SQLite and MySQL, boolean in PostgreSQL; CASE reads all three as 1 or 0. */
const flag = (column: string, from = 's'): ColumnSource => ({
  pull: `CAST(${from}.${column} AS Bool)`,
  stream: `CASE WHEN ${from}.${column} THEN 1 ELSE 0 END`,
});
/** The city is the county code's first four digits followed by 00 (cityOfCounty); stream derives it in JS. */
const cityOf = (from: string): ColumnSource => ({ pull: `concat(substring(${from}.county_code, 1, 4), '00')`, stream: `${from}.county_code` });

/**
 * Attributes a fact copies from its enterprise: pull takes them from the warehouse `parent` (the
 * enterprise, or the policy that already carries them), stream from the joined enterprise `e`. The
 * enterprise id is the fact's own (`s`) or its policy's (`parent` in pull, `p` in stream).
 */
function enterpriseAttributes(enterpriseIdFrom: string, streamEnterprise: string): Record<string, ColumnSource> {
  const pullFrom = 'parent';
  return {
    enterprise_id: { pull: `${enterpriseIdFrom}.enterprise_id`, stream: `${enterpriseIdFrom === 'parent' ? 'p' : 's'}.enterprise_id` },
    city_code: { pull: `${pullFrom}.city_code`, stream: `${streamEnterprise}.county_code` },
    county_code: { pull: `${pullFrom}.county_code`, stream: `${streamEnterprise}.county_code` },
    industry: { pull: `${pullFrom}.industry`, stream: `${streamEnterprise}.industry` },
  };
}

/** A fact whose parent is its enterprise (policies, services): it changes when its enterprise does. */
/** Pull: the parent's columns as this run leaves them, the run's own new versions included. */
function parentJoin(parent: WarehouseTable, columns: string[], on: string): (target: DdlTarget) => string {
  return (target) => `INNER JOIN (${rowsAsOf(parent, '{run:UInt64}', target, columns)}) AS parent ON ${on}`;
}

const ENTERPRISE_CHILD = {
  pullJoin: parentJoin(ENTERPRISES, ['id', 'city_code', 'county_code', 'industry'], 'parent.id = s.enterprise_id'),
  changedParent: { column: 'enterprise_id', stage: stageTableName(ENTERPRISES), key: 'id' },
  streamJoin: 'INNER JOIN enterprises e ON e.id = s.enterprise_id',
  streamChangedSince: ['s.updated_at', 'e.updated_at'],
} satisfies Partial<TableLoad>;

/**
 * A fact whose parent is its policy (shares, claims): it changes when its policy or the policy's
 * enterprise does. Each names its own `pullJoin`, for what it copies from the policy.
 */
const POLICY_CHILD = {
  changedParent: { column: 'policy_id', stage: stageTableName(POLICIES), key: 'id' },
  streamJoin: 'INNER JOIN policies p ON p.id = s.policy_id INNER JOIN enterprises e ON e.id = p.enterprise_id',
  streamChangedSince: ['s.updated_at', 'p.updated_at', 'e.updated_at'],
} satisfies Partial<TableLoad>;

/** How a platform table's copy is built; the table, its source and key come from the two schemas. */
type PlatformLoad = Omit<TableLoad, 'table' | 'sourceTable' | 'sourceKey'>;

const REGIONS_LOAD: TableLoad = {
  table: REGIONS_TABLE,
  sourceTable: 'regions',
  sourceKey: ['code'],
  columns: { code: same('code'), name: same('name'), level: same('level'), parent_code: same('parent_code'), updated_at: same('updated_at') },
  streamChangedSince: ['s.updated_at'],
};

const PLATFORM_LOADS: Record<PlatformTableName, PlatformLoad> = {
  enterprises: {
    columns: {
      id: same('id'), uscc: same('uscc'), name: same('name'), industry: same('industry'), size: same('size'),
      city_code: cityOf('s'), county_code: same('county_code'), status: same('status'), risk_level: same('risk_level'),
      standardization_grade: same('standardization_grade'), employees: same('employees'), updated_at: same('updated_at'),
    },
    streamChangedSince: ['s.updated_at'],
  },
  insurers: {
    columns: { id: same('id'), name: same('name'), filed_on: nullableDate('filed_on'), updated_at: same('updated_at') },
    streamChangedSince: ['s.updated_at'],
  },
  providers: {
    columns: {
      id: same('id'), name: same('name'), qualification_no: same('qualification_no'), qualified_until: nullableDate('qualified_until'),
      blacklisted: flag('blacklisted'), updated_at: same('updated_at'),
    },
    streamChangedSince: ['s.updated_at'],
  },
  policies: {
    columns: {
      id: same('id'), policy_no: same('policy_no'), ...enterpriseAttributes('s', 'e'),
      start_date: date('start_date'), end_date: date('end_date'), premium: money('premium_fen'),
      premium_received: money('premium_received_fen'), death_limit_per_person: money('death_limit_per_person_fen'),
      insured_persons: same('insured_persons'), cancelled: flag('cancelled'), updated_at: same('updated_at'),
    },
    ...ENTERPRISE_CHILD,
  },
  policy_shares: {
    columns: {
      policy_id: same('policy_id'), insurer_id: same('insurer_id'),
      share_percent: { pull: 'toDecimal32(s.share_hundredths, 2) / 100', stream: 's.share_hundredths' },
      ...enterpriseAttributes('parent', 'e'),
      start_date: { pull: 'parent.start_date', stream: date('start_date', 'p').stream },
      end_date: { pull: 'parent.end_date', stream: date('end_date', 'p').stream },
      premium: { pull: 'parent.premium', stream: 'p.premium_fen' },
      premium_received: { pull: 'parent.premium_received', stream: 'p.premium_received_fen' },
      death_limit_per_person: { pull: 'parent.death_limit_per_person', stream: 'p.death_limit_per_person_fen' },
      cancelled: { pull: 'parent.cancelled', stream: flag('cancelled', 'p').stream },
      updated_at: same('updated_at'),
    },
    pullJoin: parentJoin(
      POLICIES,
      ['id', 'enterprise_id', 'city_code', 'county_code', 'industry', 'start_date', 'end_date', 'premium', 'premium_received', 'death_limit_per_person', 'cancelled'],
      'parent.id = s.policy_id',
    ),
    ...POLICY_CHILD,
  },
  services: {
    columns: {
      id: same('id'), policy_id: same('policy_id'), ...enterpriseAttributes('s', 'e'),
      insurer_id: same('insurer_id'), provider_id: same('provider_id'), kind: same('kind'), service_date: date('service_date'),
      cost: money('cost_fen'), hazards_found: same('hazards_found'), hazards_rectified: same('hazards_rectified'), updated_at: same('updated_at'),
    },
    // A service copies nothing from its policy, only from its enterprise.
    ...ENTERPRISE_CHILD,
  },
  fee_ledger: {
    columns: {
      id: same('id'), insurer_id: same('insurer_id'), city_code: cityOf('s'), county_code: same('county_code'),
      entry_date: date('entry_date'), amount: money('amount_fen'), category: same('category'), service_id: same('service_id'),
      updated_at: same('updated_at'),
    },
    streamChangedSince: ['s.updated_at'],
  },
  claims: {
    columns: {
      id: same('id'), policy_id: same('policy_id'), ...enterpriseAttributes('parent', 'e'),
      accident_date: nullableDate('accident_date'), reported_on: date('reported_on'), deaths: same('deaths'), injuries: same('injuries'),
      claimed_amount: money('claimed_amount_fen'), paid_amount: money('paid_amount_fen'), status: same('status'),
      settled_on: nullableDate('settled_on'), denial_reason: same('denial_reason'), updated_at: same('updated_at'),
    },
    pullJoin: parentJoin(POLICIES, ['id', 'enterprise_id', 'city_code', 'county_code', 'industry'], 'parent.id = s.policy_id'),
    ...POLICY_CHILD,
  },
  insurer_filings: {
    columns: { insurer_id: same('insurer_id'), item: same('item'), received_on: date('received_on'), updated_at: same('updated_at') },
    streamChangedSince: ['s.updated_at'],
  },
  annual_reports: {
    columns: { insurer_id: same('insurer_id'), year: same('year'), submitted_on: date('submitted_on'), updated_at: same('updated_at') },
    streamChangedSince: ['s.updated_at'],
  },
};

/** The regions, then the platform tables in their dependency order. */
export const TABLE_LOADS: readonly TableLoad[] = [
  REGIONS_LOAD,
  ...PLATFORM_TABLE_LIST.map((platformTable): TableLoad => ({
    table: PLATFORM_COPIES[platformTable.name],
    sourceTable: platformTable.name,
    // The key columns are stored under their exchange-format names.
    sourceKey: platformTable.key,
    ...PLATFORM_LOADS[platformTable.name],
  })),
];

/**
 * A row's identity as one string, for the source-keys table: a composite key is length-prefixed so
 * that no two different keys can spell the same string (`ab`+`c` vs `a`+`bc`).
 */
export function keyExpression(columns: readonly string[]): string {
  if (columns.length === 1) return columns[0];
  return `concat(toString(length(${columns[0]})), ':', ${columns.join(', ')})`;
}

/** The same identity computed in JS from the source's key values; `length` counts UTF-8 bytes as ClickHouse does. */
export function keyString(values: readonly string[]): string {
  if (values.length === 1) return values[0];
  return `${Buffer.byteLength(values[0])}:${values.join('')}`;
}

/** Turns one stream row (source values under warehouse column names) into the warehouse columns' values, in table order. */
export function toWarehouseRow(load: TableLoad, source: Record<string, unknown>): unknown[] {
  return load.table.columns.map(([name, type]) => {
    const value = source[name];
    if (name === 'city_code') return cityOfCounty(String(value));
    if (value === null || value === undefined) return null;
    if (type.includes('Decimal')) return formatHundredths(Number(value));
    if (type === 'Bool') return Number(value) !== 0;
    if (/Int(32|64)/.test(type)) return Number(value);
    return String(value);
  });
}
