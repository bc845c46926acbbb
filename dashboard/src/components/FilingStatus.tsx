/**
 * An insurer's 资料报送 against every filing deadline in the rulebook: on the insurer's own page from
 * `insurer(id)`, in the table of insurers from the `filing` of each fee-ratio row (one request for all).
 */
import { gql } from '@apollo/client';
import { useI18n, type I18n } from '../lib/i18n';
import { citation, type RuleCitation } from '../lib/rules';

export const INSURER_FILING_QUERY = gql`
  query InsurerFiling($id: ID!) {
    insurer(id: $id) {
      id
      name
      filedOn
      filings { deadline status rule { id title value unit source clause } }
    }
  }
`;

export type FilingStatusCode = 'ON_TIME' | 'LATE' | 'NOT_FILED';

export interface FilingVerdict { deadline: string; status: FilingStatusCode; rule: RuleCitation }

/** What the fee-ratio rows carry (null: the insurer is missing from the register). */
export interface InsurerFiling { filedOn: string | null; verdicts: FilingVerdict[] }

export interface InsurerFilingResult {
  insurer: { id: string; name: string; filedOn: string | null; filings: FilingVerdict[] };
}

/** "按时报送 (截止 2024-05-31)", one verdict per deadline, for the table and its export. */
export function filingText(t: I18n['t'], verdicts: FilingVerdict[] | null | undefined): string {
  if (!verdicts || verdicts.length === 0) return '—';
  return verdicts.map((verdict) => `${t(verdict.status)} (${t('deadline', { deadline: verdict.deadline })})`).join('; ');
}

export function FilingCell({ filing }: { filing: InsurerFiling | null | undefined }) {
  const { t } = useI18n();
  if (!filing || filing.verdicts.length === 0) return <span>—</span>;
  const late = filing.verdicts.some((verdict) => verdict.status !== 'ON_TIME');
  return (
    <span className={late ? 'bad' : undefined} data-filing={filing.verdicts.map((verdict) => verdict.status).join(',')} title={`${filingText(t, filing.verdicts)}\n${t('filedOn')} ${filing.filedOn ?? '—'}\n${citation(filing.verdicts.map((verdict) => verdict.rule))}`}>
      {filing.verdicts.map((verdict) => t(verdict.status)).join('; ')}
    </span>
  );
}
