/**
 * The regions a viewer may ask a daily-work view for: the province and every city and county for the
 * province's, the analyst's and an insurer's accounts (an insurer's figures are its own business in
 * the region), a city account's city and its counties. A region in the URL outside these is not sent.
 */
import { CITIES, countiesOf, PROVINCE_CODE, regionByCode } from '../../../domain/regions';
import { useI18n } from '../lib/i18n';
import type { Viewer } from '../lib/session';

export interface RegionChoice { code: string; name: string; depth: number }

export function regionChoicesFor(viewer: Viewer): RegionChoice[] {
  const cityChoices = (cityCode: string) => [
    { code: cityCode, name: regionByCode(cityCode)?.name ?? cityCode, depth: 1 },
    ...countiesOf(cityCode).map((county) => ({ code: county.code, name: county.name, depth: 2 })),
  ];
  if (viewer.role === 'city') return viewer.scope ? cityChoices(viewer.scope) : [];
  return [{ code: PROVINCE_CODE, name: regionByCode(PROVINCE_CODE)?.name ?? PROVINCE_CODE, depth: 0 }, ...CITIES.flatMap((city) => cityChoices(city.code))];
}

/** The region asked for when it is offered, else the viewer's whole scope. */
export function regionInChoices(viewer: Viewer, requested: string | undefined): string {
  const choices = regionChoicesFor(viewer);
  return requested && choices.some((choice) => choice.code === requested) ? requested : choices[0]?.code ?? PROVINCE_CODE;
}

export function RegionSelect({ viewer, region, onChange }: { viewer: Viewer; region: string; onChange(region: string | undefined): void }) {
  const { t } = useI18n();
  const choices = regionChoicesFor(viewer);
  return (
    <label className="year-select">
      {t('region')}{' '}
      <select name="region" value={region} onChange={(event) => onChange(event.target.value === choices[0]?.code ? undefined : event.target.value)}>
        {choices.map((choice) => (
          <option key={choice.code} value={choice.code}>{'\u3000'.repeat(choice.depth)}{choice.name}</option>
        ))}
      </select>
    </label>
  );
}
