/**
 * Risk indicators (docs/definitions.md, Risk indicators) for a year Y:
 * - accidents: claims whose accident_date lies in Y (a claim without one is not an accident record),
 *   with their deaths and injuries;
 * - insured enterprises: enterprises (any industry) holding a non-cancelled policy active on at least
 *   one day of Y; accidents per 100 insured enterprises = accidents × 100 / insured enterprises;
 * - hazards found and rectified in the services dated in Y (隐患整改率 = rectified / found);
 * - the risk levels and standardization grades of the mandatory enterprises (operating, high-risk),
 *   as they stand now (the platform keeps no history of them).
 * Figures are per county and industry, so any region's are sums. An insurer account sees the claims
 * of the policies it holds a share of, the enterprises it insured and its own services.
 */
import { HIGH_RISK_INDUSTRIES } from '../../domain/vocabulary';
import type { Region } from '../../domain/regions';
import { CLAIM_SHARES, CLAIMS, ENTERPRISE_MIX, ENTERPRISE_YEARS, ENTERPRISES, INSURER_HAZARDS, POLICIES, POLICY_SHARES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface RiskQuery {
  region: Region;
  year: number;
  insurerId: string | null;
}

export interface CountyIndustryRiskRow {
  county_code: string;
  industry: string;
  accidents: number;
  deaths: number;
  injuries: number;
  insured_enterprises: number;
  hazards_found: number;
  hazards_rectified: number;
}

function params(query: RiskQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return {
    ...regionParams,
    year: query.year,
    insurer_id: query.insurerId ?? '',
    operating: 'operating',
    high_risk: [...HIGH_RISK_INDUSTRIES],
  };
}

/**
 * Reads the ETL's judged facts where they hold the definition: an insurer's claims from claim_shares
 * (one row per claim and insurer holding a share of its policy), the insured enterprises of the year
 * from enterprise_years (one row per enterprise and year in which one of its policies, or one of the
 * insurer's shares, was active on a day; counted once each, by the enterprise's county and industry),
 * the hazards from the services' sums per year, county, industry and insurer (insurer_hazards).
 */
export async function riskByCountyAndIndustry(reader: WarehouseReader, query: RiskQuery): Promise<CountyIndustryRiskRow[]> {
  const region = regionFilter(query.region);
  const own = query.insurerId !== null;
  const claims = own ? `${CLAIM_SHARES.name} WHERE insurer_id = {insurer_id:String} AND` : `${CLAIMS.name} WHERE`;
  const insuredOf = own ? 'has(insurer_ids, {insurer_id:String})' : '1';
  const servicesOf = own ? 'insurer_id = {insurer_id:String}' : '1';
  return reader.rows<CountyIndustryRiskRow>(
    `SELECT county_code, industry, sum(accident) AS accidents, sum(death_count) AS deaths, sum(injury_count) AS injuries,
            sum(insured) AS insured_enterprises, sum(found) AS hazards_found, sum(rectified) AS hazards_rectified
     FROM (
       SELECT county_code, industry, 1 AS accident, toUInt64(deaths) AS death_count, toUInt64(injuries) AS injury_count,
              toUInt64(0) AS insured, toUInt64(0) AS found, toUInt64(0) AS rectified
       FROM ${claims} ${region.sql} AND toYear(accident_date) = {year:UInt16}
       UNION ALL
       SELECT county_code, industry, 0, 0, 0, count(), 0, 0
       FROM ${ENTERPRISE_YEARS.name} WHERE year = {year:UInt16} AND ${region.sql} AND ${insuredOf}
       GROUP BY county_code, industry
       UNION ALL
       SELECT county_code, industry, 0, 0, 0, 0, hazards_found, hazards_rectified
       FROM ${INSURER_HAZARDS.name} WHERE year = {year:UInt16} AND ${region.sql} AND ${servicesOf}
     )
     GROUP BY county_code, industry`,
    params(query, region.params),
  );
}

export interface EnterpriseMixRow {
  county_code: string;
  risk_level: string;
  standardization_grade: string | null;
  enterprises: number;
}

/** The whole region's from the ETL's counts per county and class (enterprise_mix); an insurer's, from the enterprises it insured. */
export async function mandatoryEnterpriseMix(reader: WarehouseReader, query: RiskQuery): Promise<EnterpriseMixRow[]> {
  const region = regionFilter(query.region);
  if (query.insurerId === null) {
    return reader.rows<EnterpriseMixRow>(
      `SELECT county_code, risk_level, nullIf(standardization_grade, '') AS standardization_grade, sum(enterprises) AS enterprises
       FROM ${ENTERPRISE_MIX.name}
       WHERE status = {operating:String} AND industry IN {high_risk:Array(String)} AND ${region.sql}
       GROUP BY county_code, risk_level, standardization_grade`,
      params(query, region.params),
    );
  }
  const insuredBy = query.insurerId === null
    ? '1'
    : `id IN (SELECT enterprise_id FROM ${ENTERPRISE_YEARS.name} WHERE year = {year:UInt16} AND has(insurer_ids, {insurer_id:String}) AND ${region.sql})`;
  return reader.rows<EnterpriseMixRow>(
    `SELECT county_code, risk_level, standardization_grade, count() AS enterprises
     FROM ${ENTERPRISES.name}
     WHERE status = {operating:String} AND industry IN {high_risk:Array(String)} AND ${region.sql} AND ${insuredBy}
     GROUP BY county_code, risk_level, standardization_grade`,
    params(query, region.params),
  );
}

/**
 * Premium rates of the policies starting in Y (not cancelled, high-risk industries): premium per
 * insured person (policies with insured_persons > 0) and premium per enterprise (Σ premium of its
 * policies starting in Y), each against the median of its industry within the region asked. A
 * policy is flagged when its premium per person is below `screen_percent` % of its industry's median.
 */
function ratedSql(query: RiskQuery, region: string): string {
  const insurer = query.insurerId === null
    ? '1'
    : `id IN (SELECT policy_id FROM ${POLICY_SHARES.name} WHERE insurer_id = {insurer_id:String} AND ${region})`;
  return `SELECT id AS policy_id, policy_no, enterprise_id, county_code, industry, premium, insured_persons,
                 if(insured_persons > 0, toFloat64(premium) / insured_persons, NULL) AS per_person
          FROM ${POLICIES.name}
          WHERE NOT cancelled AND toYear(start_date) = {year:UInt16} AND ${region} AND industry IN {high_risk:Array(String)} AND ${insurer}`;
}

function mediansSql(query: RiskQuery, region: string): string {
  return `SELECT p.industry AS industry, p.policies AS policies, p.rated AS rated, p.median_per_person AS median_per_person,
                 e.enterprises AS enterprises, e.median_per_enterprise AS median_per_enterprise
          FROM (SELECT industry, count() AS policies, count(per_person) AS rated,
                       if(rated = 0, NULL, quantileExactInclusive(0.5)(per_person)) AS median_per_person
                FROM (${ratedSql(query, region)}) GROUP BY industry) AS p
          INNER JOIN (SELECT industry, count() AS enterprises, quantileExactInclusive(0.5)(toFloat64(enterprise_premium)) AS median_per_enterprise
                      FROM (SELECT industry, enterprise_id, sum(premium) AS enterprise_premium FROM (${ratedSql(query, region)})
                            GROUP BY industry, enterprise_id)
                      GROUP BY industry) AS e ON e.industry = p.industry`;
}

export interface IndustryPremiumRow {
  industry: string;
  policies: number;
  rated: number;
  median_per_person: number | null;
  enterprises: number;
  median_per_enterprise: number;
  flagged: number;
}

export async function premiumRatesByIndustry(reader: WarehouseReader, query: RiskQuery & { screenPercent: string }): Promise<IndustryPremiumRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<IndustryPremiumRow>(
    `SELECT m.industry AS industry, m.policies AS policies, m.rated AS rated, m.median_per_person AS median_per_person,
            m.enterprises AS enterprises, m.median_per_enterprise AS median_per_enterprise,
            f.flagged AS flagged
     FROM (${mediansSql(query, region.sql)}) AS m
     LEFT JOIN (SELECT r.industry AS industry, count() AS flagged
                FROM (${ratedSql(query, region.sql)}) AS r INNER JOIN (${mediansSql(query, region.sql)}) AS m2 ON m2.industry = r.industry
                WHERE r.per_person < m2.median_per_person * toFloat64({screen_percent:Decimal(9, 2)}) / 100
                GROUP BY industry) AS f ON f.industry = m.industry
     ORDER BY industry`,
    { ...params(query, region.params), screen_percent: query.screenPercent },
  );
}

