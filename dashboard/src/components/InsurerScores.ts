/**
 * The per-insurer figures of a year, from the five indicator families (fee ratio, service frequency,
 * first service, death limit, claims), gathered into one row per insurer. Each family lists the
 * insurers it has figures for; an insurer missing from one family shows a dash there, not a zero.
 */
import { gql } from '@apollo/client';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import type { InsurerFeeRatiosDocument, InsurerScoresDocument, InsurerScoresQuery } from '../lib/operations.generated';
import type { InsurerFeeRatio } from './FeeRatioChart';
import { YEAR_FILING_FIELDS } from './FilingStatus';

// Here rather than beside the insurers view, so that the violations and insurer pages can ask for the
// insurers without loading that view's chunk and its charts.
export const INSURER_FEE_RATIOS_QUERY: InsurerFeeRatiosDocument = gql`
  query InsurerFeeRatios($year: Int!) {
    feeRatios(year: $year) {
      insurer { id name }
      premiumReceived
      preventionSpending
      ratio
      compliant
      floorRule { ...RuleCitation }
      capRule { ...RuleCitation }
      yearFiling { ...YearFilingFields }
    }
  }
  ${RULE_CITATION_FRAGMENT}
  ${YEAR_FILING_FIELDS}
`;

export const INSURER_SCORES_QUERY: InsurerScoresDocument = gql`
  query InsurerScores($year: Int!) {
    serviceCompliance(year: $year) {
      byInsurer { insurer { id name } required compliant exempt rate }
      rules { ...RuleCitation }
    }
    firstService(year: $year) {
      asOf
      byInsurer { insurer { id name } judged onTime late missing rate }
      rules { ...RuleCitation }
    }
    deathLimitCompliance(year: $year) {
      byInsurer { insurer { id name } judged compliant rate }
      rules { ...RuleCitation }
    }
    claims(year: $year) {
      byInsurer { insurer { id name } claimsPaid premiumReceived lossRatio paid reported }
    }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export type InsurerScoresResult = InsurerScoresQuery;
export type ServiceScore = InsurerScoresQuery['serviceCompliance']['byInsurer'][number];
export type FirstServiceScore = InsurerScoresQuery['firstService']['byInsurer'][number];
export type DeathLimitScore = InsurerScoresQuery['deathLimitCompliance']['byInsurer'][number];
export type ClaimsScore = InsurerScoresQuery['claims']['byInsurer'][number];

export interface InsurerScoreRow {
  insurer: { id: string; name: string };
  fee: InsurerFeeRatio | null;
  service: ServiceScore | null;
  firstService: FirstServiceScore | null;
  deathLimit: DeathLimitScore | null;
  claims: ClaimsScore | null;
}

/** One row per insurer named by any family: the fee-ratio order first, then the others by id. */
export function insurerScoreRows(feeRatios: InsurerFeeRatio[], scores: InsurerScoresResult | undefined): InsurerScoreRow[] {
  const rows = new Map<string, InsurerScoreRow>();
  const rowOf = (insurer: { id: string; name: string }) => {
    let row = rows.get(insurer.id);
    if (!row) {
      row = { insurer, fee: null, service: null, firstService: null, deathLimit: null, claims: null };
      rows.set(insurer.id, row);
    }
    return row;
  };
  for (const fee of feeRatios) rowOf(fee.insurer).fee = fee;
  const others: InsurerScoreRow[] = [];
  const mark = (insurer: { id: string; name: string }) => {
    const known = rows.has(insurer.id);
    const row = rowOf(insurer);
    if (!known) others.push(row);
    return row;
  };
  for (const entry of scores?.serviceCompliance.byInsurer ?? []) mark(entry.insurer).service = entry;
  for (const entry of scores?.firstService.byInsurer ?? []) mark(entry.insurer).firstService = entry;
  for (const entry of scores?.deathLimitCompliance.byInsurer ?? []) mark(entry.insurer).deathLimit = entry;
  for (const entry of scores?.claims.byInsurer ?? []) mark(entry.insurer).claims = entry;
  const ranked = feeRatios.map((fee) => rows.get(fee.insurer.id)!);
  return [...ranked, ...others.sort((a, b) => a.insurer.id.localeCompare(b.insurer.id))];
}
