/**
 * The facts behind one enterprise or one insurer, narrowed to what the viewer may see: a city
 * account the rows of its own city, an insurer account the policies it holds a share of, its own
 * services and the claims on its policies. A list may be narrowed to a year as the indicators count
 * it: policies by start date (premium received), services by service date, claims by reported day.
 * Services and claims dated after today are not facts yet (a service planned, a date mistyped) and
 * are left out; a policy starting later is a contract already signed and stays.
 */
import { CLAIMS, ENTERPRISES, INSURERS, POLICIES, POLICY_SHARES, PROVIDERS, SERVICES } from '../../warehouse/schema';
import { countRows } from '../common/paging';
import type { WarehouseReader } from '../common/warehouse';

/** Whose records a list shows. */
export type Subject = { enterpriseId: string } | { insurerId: string };

/** What the viewer may see: null means no narrowing. */
export interface EntityScope {
  cityCode: string | null;
  insurerId: string | null;
}

const sharedBy = (param: string): string => `SELECT policy_id FROM ${POLICY_SHARES.name} WHERE insurer_id = {${param}:String}`;

/** Which days of a list: the year (null: every year), and today, after which services and claims are not facts yet. */
export interface ListDays {
  year: number | null;
  today: string;
}

function params(subject: Subject, scope: EntityScope, days: ListDays): Record<string, unknown> {
  return {
    subject_enterprise: 'enterpriseId' in subject ? subject.enterpriseId : '',
    subject_insurer: 'insurerId' in subject ? subject.insurerId : '',
    scope_city: scope.cityCode ?? '',
    scope_insurer: scope.insurerId ?? '',
    year: days.year ?? 0,
    today: days.today,
  };
}

const LISTS = {
  policies: { table: POLICIES.name, policyColumn: 'id', insurerColumn: null, dateColumn: 'start_date', dated: false },
  services: { table: SERVICES.name, policyColumn: 'policy_id', insurerColumn: 'insurer_id', dateColumn: 'service_date', dated: true },
  claims: { table: CLAIMS.name, policyColumn: 'policy_id', insurerColumn: null, dateColumn: 'reported_on', dated: true },
} as const;

type List = keyof typeof LISTS;

/** WHERE conditions for a list's table. */
function conditions(list: List, subject: Subject, scope: EntityScope, days: ListDays): string {
  const { policyColumn, insurerColumn, dateColumn, dated } = LISTS[list];
  const parts = ['enterpriseId' in subject
    ? 'enterprise_id = {subject_enterprise:String}'
    : insurerColumn ? `${insurerColumn} = {subject_insurer:String}` : `${policyColumn} IN (${sharedBy('subject_insurer')})`];
  if (scope.cityCode !== null) parts.push('city_code = {scope_city:String}');
  if (scope.insurerId !== null) {
    parts.push(insurerColumn ? `${insurerColumn} = {scope_insurer:String}` : `${policyColumn} IN (${sharedBy('scope_insurer')})`);
  }
  if (days.year !== null) parts.push(`toYear(${dateColumn}) = {year:UInt16}`);
  if (dated) parts.push(`${dateColumn} <= {today:Date}`);
  return parts.join(' AND ');
}

export interface EnterpriseFactsRow {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  size: string;
  county_code: string;
  city_code: string;
  status: string;
  risk_level: string;
  standardization_grade: string | null;
  employees: number | null;
}

export async function enterpriseFacts(reader: WarehouseReader, id: string): Promise<EnterpriseFactsRow | undefined> {
  const rows = await reader.rows<EnterpriseFactsRow>(
    `SELECT id, uscc, name, industry, size, county_code, city_code, status, risk_level, standardization_grade, employees
     FROM ${ENTERPRISES.name} WHERE id = {id:String} LIMIT 1`,
    { id },
  );
  return rows[0];
}

export interface CoverStateRow {
  /** Policies, not cancelled, in force on the day. */
  active: number;
  /** The end of the latest such policy that had started by the day; null: none ever gave cover. */
  last_policy_end: string | null;
}

/** Whether the enterprise is insured on a day, as coverage counts it (docs/definitions.md, definition 2), from all its policies. */
export async function coverState(reader: WarehouseReader, enterpriseId: string, day: string): Promise<CoverStateRow> {
  const rows = await reader.rows<CoverStateRow>(
    `SELECT countIf(end_date >= {day:Date}) AS active, if(count() = 0, NULL, toString(max(end_date))) AS last_policy_end
     FROM ${POLICIES.name} WHERE enterprise_id = {id:String} AND NOT cancelled AND start_date <= {day:Date}`,
    { id: enterpriseId, day },
  );
  return rows[0] ?? { active: 0, last_policy_end: null };
}