export interface FlaggedPolicyRow {
  policy_id: string;
  policy_no: string;
  enterprise_id: string;
  enterprise_name: string;
  county_code: string;
  industry: string;
  premium: string;
  insured_persons: number;
  per_person: number;
  median_per_person: number;
  total: number;
}

export async function flaggedPolicies(
  reader: WarehouseReader,
  query: RiskQuery & { screenPercent: string; limit: number; offset: number },
): Promise<FlaggedPolicyRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<FlaggedPolicyRow>(
    `SELECT r.policy_id AS policy_id, r.policy_no AS policy_no, r.enterprise_id AS enterprise_id, e.name AS enterprise_name,
            r.county_code AS county_code, r.industry AS industry, toString(r.premium) AS premium, r.insured_persons AS insured_persons,
            r.per_person AS per_person, m.median_per_person AS median_per_person, count() OVER () AS total
     FROM (${ratedSql(query, region.sql)}) AS r
     INNER JOIN (${mediansSql(query, region.sql)}) AS m ON m.industry = r.industry
     LEFT JOIN (SELECT id, any(name) AS name FROM ${ENTERPRISES.name} WHERE ${region.sql} GROUP BY id) AS e ON e.id = r.enterprise_id
     WHERE r.per_person < m.median_per_person * toFloat64({screen_percent:Decimal(9, 2)}) / 100
     ORDER BY r.per_person / m.median_per_person, r.policy_id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...params(query, region.params), screen_percent: query.screenPercent, limit: query.limit, offset: query.offset },
  );
}
