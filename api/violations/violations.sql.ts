/**
 * Services by unqualified third-party providers (docs/definitions.md, definition 12): a service
 * whose provider, on the service date, had no qualification number, no qualified_until day or one before the service date,
 * or is blacklisted (the platform records the blacklist as it stands now, without dates, so it
 * marks every service of that provider). A service without a provider was the insurer's own team.
 */
import type { Region } from '../../domain/regions';
import { ENTERPRISES, PROVIDERS, SERVICES } from '../../warehouse/schema';
import { countRows } from '../common/paging';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface ProviderQuery {
  region: Region;
  year: number;
  insurerId: string | null;
}

export interface UnqualifiedServiceRow {
  service_id: string;
  policy_id: string | null;
  enterprise_id: string;
  enterprise_name: string;
  county_code: string;
  insurer_id: string;
  provider_id: string;
  provider_name: string;
  qualification_no: string | null;
  qualified_until: string | null;
  blacklisted: boolean | number;
  service_date: string;
}

/**
 * Unqualified on the service date, over a service `s` (with `service_date`) joined to its provider `p`
 * (`blacklisted`, `qualification_no`, `qualified_until`).
 */
export const UNQUALIFIED_ON_SERVICE_DATE =
  'p.blacklisted OR p.qualification_no IS NULL OR p.qualified_until IS NULL OR p.qualified_until < s.service_date';

function unqualifiedSql(query: ProviderQuery, region: string): string {
  const insurer = query.insurerId === null ? '1' : 'insurer_id = {insurer_id:String}';
  return `
    SELECT s.id AS service_id, s.policy_id AS policy_id, s.enterprise_id AS enterprise_id, s.county_code AS county_code,
           toString(s.insurer_id) AS insurer_id, s.provider_id AS provider_id, p.name AS provider_name,
           p.qualification_no AS qualification_no, p.qualified_until AS qualified_until, p.blacklisted AS blacklisted,
           s.service_date AS service_date
    FROM (SELECT id, policy_id, enterprise_id, county_code, insurer_id, assumeNotNull(provider_id) AS provider_id, service_date
          FROM ${SERVICES.name}
          WHERE provider_id IS NOT NULL AND toYear(service_date) = {year:UInt16} AND ${region} AND ${insurer}) AS s
    INNER JOIN (SELECT id, any(name) AS name, any(qualification_no) AS qualification_no, any(qualified_until) AS qualified_until,
                       any(blacklisted) AS blacklisted
                FROM ${PROVIDERS.name} GROUP BY id) AS p ON p.id = s.provider_id
    WHERE ${UNQUALIFIED_ON_SERVICE_DATE}`;
}

function params(query: ProviderQuery, regionParams: Record<string, unknown>): Record<string, unknown> {
  return { ...regionParams, year: query.year, insurer_id: query.insurerId ?? '' };
}

export async function unqualifiedServiceCount(reader: WarehouseReader, query: ProviderQuery): Promise<number> {
  const region = regionFilter(query.region);
  return countRows(reader, `(${unqualifiedSql(query, region.sql)})`, params(query, region.params));
}

export async function unqualifiedServicePage(
  reader: WarehouseReader,
  query: ProviderQuery & { limit: number; offset: number },
): Promise<UnqualifiedServiceRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<UnqualifiedServiceRow>(
    `SELECT u.*, e.name AS enterprise_name
     FROM (${unqualifiedSql(query, region.sql)}) AS u
     LEFT JOIN (SELECT id, any(name) AS name FROM ${ENTERPRISES.name} WHERE ${region.sql} GROUP BY id) AS e ON e.id = u.enterprise_id
     ORDER BY u.county_code, u.service_date, u.service_id
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...params(query, region.params), limit: query.limit, offset: query.offset },
  );
}
