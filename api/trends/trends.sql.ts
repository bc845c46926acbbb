/**
 * Monthly figures for the trend series, for every month of a span (the caller asks for the span and
 * the same months a year earlier):
 * - insured mandatory enterprises at each month end (docs/definitions.md, definition 2 on that
 *   day) — the mandatory population is today's (the platform keeps no history of enterprise status);
 * - premium received of the policies starting in the month (docs/definitions.md, definition 5);
 * - prevention spending of the ledger entries dated in the month (docs/definitions.md, definition 6);
 * - claims paid, by the day they were settled (the reported day when none is recorded);
 * - prevention services delivered (every kind), by service date.
 * An insurer account gets its own share of premium and claims, its own ledger and services, and no
 * coverage (coverage describes every enterprise of a region, and is the regulator's view).
 */
import { HIGH_RISK_INDUSTRIES } from '../../domain/vocabulary';
import type { Region } from '../../domain/regions';
import { CLAIMS, ENTERPRISES, FEE_LEDGER, POLICIES, POLICY_SHARES, SERVICES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface TrendQuery {
  region: Region;
  /** First and last day of the whole span read (previous year included). */
  spanStart: string;
  spanEnd: string;
  monthEnds: string[];
  insurerId: string | null;
}

export interface MonthRow {
  month: string;
  /** Yuan × percent: fen, exact. */
  premium_fen_exact: string;
  spending: string;
  claims_paid_fen_exact: string;
  services: number;
}

export async function monthlyFigures(reader: WarehouseReader, query: TrendQuery): Promise<MonthRow[]> {
  const region = regionFilter(query.region);
  const own = query.insurerId !== null;
  const premium = own
    ? `SELECT toStartOfMonth(start_date) AS month, toDecimal128(premium_received, 2) * share_percent AS premium_part
       FROM ${POLICY_SHARES.name} WHERE insurer_id = {insurer_id:String} AND ${region.sql}`
    : `SELECT toStartOfMonth(start_date) AS month, toDecimal128(premium_received, 2) * 100 AS premium_part FROM ${POLICIES.name} WHERE ${region.sql}`;
  // The shares joined to claims are only those of paid claims' policies: the join's right side is held in memory.
  const claims = own
    ? `SELECT toStartOfMonth(coalesce(c.settled_on, c.reported_on)) AS month, toDecimal128(c.paid_amount, 2) * s.share_percent AS paid_part
       FROM (SELECT policy_id, paid_amount, settled_on, reported_on FROM ${CLAIMS.name} WHERE status = 'paid' AND ${region.sql}) AS c
       INNER JOIN (SELECT policy_id, share_percent FROM ${POLICY_SHARES.name}
                   WHERE insurer_id = {insurer_id:String} AND ${region.sql}
                     AND policy_id IN (SELECT policy_id FROM ${CLAIMS.name} WHERE status = 'paid' AND ${region.sql})) AS s
         ON s.policy_id = c.policy_id`
    : `SELECT toStartOfMonth(coalesce(settled_on, reported_on)) AS month, toDecimal128(paid_amount, 2) * 100 AS paid_part
       FROM ${CLAIMS.name} WHERE status = 'paid' AND ${region.sql}`;
  const insurer = own ? 'insurer_id = {insurer_id:String}' : '1';
  return reader.rows<MonthRow>(
    `SELECT month, toString(sum(premium_part)) AS premium_fen_exact, toString(sum(spending_part)) AS spending,
            toString(sum(paid_part)) AS claims_paid_fen_exact, sum(service_count) AS services
     FROM (
       SELECT month, premium_part, toDecimal128(0, 2) AS spending_part, toDecimal128(0, 4) AS paid_part, toUInt64(0) AS service_count
       FROM (${premium})
       UNION ALL
       SELECT toStartOfMonth(entry_date), 0, toDecimal128(amount, 2), 0, 0 FROM ${FEE_LEDGER.name} WHERE ${region.sql} AND ${insurer}
       UNION ALL
       SELECT month, 0, 0, paid_part, 0 FROM (${claims})
       UNION ALL
       SELECT toStartOfMonth(service_date), 0, 0, 0, 1 FROM ${SERVICES.name} WHERE ${region.sql} AND ${insurer}
     )
     WHERE month >= {span_start:Date} AND month <= {span_end:Date}
     GROUP BY month
     ORDER BY month`,
    { ...region.params, span_start: query.spanStart, span_end: query.spanEnd, insurer_id: query.insurerId ?? '' },
  );
}

export interface MonthEndCoverageRow {
  day: string;
  insured: number;
}

function mandatorySql(region: string): string {
  return `SELECT id FROM ${ENTERPRISES.name} WHERE status = {operating:String} AND industry IN {high_risk:Array(String)} AND ${region}`;
}

/**
 * Each insured enterprise's policies are gathered once, and the enterprise counts on every month end
 * one of them covers: a count of enterprises per day, instead of an exact distinct count over every
 * (policy, month end) pair, which at national scale is tens of millions of rows.
 */
export async function insuredAtMonthEnds(reader: WarehouseReader, query: TrendQuery): Promise<MonthEndCoverageRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<MonthEndCoverageRow>(
    `SELECT day, count() AS insured
     FROM (SELECT enterprise_id, groupArray(start_date) AS starts, groupArray(end_date) AS ends
           FROM ${POLICIES.name}
           WHERE NOT cancelled AND start_date <= {last_day:Date} AND end_date >= {first_day:Date} AND ${region.sql}
             AND enterprise_id IN (${mandatorySql(region.sql)})
           GROUP BY enterprise_id)
     ARRAY JOIN arrayFilter(day -> arrayExists((start, end) -> start <= day AND end >= day, starts, ends), {month_ends:Array(Date)}) AS day
     GROUP BY day`,
    {
      ...region.params, month_ends: query.monthEnds, first_day: query.monthEnds[0], last_day: query.monthEnds.at(-1),
      operating: 'operating', high_risk: [...HIGH_RISK_INDUSTRIES],
    },
  );
}

export async function mandatoryCount(reader: WarehouseReader, region: Region): Promise<number> {
  const filter = regionFilter(region);
  const rows = await reader.rows<{ mandatory: number }>(
    `SELECT count() AS mandatory FROM (${mandatorySql(filter.sql)})`,
    { ...filter.params, operating: 'operating', high_risk: [...HIGH_RISK_INDUSTRIES] },
  );
  return rows[0]?.mandatory ?? 0;
}