/** Whether an insurer ever held a share of one of the enterprise's policies. */
export async function insures(reader: WarehouseReader, insurerId: string, enterpriseId: string): Promise<boolean> {
  const rows = await reader.rows<{ found: number }>(
    `SELECT count() AS found FROM ${POLICY_SHARES.name} WHERE insurer_id = {insurer_id:String} AND enterprise_id = {enterprise_id:String}`,
    { insurer_id: insurerId, enterprise_id: enterpriseId },
  );
  return (rows[0]?.found ?? 0) > 0;
}

export interface InsurerFactsRow {
  id: string;
  name: string;
  filed_on: string | null;
}

export async function insurerFacts(reader: WarehouseReader, id: string): Promise<InsurerFactsRow | undefined> {
  const rows = await reader.rows<InsurerFactsRow>(`SELECT id, name, filed_on FROM ${INSURERS.name} WHERE id = {id:String} LIMIT 1`, { id });
  return rows[0];
}

/**
 * The filing day of each insurer asked for, in one query for a whole list of insurers (the latest
 * version of each register row); an id missing from the register is missing from the map.
 */
export async function insurerFilings(reader: WarehouseReader, ids: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await reader.rows<{ id: string; filed_on: string | null }>(
    `SELECT id, argMax(filed_on, updated_at) AS filed_on FROM ${INSURERS.name} WHERE id IN {ids:Array(String)} GROUP BY id`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.filed_on]));
}

/**
 * A page of a list with the enterprise names beside it: the names are joined once for the page from
 * the enterprises the subject's list names, not looked up per row. A join that preserves no order
 * needs the page's order again outside it.
 */
function withEnterpriseNames(page: string, table: string, where: string, orderBy: string): string {
  return `
    SELECT listed.*, e.name AS enterprise_name
    FROM (${page}) AS listed
    LEFT JOIN (SELECT id, any(name) AS name FROM ${ENTERPRISES.name}
               WHERE id IN (SELECT enterprise_id FROM ${table} WHERE ${where}) GROUP BY id) AS e ON e.id = listed.enterprise_id
    ORDER BY ${orderBy}`;
}

export interface PolicyRow {
  id: string;
  policy_no: string;
  enterprise_id: string;
  /** Empty when the enterprise is missing from the register. */
  enterprise_name: string;
  county_code: string;
  start_date: string;
  end_date: string;
  premium: string;
  premium_received: string;
  death_limit_per_person: string;
  insured_persons: number | null;
  cancelled: boolean;
  /** [insurer id, share percent] pairs, by insurer id. */
  shares: Array<[string, string]>;
  total: number;
}

export async function policyPage(reader: WarehouseReader, subject: Subject, scope: EntityScope, days: ListDays, limit: number, offset: number): Promise<PolicyRow[]> {
  const where = conditions('policies', subject, scope, days);
  return reader.rows<PolicyRow>(
    withEnterpriseNames(`SELECT p.id AS id, p.policy_no AS policy_no, p.enterprise_id AS enterprise_id, p.county_code AS county_code,
            p.start_date AS start_date, p.end_date AS end_date, toString(p.premium) AS premium,
            toString(p.premium_received) AS premium_received, toString(p.death_limit_per_person) AS death_limit_per_person,
            p.insured_persons AS insured_persons, p.cancelled AS cancelled, s.shares AS shares, count() OVER () AS total
     FROM (SELECT * FROM ${POLICIES.name} WHERE ${where}) AS p
     LEFT JOIN (SELECT policy_id, arraySort(groupArray((toString(insurer_id), toString(share_percent)))) AS shares
                FROM ${POLICY_SHARES.name} GROUP BY policy_id) AS s ON s.policy_id = p.id
     ORDER BY p.start_date DESC, p.id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`, POLICIES.name, where, 'listed.start_date DESC, listed.id'),
    { ...params(subject, scope, days), limit, offset },
  );
}

export interface ServiceRow {
  id: string;
  policy_id: string | null;
  enterprise_id: string;
  enterprise_name: string;
  county_code: string;
  insurer_id: string;
  provider_id: string | null;
  /** Null for the insurer's own team, or a provider missing from the register. */
  provider_name: string | null;
  kind: string;
  service_date: string;
  cost: string;
  hazards_found: number;
  hazards_rectified: number;
  total: number;
}

