/**
 * The figures of the annual report (年度报告, docs/definitions.md, definition 14) that no other family
 * reads: an insurer's premium received by city and industry (definitions 4 and 5: premium_received ×
 * its share, policies starting in the year), its prevention spending by ledger category and city
 * (definition 6: entries dated in the year) and its services by kind. Everything else the report
 * holds is read by the family that defines it.
 */
import type { Region } from '../../domain/regions';
import { FEE_LEDGER, POLICY_SHARES, SERVICES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface ReportQuery {
  insurerId: string;
  year: number;
  region: Region;
  /** Services dated after it are not facts yet. */
  today: string;
}

export interface PremiumLineRow {
  city_code: string;
  industry: string;
  policies: number;
  /** Σ premium_received × share_percent: the premium in fen, exact. */
  premium_fen_exact: string;
}

export async function premiumByCityAndIndustry(reader: WarehouseReader, query: ReportQuery): Promise<PremiumLineRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<PremiumLineRow>(
    `SELECT city_code, industry, uniqExact(policy_id) AS policies, toString(sum(toDecimal128(premium_received, 2) * share_percent)) AS premium_fen_exact
     FROM ${POLICY_SHARES.name}
     WHERE insurer_id = {insurer_id:String} AND toYear(start_date) = {year:UInt16} AND ${region.sql}
     GROUP BY city_code, industry ORDER BY city_code, industry`,
    { ...region.params, insurer_id: query.insurerId, year: query.year },
  );
}

export interface SpendingLineRow {
  city_code: string;
  category: string;
  entries: number;
  amount: string;
}

export async function spendingByCategoryAndCity(reader: WarehouseReader, query: ReportQuery): Promise<SpendingLineRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<SpendingLineRow>(
    `SELECT city_code, toString(category) AS category, count() AS entries, toString(sum(toDecimal128(amount, 2))) AS amount
     FROM ${FEE_LEDGER.name}
     WHERE insurer_id = {insurer_id:String} AND toYear(entry_date) = {year:UInt16} AND ${region.sql}
     GROUP BY city_code, category ORDER BY city_code, category`,
    { ...region.params, insurer_id: query.insurerId, year: query.year },
  );
}

export interface ServiceKindRow {
  kind: string;
  services: number;
}

export async function servicesByKind(reader: WarehouseReader, query: ReportQuery): Promise<ServiceKindRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<ServiceKindRow>(
    `SELECT toString(kind) AS kind, count() AS services
     FROM ${SERVICES.name}
     WHERE insurer_id = {insurer_id:String} AND toYear(service_date) = {year:UInt16} AND service_date <= {today:Date} AND ${region.sql}
     GROUP BY kind ORDER BY kind`,
    { ...region.params, insurer_id: query.insurerId, year: query.year, today: query.today },
  );
}
