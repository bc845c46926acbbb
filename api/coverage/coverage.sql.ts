/**
 * Coverage (投保率) and the uninsured list (应保未保), docs/definitions.md, definitions 1–3.
 *
 * mandatory = operating enterprises of the chosen high-risk industries in the region;
 * insured     = those of them with at least one policy, not cancelled, with start_date <= D <= end_date.
 * Counts are per county and industry: an enterprise lies in one county, so every larger region's
 * figures are sums of these, and one query answers a whole drill-down.
 */
import type { Region } from '../../domain/regions';
import { ENTERPRISES, POLICIES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
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

function activePoliciesSql(region: string): string {
  return `SELECT enterprise_id FROM ${POLICIES.name}
    WHERE NOT cancelled AND start_date <= {as_of:Date} AND end_date >= {as_of:Date} AND ${region}`;
}

function mandatoryWhere(region: string): string {
  return `status = {operating:String} AND industry IN {industries:Array(String)} AND ${region}`;
}

function baseParams(query: CoverageQuery): Record<string, unknown> {
  const region = regionFilter(query.region);
  return { ...region.params, as_of: query.asOf, industries: query.industries, operating: 'operating' };
}

export async function coverageByCountyAndIndustry(reader: WarehouseReader, query: CoverageQuery): Promise<CountyIndustryCoverage[]> {
  const region = regionFilter(query.region);
  return reader.rows<CountyIndustryCoverage>(
    `SELECT county_code, industry, count() AS mandatory, countIf(id IN (${activePoliciesSql(region.sql)})) AS insured
     FROM ${ENTERPRISES.name}
     WHERE ${mandatoryWhere(region.sql)}
     GROUP BY county_code, industry`,
    baseParams(query),
  );
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
  const region = regionFilter(query.region);
  const sortColumn = UNINSURED_SORT_COLUMNS[query.sort];
  const direction = SORT_DIRECTIONS[query.direction];
  return reader.rows<UninsuredRow>(
    `SELECT e.id AS id, e.uscc AS uscc, e.name AS name, e.industry AS industry, e.size AS size, e.county_code AS county_code,
            last.last_policy_end AS last_policy_end, count() OVER () AS total
     FROM (SELECT id, uscc, name, industry, size, county_code FROM ${ENTERPRISES.name}
           WHERE ${mandatoryWhere(region.sql)} AND id NOT IN (${activePoliciesSql(region.sql)})) AS e
     LEFT JOIN (SELECT enterprise_id, max(end_date) AS last_policy_end FROM ${POLICIES.name}
                WHERE NOT cancelled AND start_date <= {as_of:Date} AND ${region.sql}
                GROUP BY enterprise_id) AS last ON last.enterprise_id = e.id
     ORDER BY ${sortColumn} ${direction}, id ASC
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}
     SETTINGS join_use_nulls = 1`,
    { ...baseParams(query), limit: query.limit, offset: query.offset },
  );
}
