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
import { HIGH_RISK_INDUSTRIES } from '../../domain/vocabulary';
import type { Region } from '../../domain/regions';
import { ENTERPRISES, POLICIES, POLICY_SHARES, SERVICES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
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

/** Rows of a policy (or share) active on at least one day of the year, of a high-risk enterprise. */
function activeInYear(region: string): string {
  return `NOT cancelled AND start_date <= {year_end:Date} AND end_date >= {year_start:Date} AND ${region} AND industry IN {high_risk:Array(String)}`;
}

/**
 * One row per enterprise of the population, with its requirement (NULL: exempt) and counts. An
 * enterprise without services finds no row in `s`: the LEFT JOIN's default fills its counts with 0.
 *
 * Policies, shares and services carry their enterprise's industry (copied at load), so each is
 * narrowed to the high-risk industries before its enterprise ids are hashed: the population has no
 * other, and at national scale a third of the rows fall away before the IN set and the join.
 *
 * `insuredOnly` false leaves out the test that the enterprise was insured in the year, for a caller
 * whose own join with the year's active shares already keeps only insured enterprises.
 */
function verdictsSql(query: ServiceQuery, region: string, insuredOnly = true): string {
  const insuredBy = !insuredOnly
    ? '1'
    : query.insurerId === null
      ? `id IN (SELECT enterprise_id FROM ${POLICIES.name} WHERE ${activeInYear(region)})`
      : `id IN (SELECT enterprise_id FROM ${POLICY_SHARES.name} WHERE ${activeInYear(region)} AND insurer_id = {insurer_id:String})`;
  return `
    SELECT e.id AS enterprise_id, e.name AS name, e.county_code AS county_code, e.industry AS industry, e.size AS size,
           multiIf(e.industry = {coal:String}, {coal_required:UInt32},
                   e.size IN {large_medium:Array(String)}, {large_medium_required:UInt32},
                   NULL) AS required_each,
           s.risk_assessments AS risk_assessments,
           s.hazard_investigations AS hazard_investigations,
           if(required_each IS NULL, NULL, s.risk_assessments >= required_each AND s.hazard_investigations >= required_each) AS compliant
    FROM (SELECT id, name, county_code, industry, size FROM ${ENTERPRISES.name}
          WHERE status = {operating:String} AND industry IN {high_risk:Array(String)} AND ${region} AND ${insuredBy}) AS e
    LEFT JOIN (SELECT enterprise_id,
                      countIf(kind = {risk_assessment:String}) AS risk_assessments,
                      countIf(kind = {hazard_investigation:String}) AS hazard_investigations
               FROM ${SERVICES.name}
               WHERE service_date >= {year_start:Date} AND service_date <= {year_end:Date} AND ${region}
                 AND industry IN {high_risk:Array(String)}
               GROUP BY enterprise_id) AS s ON s.enterprise_id = e.id`;
}

function params(query: ServiceQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return {
    ...regionParams,
    year_start: `${query.year}-01-01`,
    year_end: `${query.year}-12-31`,
    insurer_id: query.insurerId ?? '',
    coal: 'coal_mine',
    coal_required: query.rules.coal,
    large_medium: ['large', 'medium'],
    large_medium_required: query.rules.largeMedium,
    operating: 'operating',
    high_risk: [...HIGH_RISK_INDUSTRIES],
    risk_assessment: 'risk_assessment',
    hazard_investigation: 'hazard_investigation',
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
     FROM (${verdictsSql(query, region.sql)})
     GROUP BY county_code`,
    params(query, region.params),
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
 * active in the year (pairs are additive across counties, so any region's figures are sums). A share
 * carries its policy's dates and cancelled flag, so an enterprise with an active share in the year
 * was insured in it: the join stands for the population's own test, which is not repeated.
 */
export async function serviceComplianceByInsurer(reader: WarehouseReader, query: ServiceQuery): Promise<InsurerServiceRow[]> {
  const region = regionFilter(query.region);
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  return reader.rows<InsurerServiceRow>(
    `SELECT v.county_code AS county_code, i.insurer_id AS insurer_id, countIf(v.required_each IS NOT NULL) AS required, countIf(v.compliant = true) AS compliant,
            countIf(v.required_each IS NULL) AS exempt
     FROM (${verdictsSql(query, region.sql, false)}) AS v
     INNER JOIN (SELECT DISTINCT enterprise_id, insurer_id FROM ${POLICY_SHARES.name} WHERE ${activeInYear(region.sql)} AND ${insurer}) AS i
       ON i.enterprise_id = v.enterprise_id
     GROUP BY county_code, insurer_id`,
    params(query, region.params),
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
  query: ServiceQuery & { filter: EnterpriseFilter; limit: number; offset: number },
): Promise<EnterpriseServiceRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<EnterpriseServiceRow>(
    `SELECT *, count() OVER () AS total
     FROM (${verdictsSql(query, region.sql)})
     WHERE ${ENTERPRISE_FILTERS[query.filter]}
     ORDER BY county_code, name, enterprise_id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...params(query, region.params), limit: query.limit, offset: query.offset },
  );
}
