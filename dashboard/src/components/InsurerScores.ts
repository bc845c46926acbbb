/**
 * The per-insurer figures of a year, from the five indicator families (fee ratio, service frequency,
 * first service, death limit, claims), gathered into one row per insurer. Each family lists the
 * insurers it has figures for; an insurer missing from one family shows a dash there, not a zero.
 */
import { gql } from '@apollo/client';
import type { InsurerFeeRatio } from './FeeRatioChart';
import { YEAR_FILING_FIELDS } from './FilingStatus';
import type { RuleCitation } from '../lib/rules';

// Here rather than beside the insurers view, so that the violations and insurer pages can ask for the
// insurers without loading that view's chunk and its charts.
export const INSURER_FEE_RATIOS_QUERY = gql`
  query InsurerFeeRatios($year: Int!) {
    feeRatios(year: $year) {
      insurer { id name }
      premiumReceived
      preventionSpending
      ratio
      compliant
      floorRule { id value zh { title unit document source clause } en { title unit document source clause } }
      capRule { id value zh { title unit document source clause } en { title unit document source clause } }
      yearFiling { ...YearFilingFields }
    }
  }
  ${YEAR_FILING_FIELDS}
`;

export const INSURER_SCORES_QUERY = gql`
  query InsurerScores($year: Int!) {
    serviceCompliance(year: $year) {
      byInsurer { insurer { id name } required compliant exempt rate }
      rules { id value zh { title unit document source clause } en { title unit document source clause } }
    }
    firstService(year: $year) {
      asOf
      byInsurer { insurer { id name } judged onTime late missing rate }
      rules { id value zh { title unit document source clause } en { title unit document source clause } }
    }
    deathLimitCompliance(year: $year) {
      byInsurer { insurer { id name } judged compliant rate }
      rules { id value zh { title unit document source clause } en { title unit document source clause } }
    }
    claims(year: $year) {
      byInsurer { insurer { id name } claimsPaid premiumReceived lossRatio paid reported }
    }
  }
`;

type Named = { insurer: { id: string; name: string } };
export interface ServiceScore extends Named { required: number; compliant: number; exempt: number; rate: number | null }
export interface FirstServiceScore extends Named { judged: number; onTime: number; late: number; missing: number; rate: number | null }
export interface DeathLimitScore extends Named { judged: number; compliant: number; rate: number | null }
export interface ClaimsScore extends Named { claimsPaid: string; premiumReceived: string; lossRatio: number | null; paid: number; reported: number }

export interface InsurerScoresResult {
  serviceCompliance: { byInsurer: ServiceScore[]; rules: RuleCitation[] };
  firstService: { asOf: string; byInsurer: FirstServiceScore[]; rules: RuleCitation[] };
  deathLimitCompliance: { byInsurer: DeathLimitScore[]; rules: RuleCitation[] };
  claims: { byInsurer: ClaimsScore[] };
}

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
