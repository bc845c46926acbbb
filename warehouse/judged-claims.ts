/**
 * Judged facts for the claims figures, the risk indicators and the trend series, derived by the ETL
 * per enterprise like the others (warehouse/judgements.ts):
 * - claim_shares: each claim with the share of every insurer holding one of its policy, so that an
 *   insurer's claims, or the claims per insurer, read one row per claim and insurer instead of
 *   joining every policy share to the claims per request;
 * - insured_changes: the days each enterprise became insured and stopped being so, so that the
 *   enterprises insured on any day are a sum over the changes up to it;
 * - insurer_hazards and enterprise_mix, sums over many enterprises derived whole (like the fee sums):
 *   the hazards of the services per year, county, industry and insurer, and the enterprises per
 *   county, industry, status, risk level and grade.
 */
import type { DdlTarget } from './migrate';
import { rowsAsOf } from './migrate';
import { asOfRun, type DerivationScope } from './judgements';
import { CLAIMS, ENTERPRISES, POLICIES, POLICY_SHARES, SERVICES } from './schema';

/** claim_shares' rows, in its column order: a claim joined to each share of its policy. */
export function deriveClaimShares(target: DdlTarget, scope: DerivationScope): string {
  const claims = asOfRun(CLAIMS, target, [
    'id', 'policy_id', 'enterprise_id', 'city_code', 'county_code', 'industry', 'accident_date', 'reported_on', 'deaths', 'injuries',
    'paid_amount', 'status', 'settled_on',
  ], 'enterprise_id', scope);
  const shares = asOfRun(POLICY_SHARES, target, ['policy_id', 'insurer_id', 'share_percent'], 'enterprise_id', scope);
  return `
    SELECT c.id, c.policy_id, c.enterprise_id, c.city_code, c.county_code, c.industry, s.insurer_id, s.share_percent,
           c.accident_date, c.reported_on, c.deaths, c.injuries, c.paid_amount, c.status, c.settled_on
    FROM ${claims} AS c
    INNER JOIN (SELECT policy_id, insurer_id, share_percent FROM ${shares} WHERE policy_id IN (SELECT policy_id FROM ${claims})) AS s
      ON s.policy_id = c.policy_id`;
}

/**
 * insured_changes' rows, in its column order. Each enterprise's spans (policies not cancelled, start
 * on or before end) sorted by start, end; `reach` is the latest end of the spans before each one. A
 * span starting after its reach begins a run of insured days (+1 on its start) and ends the previous
 * run (−1 on the day after the reach); the last run ends the day after the latest end. Two runs that
 * meet (one ends the day before the next starts) net to no change on that day, and leave no row.
 */
export function deriveInsuredChanges(target: DdlTarget, scope: DerivationScope): string {
  const enterprises = asOfRun(ENTERPRISES, target, ['id', 'city_code', 'county_code', 'industry', 'status'], 'id', scope);
  const policies = asOfRun(POLICIES, target, ['enterprise_id', 'start_date', 'end_date', 'cancelled'], 'enterprise_id', scope);
  return `
    SELECT e.id, e.city_code, e.county_code, e.industry, e.status, c.day, c.change
    FROM (
      SELECT enterprise_id, event.1 AS day, toInt32(sum(event.2)) AS change
      FROM (
        SELECT enterprise_id, spans,
               arrayMap(i -> if(i = 1, toDate(0), arrayMax(arrayMap(span -> span.2, arraySlice(spans, 1, i - 1)))), arrayEnumerate(spans)) AS reach,
               arrayFilter(i -> i = 1 OR spans[i].1 > reach[i], arrayEnumerate(spans)) AS run_starts,
               arrayConcat(
                 arrayMap(i -> (spans[i].1, toInt32(1)), run_starts),
                 arrayMap(i -> (reach[i] + 1, toInt32(-1)), arrayFilter(i -> i > 1, run_starts)),
                 [(arrayMax(arrayMap(span -> span.2, spans)) + 1, toInt32(-1))]
               ) AS events
        FROM (SELECT enterprise_id, arraySort(groupArray((start_date, end_date))) AS spans
              FROM ${policies} WHERE NOT cancelled AND start_date <= end_date GROUP BY enterprise_id)
      )
      ARRAY JOIN events AS event
      GROUP BY enterprise_id, day
      HAVING change != 0
    ) AS c
    INNER JOIN ${enterprises} AS e ON e.id = c.enterprise_id`;
}

/** insurer_hazards' rows, in its column order. Always derived whole. */
export function deriveInsurerHazards(target: DdlTarget): string {
  const services = rowsAsOf(SERVICES, '{run:UInt64}', target, ['service_date', 'city_code', 'county_code', 'industry', 'insurer_id', 'hazards_found', 'hazards_rectified']);
  return `
    SELECT toUInt16(toYear(service_date)) AS year, city_code, county_code, industry, insurer_id, sum(toUInt64(hazards_found)), sum(toUInt64(hazards_rectified))
    FROM (${services})
    GROUP BY year, city_code, county_code, industry, insurer_id`;
}

/** enterprise_mix's rows, in its column order. Always derived whole. */
export function deriveEnterpriseMix(target: DdlTarget): string {
  const enterprises = rowsAsOf(ENTERPRISES, '{run:UInt64}', target, ['city_code', 'county_code', 'industry', 'status', 'risk_level', 'standardization_grade']);
  return `
    SELECT city_code, county_code, industry, status, risk_level, ifNull(standardization_grade, '') AS grade, count()
    FROM (${enterprises})
    GROUP BY city_code, county_code, industry, status, risk_level, grade`;
}
