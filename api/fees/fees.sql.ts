/**
 * Premium received, prevention spending and their ratio (docs/definitions.md, definitions 4–7).
 *
 * Per insurer: premium received = Σ premium_received × share over the policies starting in the year
 * (cancelled ones included, with their netted premium_received); prevention spending = Σ of the
 * insurer's ledger entries dated in the year. The premium is summed exactly as yuan × percent
 * (Decimal scale 4), which is numerically the premium in fen, so no rounding happens before the
 * comparison with the rule: compliant ⟺ spending × 10000 ≥ floor% × Σ(premium_received × share%).
 *
 * By region: the whole premium_received of the policies whose enterprise lies in the region, and the
 * ledger entries of the counties the region contains.
 *
 * Both read the sums the ETL keeps per year and county (and insurer): insurer_fees and county_fees
 * (warehouse/schema.ts, derived in warehouse/judgements.ts), a few hundred rows a year.
 */
import type { Region } from '../../domain/regions';
import { COUNTY_FEES, INSURER_FEES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface InsurerFeeRow {
  insurer_id: string;
  /** Σ premium_received × share_percent: the premium received in fen, with up to 4 decimals. */
  premium_fen_exact: string;
  prevention_spending: string;
  ratio: number | null;
  meets_floor: number | null;
  within_cap: number | null;
}

export interface FeeRuleValues {
  floorPercent: string | null;
  capPercent: string | null;
}

export async function insurerFees(
  reader: WarehouseReader,
  query: { year: number; region: Region; insurerId: string | null; rules: FeeRuleValues },
): Promise<InsurerFeeRow[]> {
  const region = regionFilter(query.region);
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  return reader.rows<InsurerFeeRow>(
    `SELECT insurer_id, toString(premium) AS premium_fen_exact, toString(spending) AS prevention_spending,
            if(premium = 0, NULL, toFloat64(spending) * 100 / toFloat64(premium)) AS ratio,
            if(premium = 0 OR {has_floor:Bool} = false, NULL, spending * 10000 >= premium * {floor_percent:Decimal(9, 2)}) AS meets_floor,
            if(premium = 0 OR {has_cap:Bool} = false, NULL, spending * 10000 <= premium * {cap_percent:Decimal(9, 2)}) AS within_cap
     FROM (
       SELECT insurer_id, sum(premium_received_share) AS premium, sum(prevention_spending) AS spending
       FROM ${INSURER_FEES.name}
       WHERE year = {year:UInt16} AND ${region.sql} AND ${insurer}
       GROUP BY insurer_id
     )
     ORDER BY insurer_id`,
    {
      ...region.params,
      year: query.year,
      insurer_id: query.insurerId ?? '',
      has_floor: query.rules.floorPercent !== null,
      floor_percent: query.rules.floorPercent ?? '0',
      has_cap: query.rules.capPercent !== null,
      cap_percent: query.rules.capPercent ?? '0',
    },
  );
}

export interface CountyFeeRow {
  county_code: string;
  premium_received: string;
  prevention_spending: string;
}

export async function countyFees(reader: WarehouseReader, query: { year: number; region: Region }): Promise<CountyFeeRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<CountyFeeRow>(
    `SELECT county_code, toString(sum(premium_received)) AS premium_received, toString(sum(prevention_spending)) AS prevention_spending
     FROM ${COUNTY_FEES.name}
     WHERE year = {year:UInt16} AND ${region.sql}
     GROUP BY county_code`,
    { ...region.params, year: query.year },
  );
}
