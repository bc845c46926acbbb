/**
 * An insurer's 资料报送 against every filing deadline in the rulebook: on the insurer's own page from
 * `insurer(id)`; and judged for the year selected (`yearFiling`), on the insurer page and in the table of insurers
 * from the `yearFiling` of each fee-ratio row (one request for all).
 */
import { gql } from '@apollo/client';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import type { InsurerFilingDocument, InsurerFilingQuery } from '../lib/operations.generated';
import { codeLabel, useI18n, type I18n, type MessageKey } from '../lib/i18n';
import { citation, shortSource, type RuleCitation } from '../lib/rules';

/** 资料报送 judged for one year (the year selected): the fields the table's cell and the insurer page show. */
export const YEAR_FILING_FIELDS = gql`
  fragment YearFilingFields on YearFiling {
    year status completeOn deadline missing
    rule { ...RuleCitation }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export const INSURER_FILING_QUERY: InsurerFilingDocument = gql`
  query InsurerFiling($id: ID!, $year: Int!) {
    insurer(id: $id) {
      id
      name
      filedOn
      filings { deadline status rule { ...RuleCitation } }
      yearFiling(year: $year) { ...YearFilingFields }
    }
  }
  ${YEAR_FILING_FIELDS}
`;

export type YearFilingStatus = 'ON_TIME' | 'LATE' | 'INCOMPLETE' | 'NO_DEADLINE';

export interface YearFiling {
  year: number; status: YearFilingStatus; completeOn: string | null; deadline: string | null; missing: string[]; rule: RuleCitation | null;
}

const YEAR_FILING_KEYS = {
  ON_TIME: 'yearFiling_ON_TIME', LATE: 'yearFiling_LATE', INCOMPLETE: 'yearFiling_INCOMPLETE', NO_DEADLINE: 'yearFiling_NO_DEADLINE',
} as const satisfies Record<YearFilingStatus, MessageKey>;

/** "资料不完整（缺少：承诺函）" for the table's export and the cell's tooltip. */
export function yearFilingText(t: I18n['t'], filing: YearFiling | null | undefined): string {
  if (!filing) return '—';
  const missing = filing.missing.length > 0 ? ` (${t('filingMissing')}: ${filing.missing.map((item) => codeLabel(t, 'filingItem', item)).join(', ')})` : '';
  const complete = filing.completeOn ? ` · ${t('filingCompleteOn', { day: filing.completeOn })}` : '';
  return `${t(YEAR_FILING_KEYS[filing.status])}${missing}${complete}`;
}

/** The filing for the year selected, in the insurers table and on the insurer page. */
export function YearFilingCell({ filing }: { filing: YearFiling | null | undefined }) {
  const { t, language } = useI18n();
  if (!filing) return <span>—</span>;
  const bad = filing.status === 'LATE' || filing.status === 'INCOMPLETE';
  return (
    <span className={bad ? 'bad' : undefined} data-year-filing={filing.status} title={`${yearFilingText(t, filing)}${filing.rule ? `\n${citation([filing.rule], language)}` : ''}`}>
      {yearFilingText(t, filing)}
    </span>
  );
}

export type FilingStatusCode = 'ON_TIME' | 'LATE' | 'NOT_FILED';

export interface FilingVerdict { deadline: string; status: FilingStatusCode; rule: RuleCitation }

export type InsurerFilingResult = InsurerFilingQuery;

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
