/**
 * Figures for the trend series, for every period the caller names by its first and last day (the
 * periods of the span and the same periods a year earlier; a period that contains the evaluation day
 * ends on it, so nothing dated after that day is counted):
 * - insured mandatory enterprises on each period's last day (docs/definitions.md, definition 2 on
 *   that day) — the mandatory population is today's (the platform keeps no history of enterprise status);
 * - premium received of the policies starting in the period (docs/definitions.md, definition 5);
 * - prevention spending of the ledger entries dated in the period (docs/definitions.md, definition 6);
 * - claims paid, by the day they were settled (the reported day when none is recorded);
 * - prevention services delivered (every kind), by service date.
 * An insurer account gets its own share of premium and claims, its own ledger and services, and no
 * coverage (coverage describes every enterprise of a region, and is the regulator's view).
 */
import { HIGH_RISK_INDUSTRIES } from '../../domain/vocabulary';
import type { Region } from '../../domain/regions';
import { COUNTY_DAYS, ENTERPRISES, INSURER_DAYS, POLICIES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface TrendQuery {
  region: Region;
  /** The periods, by first and last day; a row counts in every period whose days hold its date. */
  periodStarts: string[];
  periodEnds: string[];
  insurerId: string | null;
  /** The high-risk industries the coverage figures count (the money and service figures count every industry). */
  industries: readonly string[];
}

export interface PeriodRow {
  /** 1-based index into the query's periods. */
  period: number;
  /** Yuan × percent: fen, exact. */
  premium_fen_exact: string;
  spending: string;
  claims_paid_fen_exact: string;
  services: number;
}

/**
 * Read from the sums per day the ETL keeps (county_days, insurer_days: warehouse/schema.ts): a
 * period's figures are the sum of its days, so the statement reads one row per day and county (and
 * insurer) instead of every policy, share, ledger entry, claim and service.
 */
export async function periodFigures(reader: WarehouseReader, query: TrendQuery): Promise<PeriodRow[]> {
  const region = regionFilter(query.region);
  const own = query.insurerId !== null;
  const days = own
    ? `SELECT day, premium_received_share AS premium_part, prevention_spending AS spending_part, claims_paid_share AS paid_part, services
       FROM ${INSURER_DAYS.name} WHERE insurer_id = {insurer_id:String} AND ${region.sql}`
    : `SELECT day, premium_received * 100 AS premium_part, prevention_spending AS spending_part, claims_paid * 100 AS paid_part, services
       FROM ${COUNTY_DAYS.name} WHERE ${region.sql}`;
  // Periods of a long span overlap the previous-year periods of later ones: a day joins every period it falls in.
  return reader.rows<PeriodRow>(
    `WITH {period_starts:Array(Date)} AS starts, {period_ends:Array(Date)} AS ends
     SELECT period, toString(sum(premium_part)) AS premium_fen_exact, toString(sum(spending_part)) AS spending,
            toString(sum(paid_part)) AS claims_paid_fen_exact, sum(services) AS services
     FROM (${days})
     ARRAY JOIN arrayFilter(index -> day >= starts[index] AND day <= ends[index], arrayEnumerate(starts)) AS period
     WHERE day >= arrayMin(starts) AND day <= arrayMax(ends)
     GROUP BY period
     ORDER BY period`,
    { ...region.params, period_starts: query.periodStarts, period_ends: query.periodEnds, insurer_id: query.insurerId ?? '' },
  );
}

export interface DayCoverageRow {
  day: string;
  insured: number;
}

function mandatorySql(region: string): string {
  return `SELECT id FROM ${ENTERPRISES.name} WHERE status = {operating:String} AND industry IN {high_risk:Array(String)} AND ${region}`;
}

/**
 * Each insured enterprise's policies are gathered once, and the enterprise counts on every period end
 * one of them covers: a count of enterprises per day, instead of an exact distinct count over every
 * (policy, period end) pair, which at national scale is tens of millions of rows.
 */
export async function insuredOnPeriodEnds(reader: WarehouseReader, query: TrendQuery): Promise<DayCoverageRow[]> {
  const region = regionFilter(query.region);
  const days = [...new Set(query.periodEnds)].sort();
  return reader.rows<DayCoverageRow>(
    `SELECT day, count() AS insured
     FROM (SELECT enterprise_id, groupArray(start_date) AS starts, groupArray(end_date) AS ends
           FROM ${POLICIES.name}
           WHERE NOT cancelled AND start_date <= {last_day:Date} AND end_date >= {first_day:Date} AND ${region.sql}
             AND enterprise_id IN (${mandatorySql(region.sql)})
           GROUP BY enterprise_id)
     ARRAY JOIN arrayFilter(day -> arrayExists((start, end) -> start <= day AND end >= day, starts, ends), {days:Array(Date)}) AS day
     GROUP BY day`,
    {
      ...region.params, days, first_day: days[0], last_day: days.at(-1),
      operating: 'operating', high_risk: [...query.industries],
    },
  );
}

export async function mandatoryCount(reader: WarehouseReader, region: Region, industries: readonly string[] = HIGH_RISK_INDUSTRIES): Promise<number> {
  const filter = regionFilter(region);
  const rows = await reader.rows<{ mandatory: number }>(
    `SELECT count() AS mandatory FROM (${mandatorySql(filter.sql)})`,
    { ...filter.params, operating: 'operating', high_risk: [...industries] },
  );
  return rows[0]?.mandatory ?? 0;
}
