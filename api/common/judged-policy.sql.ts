/**
 * The page query that the death-limit and first-service lists share: the page is cut from the
 * verdicts first, and enterprise names are then looked up for its rows only; the verdicts carry
 * each policy's insurers (policy_facts.insurer_ids).
 */
import { ENTERPRISES } from '../../warehouse/schema';

export interface JudgedPolicyPage {
  /** The verdicts query, one row per judged policy with policy_id, policy_no, enterprise_id, county_code, start_date, insurer_ids. */
  verdicts: string;
  /** Which verdicts the page lists. */
  filter: string;
  /** The list's own columns, selected from the verdicts as `v`. */
  verdictColumns: string;
  /** The region condition of the verdicts, to narrow the name look-up. */
  regionSql: string;
  settings?: string;
}

/** Binds {limit:UInt32} and {offset:UInt32} besides the verdicts' own parameters. */
export function judgedPolicyPageSql(page: JudgedPolicyPage): string {
  return `SELECT v.policy_id AS policy_id, v.policy_no AS policy_no, v.enterprise_id AS enterprise_id, e.name AS enterprise_name,
            v.county_code AS county_code, v.start_date AS start_date, ${page.verdictColumns},
            v.insurer_ids AS insurer_ids, v.total AS total
     FROM (SELECT *, count() OVER () AS total FROM (${page.verdicts}) WHERE ${page.filter}
           ORDER BY county_code, start_date, policy_id
           LIMIT {limit:UInt32} OFFSET {offset:UInt32}) AS v
     LEFT JOIN (SELECT id, any(name) AS name FROM ${ENTERPRISES.name} WHERE ${page.regionSql} GROUP BY id) AS e ON e.id = v.enterprise_id
     ORDER BY v.county_code, v.start_date, v.policy_id${page.settings ? `\n     SETTINGS ${page.settings}` : ''}`;
}
