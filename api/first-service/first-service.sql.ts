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
import { firstServiceJudged, firstServiceStatus } from '../../warehouse/judgements';
import { POLICY_FACTS } from '../../warehouse/schema';
import { judgedPolicyPageSql } from '../common/judged-policy.sql';
import type { JudgedPolicyRow } from '../common/judged-policy';
import { countRows } from '../common/paging';
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
  return `addMonths(${startColumn}, ${window.integerSql(window.indexSql(startColumn))})`;
}

/**
 * One row per judged policy with its verdict (\`status\`: on_time, late, missing), read from the
 * judged facts: each policy's earliest service by one of its insurers is derived by the ETL
 * (warehouse/judgements.ts), so a verdict is two comparisons with the window of the rule in force on
 * its start date and with the evaluation day. \`first_service\` is that service when known by the
 * evaluation day.
 */
function verdictsSql(query: FirstServiceQuery, region: string): string {
  const year = query.year === null ? '1' : 'toYear(start_date) = {year:UInt16}';
  const insurer = query.insurerId === null ? '1' : 'has(insurer_ids, {insurer_id:String})';
  const window = windowPeriods(query);
  return `
    SELECT policy_id, policy_no, enterprise_id, county_code, start_date, insurer_ids, window_end, rule_index, rule_id,
           if(earliest <= {as_of:Date}, earliest, NULL) AS first_service,
           ${firstServiceStatus('earliest', 'window_end', '{as_of:Date}')} AS status
    FROM (SELECT policy_id, policy_no, enterprise_id, county_code, start_date, cancelled, insurer_ids, first_service AS earliest,
                 ${window.indexSql('start_date')} AS rule_index, ${window.idSql('rule_index')} AS rule_id, ${windowEndSql(query, 'start_date')} AS window_end
          FROM ${POLICY_FACTS.name}
          WHERE ${region} AND ${year} AND ${insurer})
    WHERE rule_index > 0 AND ${firstServiceJudged('window_end', '{as_of:Date}')}`;
}

function params(query: FirstServiceQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return {
    ...regionParams, ...windowPeriods(query).params, as_of: query.asOf, year: query.year ?? 0,
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
    `SELECT county_code, ${windowPeriods(query).idSql('rule_index')} AS rule_id,
            countIf(status = 'on_time') AS on_time, countIf(status = 'late') AS late, countIf(status = 'missing') AS missing
     FROM (${verdictsSql(query, region.sql)})
     GROUP BY county_code, rule_index`,
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
    `SELECT insurer_id, countIf(status = 'on_time') AS on_time, countIf(status = 'late') AS late, countIf(status = 'missing') AS missing
     FROM (${verdictsSql(query, region.sql)})
     ARRAY JOIN insurer_ids AS insurer_id
     WHERE ${insurer}
     GROUP BY insurer_id
     ORDER BY insurer_id`,
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

export interface FirstServicePolicyRow extends JudgedPolicyRow {
  window_end: string;
  rule_id: string;
  first_service: string | null;
  status: 'on_time' | 'late' | 'missing';
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
    }),
    { ...params(query, region.params), limit: query.limit, offset: query.offset },
  );
}

/** Counts for a filter, for a page past the end (whose rows carry no total). */
export async function firstServiceCount(reader: WarehouseReader, query: FirstServiceQuery & { filter: FirstServiceFilterKey }): Promise<number> {
  const region = regionFilter(query.region);
  return countRows(
    reader, `(${verdictsSql(query, region.sql)}) WHERE ${FIRST_SERVICE_FILTERS[query.filter]}`, params(query, region.params),
  );
}
