/**
 * Claims (理赔), docs/definitions.md, definition 11, for a year Y:
 * - reported, open, withdrawn: claims reported in Y, by their status now;
 * - decided (paid or denied): claims settled in Y (a decision without settled_on counts on its
 *   reported day); claims paid = Σ paid_amount of the paid ones;
 * - premium received: docs/definitions.md, definition 5 (policies starting in Y, cancelled ones
 *   with their netted amount);
 * - loss ratio (赔付率) = claims paid / premium received; denial rate (拒赔率) = denied / (paid + denied);
 * - settlement days = settled_on − reported_on of the decided claims that carry settled_on: mean, and
 *   the 50th and 90th percentiles interpolated linearly between the sorted values (quantileExactInclusive,
 *   as a spreadsheet's PERCENTILE.INC).
 *
 * Money is summed as yuan × percent (numerically fen): the whole amount × 100 for a region, the
 * amount × the insurer's share for an insurer (docs/definitions.md, definition 4). An insurer
 * account sees its own part only, region totals included.
 */
import type { Region } from '../../domain/regions';
import { CLAIM_SHARES, CLAIMS, COUNTY_FEES, INSURER_FEES, POLICY_SHARES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface ClaimsQuery {
  region: Region;
  year: number;
  /** Narrow to this insurer's share; null: whole amounts (or every insurer's share, per insurer). */
  insurerId: string | null;
}

/** How rows are grouped: the region and its children at once, or per insurer. */
const GRAINS = {
  tree: {
    select: 'grouping(city_code, county_code) AS grouping_level, city_code, county_code',
    groupBy: 'GROUPING SETS ((), (city_code), (county_code))',
  },
  insurer: { select: 'insurer_id', groupBy: 'insurer_id HAVING max(listed) = 1 ORDER BY insurer_id' },
} as const;
export type ClaimsGrain = keyof typeof GRAINS;

/**
 * Claim and premium lines: whole amounts (share 100), or one line per insurer share. The claims' shares
 * are the ETL's claim_shares (one row per claim and insurer, warehouse/judged-claims.ts); premium
 * received is the ETL's sums per year and county (county_fees, whole) or per year, county and insurer
 * (insurer_fees, attributed), which hold definition 5 summed. A fee sum row may stand for ledger
 * entries alone: a region row of zeros reads as no row, but the list per insurer names only the
 * insurers with a claim or a share of a policy starting in the year, so `listed` marks those lines.
 */
function linesSql(region: string, byShare: boolean, insurer: string, perInsurer: boolean): string {
  const claimWindow = `(toYear(reported_on) = {year:UInt16} OR toYear(coalesce(settled_on, reported_on)) = {year:UInt16})`;
  const claimColumns = `city_code, county_code, status, reported_on, coalesce(settled_on, reported_on) AS decided_on,
       dateDiff('day', reported_on, settled_on) AS settlement_days`;
  const noClaim = "'', toDate(0), toDate(0), NULL";
  if (!byShare) {
    return `
      SELECT ${claimColumns}, '' AS insurer_id, toDecimal128(coalesce(paid_amount, 0), 2) * 100 AS paid_part, toDecimal128(0, 2) AS premium_part,
             1 AS is_claim, 1 AS listed
      FROM ${CLAIMS.name} WHERE ${region} AND ${claimWindow}
      UNION ALL
      SELECT city_code, county_code, ${noClaim}, '', toDecimal128(0, 2), toDecimal128(premium_received, 2) * 100, 0, 0
      FROM ${COUNTY_FEES.name} WHERE ${region} AND year = {year:UInt16}`;
  }
  return `
    SELECT ${claimColumns}, toString(insurer_id) AS insurer_id, toDecimal128(coalesce(paid_amount, 0), 2) * share_percent AS paid_part,
           toDecimal128(0, 4) AS premium_part, 1 AS is_claim, 1 AS listed
    FROM ${CLAIM_SHARES.name} WHERE ${region} AND ${insurer} AND ${claimWindow}
    UNION ALL
    SELECT city_code, county_code, ${noClaim}, toString(insurer_id), toDecimal128(0, 4), toDecimal128(premium_received_share, 4), 0, 0
    FROM ${INSURER_FEES.name} WHERE ${region} AND ${insurer} AND year = {year:UInt16}${!perInsurer ? '' : `
    UNION ALL
    SELECT '', '', ${noClaim}, toString(insurer_id), toDecimal128(0, 4), toDecimal128(0, 4), 0, 1
    FROM ${POLICY_SHARES.name} WHERE ${region} AND ${insurer} AND toYear(start_date) = {year:UInt16}
    GROUP BY insurer_id`}`;
}

export interface ClaimsRow {
  grouping_level?: number;
  city_code?: string;
  county_code?: string;
  insurer_id?: string;
  reported: number;
  open: number;
  withdrawn: number;
  paid: number;
  denied: number;
  /** Yuan × percent: the amount in fen, exact. */
  paid_fen_exact: string;
  premium_fen_exact: string;
  settled: number;
  days_average: number | null;
  days_p50: number | null;
  days_p90: number | null;
}

/** Grouping levels of the tree grain (SQL `grouping`: a bit set for each column not grouped by). */
export const GROUPING_LEVEL = { total: 3, city: 1, county: 2 } as const;

export async function claimsFigures(reader: WarehouseReader, query: ClaimsQuery, grain: ClaimsGrain): Promise<ClaimsRow[]> {
  const region = regionFilter(query.region);
  const byShare = grain === 'insurer' || query.insurerId !== null;
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  const reportedInYear = 'is_claim = 1 AND toYear(reported_on) = {year:UInt16}';
  const decided = "is_claim = 1 AND toYear(decided_on) = {year:UInt16} AND status IN ('paid', 'denied')";
  const settled = `${decided} AND settlement_days IS NOT NULL`;
  return reader.rows<ClaimsRow>(
    `SELECT ${GRAINS[grain].select},
            countIf(${reportedInYear}) AS reported,
            countIf(${reportedInYear} AND status = 'open') AS open,
            countIf(${reportedInYear} AND status = 'withdrawn') AS withdrawn,
            countIf(${decided} AND status = 'paid') AS paid,
            countIf(${decided} AND status = 'denied') AS denied,
            toString(sumIf(paid_part, ${decided} AND status = 'paid')) AS paid_fen_exact,
            toString(sum(premium_part)) AS premium_fen_exact,
            countIf(${settled}) AS settled,
            if(settled = 0, NULL, avgIf(settlement_days, ${settled})) AS days_average,
            if(settled = 0, NULL, quantileExactInclusiveIf(0.5)(settlement_days, ${settled})) AS days_p50,
            if(settled = 0, NULL, quantileExactInclusiveIf(0.9)(settlement_days, ${settled})) AS days_p90
     FROM (${linesSql(region.sql, byShare, insurer, grain === 'insurer')})
     GROUP BY ${GRAINS[grain].groupBy}`,
    { ...region.params, year: query.year, insurer_id: query.insurerId ?? '' },
  );
}
