/**
 * First service within the window (承诺函第七条), docs/definitions.md, definition 9.
 *
 * A policy is judged when it is not cancelled, a first-service rule was in force on its start date,
 * and its window — start_date .. addMonths(start_date, months of that rule), both ends inclusive,
 * the end clamped like ClickHouse's addMonths (2024-11-30 + 3 months = 2025-02-28) — ended before
 * the evaluation day. It is on time when a prevention service (any kind) for its enterprise by one of
 * its insurers is dated inside the window; late when the first such service came after the window
 * (by the evaluation day); missing when none came at all. Services dated after the evaluation day
 * are not known on it.
 */
import type { Region } from '../../domain/regions';
import type { Rulebook } from '../../domain/rulebook';
import { POLICIES, POLICY_SHARES, SERVICES } from '../../warehouse/schema';
import { judgedPolicyPageSql } from '../common/judged-policy.sql';
import { regionFilter } from '../common/region';
import { rulePeriods, type RulePeriods } from '../common/rule-periods';
import type { WarehouseReader } from '../common/warehouse';

export interface FirstServiceQuery {
  region: Region;
  /** The evaluation day. */
  asOf: string;
  /** Only policies starting in this year; every year when null. */
  year: number | null;
  /** Only policies this insurer holds a share of; every policy when null. */
  insurerId: string | null;
  /** The windows the policies are judged against. */
  rulebook: Rulebook;
}

function windowPeriods(query: FirstServiceQuery): RulePeriods {
  return rulePeriods(query.rulebook, 'first_service_window', 'window_rule');
}

function windowEndSql(query: FirstServiceQuery, startColumn: string): string {
  const window = windowPeriods(query);
  return `addMonths(${startColumn}, toInt32OrZero(${window.valueSql(window.indexSql(startColumn))}))`;
}

/**
 * The judged policies' conditions, on the columns a policy and each of its shares both carry (the ETL
 * copies start_date and cancelled from the policy into its shares), so that `policy_shares` can be
 * narrowed to the shares of judged policies by its own partition and columns, without a lookup of
 * every share's policy id.
 */
function judgedWhere(query: FirstServiceQuery, region: string, policyColumn: string): string {
  const year = query.year === null ? '1' : 'toYear(start_date) = {year:UInt16}';
  const insurer = query.insurerId === null
    ? '1'
    : `${policyColumn} IN (SELECT policy_id FROM ${POLICY_SHARES.name} WHERE insurer_id = {insurer_id:String} AND ${region})`;
  return `NOT cancelled AND ${region} AND ${windowPeriods(query).indexSql('start_date')} > 0 AND ${windowEndSql(query, 'start_date')} < {as_of:Date}
          AND ${year} AND ${insurer}`;
}

/**
 * One row per judged policy with its verdict (\`status\`: on_time, late, missing).
 *
 * Shaped for the national scale: only the shares of judged policies are matched with services, and
 * only the services dated from the first day of the year asked (no judged window opens earlier), so
 * the join's sides are a year's shares and services instead of every share and every service. The
 * shares are the hash join's build side (the right one); the services stream past it.
 */
function verdictsSql(query: FirstServiceQuery, region: string): string {
  const servicesFrom = query.year === null ? '1' : 'service_date >= {year_start:Date}';
  const window = windowPeriods(query);
  return `
    SELECT p.policy_id AS policy_id, p.policy_no AS policy_no, p.enterprise_id AS enterprise_id, p.county_code AS county_code,
           p.start_date AS start_date, p.window_end AS window_end, p.rule_id AS rule_id,
           s.first_in_window AS first_in_window, s.first_service AS first_service,
           multiIf(s.first_in_window IS NOT NULL, 'on_time', s.first_service IS NOT NULL, 'late', 'missing') AS status
    FROM (
      SELECT id AS policy_id, policy_no, enterprise_id, county_code, start_date,
             ${window.idSql(window.indexSql('start_date'))} AS rule_id, ${windowEndSql(query, 'start_date')} AS window_end
      FROM ${POLICIES.name}
      WHERE ${judgedWhere(query, region, 'id')}
    ) AS p
    LEFT JOIN (
      SELECT sh.policy_id AS policy_id,
             minIfOrNull(sv.service_date, sv.service_date <= sh.window_end) AS first_in_window,
             minOrNull(sv.service_date) AS first_service
      FROM (SELECT enterprise_id, insurer_id, service_date FROM ${SERVICES.name}
            WHERE service_date <= {as_of:Date} AND ${servicesFrom} AND ${region}) AS sv
      INNER JOIN (SELECT policy_id, enterprise_id, insurer_id, start_date, ${windowEndSql(query, 'start_date')} AS window_end
                  FROM ${POLICY_SHARES.name} WHERE ${judgedWhere(query, region, 'policy_id')}) AS sh
        ON sv.enterprise_id = sh.enterprise_id AND sv.insurer_id = sh.insurer_id
      WHERE sv.service_date >= sh.start_date
      GROUP BY sh.policy_id
    ) AS s ON s.policy_id = p.policy_id`;
}

