import { gql } from '@apollo/client';
import type { DataYearsDocument } from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../lib/i18n';

/** The years the warehouse holds figures for, in the account's scope, latest first. */
export const DATA_YEARS_QUERY: DataYearsDocument = gql`
  query DataYears { dataYears }
`;

/** Every year with data, from the API, and the year shown (a year typed into the URL stays selectable). */
export function yearOptions(dataYears: readonly number[] | undefined, year: number): number[] {
  return [...new Set([...(dataYears ?? []), year])].sort((a, b) => b - a);
}

export function YearSelect({ year, onChange }: { year: number; onChange(year: number): void }) {
  const { t } = useI18n();
  const { data } = useQuery(DATA_YEARS_QUERY);
  const years = yearOptions(data?.dataYears, year);
  return (
    <label className="year-select">
      {t('year')}{' '}
      <select value={year} onChange={(event) => onChange(Number(event.target.value))} name="year" data-years={years.join(',')}>
        {years.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    </label>
  );
}
