/**
 * The definitions of docs/definitions.md that need every policy, share or service of a year, written once: the
 * ETL derives the judged facts (warehouse/schema.ts, DERIVED_TABLES) with the derivations below, and
 * the API reads those facts through the conditions below. Rule values are not in here: each verdict
 * is judged at query time by the rule in force on its own day, against what the facts hold.
 *
 * Every value is a bound parameter; {@link JUDGEMENT_PARAMS} binds the vocabulary they name.
 */
import { HIGH_RISK_INDUSTRIES } from '../domain/vocabulary';
import type { DdlTarget } from './migrate';
import { PUBLISHED_RUN, rowsAsOf } from './migrate';
import {
  CLAIMS, COUNTY_DAYS, COUNTY_FEES, ENTERPRISES, FEE_LEDGER, INSURER_DAYS, INSURER_FEES, POLICIES, POLICY_SHARES, RUN_COLUMN, SERVICES, TOUCHED_ENTERPRISES, VERSION_ID_COLUMN,
  storeTableName, supersededTableName, type DerivedTable, type WarehouseTable,
} from './schema';
import { sql, type Sql, type SqlPart } from './sql';

/** The vocabulary the conditions below name, bound once for every query that uses them. */
export const JUDGEMENT_PARAMS = {
  j_operating: 'operating',
  j_high_risk: [...HIGH_RISK_INDUSTRIES],
  j_risk_assessment: 'risk_assessment',
  j_hazard_investigation: 'hazard_investigation',
} as const;

/** Mandatory enterprise (docs/definitions.md, definition 2): operating, in a high-risk industry. On any row carrying `status` and `industry`. */
export const MANDATORY = `status = {j_operating:String} AND industry IN {j_high_risk:Array(String)}`;

/**
 * Active policy (docs/definitions.md, definition 1): not cancelled, and `day` (an SQL Date expression)
 * lies between its start and end, both included. `alias` prefixes the columns in a join.
 */
export function activeOn(day: string, alias = ''): string {
  const column = (name: string) => (alias === '' ? name : `${alias}.${name}`);
  return `NOT ${column('cancelled')} AND ${column('start_date')} <= ${day} AND ${column('end_date')} >= ${day}`;
}

/**
 * Active on at least one day from `from` to `to` (docs/definitions.md, definition 1), on a policy row or
 * a share (which carries its policy's dates and flag): not cancelled, and its days meet the span.
 */
export function activeSomeDayBetween(from: string, to: string): string {
  return `NOT cancelled AND start_date <= ${to} AND end_date >= ${from}`;
}

/**
 * The calendar years in which a policy row (or a share, which carries its policy's dates and flag) is
 * active on at least one day (docs/definitions.md, definition 1), as an array: empty for a cancelled one.
 */
const ACTIVE_YEARS = 'if(cancelled, [], range(toUInt16(toYear(start_date)), toUInt16(toYear(end_date) + 1)))';

/**
 * First service (docs/definitions.md, definition 9), given `earliest` (policy_facts.first_service, the earliest service by
 * one of the policy's insurers on or after its start), the window end (an SQL expression computed
 * from the rule in force on the start date) and the evaluation day `asOf`: a service inside the
 * window exists exactly when the earliest is on or before the window's end, and one by the
 * evaluation day exactly when the earliest is on or before that day. For judged policies only.
 */
export function firstServiceStatus(earliest: string, windowEnd: string, asOf: string): string {
  return `multiIf(${earliest} <= ${windowEnd}, 'on_time', ${earliest} <= ${asOf}, 'late', 'missing')`;
}
/** Judged (docs/definitions.md, definition 9): not cancelled, and the window ended before the evaluation day. */
export function firstServiceJudged(windowEnd: string, asOf: string): string {
  return `NOT cancelled AND ${windowEnd} < ${asOf}`;
}

/** Where the derivations read: every row, or the rows of the enterprises the run touched. */
export type DerivationScope = 'all' | 'touched';

function touchedBy(column: string, scope: DerivationScope): string {
  return scope === 'all' ? '1' : `${column} IN (SELECT enterprise_id FROM ${TOUCHED_ENTERPRISES})`;
}

