/**
 * Death compensation limit (死亡赔偿限额), docs/definitions.md, definition 10: a policy complies
 * when its per-person death limit is at least the floor of the rule in force on its start date (300,000 CNY under the 2024
 * circular, 400,000 CNY from 2025-03-29). Judged: the policies starting in the year that are not
 * cancelled (a cancelled policy gave no cover) and started while a floor rule was in force.
 */
import type { Region } from '../../domain/regions';
import type { Rulebook } from '../../domain/rulebook';
import { POLICY_FACTS } from '../../warehouse/schema';
import { judgedPolicyPageSql } from '../common/judged-policy.sql';
import type { JudgedPolicyRow } from '../common/judged-policy';
import { countRows } from '../common/paging';
import { regionFilter } from '../common/region';
import { rulePeriods, type RulePeriods } from '../common/rule-periods';
import type { WarehouseReader } from '../common/warehouse';

export interface DeathLimitQuery {
  region: Region;
  year: number;
  insurerId: string | null;
  /** The floors the policies are judged against. */
  rulebook: Rulebook;
}

function floorPeriods(query: DeathLimitQuery): RulePeriods {
  return rulePeriods(query.rulebook, 'death_limit_floor', 'floor_rule');
}

/** Read from the judged facts, whose rows carry each policy's insurers: no share is looked up. */
function verdictsSql(query: DeathLimitQuery, region: string): string {
  const insurer = query.insurerId === null ? '1' : 'has(insurer_ids, {insurer_id:String})';
  const floor = floorPeriods(query);
  return `
    SELECT policy_id, policy_no, enterprise_id, county_code, start_date, death_limit_per_person, insurer_ids,
           ${floor.indexSql('start_date')} AS rule_index, ${floor.idSql('rule_index')} AS rule_id,
           ${floor.decimalSql('rule_index')} AS floor,
           death_limit_per_person >= floor AS compliant
    FROM ${POLICY_FACTS.name}
    WHERE NOT cancelled AND ${region} AND toYear(start_date) = {year:UInt16} AND rule_index > 0 AND ${insurer}`;
}

function params(query: DeathLimitQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return { ...regionParams, ...floorPeriods(query).params, year: query.year, insurer_id: query.insurerId ?? '' };
}

export interface CountyDeathLimitRow {
  county_code: string;
  rule_id: string;
  judged: number;
  compliant: number;
}

export async function deathLimitByCounty(reader: WarehouseReader, query: DeathLimitQuery): Promise<CountyDeathLimitRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<CountyDeathLimitRow>(
    `SELECT county_code, ${floorPeriods(query).idSql('rule_index')} AS rule_id, count() AS judged, countIf(compliant) AS compliant
     FROM (${verdictsSql(query, region.sql)})
     GROUP BY county_code, rule_index`,
    params(query, region.params),
  );
}

export interface InsurerDeathLimitRow {
  insurer_id: string;
  judged: number;
  compliant: number;
}

export async function deathLimitByInsurer(reader: WarehouseReader, query: DeathLimitQuery): Promise<InsurerDeathLimitRow[]> {
  const region = regionFilter(query.region);
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  return reader.rows<InsurerDeathLimitRow>(
    `SELECT insurer_id, count() AS judged, countIf(compliant) AS compliant
     FROM (${verdictsSql(query, region.sql)})
     ARRAY JOIN insurer_ids AS insurer_id
     WHERE ${insurer}
     GROUP BY insurer_id
     ORDER BY insurer_id`,
    params(query, region.params),
  );
}

export const DEATH_LIMIT_FILTERS = {
  NOT_COMPLIANT: 'NOT compliant',
  COMPLIANT: 'compliant',
  ALL: '1',
} as const;
export type DeathLimitFilterKey = keyof typeof DEATH_LIMIT_FILTERS;

export interface DeathLimitPolicyRow extends JudgedPolicyRow {
  death_limit: string;
  floor: string;
  rule_id: string;
  compliant: number;
  total: number;
}

export async function deathLimitPage(
  reader: WarehouseReader,
  query: DeathLimitQuery & { filter: DeathLimitFilterKey; limit: number; offset: number },
): Promise<DeathLimitPolicyRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<DeathLimitPolicyRow>(
    judgedPolicyPageSql({
      verdicts: verdictsSql(query, region.sql),
      filter: DEATH_LIMIT_FILTERS[query.filter],
      verdictColumns: 'toString(v.floor) AS floor, toString(v.death_limit_per_person) AS death_limit, v.rule_id AS rule_id, v.compliant AS compliant',
      regionSql: region.sql,
    }),
    { ...params(query, region.params), limit: query.limit, offset: query.offset },
  );
}

export async function deathLimitCount(reader: WarehouseReader, query: DeathLimitQuery & { filter: DeathLimitFilterKey }): Promise<number> {
  const region = regionFilter(query.region);
  return countRows(reader, `(${verdictsSql(query, region.sql)}) WHERE ${DEATH_LIMIT_FILTERS[query.filter]}`, params(query, region.params));
}
