/**
 * Claims timeliness, docs/definitions.md, definition 16:
 * - a decided claim (paid or denied, decided in year Y as claims.sql.ts counts it) is timely when
 *   settled_on − reported_on ≤ 30 days. 保险法 art. 23 counts the 30 days from complete documents,
 *   which the data does not hold: the report day stands in for them, and the figure is a proxy;
 * - an open claim reported more than 60 days before the evaluation day is overdue (保险法 art. 25:
 *   advance payment of the amount that can be determined within 60 days of complete documents).
 *   Open on a day means reported by then and not decided by then, and a period's open claims are
 *   judged on its last day once it has ended (the evaluation day while it runs), so that a report on
 *   a closed year reads the same whatever day it is produced. The annual report and the periodic
 *   evaluation both judge them with the conditions below.
 * With an insurer, the claims of the policies it holds a share of.
 */
import type { Region } from '../../domain/regions';
import { CLAIMS, ENTERPRISES, POLICY_SHARES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

/** 保险法 art. 23 (read from the report day: a proxy). */
export const TIMELY_SETTLEMENT_DAYS = 30;
/** 保险法 art. 25. */
export const OVERDUE_OPEN_DAYS = 60;

/**
 * The day the open claims of a period ending on `periodEnd` are judged on, on the evaluation day
 * `asOf`: the period's last day once it has ended, the evaluation day while it runs.
 */
export function openClaimsJudgedOn(periodEnd: string, asOf: string): string {
  return asOf < periodEnd ? asOf : periodEnd;
}

/** Open on `day` (an SQL Date), on a claims row: reported by then, and still open or paid or denied after it. */
export function openOn(day: string): string {
  return `(reported_on <= ${day} AND (status = 'open' OR (status IN ('paid', 'denied') AND settled_on > ${day})))`;
}

/** Overdue on `day` (an SQL Date): open then and reported more than 60 days before it. Binds {overdue_days:UInt32}. */
export function overdueOn(day: string): string {
  return `(${openOn(day)} AND dateDiff('day', reported_on, ${day}) > {overdue_days:UInt32})`;
}

export interface TimelinessQuery {
  region: Region;
  year: number;
  insurerId: string | null;
  /** The day the year's open claims are judged on: {@link openClaimsJudgedOn}. */
  judgedOn: string;
}

function claimsOf(query: TimelinessQuery, region: string): string {
  return query.insurerId === null
    ? '1'
    : `policy_id IN (SELECT policy_id FROM ${POLICY_SHARES.name} WHERE insurer_id = {insurer_id:String} AND ${region})`;
}

function params(query: TimelinessQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return {
    ...regionParams, year: query.year, insurer_id: query.insurerId ?? '', judged_on: query.judgedOn,
    timely_days: TIMELY_SETTLEMENT_DAYS, overdue_days: OVERDUE_OPEN_DAYS,
  };
}

export interface TimelinessRow {
  /** Decided in the year with a settlement day. */
  decided: number;
  timely: number;
  /** Claims open and overdue on the judging day. */
  overdue_open: number;
}

export async function claimsTimeliness(reader: WarehouseReader, query: TimelinessQuery): Promise<TimelinessRow> {
  const region = regionFilter(query.region);
  const decided = "status IN ('paid', 'denied') AND settled_on IS NOT NULL AND toYear(settled_on) = {year:UInt16}";
  const [row] = await reader.rows<TimelinessRow>(
    `SELECT countIf(${decided}) AS decided,
            countIf(${decided} AND dateDiff('day', reported_on, assumeNotNull(settled_on)) <= {timely_days:UInt32}) AS timely,
            countIf(${overdueOn('{judged_on:Date}')}) AS overdue_open
     FROM ${CLAIMS.name} WHERE ${region.sql} AND ${claimsOf(query, region.sql)}`,
    params(query, region.params),
  );
  return row ?? { decided: 0, timely: 0, overdue_open: 0 };
}

export interface OverdueClaimRow {
  id: string;
  policy_id: string;
  enterprise_id: string;
  enterprise_name: string;
  county_code: string;
  reported_on: string;
  days_open: number;
  claimed_amount: string;
}

export async function overdueOpenClaims(reader: WarehouseReader, query: TimelinessQuery & { limit: number }): Promise<OverdueClaimRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<OverdueClaimRow>(
    `SELECT c.id AS id, c.policy_id AS policy_id, c.enterprise_id AS enterprise_id, e.name AS enterprise_name, c.county_code AS county_code,
            c.reported_on AS reported_on, dateDiff('day', c.reported_on, {judged_on:Date}) AS days_open, toString(c.claimed_amount) AS claimed_amount
     FROM (SELECT * FROM ${CLAIMS.name}
           WHERE ${region.sql} AND ${claimsOf(query, region.sql)} AND ${overdueOn('{judged_on:Date}')}) AS c
     LEFT JOIN (SELECT id, any(name) AS name FROM ${ENTERPRISES.name} WHERE ${region.sql} GROUP BY id) AS e ON e.id = c.enterprise_id
     ORDER BY c.reported_on, c.id LIMIT {limit:UInt32}`,
    { ...params(query, region.params), limit: query.limit },
  );
}