/** A data table as the run `{run:UInt64}` leaves it, narrowed to the scope in the store itself (before any join). */
export function asOfRun(table: typeof POLICIES, target: DdlTarget, columns: string[], enterpriseColumn: string, scope: DerivationScope): string {
  return `(${rowsAsOf(table, '{run:UInt64}', target, columns, scope === 'all' ? undefined : touchedBy(enterpriseColumn, scope))})`;
}

/**
 * enterprise_coverage's rows, in its column order; run with join_use_nulls = 1. The dates of the
 * policies that were not cancelled (definition 1), sorted so that an equal enterprise derives an equal row.
 */
export function deriveEnterpriseCoverage(target: DdlTarget, scope: DerivationScope): string {
  const enterprises = asOfRun(ENTERPRISES, target, ['id', 'uscc', 'name', 'industry', 'size', 'city_code', 'county_code', 'status'], 'id', scope);
  const policies = asOfRun(POLICIES, target, ['enterprise_id', 'start_date', 'end_date', 'cancelled'], 'enterprise_id', scope);
  return `
    SELECT e.id, e.uscc, e.name, e.industry, e.size, e.city_code, e.county_code, e.status,
           arrayMap(span -> span.1, ifNull(p.spans, [])), arrayMap(span -> span.2, ifNull(p.spans, []))
    FROM ${enterprises} AS e
    LEFT JOIN (SELECT enterprise_id, arraySort(groupArray((start_date, end_date))) AS spans FROM ${policies} WHERE NOT cancelled GROUP BY enterprise_id) AS p
      ON p.enterprise_id = e.id`;
}

/** Insured on the day `day` (definition 1), on a row of enterprise_coverage. */
export function insuredOn(day: SqlPart): Sql {
  return sql`arrayExists((starts_on, ends_on) -> starts_on <= ${day} AND ends_on >= ${day}, policy_starts, policy_ends)`;
}

/** The end of the latest policy (not cancelled) started by `day`, NULL when none, on a row of enterprise_coverage. */
export function lastPolicyEndBy(day: SqlPart): Sql {
  return sql`if(arrayExists(starts_on -> starts_on <= ${day}, policy_starts), arrayMax(arrayFilter((ends_on, starts_on) -> starts_on <= ${day}, policy_ends, policy_starts)), NULL)`;
}

/** policy_facts' rows, in its column order; run with join_use_nulls = 1. */
export function derivePolicyFacts(target: DdlTarget, scope: DerivationScope): string {
  const policies = asOfRun(POLICIES, target, [
    'id', 'policy_no', 'enterprise_id', 'city_code', 'county_code', 'industry', 'start_date', 'end_date', 'cancelled', 'death_limit_per_person',
  ], 'enterprise_id', scope);
  const shares = asOfRun(POLICY_SHARES, target, ['policy_id', 'insurer_id', 'enterprise_id', 'start_date'], 'enterprise_id', scope);
  const services = asOfRun(SERVICES, target, ['enterprise_id', 'insurer_id', 'service_date'], 'enterprise_id', scope);
  return `
    SELECT p.id, p.policy_no, p.enterprise_id, p.city_code, p.county_code, p.industry, p.start_date, p.end_date, p.cancelled,
           p.death_limit_per_person, i.insurer_ids, f.first_service
    FROM ${policies} AS p
    LEFT JOIN (SELECT policy_id, arraySort(groupUniqArray(toString(insurer_id))) AS insurer_ids FROM ${shares} GROUP BY policy_id) AS i
      ON i.policy_id = p.id
    LEFT JOIN (
      SELECT sh.policy_id AS policy_id, min(sv.service_date) AS first_service
      FROM ${services} AS sv
      INNER JOIN ${shares} AS sh ON sv.enterprise_id = sh.enterprise_id AND sv.insurer_id = sh.insurer_id
      WHERE sv.service_date >= sh.start_date
      GROUP BY sh.policy_id
    ) AS f ON f.policy_id = p.id`;
}

