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
import { insuredOn, lastPolicyEndBy } from '../../warehouse/judgements';
import { ENTERPRISE_COVERAGE } from '../../warehouse/schema';
import { bind, ident, sql, type Sql } from '../../warehouse/sql';
import { regionCondition } from '../common/region';
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
