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
import { COUNTY_DAYS, ENTERPRISES, INSURED_CHANGES, INSURER_DAYS } from '../../warehouse/schema';
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
  // Periods of a long span overlap the previous-year periods of later ones: a day joins every period it
  // falls in, once its counties (and insurers) are summed, so that each day is tested against the periods once.
  return reader.rows<PeriodRow>(
    `WITH {period_starts:Array(Date)} AS starts, {period_ends:Array(Date)} AS ends
     SELECT period, toString(sum(premium_part)) AS premium_fen_exact, toString(sum(spending_part)) AS spending,
            toString(sum(paid_part)) AS claims_paid_fen_exact, sum(services) AS services
     FROM (SELECT day, sum(premium_part) AS premium_part, sum(spending_part) AS spending_part, sum(paid_part) AS paid_part, sum(services) AS services
           FROM (${days})
           WHERE day >= arrayMin(starts) AND day <= arrayMax(ends)
           GROUP BY day)
     ARRAY JOIN arrayFilter(index -> day >= starts[index] AND day <= ends[index], arrayEnumerate(starts)) AS period
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
 * From the ETL's insured_changes (warehouse/judged-claims.ts): the mandatory enterprises' changes of
 * the region summed per day, then the enterprises insured on each period end are the sum of the
 * changes dated on or before it. One pass over a few rows per enterprise, whatever the number of
 * period ends.
 */
export async function insuredOnPeriodEnds(reader: WarehouseReader, query: TrendQuery): Promise<DayCoverageRow[]> {
  const region = regionFilter(query.region);
  const days = [...new Set(query.periodEnds)].sort();
  return reader.rows<DayCoverageRow>(
    `SELECT day, sumIf(changes, changed_on <= day) AS insured
     FROM (SELECT day AS changed_on, sum(change) AS changes
           FROM ${INSURED_CHANGES.name}
           WHERE status = {operating:String} AND industry IN {high_risk:Array(String)} AND ${region.sql} AND day <= {last_day:Date}
           GROUP BY changed_on)
     ARRAY JOIN {days:Array(Date)} AS day
     GROUP BY day
     HAVING insured > 0`,
    { ...region.params, days, last_day: days.at(-1), operating: 'operating', high_risk: [...query.industries] },
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