/** enterprise_years' rows, in its column order; run with join_use_nulls = 1. */
export function deriveEnterpriseYears(target: DdlTarget, scope: DerivationScope): string {
  const enterprises = asOfRun(ENTERPRISES, target, ['id', 'name', 'city_code', 'county_code', 'industry', 'size', 'status'], 'id', scope);
  const policies = asOfRun(POLICIES, target, ['enterprise_id', 'start_date', 'end_date', 'cancelled'], 'enterprise_id', scope);
  const shares = asOfRun(POLICY_SHARES, target, ['enterprise_id', 'insurer_id', 'start_date', 'end_date', 'cancelled'], 'enterprise_id', scope);
  const services = asOfRun(SERVICES, target, ['enterprise_id', 'kind', 'service_date'], 'enterprise_id', scope);
  return `
    SELECT e.id, e.name, e.city_code, e.county_code, e.industry, e.size, e.status, y.year,
           ifNull(i.insurer_ids, []), ifNull(s.risk_assessments, 0), ifNull(s.hazard_investigations, 0)
    FROM (SELECT DISTINCT enterprise_id, arrayJoin(${ACTIVE_YEARS}) AS year FROM ${policies}) AS y
    INNER JOIN ${enterprises} AS e ON e.id = y.enterprise_id
    LEFT JOIN (SELECT enterprise_id, year, arraySort(groupUniqArray(toString(insurer_id))) AS insurer_ids
               FROM (SELECT enterprise_id, insurer_id, arrayJoin(${ACTIVE_YEARS}) AS year FROM ${shares})
               GROUP BY enterprise_id, year) AS i ON i.enterprise_id = y.enterprise_id AND i.year = y.year
    LEFT JOIN (SELECT enterprise_id, toUInt16(toYear(service_date)) AS year,
                      countIf(kind = {j_risk_assessment:String}) AS risk_assessments,
                      countIf(kind = {j_hazard_investigation:String}) AS hazard_investigations
               FROM ${services} GROUP BY enterprise_id, year) AS s ON s.enterprise_id = y.enterprise_id AND s.year = y.year`;
}

/**
 * Where a sum's parts read a data table: a subquery of the table's `columns` (narrowed by `where`, on
 * the store itself) and `sign`, the weight of each row in the sums. Read as of the run, every row weighs
 * 1; read as the run's change (see {@link changedIn}), a new version weighs 1 and a superseded one −1.
 */
export type SumRows = (table: WarehouseTable, columns: string[], where?: string) => string;

/** A data table's rows as of run `run` (an SQL expression), each weighing 1. */
export function rowsWeighedAsOf(run: string, target: DdlTarget): SumRows {
  return (table, columns, where) => `(SELECT ${columns.join(', ')}, toInt8(1) AS sign FROM (${rowsAsOf(table, run, target, columns, where)}))`;
}

/**
 * What the run `{run:UInt64}` changed in a data table: the versions it wrote, weighing 1, and the versions
 * it superseded (changed or deleted), weighing −1. A sum over the table as of the run is the published
 * sum plus the same sum over these rows.
 */
export const changedIn: SumRows = (table, columns, where) => {
  const store = storeTableName(table);
  const narrowed = where === undefined ? '' : `(${where}) AND `;
  return `(SELECT ${columns.join(', ')}, toInt8(1) AS sign FROM ${store} WHERE ${narrowed}${RUN_COLUMN} = {run:UInt64}
    UNION ALL
    SELECT ${columns.join(', ')}, toInt8(-1) AS sign FROM ${store} WHERE ${narrowed}${VERSION_ID_COLUMN} IN
      (SELECT ${VERSION_ID_COLUMN} FROM ${supersededTableName(table)} WHERE by_run = {run:UInt64}))`;
};

/**
 * One table of sums per region and day: the columns it sums by (its key and region, the table's columns
 * before the sums) and its parts, each a SELECT of those columns, of every sum's term (already × the
 * row's `sign`) in column order and of the row's `weight` (its sign); the first part names the columns
 * as the table does. A sum is Σ of its terms over every part, grouped by the columns; a group with no
 * row in any part has no row. Σ weight over a change is how many rows the group gained.
 */
export interface RegionSums {
  by: readonly string[];
  sums: readonly string[];
  /** The parts that read one data table each, from `rows`. */
  parts(rows: SumRows): string[];
  /**
   * A part joining two data tables (paid claims × the policy's shares), from `claims` and `shares`:
   * its change is (claims' change ⋈ shares as of the run) + (claims as published ⋈ shares' change).
   */
  joined?: (claims: SumRows, shares: SumRows) => string;
}

/** The day a paid claim counts on in the trend figures: settled, or reported when no settlement day is recorded. */
const PAID_ON = 'coalesce(settled_on, reported_on)';
const ZERO2 = 'toDecimal128(0, 2)';
const ZERO4 = 'toDecimal128(0, 4)';

