/**
 * An insurer's 资料报送 against every filing deadline in the rulebook. The API gives the verdict on the
 * insurer's own detail only, so a table of insurers asks once per row (each answer is cached).
 */
import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { errorMessage } from '../lib/apollo';
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

export interface InsurerFilingResult {
  insurer: { id: string; name: string; filedOn: string | null; filings: { deadline: string; status: FilingStatusCode; rule: RuleCitation }[] };
}

/** "按时报送（截止 2024-05-31）", one verdict per deadline, for the table and its export. */
export function filingText(t: I18n['t'], filing: InsurerFilingResult['insurer']): string {
  if (filing.filings.length === 0) return '—';
  return filing.filings.map((verdict) => `${t(verdict.status)} (${t('deadline', { deadline: verdict.deadline })})`).join('; ');
}

export function FilingCell({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery<InsurerFilingResult>(INSURER_FILING_QUERY, { variables: { id } });
  if (error) return <span className="bad" title={errorMessage(error)}>—</span>;
  if (loading || !data) return <span aria-busy="true">{t('loading')}</span>;
  const filing = data.insurer;
  const late = filing.filings.some((verdict) => verdict.status !== 'ON_TIME');
  return (
    <span className={late ? 'bad' : undefined} data-filing={filing.filings.map((verdict) => verdict.status).join(',')} title={`${filingText(t, filing)}\n${t('filedOn')} ${filing.filedOn ?? '—'}\n${citation(filing.filings.map((verdict) => verdict.rule))}`}>
      {filing.filings.length === 0 ? '—' : filing.filings.map((verdict) => t(verdict.status)).join('; ')}
    </span>
  );
}
