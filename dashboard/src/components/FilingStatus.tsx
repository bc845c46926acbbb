/**
 * An insurer's 资料报送 against every filing deadline in the rulebook: on the insurer's own page from
 * `insurer(id)`, in the table of insurers from the `filing` of each fee-ratio row (one request for all).
 */
import { gql } from '@apollo/client';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import type { InsurerFilingDocument, InsurerFilingQuery } from '../lib/operations.generated';
import { useI18n, type I18n } from '../lib/i18n';
import { citation, shortSource, type RuleCitation } from '../lib/rules';

export const INSURER_FILING_QUERY: InsurerFilingDocument = gql`
  query InsurerFiling($id: ID!) {
    insurer(id: $id) {
      id
      name
      filedOn
      filings { deadline status rule { ...RuleCitation } }
    }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export type FilingStatusCode = 'ON_TIME' | 'LATE' | 'NOT_FILED';

export interface FilingVerdict { deadline: string; status: FilingStatusCode; rule: RuleCitation }

/** What the fee-ratio rows carry (null: the insurer is missing from the register). */
export interface InsurerFiling { filedOn: string | null; verdicts: FilingVerdict[] }

export type InsurerFilingResult = InsurerFilingQuery;

/** "按时报送 (截止 2024-05-31)", one verdict per deadline, for the table and its export. */
export function filingText(t: I18n['t'], verdicts: FilingVerdict[] | null | undefined): string {
  if (!verdicts || verdicts.length === 0) return '—';
  return verdicts.map((verdict) => `${t(verdict.status)} (${t('deadline', { deadline: verdict.deadline })})`).join('; ');
}

export function FilingCell({ filing }: { filing: InsurerFiling | null | undefined }) {
  const { t, language } = useI18n();
  if (!filing || filing.verdicts.length === 0) return <span>—</span>;
  const late = filing.verdicts.some((verdict) => verdict.status !== 'ON_TIME');
  return (
    <span className={late ? 'bad' : undefined} data-filing={filing.verdicts.map((verdict) => verdict.status).join(',')} title={`${filingText(t, filing.verdicts)}\n${t('filedOn')} ${filing.filedOn ?? '—'}\n${citation(filing.verdicts.map((verdict) => verdict.rule), language)}`}>
      {filing.verdicts.map((verdict) => t(verdict.status)).join('; ')}
    </span>
  );
}

/** The insurer's page: one row per deadline, with the rule's title, clause and document in the dashboard's language. */
export function FilingTable({ filedOn, verdicts }: { filedOn: string | null; verdicts: FilingVerdict[] }) {
  const { t, language } = useI18n();
  return (
    <table className="table compact">
      <thead><tr><th scope="col">{t('rule')}</th><th scope="col">{t('deadlineColumn')}</th><th scope="col">{t('filedOn')}</th><th scope="col">{t('status')}</th><th scope="col">{t('source')}</th></tr></thead>
      <tbody>
        {verdicts.map((verdict) => (
          <tr key={verdict.rule.id} data-filing={verdict.status}>
            <td>{verdict.rule[language].title}</td>
            <td>{verdict.deadline}</td>
            <td>{filedOn ?? '—'}</td>
            <td className={verdict.status === 'ON_TIME' ? undefined : 'bad'}>{t(verdict.status)}</td>
            <td title={citation([verdict.rule], language)}>{shortSource(verdict.rule, language)} {verdict.rule[language].clause}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