/**
 * insurer_fees: per year, county and insurer the attributed premium received (yuan × percent, exact) of
 * its shares of the policies starting in the year, and its ledger entries dated in the year (definitions 4–7).
 */
const INSURER_FEE_SUMS: RegionSums = {
  by: ['year', 'city_code', 'county_code', 'insurer_id'],
  sums: ['premium_received_share', 'prevention_spending'],
  parts: (rows) => [
    `SELECT toUInt16(toYear(start_date)) AS year, city_code, county_code, insurer_id,
            toDecimal128(premium_received, 2) * share_percent * sign AS premium_received_share, ${ZERO2} AS prevention_spending, toInt64(sign) AS weight
     FROM ${rows(POLICY_SHARES, ['insurer_id', 'city_code', 'county_code', 'start_date', 'premium_received', 'share_percent'])}`,
    `SELECT toUInt16(toYear(entry_date)), city_code, county_code, insurer_id, ${ZERO4}, toDecimal128(amount, 2) * sign, toInt64(sign) AS weight
     FROM ${rows(FEE_LEDGER, ['insurer_id', 'city_code', 'county_code', 'entry_date', 'amount'])}`,
  ],
};

/** county_fees: per year and county the whole premium received of the policies starting in the year and the ledger entries dated in the year (definitions 5 and 6). */
const COUNTY_FEE_SUMS: RegionSums = {
  by: ['year', 'city_code', 'county_code'],
  sums: ['premium_received', 'prevention_spending'],
  parts: (rows) => [
    `SELECT toUInt16(toYear(start_date)) AS year, city_code, county_code, toDecimal128(premium_received, 2) * sign AS premium_received, ${ZERO2} AS prevention_spending, toInt64(sign) AS weight
     FROM ${rows(POLICIES, ['city_code', 'county_code', 'start_date', 'premium_received'])}`,
    `SELECT toUInt16(toYear(entry_date)), city_code, county_code, ${ZERO2}, toDecimal128(amount, 2) * sign, toInt64(sign) AS weight
     FROM ${rows(FEE_LEDGER, ['city_code', 'county_code', 'entry_date', 'amount'])}`,
  ],
};

/** county_days: the figures of the trend series per day and county (premium received, ledger, claims paid, services delivered). */
const COUNTY_DAY_SUMS: RegionSums = {
  by: ['day', 'city_code', 'county_code'],
  sums: ['premium_received', 'prevention_spending', 'claims_paid', 'services'],
  parts: (rows) => [
    `SELECT start_date AS day, city_code, county_code, toDecimal128(premium_received, 2) * sign AS premium_received, ${ZERO2} AS prevention_spending,
            ${ZERO2} AS claims_paid, toInt64(0) AS services, toInt64(sign) AS weight
     FROM ${rows(POLICIES, ['city_code', 'county_code', 'start_date', 'premium_received'])}`,
    `SELECT entry_date, city_code, county_code, ${ZERO2}, toDecimal128(amount, 2) * sign, ${ZERO2}, toInt64(0), toInt64(sign) AS weight
     FROM ${rows(FEE_LEDGER, ['city_code', 'county_code', 'entry_date', 'amount'])}`,
    `SELECT ${PAID_ON}, city_code, county_code, ${ZERO2}, ${ZERO2}, toDecimal128(assumeNotNull(paid_amount), 2) * sign, toInt64(0), toInt64(sign) AS weight
     FROM ${rows(CLAIMS, ['city_code', 'county_code', 'status', 'settled_on', 'reported_on', 'paid_amount'])} WHERE status = 'paid' AND paid_amount IS NOT NULL`,
    `SELECT service_date, city_code, county_code, ${ZERO2}, ${ZERO2}, ${ZERO2}, toInt64(sign), toInt64(sign) AS weight
     FROM ${rows(SERVICES, ['city_code', 'county_code', 'service_date'])}`,
  ],
};

