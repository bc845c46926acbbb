/**
 * All-employee coverage (全员投保), docs/definitions.md, definition 15 (art. 16 of 应急〔2025〕27号), the
 * definition's only spelling: the annual report and the periodic evaluation both read it here.
 *
 * For an insurer, an enterprise and a period: the policies of the enterprise the insurer holds a share
 * of that are active on at least one day of the period (not cancelled), and the largest insured_persons
 * among them against the enterprise's employees. The enterprise is short when that largest figure is
 * below its employees; it is unknown when either figure is missing, and counted apart, never as
 * covered. Rate = enterprises not short / enterprises with both figures known.
 *
 * Several periods are read at once (bound as arrays of first and last days), each row tagged with
 * the 1-based position of its period, as the evaluation asks for a period and the ones it is compared with.
 */
import type { Region } from '../../domain/regions';
import { activeSomeDayBetween } from '../../warehouse/judgements';
import { ENTERPRISES, POLICIES, POLICY_SHARES } from '../../warehouse/schema';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

/** A period: its first and last day, both inclusive. */
export interface AllEmployeePeriod {
  from: string;
  to: string;
}

export interface AllEmployeeQuery {
  region: Region;
  periods: readonly AllEmployeePeriod[];
  /** One insurer, or null for every insurer (each enterprise then counts under each of its insurers). */
  insurerId: string | null;
}

const FROM = '{ae_from:Array(Date)}';
const TO = '{ae_to:Array(Date)}';

/**
 * One row per period, insurer and enterprise: the enterprise's city and county, its name, its
 * employees, the largest insured_persons of the insurer's policies active in the period, and the
 * verdict `is_short` (1 short, 0 not, NULL when a figure is unknown). Run with join_use_nulls = 1.
 */
function enterpriseVerdictsSql(query: AllEmployeeQuery, region: string): string {
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {ae_insurer_id:String}';
  const activeInPeriod = activeSomeDayBetween(`${FROM}[i]`, `${TO}[i]`);
  const activeInAny = activeSomeDayBetween('{ae_min:Date}', '{ae_max:Date}');
  return `
    SELECT c.period AS period, c.insurer_id AS insurer_id, c.enterprise_id AS enterprise_id, c.city_code AS city_code,
           c.county_code AS county_code, e.name AS name, e.employees AS employees, c.insured_persons AS insured_persons,
           if(e.employees IS NULL OR c.insured_persons IS NULL, NULL, c.insured_persons < e.employees) AS is_short
    FROM (SELECT sh.period AS period, sh.insurer_id AS insurer_id, sh.enterprise_id AS enterprise_id,
                 any(sh.city_code) AS city_code, any(sh.county_code) AS county_code, max(pol.insured_persons) AS insured_persons
          FROM (SELECT policy_id, toString(insurer_id) AS insurer_id, enterprise_id, city_code, county_code,
                       arrayJoin(arrayFilter(i -> ${activeInPeriod}, range(1, toUInt32(length(${FROM}) + 1)))) AS period
                FROM ${POLICY_SHARES.name}
                WHERE ${activeInAny} AND ${region} AND ${insurer}) AS sh
          INNER JOIN (SELECT id, any(insured_persons) AS insured_persons FROM ${POLICIES.name}
                      WHERE ${activeInAny} AND ${region} GROUP BY id) AS pol ON pol.id = sh.policy_id
          GROUP BY period, insurer_id, enterprise_id) AS c
    LEFT JOIN (SELECT id, any(name) AS name, any(employees) AS employees FROM ${ENTERPRISES.name} WHERE ${region} GROUP BY id) AS e
      ON e.id = c.enterprise_id`;
}

function params(query: AllEmployeeQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  const froms = query.periods.map((period) => period.from);
  const tos = query.periods.map((period) => period.to);
  return {
    ...regionParams, ae_from: froms, ae_to: tos, ae_min: [...froms].sort()[0], ae_max: [...tos].sort().reverse()[0],
    ae_insurer_id: query.insurerId ?? '',
  };
}

function yearQuery(query: YearQuery): AllEmployeeQuery {
  return { region: query.region, insurerId: query.insurerId, periods: [{ from: `${query.year}-01-01`, to: `${query.year}-12-31` }] };
}

export interface AllEmployeeTallyRow {
  period: number;
  insurer_id: string;
  city_code: string;
  /** Enterprises with both figures known. */
  known: number;
  not_short: number;
  /** Enterprises with an active policy whose employees or insured persons are unknown. */
  unknown: number;
}

/** The counts per period, insurer and city of the enterprise (cities add up to any region's counts). */
export async function allEmployeeTallies(reader: WarehouseReader, query: AllEmployeeQuery): Promise<AllEmployeeTallyRow[]> {
  if (query.periods.length === 0) return [];
  const region = regionFilter(query.region, 'ae_region');
  return reader.rows<AllEmployeeTallyRow>(
    `SELECT period, insurer_id, city_code, countIf(is_short IS NOT NULL) AS known, countIf(is_short = 0) AS not_short,
            countIf(is_short IS NULL) AS unknown
     FROM (${enterpriseVerdictsSql(query, region.sql)})
     GROUP BY period, insurer_id, city_code
     SETTINGS join_use_nulls = 1`,
    params(query, region.params),
  );
}

export interface YearQuery {
  region: Region;
  year: number;
  insurerId: string;
}

export interface AllEmployeeFigures {
  /** Enterprises with both figures known. */
  known: number;
  short: number;
  /** Enterprises with an active policy whose employees or insured persons are unknown. */
  unknown: number;
}

/** One insurer's counts for a calendar year (the annual report). */
export async function allEmployeeFigures(reader: WarehouseReader, query: YearQuery): Promise<AllEmployeeFigures> {
  const rows = await allEmployeeTallies(reader, yearQuery(query));
  return rows.reduce((sum, row) => ({
    known: sum.known + Number(row.known),
    short: sum.short + Number(row.known) - Number(row.not_short),
    unknown: sum.unknown + Number(row.unknown),
  }), { known: 0, short: 0, unknown: 0 });
}

export interface AllEmployeeRow {
  enterprise_id: string;
  name: string;
  county_code: string;
  employees: number;
  /** The largest insured_persons on an active policy of the insurer. */
  insured_persons: number;
}

/** The enterprises one insurer left short of all-employee cover in a year, by county and name. */
export async function allEmployeeShort(reader: WarehouseReader, query: YearQuery & { limit: number }): Promise<AllEmployeeRow[]> {
  const region = regionFilter(query.region, 'ae_region');
  return reader.rows<AllEmployeeRow>(
    `SELECT enterprise_id, name, county_code, employees, insured_persons
     FROM (${enterpriseVerdictsSql(yearQuery(query), region.sql)}) WHERE is_short = 1
     ORDER BY county_code, name, enterprise_id LIMIT {limit:UInt32} SETTINGS join_use_nulls = 1`,
    { ...params(yearQuery(query), region.params), limit: query.limit },
  );
}
