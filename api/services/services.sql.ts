/**
 * Service frequency (服务频次), docs/definitions.md, definition 8. The population is the mandatory
 * enterprises (operating, high-risk) of the region that held an active policy on at least one day of the year; each counts
 * the risk assessments and hazard investigations delivered to it in the year, by any insurer, and
 * meets its requirement when both counts reach the number the rulebook sets for it:
 * coal mines of every size the coal rule, other large and medium enterprises the large/medium rule,
 * other small and micro enterprises none (exempt, listed apart).
 *
 * For an insurer account the population is the enterprises it insured in the year (it held a share of
 * one of their policies); the verdict stays the enterprise's own.
 */
import type { Region } from '../../domain/regions';
import { JUDGEMENT_PARAMS, MANDATORY } from '../../warehouse/judgements';
import { ENTERPRISE_YEARS } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import { countRows, type PageWindow } from '../common/paging';
import type { WarehouseReader } from '../common/warehouse';

export interface FrequencyRuleValues {
  /** Services of each kind a coal mine needs per year. */
  coal: number;
  /** Services of each kind another large or medium high-risk enterprise needs per year. */
  largeMedium: number;
}

export interface ServiceQuery {
  year: number;
  region: Region;
  insurerId: string | null;
  rules: FrequencyRuleValues;
}

/**
 * One row per enterprise of the population, with its requirement (NULL: exempt) and counts, read
 * from the judged facts: the ETL keeps one row per enterprise and year in which it held an active
 * policy (warehouse/judgements.ts) with the year's counts and the insurers of its active policies,
 * so the population is that year's mandatory rows and an insurer's those naming it.
 */
export function serviceVerdictsSql(query: ServiceQuery, region: string): string {
  const insurer = query.insurerId === null ? '1' : 'has(insurer_ids, {insurer_id:String})';
  return `
    SELECT enterprise_id, name, county_code, industry, size, insurer_ids,
           multiIf(industry = {coal:String}, {coal_required:UInt32},
                   size IN {large_medium:Array(String)}, {large_medium_required:UInt32},
                   NULL) AS required_each,
           risk_assessments, hazard_investigations,
           if(required_each IS NULL, NULL, risk_assessments >= required_each AND hazard_investigations >= required_each) AS compliant
    FROM ${ENTERPRISE_YEARS.name}
    WHERE year = {year:UInt16} AND ${MANDATORY} AND ${region} AND ${insurer}`;
}

export function serviceVerdictParams(query: ServiceQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return {
    ...regionParams,
    ...JUDGEMENT_PARAMS,
    year: query.year,
    insurer_id: query.insurerId ?? '',
    coal: 'coal_mine',
    coal_required: query.rules.coal,
    large_medium: ['large', 'medium'],
    large_medium_required: query.rules.largeMedium,
  };
}

export interface CountyServiceRow {
  county_code: string;
  required: number;
  compliant: number;
  exempt: number;
}

export async function serviceComplianceByCounty(reader: WarehouseReader, query: ServiceQuery): Promise<CountyServiceRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<CountyServiceRow>(
    `SELECT county_code, countIf(required_each IS NOT NULL) AS required, countIf(compliant = true) AS compliant,
            countIf(required_each IS NULL) AS exempt
     FROM (${serviceVerdictsSql(query, region.sql)})
     GROUP BY county_code`,
    serviceVerdictParams(query, region.params),
  );
}

export interface InsurerServiceRow {
  county_code: string;
  insurer_id: string;
  required: number;
  compliant: number;
  exempt: number;
}

/**
 * Per county and insurer: each enterprise under every insurer that held a share of one of its policies
 * active in the year (pairs are additive across counties, so any region's figures are sums).
 */
export async function serviceComplianceByInsurer(reader: WarehouseReader, query: ServiceQuery): Promise<InsurerServiceRow[]> {
  const region = regionFilter(query.region);
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  return reader.rows<InsurerServiceRow>(
    `SELECT county_code, insurer_id, countIf(required_each IS NOT NULL) AS required, countIf(compliant = true) AS compliant,
            countIf(required_each IS NULL) AS exempt
     FROM (${serviceVerdictsSql(query, region.sql)})
     ARRAY JOIN insurer_ids AS insurer_id
     WHERE ${insurer}
     GROUP BY county_code, insurer_id`,
    serviceVerdictParams(query, region.params),
  );
}

export interface EnterpriseServiceRow {
  enterprise_id: string;
  name: string;
  county_code: string;
  industry: string;
  size: string;
  required_each: number | null;
  risk_assessments: number;
  hazard_investigations: number;
  /** 1 / 0 as ClickHouse returns a comparison; null when exempt. */
  compliant: number | null;
  total: number;
}

/** Filters of the enterprise list: every enterprise, those failing, or the exempt ones. */
export const ENTERPRISE_FILTERS = {
  ALL: '1',
  NOT_COMPLIANT: 'compliant = false',
  COMPLIANT: 'compliant = true',
  EXEMPT: 'required_each IS NULL',
} as const;
export type EnterpriseFilter = keyof typeof ENTERPRISE_FILTERS;

export async function enterpriseServicePage(
  reader: WarehouseReader,
  query: ServiceQuery & { filter: EnterpriseFilter } & PageWindow,
): Promise<EnterpriseServiceRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<EnterpriseServiceRow>(
    `SELECT * EXCEPT insurer_ids, count() OVER () AS total
     FROM (${serviceVerdictsSql(query, region.sql)})
     WHERE ${ENTERPRISE_FILTERS[query.filter]}
     ORDER BY county_code, name, enterprise_id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...serviceVerdictParams(query, region.params), limit: query.limit, offset: query.offset },
  );
}

/** Enterprises of a filter in all pages, for a page past the end (whose rows carry no total). */
export async function enterpriseServiceCount(reader: WarehouseReader, query: ServiceQuery & { filter: EnterpriseFilter }): Promise<number> {
  const region = regionFilter(query.region);
  return countRows(reader, `(${serviceVerdictsSql(query, region.sql)}) WHERE ${ENTERPRISE_FILTERS[query.filter]}`, serviceVerdictParams(query, region.params));
}
