/**
 * Insurer filings (资料报送), docs/definitions.md, definition 13: the items of 附件1 each insurer's
 * filing has delivered, with the day each was received, and the policies an insurer wrote (holds a
 * share of) starting before its filing was complete.
 */
import { INSURER_FILINGS, POLICY_SHARES } from '../../warehouse/schema';
import type { Region } from '../../domain/regions';
import { regionFilter } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';

export interface FilingItemRow {
  insurer_id: string;
  item: string;
  received_on: string;
}

/** Every item received, for the insurers asked for, in one query. */
export async function filingItems(reader: WarehouseReader, insurerIds: readonly string[]): Promise<FilingItemRow[]> {
  return reader.rows<FilingItemRow>(
    `SELECT toString(insurer_id) AS insurer_id, toString(item) AS item, received_on
     FROM ${INSURER_FILINGS.name} WHERE insurer_id IN {ids:Array(String)} ORDER BY insurer_id, item`,
    { ids: insurerIds },
  );
}

export interface PolicyBeforeFilingRow {
  policy_id: string;
  enterprise_id: string;
  county_code: string;
  start_date: string;
}

/**
 * The policies starting in the year that the insurer holds a share of, started before `completeOn`
 * (null: the filing is not complete, so every one of them).
 */
export async function policiesBeforeFiling(
  reader: WarehouseReader, query: { insurerId: string; year: number; region: Region; completeOn: string | null; limit: number },
): Promise<{ total: number; rows: PolicyBeforeFilingRow[] }> {
  const region = regionFilter(query.region);
  const before = query.completeOn === null ? '1' : 'start_date < {complete_on:Date}';
  const rows = await reader.rows<PolicyBeforeFilingRow & { total: number }>(
    `SELECT policy_id, enterprise_id, county_code, start_date, count() OVER () AS total
     FROM ${POLICY_SHARES.name}
     WHERE insurer_id = {insurer_id:String} AND toYear(start_date) = {year:UInt16} AND ${before} AND ${region.sql}
     ORDER BY start_date, policy_id LIMIT {limit:UInt32}`,
    { ...region.params, insurer_id: query.insurerId, year: query.year, complete_on: query.completeOn ?? '1970-01-01', limit: query.limit },
  );
  return { total: rows[0]?.total ?? 0, rows };
}
