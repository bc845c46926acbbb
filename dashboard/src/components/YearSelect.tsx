import { useI18n } from '../lib/i18n';

/** The years the circular's rules have applied to, up to the current one. */
const FIRST_YEAR = 2024;

export function YearSelect({ year, onChange }: { year: number; onChange(year: number): void }) {
  const { t } = useI18n();
  const last = Math.max(year, new Date().getFullYear());
  const years = Array.from({ length: last - FIRST_YEAR + 1 }, (_, index) => last - index);
  return (
    <label className="year-select">
      {t('year')}{' '}
      <select value={year} onChange={(event) => onChange(Number(event.target.value))} name="year">
        {years.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    </label>
  );
}
