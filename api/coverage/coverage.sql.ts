/**
 * Coverage (投保率) and the uninsured list (应保未保), docs/definitions.md, definitions 1–3.
 *
 * mandatory = operating enterprises of the chosen high-risk industries in the region;
 * insured     = those of them with at least one policy, not cancelled, with start_date <= D <= end_date.
 * Counts are per county and industry: an enterprise lies in one county, so every larger region's
 * figures are sums of these, and one query answers a whole drill-down.
 *
 * Both read enterprise_coverage, one row per enterprise with the dates of its policies
 * (warehouse/judgements.ts): insured on D is a range test on the row, not a join of the policies.
 */
import type { Region } from '../../domain/regions';
import { activeOn, insuredOn, JUDGEMENT_PARAMS, lastPolicyEndBy, MANDATORY } from '../../warehouse/judgements';
import { ENTERPRISE_COVERAGE, ENTERPRISES, INSURERS, POLICIES, POLICY_SHARES } from '../../warehouse/schema';
import { bind, ident, sql, type Sql } from '../../warehouse/sql';
import { countRows } from '../common/paging';
import { regionCondition, regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface CoverageQuery {
  region: Region;
  asOf: string;
  industries: string[];
}

export interface CountyIndustryCoverage {
  county_code: string;
  industry: string;
  mandatory: number;
  insured: number;
}

/** The mandatory enterprises of the region (definition 2). */
function mandatoryIn(query: CoverageQuery): Sql {
  return sql`status = ${bind('operating', 'String')} AND industry IN ${bind(query.industries, 'Array(String)')} AND ${regionCondition(query.region)}`;
}

async function rowsOf<Row>(reader: WarehouseReader, statement: Sql): Promise<Row[]> {
  const { query, params } = statement.toQuery();
  return reader.rows<Row>(query, params);
}

export async function coverageByCountyAndIndustry(reader: WarehouseReader, query: CoverageQuery): Promise<CountyIndustryCoverage[]> {
  return rowsOf<CountyIndustryCoverage>(reader, sql`
    SELECT county_code, industry, count() AS mandatory, countIf(${insuredOn(bind(query.asOf, 'Date'))}) AS insured
    FROM ${ident(ENTERPRISE_COVERAGE.name)}
    WHERE ${mandatoryIn(query)}
    GROUP BY county_code, industry`);
}

/** Sortable columns of the uninsured list: the only identifiers a client can choose. */
export const UNINSURED_SORT_COLUMNS = {
  NAME: 'name',
  COUNTY: 'county_code',
  LAST_POLICY_END: 'last_policy_end',
  INDUSTRY: 'industry',
} as const;
export type UninsuredSortKey = keyof typeof UNINSURED_SORT_COLUMNS;

export const SORT_DIRECTIONS = { ASC: 'ASC', DESC: 'DESC' } as const;
export type SortDirectionKey = keyof typeof SORT_DIRECTIONS;

const UNINSURED_SORT_SQL: Record<UninsuredSortKey, Sql> = {
  NAME: sql`name`, COUNTY: sql`county_code`, LAST_POLICY_END: sql`last_policy_end`, INDUSTRY: sql`industry`,
};
const DIRECTION_SQL: Record<SortDirectionKey, Sql> = { ASC: sql`ASC`, DESC: sql`DESC` };

export interface UninsuredRow {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  size: string;
  county_code: string;
  last_policy_end: string | null;
  total: number;
}

/**
 * The mandatory enterprises not insured on D. `last_policy_end` is the end of the latest policy that
 * was not cancelled and had started by D (a cancelled policy never gave cover); null means never insured.
 */
export async function uninsuredPage(
  reader: WarehouseReader,
  query: CoverageQuery & { sort: UninsuredSortKey; direction: SortDirectionKey; limit: number; offset: number },
): Promise<UninsuredRow[]> {
  const asOf = bind(query.asOf, 'Date');
  return rowsOf<UninsuredRow>(reader, sql`
    SELECT enterprise_id AS id, uscc, name, industry, size, county_code, ${lastPolicyEndBy(asOf)} AS last_policy_end, count() OVER () AS total
    FROM ${ident(ENTERPRISE_COVERAGE.name)}
    WHERE ${mandatoryIn(query)} AND NOT ${insuredOn(asOf)}
    ORDER BY ${UNINSURED_SORT_SQL[query.sort]} ${DIRECTION_SQL[query.direction]}, id ASC
    LIMIT ${bind(query.limit, 'UInt32')} OFFSET ${bind(query.offset, 'UInt32')}`);
}

/** Sortable columns of the expiring list. */
export const EXPIRING_SORT_COLUMNS = {
  END_DATE: 'end_date',
  NAME: 'name',
  COUNTY: 'county_code',
  INDUSTRY: 'industry',
} as const;
export type ExpiringSortKey = keyof typeof EXPIRING_SORT_COLUMNS;

/** The lengths of the look-ahead the list offers: the next 30, 60 or 90 days. */
export const EXPIRING_WINDOWS = [30, 60, 90] as const;

export interface ExpiringQuery {
  region: Region;
  asOf: string;
  withinDays: number;
}

export interface ExpiringRow {
  policy_id: string;
  policy_no: string;
  enterprise_id: string;
  uscc: string;
  name: string;
  industry: string;
  county_code: string;
  start_date: string;
  end_date: string;
  days_left: number;
  insurer_names: string[];
  total: number;
}

/**
 * 即将到期 on D within N days: the active policies on D of mandatory enterprises of the region that end
 * between D and D + N days (both included) and are not renewed, that is no other policy of the same
 * enterprise is active on the day after the end (a renewal signed ahead, or an overlapping policy, keeps
 * the enterprise covered; a cancelled one does not). Each is where the enterprise's cover stops, so the
 * enterprise appears in the uninsured list from the day after, unless it is insured before then.
 */
function expiringSql(region: string): string {
  const day = 'addDays(p.end_date, 1)';
  return `SELECT p.id AS policy_id, p.policy_no AS policy_no, p.enterprise_id AS enterprise_id, e.uscc AS uscc, e.name AS name,
                 e.industry AS industry, p.county_code AS county_code, p.start_date AS start_date, p.end_date AS end_date,
                 toInt32(dateDiff('day', {as_of:Date}, p.end_date)) AS days_left
          FROM (SELECT id, policy_no, enterprise_id, county_code, start_date, end_date FROM ${POLICIES.name}
                WHERE ${activeOn('{as_of:Date}')} AND end_date <= addDays({as_of:Date}, {within_days:UInt16}) AND ${region}) AS p
          INNER JOIN (SELECT id, uscc, name, industry FROM ${ENTERPRISES.name} WHERE ${MANDATORY} AND ${region}) AS e ON e.id = p.enterprise_id
          WHERE p.id NOT IN (
            SELECT p.id FROM (SELECT id, enterprise_id, end_date FROM ${POLICIES.name}
                              WHERE ${activeOn('{as_of:Date}')} AND end_date <= addDays({as_of:Date}, {within_days:UInt16}) AND ${region}) AS p
            INNER JOIN (SELECT id, enterprise_id, start_date, end_date, cancelled FROM ${POLICIES.name} WHERE ${region}) AS q
              ON q.enterprise_id = p.enterprise_id
            WHERE q.id != p.id AND ${activeOn(day, 'q')})`;
}

function expiringParams(query: ExpiringQuery): Record<string, unknown> {
  const region = regionFilter(query.region);
  return { ...region.params, ...JUDGEMENT_PARAMS, as_of: query.asOf, within_days: query.withinDays };
}

export async function expiringPage(
  reader: WarehouseReader,
  query: ExpiringQuery & { sort: ExpiringSortKey; direction: SortDirectionKey; limit: number; offset: number },
): Promise<ExpiringRow[]> {
  const region = regionFilter(query.region);
  const sortColumn = EXPIRING_SORT_COLUMNS[query.sort];
  const direction = SORT_DIRECTIONS[query.direction];
  return reader.rows<ExpiringRow>(
    `SELECT x.*, ifNull(i.insurer_names, []) AS insurer_names, count() OVER () AS total
     FROM (${expiringSql(region.sql)}) AS x
     LEFT JOIN (SELECT s.policy_id AS policy_id, arraySort(groupUniqArray(n.name)) AS insurer_names
                FROM (SELECT policy_id, insurer_id FROM ${POLICY_SHARES.name} WHERE ${region.sql}) AS s
                INNER JOIN ${INSURERS.name} AS n ON n.id = s.insurer_id
                GROUP BY s.policy_id) AS i ON i.policy_id = x.policy_id
     ORDER BY ${sortColumn} ${direction}, end_date ASC, policy_id ASC
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...expiringParams(query), limit: query.limit, offset: query.offset },
  );
}

export async function expiringCount(reader: WarehouseReader, query: ExpiringQuery): Promise<number> {
  const region = regionFilter(query.region);
  return countRows(reader, `(${expiringSql(region.sql)})`, expiringParams(query));
}