function params(query: FirstServiceQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return {
    ...regionParams, ...windowPeriods(query).params, as_of: query.asOf, year: query.year ?? 0, year_start: `${query.year ?? 1970}-01-01`,
    insurer_id: query.insurerId ?? '',
  };
}

export interface CountyFirstServiceRow {
  county_code: string;
  rule_id: string;
  on_time: number;
  late: number;
  missing: number;
}

export async function firstServiceByCounty(reader: WarehouseReader, query: FirstServiceQuery): Promise<CountyFirstServiceRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<CountyFirstServiceRow>(
    `SELECT county_code, rule_id, countIf(status = 'on_time') AS on_time, countIf(status = 'late') AS late, countIf(status = 'missing') AS missing
     FROM (${verdictsSql(query, region.sql)})
     GROUP BY county_code, rule_id
     SETTINGS join_use_nulls = 1`,
    params(query, region.params),
  );
}

export interface InsurerFirstServiceRow {
  insurer_id: string;
  on_time: number;
  late: number;
  missing: number;
}

/** Each judged policy under every insurer holding a share of it; the verdict stays the policy's. */
export async function firstServiceByInsurer(reader: WarehouseReader, query: FirstServiceQuery): Promise<InsurerFirstServiceRow[]> {
  const region = regionFilter(query.region);
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  return reader.rows<InsurerFirstServiceRow>(
    `SELECT i.insurer_id AS insurer_id, countIf(v.status = 'on_time') AS on_time, countIf(v.status = 'late') AS late,
            countIf(v.status = 'missing') AS missing
     FROM (${verdictsSql(query, region.sql)}) AS v
     INNER JOIN (SELECT DISTINCT policy_id, insurer_id FROM ${POLICY_SHARES.name}
                 WHERE ${judgedWhere(query, region.sql, 'policy_id')} AND ${insurer}) AS i
       ON i.policy_id = v.policy_id
     GROUP BY insurer_id
     ORDER BY insurer_id
     SETTINGS join_use_nulls = 1`,
    params(query, region.params),
  );
}

/** Which verdicts a list shows: the only SQL a client can choose. */
export const FIRST_SERVICE_FILTERS = {
  LATE_OR_MISSING: "status IN ('late', 'missing')",
  LATE: "status = 'late'",
  MISSING: "status = 'missing'",
  ON_TIME: "status = 'on_time'",
  ALL: '1',
} as const;
export type FirstServiceFilterKey = keyof typeof FIRST_SERVICE_FILTERS;

export interface FirstServicePolicyRow {
  policy_id: string;
  policy_no: string;
  enterprise_id: string;
  enterprise_name: string;
  county_code: string;
  start_date: string;
  window_end: string;
  rule_id: string;
  first_service: string | null;
  status: 'on_time' | 'late' | 'missing';
  insurer_ids: string[];
  total: number;
}

export async function firstServicePage(
  reader: WarehouseReader,
  query: FirstServiceQuery & { filter: FirstServiceFilterKey; limit: number; offset: number },
): Promise<FirstServicePolicyRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<FirstServicePolicyRow>(
    judgedPolicyPageSql({
      verdicts: verdictsSql(query, region.sql),
      filter: FIRST_SERVICE_FILTERS[query.filter],
      verdictColumns: 'v.window_end AS window_end, v.rule_id AS rule_id, v.first_service AS first_service, v.status AS status',
      regionSql: region.sql,
      sharesWhere: query.year === null ? '1' : 'toYear(start_date) = {year:UInt16}',
      settings: 'join_use_nulls = 1',
    }),
    { ...params(query, region.params), limit: query.limit, offset: query.offset },
  );
}

/** Counts for a filter, for a page past the end (whose rows carry no total). */
export async function firstServiceCount(reader: WarehouseReader, query: FirstServiceQuery & { filter: FirstServiceFilterKey }): Promise<number> {
  const region = regionFilter(query.region);
  const rows = await reader.rows<{ total: number }>(
    `SELECT count() AS total FROM (${verdictsSql(query, region.sql)}) WHERE ${FIRST_SERVICE_FILTERS[query.filter]} SETTINGS join_use_nulls = 1`,
    params(query, region.params),
  );
  return rows[0]?.total ?? 0;
}
