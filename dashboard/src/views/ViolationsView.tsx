/**
 * Every rule breach found for a year, filterable by region, insurer, rule and year, all in the URL.
 * Each row names the rule and its source document and links to what lies behind it: the enterprise
 * (at the policy, when a policy breached), or the insurer for a fee ratio. The server narrows the list
 * to the viewer's scope; the region choices offered are only those the viewer may ask for.
 */
import { useQuery } from '@apollo/client/react';
import { CITIES, countiesOf, PROVINCE_CODE, regionByCode } from '../../../domain/regions';
import { INSURER_FEE_RATIOS_QUERY } from '../components/InsurerScores';
import { VIOLATION_COUNTS_QUERY, ViolationExport, ViolationTable, VIOLATIONS_QUERY } from '../components/ViolationTable';
import { Pager } from '../components/Pager';
import { Panel, QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { indicatorYear } from '../lib/dates';
import { formatCount } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useRouter } from '../lib/router';
import { VIOLATION_RULES, violationsUrl, type ViolationFilters, type ViolationRule } from '../lib/routes';
import type { Viewer } from '../lib/session';

const PAGE_SIZE = 50;

export { VIOLATIONS_QUERY, violationFinding, violationSubject, type Violation, type ViolationFacts } from '../components/ViolationTable';

/** The regions a viewer may filter by: a city user its city and counties, the others the whole province. */
export function regionChoices(viewer: Viewer): { code: string; name: string; depth: number }[] {
  const cityChoices = (cityCode: string) => [
    { code: cityCode, name: regionByCode(cityCode)?.name ?? cityCode, depth: 1 },
    ...countiesOf(cityCode).map((county) => ({ code: county.code, name: county.name, depth: 2 })),
  ];
  if (viewer.role === 'city') return viewer.scope ? cityChoices(viewer.scope) : [];
  return [{ code: PROVINCE_CODE, name: regionByCode(PROVINCE_CODE)?.name ?? PROVINCE_CODE, depth: 0 }, ...CITIES.flatMap((city) => cityChoices(city.code))];
}

export function ViolationsView({ filters, viewer }: { filters: ViolationFilters; viewer: Viewer }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const year = indicatorYear({ year: filters.year });
  const choices = regionChoices(viewer);
  // The default region is the viewer's whole scope; a region outside it is never sent.
  const region = filters.region && choices.some((choice) => choice.code === filters.region) ? filters.region : choices[0]?.code ?? PROVINCE_CODE;
  const insurerFixed = viewer.role === 'insurer';
  const listVariables = {
    year,
    region,
    insurer: insurerFixed ? viewer.scope : filters.insurer ?? null,
    enterprise: null,
    kinds: filters.kinds.length > 0 ? filters.kinds : null,
  };
  const { data, loading, error, refetch } = useQuery(VIOLATIONS_QUERY, { variables: { ...listVariables, page: filters.page, pageSize: PAGE_SIZE } });
  // With kinds ticked the list's own counts cover those kinds only; the others' come from an unticked count.
  const counts = useQuery(VIOLATION_COUNTS_QUERY, { variables: { year, region, insurer: listVariables.insurer, enterprise: null }, skip: filters.kinds.length === 0 });
  const insurers = useQuery(INSURER_FEE_RATIOS_QUERY, { variables: { year }, skip: insurerFixed });
  const list = data?.violations;
  const go = (next: Partial<ViolationFilters>) => navigate(violationsUrl({ ...filters, page: 1, ...next }));
  const toggleKind = (kind: ViolationRule) => {
    const kinds = filters.kinds.includes(kind) ? filters.kinds.filter((k) => k !== kind) : [...filters.kinds, kind];
    go({ kinds: kinds.length === VIOLATION_RULES.length ? [] : kinds });
  };
  const countOf = new Map((filters.kinds.length === 0 ? list?.byKind : counts.data?.violations.byKind)?.map((entry) => [entry.kind, entry.count]) ?? []);

  return (
    <main className="violations-view">
      <h1>{t('violationsTitle')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label={t('violationsTitle')}>
        <YearSelect year={year} onChange={(next) => go({ year: next })} />
        <label className="year-select">
          {t('region')}{' '}
          <select name="region" value={region} onChange={(event) => go({ region: event.target.value === choices[0]?.code ? undefined : event.target.value })}>
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>{'\u3000'.repeat(choice.depth)}{choice.depth === 0 ? t('allRegions') : choice.name}</option>
            ))}
          </select>
        </label>
        {!insurerFixed && (
          <label className="year-select">
            {t('insurer')}{' '}
            <select name="insurer" value={filters.insurer ?? ''} onChange={(event) => go({ insurer: event.target.value || undefined })}>
              <option value="">{t('allInsurers')}</option>
              {filters.insurer && !insurers.data?.feeRatios.some((row) => row.insurer.id === filters.insurer) && <option value={filters.insurer}>{filters.insurer}</option>}
              {insurers.data?.feeRatios.map((row) => <option key={row.insurer.id} value={row.insurer.id}>{row.insurer.name}</option>)}
            </select>
          </label>
        )}
        <fieldset>
          <legend>{t('kinds')}{filters.kinds.length === 0 ? ` · ${t('allKinds')}` : ''}</legend>
          {VIOLATION_RULES.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" name="kinds" value={kind} checked={filters.kinds.includes(kind)} onChange={() => toggleKind(kind)} />
              {t(kind)}{countOf.has(kind) ? ` (${formatCount(countOf.get(kind))})` : ''}
            </label>
          ))}
        </fieldset>
      </form>
      <Panel title={t('violationsTitle')} id="violations" actions={list && (
        <>
          <span className="panel-count" data-total={list.total}>{formatCount(list.total)}</span>
          <ViolationExport variables={listVariables} fileName={`${t('violationsTitle')}-${year}`} disabled={list.total === 0} />
        </>
      )}>
        <QueryState loading={loading && !list} error={error} empty={list?.total === 0} onRetry={() => refetch()} minHeight={300}>
          {list && (
            <>
              <ViolationTable items={list.items} year={year} total={list.total} />
              <Pager page={list.page} pageSize={list.pageSize} total={list.total} onPage={(page) => navigate(violationsUrl({ ...filters, page }))} />
            </>
          )}
        </QueryState>
      </Panel>
    </main>
  );
}