export async function servicePage(reader: WarehouseReader, subject: Subject, scope: EntityScope, days: ListDays, limit: number, offset: number): Promise<ServiceRow[]> {
  const where = conditions('services', subject, scope, days);
  const rows = await reader.rows<Omit<ServiceRow, 'provider_name'>>(
    withEnterpriseNames(`SELECT id, policy_id, enterprise_id, county_code, toString(insurer_id) AS insurer_id, provider_id, kind, service_date,
            toString(cost) AS cost, hazards_found, hazards_rectified, count() OVER () AS total
     FROM ${SERVICES.name} WHERE ${where}
     ORDER BY service_date DESC, id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`, SERVICES.name, where, 'listed.service_date DESC, listed.id'),
    { ...params(subject, scope, days), limit, offset },
  );
  // The providers of one page are few: their names in one read, by id.
  const ids = [...new Set(rows.map((row) => row.provider_id).filter((id): id is string => id !== null))];
  const names = ids.length === 0 ? [] : await reader.rows<{ id: string; name: string }>(
    `SELECT id, any(name) AS name FROM ${PROVIDERS.name} WHERE id IN {ids:Array(String)} GROUP BY id`,
    { ids },
  );
  const nameOf = new Map(names.map((row) => [row.id, row.name]));
  return rows.map((row) => ({ ...row, provider_name: row.provider_id === null ? null : nameOf.get(row.provider_id) ?? null }));
}

export interface ClaimRow {
  id: string;
  policy_id: string;
  enterprise_id: string;
  enterprise_name: string;
  county_code: string;
  accident_date: string | null;
  reported_on: string;
  deaths: number;
  injuries: number;
  claimed_amount: string;
  paid_amount: string | null;
  status: string;
  settled_on: string | null;
  denial_reason: string | null;
  total: number;
}

export async function claimPage(reader: WarehouseReader, subject: Subject, scope: EntityScope, days: ListDays, limit: number, offset: number): Promise<ClaimRow[]> {
  const where = conditions('claims', subject, scope, days);
  return reader.rows<ClaimRow>(
    withEnterpriseNames(`SELECT id, policy_id, enterprise_id, county_code, accident_date, reported_on, deaths, injuries, toString(claimed_amount) AS claimed_amount,
            if(paid_amount IS NULL, NULL, toString(paid_amount)) AS paid_amount, status, settled_on, denial_reason, count() OVER () AS total
     FROM ${CLAIMS.name} WHERE ${where}
     ORDER BY reported_on DESC, id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`, CLAIMS.name, where, 'listed.reported_on DESC, listed.id'),
    { ...params(subject, scope, days), limit, offset },
  );
}

/** Rows of a list in all pages, for a page past the end (whose rows carry no total). */
export async function listCount(reader: WarehouseReader, list: List, subject: Subject, scope: EntityScope, days: ListDays): Promise<number> {
  return countRows(reader, `${LISTS[list].table} WHERE ${conditions(list, subject, scope, days)}`, params(subject, scope, days));
}

export interface EnterpriseHitRow {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  status: string;
  county_code: string;
  total: number;
}

/**
 * Enterprises whose name contains the text (any case) or whose 统一社会信用代码 starts with it, an exact
 * code first, then by name; a city account searches its own city, an insurer account the enterprises
 * it has held a share of a policy of (the enterprises it may open).
 */
function searchSql(scope: EntityScope): string {
  const parts = ['(positionCaseInsensitiveUTF8(name, {text:String}) > 0 OR startsWith(uscc, {uscc_prefix:String}))'];
  if (scope.cityCode !== null) parts.push('city_code = {scope_city:String}');
  if (scope.insurerId !== null) parts.push(`id IN (SELECT enterprise_id FROM ${POLICY_SHARES.name} WHERE insurer_id = {scope_insurer:String})`);
  return `SELECT id, uscc, name, industry, status, county_code FROM ${ENTERPRISES.name} WHERE ${parts.join(' AND ')}`;
}

function searchParams(text: string, scope: EntityScope): Record<string, unknown> {
  return { text, uscc_prefix: text.toUpperCase(), scope_city: scope.cityCode ?? '', scope_insurer: scope.insurerId ?? '' };
}

export async function enterpriseSearchPage(
  reader: WarehouseReader, text: string, scope: EntityScope, limit: number, offset: number,
): Promise<EnterpriseHitRow[]> {
  return reader.rows<EnterpriseHitRow>(
    `SELECT *, count() OVER () AS total FROM (${searchSql(scope)})
     ORDER BY uscc = {uscc_prefix:String} DESC, name ASC, id ASC
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...searchParams(text, scope), limit, offset },
  );
}

export async function enterpriseSearchCount(reader: WarehouseReader, text: string, scope: EntityScope): Promise<number> {
  return countRows(reader, `(${searchSql(scope)})`, searchParams(text, scope));
}
