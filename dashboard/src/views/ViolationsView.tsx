/**
 * Every rule breach found for a year, filterable by region, insurer, rule and year, all in the URL.
 * Each row names the rule and its source document and links to what lies behind it: the enterprise
 * (at the policy, when a policy breached), or the insurer for a fee ratio. The server narrows the list
 * to the viewer's scope; the region choices offered are only those the viewer may ask for.
 */
import { gql } from '@apollo/client';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import type { ViolationsDocument, ViolationsQuery } from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { CITIES, countiesOf, PROVINCE_CODE, regionByCode } from '../../../domain/regions';
import type { InsurerFeeRatio } from '../components/FeeRatioChart';
import { InsurerLink } from '../components/InsurerLink';
import { INSURER_FEE_RATIOS_QUERY } from '../components/InsurerScores';
import { Pager } from '../components/Pager';
import { Panel, QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { indicatorYear } from '../lib/dates';
import { formatCount, formatMoneyExact, formatPercent } from '../lib/format';
import { useI18n, type I18n, type Language } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl, VIOLATION_RULES, violationsUrl, type ViolationFilters, type ViolationRule } from '../lib/routes';
import { citation, shortSource, type RuleCitation } from '../lib/rules';
import type { Viewer } from '../lib/session';

export const VIOLATIONS_QUERY: ViolationsDocument = gql`
  query Violations($year: Int!, $region: ID!, $insurer: ID, $kinds: [ViolationRule!], $page: Int!, $pageSize: Int!) {
    violations(year: $year, region: $region, insurer: $insurer, kinds: $kinds, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      byKind { kind count }
      items {
        kind
        day
        detail
        facts {
          evaluatedOn lastPolicyEnd year preventionSpending premiumReceived ratio limitPercent
          riskAssessments hazardInvestigations requiredEach windowStart windowEnd firstService
          deathLimit deathLimitFloor providerName providerDefect qualifiedUntil
        }
        county { code name }
        enterpriseId
        enterpriseName
        policyId
        serviceId
        providerId
        insurers { id name }
        rule { ...RuleCitation }
      }
    }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export type ProviderDefect = NonNullable<ViolationFacts['providerDefect']>;

export type Violation = ViolationsQuery['violations']['items'][number];
/** The figures a finding compares; each kind fills its own fields, the others are null. */
export type ViolationFacts = Violation['facts'];

const PAGE_SIZE = 50;

/**
 * What a breach is about, as a link: the enterprise (marking the policy, when one breached), else the
 * answerable insurer (a fee ratio is the insurer's alone). Null when the breach names neither.
 */
export function violationSubject(violation: Violation, year: number): { href: string; label: string; kind: 'enterprise' | 'insurer' } | null {
  if (violation.enterpriseId !== null) {
    return {
      href: routeUrl({ page: 'enterprise', id: violation.enterpriseId, policy: violation.policyId ?? undefined }),
      label: violation.enterpriseName ?? violation.enterpriseId,
      kind: 'enterprise',
    };
  }
  const [insurer] = violation.insurers;
  return insurer ? { href: routeUrl({ page: 'insurer', id: insurer.id, year }), label: insurer.name, kind: 'insurer' } : null;
}

/**
 * The finding in the dashboard's language, phrased from the API's facts (the API's `detail` is
 * English only). A blank shows as a dash rather than as the placeholder.
 */
export function violationFinding(t: I18n['t'], language: Language, violation: Violation): string {
  const facts = violation.facts;
  const text = (value: string | number | null) => (value === null ? '—' : String(value));
  const money = (value: string | null) => formatMoneyExact(value, language);
  switch (violation.kind) {
    case 'UNINSURED':
      return facts.lastPolicyEnd === null
        ? t('finding_UNINSURED_never', { evaluatedOn: text(facts.evaluatedOn) })
        : t('finding_UNINSURED_lapsed', { evaluatedOn: text(facts.evaluatedOn), lastPolicyEnd: facts.lastPolicyEnd });
    case 'FEE_RATIO_BELOW_FLOOR':
    case 'FEE_RATIO_ABOVE_CAP':
      return t(violation.kind === 'FEE_RATIO_BELOW_FLOOR' ? 'finding_FEE_RATIO_BELOW_FLOOR' : 'finding_FEE_RATIO_ABOVE_CAP', {
        year: text(facts.year), spending: money(facts.preventionSpending), premium: money(facts.premiumReceived),
        ratio: formatPercent(facts.ratio), limit: text(facts.limitPercent),
      });
    case 'SERVICES_SHORT':
      return t('finding_SERVICES_SHORT', {
        year: text(facts.year), riskAssessments: text(facts.riskAssessments), hazardInvestigations: text(facts.hazardInvestigations),
        requiredEach: text(facts.requiredEach),
      });
    case 'FIRST_SERVICE_LATE':
      return t('finding_FIRST_SERVICE_LATE', { firstService: text(facts.firstService), windowStart: text(facts.windowStart), windowEnd: text(facts.windowEnd) });
    case 'FIRST_SERVICE_MISSING':
      return t('finding_FIRST_SERVICE_MISSING', { windowStart: text(facts.windowStart), evaluatedOn: text(facts.evaluatedOn), windowEnd: text(facts.windowEnd) });
    case 'DEATH_LIMIT_BELOW_FLOOR':
      return t('finding_DEATH_LIMIT_BELOW_FLOOR', { deathLimit: money(facts.deathLimit), floor: money(facts.deathLimitFloor), day: violation.day });
    case 'UNQUALIFIED_PROVIDER': {
      const provider = { serviceId: text(violation.serviceId), day: violation.day, provider: text(facts.providerName ?? violation.providerId) };
      if (facts.providerDefect === 'BLACKLISTED') return t('finding_UNQUALIFIED_PROVIDER_BLACKLISTED', provider);
      if (facts.providerDefect === 'QUALIFICATION_EXPIRED') {
        return t('finding_UNQUALIFIED_PROVIDER_QUALIFICATION_EXPIRED', { ...provider, qualifiedUntil: text(facts.qualifiedUntil) });
      }
      return t('finding_UNQUALIFIED_PROVIDER_NO_QUALIFICATION', provider);
    }
  }
}

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
  const { data, loading, error, refetch } = useQuery(VIOLATIONS_QUERY, {
    variables: {
      year,
      region,
      insurer: insurerFixed ? viewer.scope : filters.insurer ?? null,
      kinds: filters.kinds.length > 0 ? filters.kinds : null,
      page: filters.page,
      pageSize: PAGE_SIZE,
    },
  });
  const insurers = useQuery(INSURER_FEE_RATIOS_QUERY, { variables: { year }, skip: insurerFixed });
  const list = data?.violations;
  const go = (next: Partial<ViolationFilters>) => navigate(violationsUrl({ ...filters, page: 1, ...next }));
  const toggleKind = (kind: ViolationRule) => {
    const kinds = filters.kinds.includes(kind) ? filters.kinds.filter((k) => k !== kind) : [...filters.kinds, kind];
    go({ kinds: kinds.length === VIOLATION_RULES.length ? [] : kinds });
  };
  const countOf = new Map(list?.byKind.map((entry) => [entry.kind, entry.count]) ?? []);

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
      <Panel title={t('violationsTitle')} id="violations" actions={list && <span className="panel-count" data-total={list.total}>{formatCount(list.total)}</span>}>
        <QueryState loading={loading && !list} error={error} empty={list?.total === 0} onRetry={() => refetch()} minHeight={300}>
          {list && (
            <>
              <div className="table-scroll">
                <table className="table compact" data-total={list.total}>
                  <thead>
                    <tr>
                      <th scope="col">{t('rule')}</th>
                      <th scope="col">{t('subject')}</th>
                      <th scope="col">{t('county')}</th>
                      <th scope="col">{t('day')}</th>
                      <th scope="col">{t('detail')}</th>
                      <th scope="col">{t('insurer')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((violation, index) => {
                      const subject = violationSubject(violation, year);
                      return (
                        <tr key={`${violation.kind}-${violation.enterpriseId ?? ''}-${violation.policyId ?? ''}-${violation.serviceId ?? ''}-${violation.insurers[0]?.id ?? ''}-${index}`} data-kind={violation.kind}>
                          <td className="rule-cell" title={citation([violation.rule], language)}>
                            <strong>{t(violation.kind)}</strong>
                            <div className="rule-source">{shortSource(violation.rule, language)} {violation.rule[language].clause.split(':')[0]}</div>
                          </td>
                          <td>
                            {subject ? <Link href={subject.href} data-subject={subject.kind}>{subject.label}</Link> : '—'}
                            {violation.providerId && <div className="rule-source">{t('provider')} <span className="mono">{violation.providerId}</span></div>}
                          </td>
                          <td>{violation.county?.name ?? '—'}</td>
                          <td>{violation.day}</td>
                          <td className="detail-cell" lang={language === 'zh' ? 'zh-CN' : 'en'}>{violationFinding(t, language, violation)}</td>
                          <td>
                            {violation.insurers.length === 0 ? '—' : violation.insurers.map((insurer, i) => (
                              <span key={insurer.id}>{i > 0 && '、'}<InsurerLink insurer={insurer} year={year} /></span>
                            ))}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager page={list.page} pageSize={list.pageSize} total={list.total} onPage={(page) => navigate(violationsUrl({ ...filters, page }))} />
            </>
          )}
        </QueryState>
      </Panel>
    </main>
  );
}
