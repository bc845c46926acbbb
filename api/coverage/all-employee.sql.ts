/**
 * All-employee coverage (全员投保), docs/definitions.md, definition 15 (art. 16 of 应急〔2025〕27号): for
 * the policies of an enterprise active in year Y (not cancelled, at least one day in Y), its largest
 * insured_persons against its employees. An enterprise is short when that largest figure is below its
 * employees; the rate is enterprises not short / enterprises with both figures known.
 *
 * With an insurer, the policies are those it holds a share of (what it insured of the enterprise).
 */
import type { Region } from '../../domain/regions';
import { activeSomeDayBetween } from '../../warehouse/judgements';
import { ENTERPRISES, POLICIES, POLICY_SHARES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface AllEmployeeQuery {
  region: Region;
  year: number;
  insurerId: string | null;
}

export interface AllEmployeeRow {
  enterprise_id: string;
  name: string;
  county_code: string;
  employees: number | null;
  /** The largest insured_persons on an active policy; null when no policy gives it. */
  insured_persons: number | null;
  /** 1 short, 0 not, null when a figure is unknown. */
  is_short: number | null;
}

function enterprisesSql(query: AllEmployeeQuery, region: string): string {
  const insurer = query.insurerId === null ? '1' : `id IN (SELECT policy_id FROM ${POLICY_SHARES.name} WHERE insurer_id = {insurer_id:String} AND ${region})`;
  return `
    SELECT p.enterprise_id AS enterprise_id, e.name AS name, p.county_code AS county_code, e.employees AS employees,
           p.insured_persons AS insured_persons,
           if(e.employees IS NULL OR p.insured_persons IS NULL, NULL, p.insured_persons < e.employees) AS is_short
    FROM (SELECT enterprise_id, any(county_code) AS county_code, max(insured_persons) AS insured_persons
          FROM ${POLICIES.name}
          WHERE ${activeSomeDayBetween('{year_start:Date}', '{year_end:Date}')} AND ${region} AND ${insurer}
          GROUP BY enterprise_id) AS p
    LEFT JOIN (SELECT id, any(name) AS name, any(employees) AS employees FROM ${ENTERPRISES.name} WHERE ${region} GROUP BY id) AS e
      ON e.id = p.enterprise_id`;
}

function params(query: AllEmployeeQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return { ...regionParams, year_start: `${query.year}-01-01`, year_end: `${query.year}-12-31`, insurer_id: query.insurerId ?? '' };
}

export interface AllEmployeeFigures {
  /** Enterprises with both figures known. */
  known: number;
  short: number;
  /** Enterprises with an active policy whose employees or insured persons are unknown. */
  unknown: number;
}

export async function allEmployeeFigures(reader: WarehouseReader, query: AllEmployeeQuery): Promise<AllEmployeeFigures> {
  const region = regionFilter(query.region, 'ae_region');
  const [row] = await reader.rows<AllEmployeeFigures>(
    `SELECT countIf(is_short IS NOT NULL) AS known, countIf(is_short = 1) AS short, countIf(is_short IS NULL) AS unknown
     FROM (${enterprisesSql(query, region.sql)}) SETTINGS join_use_nulls = 1`,
    params(query, region.params),
  );
  return row ?? { known: 0, short: 0, unknown: 0 };
}

/** The enterprises short of all-employee cover, by county and name. */
export async function allEmployeeShort(reader: WarehouseReader, query: AllEmployeeQuery & { limit: number }): Promise<AllEmployeeRow[]> {
  const region = regionFilter(query.region, 'ae_region');
  return reader.rows<AllEmployeeRow>(
    `SELECT * FROM (${enterprisesSql(query, region.sql)}) WHERE is_short = 1
     ORDER BY county_code, name, enterprise_id LIMIT {limit:UInt32} SETTINGS join_use_nulls = 1`,
    { ...params(query, region.params), limit: query.limit },
  );
}