/** insurer_days: an insurer's own figures of the trend series per day and county (its attributed premium and claims paid, its ledger entries and services). */
const INSURER_DAY_SUMS: RegionSums = {
  by: ['day', 'city_code', 'county_code', 'insurer_id'],
  sums: ['premium_received_share', 'prevention_spending', 'claims_paid_share', 'services'],
  parts: (rows) => [
    `SELECT start_date AS day, city_code, county_code, insurer_id, toDecimal128(premium_received, 2) * share_percent * sign AS premium_received_share,
            ${ZERO2} AS prevention_spending, ${ZERO4} AS claims_paid_share, toInt64(0) AS services, toInt64(sign) AS weight
     FROM ${rows(POLICY_SHARES, ['insurer_id', 'city_code', 'county_code', 'start_date', 'premium_received', 'share_percent'])}`,
    `SELECT entry_date, city_code, county_code, insurer_id, ${ZERO4}, toDecimal128(amount, 2) * sign, ${ZERO4}, toInt64(0), toInt64(sign) AS weight
     FROM ${rows(FEE_LEDGER, ['insurer_id', 'city_code', 'county_code', 'entry_date', 'amount'])}`,
    `SELECT service_date, city_code, county_code, insurer_id, ${ZERO4}, ${ZERO2}, ${ZERO4}, toInt64(sign), toInt64(sign) AS weight
     FROM ${rows(SERVICES, ['insurer_id', 'city_code', 'county_code', 'service_date'])}`,
  ],
  joined: (claims, shares) => {
    const paid = `(SELECT policy_id, city_code, county_code, ${PAID_ON} AS day, assumeNotNull(paid_amount) AS paid_amount, sign
      FROM ${claims(CLAIMS, ['policy_id', 'city_code', 'county_code', 'status', 'settled_on', 'reported_on', 'paid_amount'])}
      WHERE status = 'paid' AND paid_amount IS NOT NULL)`;
    return `SELECT c.day, c.city_code, c.county_code, s.insurer_id, ${ZERO4}, ${ZERO2}, toDecimal128(c.paid_amount, 2) * s.share_percent * c.sign * s.sign, toInt64(0), toInt64(c.sign * s.sign) AS weight
      FROM ${paid} AS c
      INNER JOIN ${shares(POLICY_SHARES, ['policy_id', 'insurer_id', 'share_percent'], `policy_id IN (SELECT policy_id FROM ${paid})`)} AS s ON s.policy_id = c.policy_id`;
  },
};

/** The sums of each table of sums per region and day. */
export const REGION_SUMS: ReadonlyMap<DerivedTable, RegionSums> = new Map([
  [INSURER_FEES, INSURER_FEE_SUMS], [COUNTY_FEES, COUNTY_FEE_SUMS], [COUNTY_DAYS, COUNTY_DAY_SUMS], [INSURER_DAYS, INSURER_DAY_SUMS],
]);

/** Every part of a table of sums, read from `rows` (both sides of a join alike). */
function partsFrom(sums: RegionSums, rows: SumRows): string[] {
  return [...sums.parts(rows), ...(sums.joined ? [sums.joined(rows, rows)] : [])];
}

/** The parts over the change of the run `{run:UInt64}`: their sum is what the run adds to each published sum. */
export function changeParts(sums: RegionSums, target: DdlTarget): string[] {
  const joined = sums.joined
    ? [sums.joined(changedIn, rowsWeighedAsOf('{run:UInt64}', target)), sums.joined(rowsWeighedAsOf(PUBLISHED_RUN, target), changedIn)]
    : [];
  return [...sums.parts(changedIn), ...joined];
}

/**
 * The rows of a table of sums, in its column order, from its parts; `where` (on the grouped columns) narrows
 * the rows summed, `having` (on the sums by name, and on `sum(weight)` for parts that have it) the groups.
 */
export function sumParts(sums: RegionSums, parts: string[], where?: string, having?: string): string {
  return `SELECT ${sums.by.join(', ')}, ${sums.sums.map((name) => `sum(${name}) AS ${name}`).join(', ')}
    FROM (${parts.join('\n    UNION ALL\n    ')})${where === undefined ? '' : ` WHERE ${where}`}
    GROUP BY ${sums.by.join(', ')}${having === undefined ? '' : ` HAVING ${having}`}`;
}

/** A table of sums' rows derived as of the run `{run:UInt64}`, in its column order: whole, or the groups `where` (on the grouped columns) names. */
export function deriveRegionSums(sums: RegionSums, target: DdlTarget, where?: string): string {
  return sumParts(sums, partsFrom(sums, rowsWeighedAsOf('{run:UInt64}', target)), where);
}
