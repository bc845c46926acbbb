/** The region view's filters; applying them rewrites the URL, which is the only place they live. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../lib/i18n';
import { INDUSTRIES, type Industry, type RegionFilters } from '../lib/routes';

export function FilterBar({ filters, onChange }: { filters: RegionFilters; onChange(filters: RegionFilters): void }) {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState(filters.asOf ?? '');
  // An empty industry filter in the URL means all five; on screen all five boxes are then ticked.
  const [chosen, setChosen] = useState<Industry[]>(filters.industries.length === 0 ? [...INDUSTRIES] : filters.industries);
  const toggle = (industry: Industry) =>
    setChosen((current) => (current.includes(industry) ? current.filter((i) => i !== industry) : [...current, industry]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ordered = INDUSTRIES.filter((industry) => chosen.includes(industry));
    onChange({
      asOf: asOf === '' ? undefined : asOf,
      year: asOf === '' ? filters.year : Number(asOf.slice(0, 4)),
      industries: ordered.length === INDUSTRIES.length ? [] : ordered,
    });
  };
  return (
    <form className="filters" onSubmit={submit}>
      <label>
        {t('asOf')} <input type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} name="asOf" />
      </label>
      <fieldset>
        <legend>{t('industries')}</legend>
        {INDUSTRIES.map((industry) => (
          <label key={industry} className="check">
            <input type="checkbox" checked={chosen.includes(industry)} onChange={() => toggle(industry)} />
            {t(industry)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={chosen.length === 0}>{t('apply')}</button>
    </form>
  );
}
