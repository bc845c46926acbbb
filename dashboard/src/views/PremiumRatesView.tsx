/**
 * The premium-rate screen for 恶意低价承保 (`/premium-rates?year=&region=&page=`): the screening formula in
 * the reader's language beside its rule, each industry's medians and how many policies fall below the
 * line, and the flagged policies, lowest share of the median first, paged on the server.
 */
import { gql } from '@apollo/client';
import type { PremiumRatesDocument } from '../lib/operations.generated';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { allPages, ExportButtons } from '../components/ExportButtons';
import { Pager } from '../components/Pager';
import { Panel, QueryState } from '../components/QueryState';
import { RegionSelect, regionInChoices } from '../components/RegionSelect';
import { YearSelect } from '../components/YearSelect';
import { indicatorYear } from '../lib/dates';
import { formatCount, formatMoney, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import type { DailyWorkRoute } from '../lib/routes-daily-work';
import { citation, shortSources } from '../lib/rules';
import type { Viewer } from '../lib/session';

export const PREMIUM_RATES_QUERY: PremiumRatesDocument = gql`
  query PremiumRates($year: Int!, $region: ID, $page: Int!, $pageSize: Int!) {
    premiumRates(year: $year, region: $region, page: $page, pageSize: $pageSize) {
      region { code name }
      year
      formula
      screenShare
      rule { ...RuleCitation }
      byIndustry { industry policies rated medianPremiumPerPerson enterprises medianPremiumPerEnterprise flagged }
      total
      page
      pageSize
      flaggedPolicies {
        policyId policyNo enterpriseId enterpriseName county { code name } industry premium insuredPersons
        premiumPerPerson industryMedianPerPerson shareOfMedian
      }
    }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export const PREMIUM_PAGE_SIZE = 20;

type Route = Extract<DailyWorkRoute, { page: 'premiumRates' }>;

/** The screening line in percent of the median, as the rule states it: 0.5 → "50". */
function sharePercent(share: number): string {
  return String(Math.round(share * 10000) / 100);
}

export function PremiumRatesView({ route, viewer }: { route: Route; viewer: Viewer }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const year = indicatorYear({ year: route.year });
  const region = regionInChoices(viewer, route.region);
  const page = route.pageNumber ?? 1;
  const go = (next: Partial<Route>) => navigate(routeUrl({ ...route, pageNumber: undefined, ...next }), { keepScroll: 'pageNumber' in next });
  const client = useApolloClient();
  /** Every flagged policy, page after page: the export holds the whole list, not the page on screen. */
  const allFlagged = () => allPages(async (next, pageSize) => {
    const result = await client.query({ query: PREMIUM_RATES_QUERY, variables: { year, region, page: next, pageSize } });
    const answer = result.data?.premiumRates;
    if (!answer) throw new Error('no premiumRates in the answer');
    return { total: answer.total, items: answer.flaggedPolicies };
  });
  const { data, loading, error, refetch } = useQuery(PREMIUM_RATES_QUERY, {
    variables: { year, region, page, pageSize: PREMIUM_PAGE_SIZE },
  });
  const rates = data?.premiumRates;
  return (
    <main className="premium-rates-view" data-region={region}>
      <h1>{t('premiumRatesTitle')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <YearSelect year={year} onChange={(next) => go({ year: next })} />
        <RegionSelect viewer={viewer} region={region} onChange={(next) => go({ region: next })} />
      </form>
      <QueryState loading={loading && !rates} error={error} empty={false} onRetry={() => refetch()} minHeight={300}>
        {rates && (
          <>
            <section className="panel formula" data-formula data-screen-share={rates.screenShare ?? ''} aria-label={t('screenFormula')}>
              <h2>{t('screenFormula')}</h2>
              <p lang={language === 'zh' ? 'zh-CN' : 'en'}>
                {rates.screenShare === null
                  ? t('screenNoRule', { year: rates.year })
                  : t('screenFormulaText', { year: rates.year, share: sharePercent(rates.screenShare) })}
              </p>
              {rates.rule && <p className="rule-source" title={citation([rates.rule], language)}>{t('source')}: {shortSources([rates.rule], language)}</p>}
            </section>
            <Panel title={`${rates.region.name} · ${t('listYear', { year: rates.year })}`} id="premium-industries" actions={(
              <ExportButtons name="premium-industries" fileName={`${t('navPremiumRates')}-${rates.region.name}-${rates.year}`} sheet={t('navPremiumRates')}
                table={() => ({
                  header: [t('industry'), t('policiesCount'), t('ratedPolicies'), t('medianPerPerson'), t('enterprises'), t('medianPerEnterprise'), t('flaggedCount')],
                  rows: rates.byIndustry.map((row) => [t(row.industry), row.policies, row.rated, row.medianPremiumPerPerson, row.enterprises, row.medianPremiumPerEnterprise, row.flagged]),
                })} />
            )}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('industry')}</th>
                    <th scope="col" className="num">{t('policiesCount')}</th>
                    <th scope="col" className="num">{t('ratedPolicies')}</th>
                    <th scope="col" className="num">{t('medianPerPerson')}</th>
                    <th scope="col" className="num">{t('enterprises')}</th>
                    <th scope="col" className="num">{t('medianPerEnterprise')}</th>
                    <th scope="col" className="num">{t('flaggedCount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rates.byIndustry.map((row) => (
                    <tr key={row.industry} data-industry={row.industry}>
                      <td>{t(row.industry)}</td>
                      <td className="num" data-col="policies">{formatCount(row.policies)}</td>
                      <td className="num" data-col="rated">{formatCount(row.rated)}</td>
                      <td className="num" data-col="medianPerPerson">{row.medianPremiumPerPerson === null ? '—' : formatMoney(row.medianPremiumPerPerson.toFixed(2), language)}</td>
                      <td className="num" data-col="enterprises">{formatCount(row.enterprises)}</td>
                      <td className="num" data-col="medianPerEnterprise">{formatMoney(row.medianPremiumPerEnterprise.toFixed(2), language)}</td>
                      <td className={row.flagged > 0 ? 'num bad' : 'num'} data-col="flagged">{formatCount(row.flagged)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Panel>
            <Panel title={t('flaggedPolicies')} id="flagged-policies" actions={(
              <ExportButtons name="flagged-policies" fileName={`${t('flaggedPolicies')}-${rates.region.name}-${rates.year}`} sheet={t('flaggedPolicies')} disabled={rates.total === 0}
                table={async () => ({
                  header: [t('policyNo'), t('enterprise'), t('county'), t('industry'), t('premium'), t('insuredPersons'), t('premiumPerPerson'), t('medianPerPerson'), t('shareOfMedian')],
                  rows: (await allFlagged()).map((row) => [row.policyNo, row.enterpriseName, row.county.name, t(row.industry), Number(row.premium), row.insuredPersons, row.premiumPerPerson, row.industryMedianPerPerson, row.shareOfMedian]),
                })} />
            )}>
              <QueryState loading={false} error={undefined} empty={rates.total === 0}>
                <table className="table" data-total={rates.total}>
                  <thead>
                    <tr>
                      <th scope="col">{t('policyNo')}</th>
                      <th scope="col">{t('enterprise')}</th>
                      <th scope="col">{t('county')}</th>
                      <th scope="col">{t('industry')}</th>
                      <th scope="col" className="num">{t('premium')}</th>
                      <th scope="col" className="num">{t('insuredPersons')}</th>
                      <th scope="col" className="num">{t('premiumPerPerson')}</th>
                      <th scope="col" className="num">{t('medianPerPerson')}</th>
                      <th scope="col" className="num">{t('shareOfMedian')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rates.flaggedPolicies.map((row) => (
                      <tr key={row.policyId} data-policy={row.policyId}>
                        <td className="mono">{row.policyNo}</td>
                        <td><Link href={routeUrl({ page: 'enterprise', id: row.enterpriseId, policy: row.policyId })}>{row.enterpriseName}</Link></td>
                        <td>{row.county.name}</td>
                        <td>{t(row.industry)}</td>
                        <td className="num">{formatMoney(row.premium, language)}</td>
                        <td className="num">{formatCount(row.insuredPersons)}</td>
                        <td className="num">{formatMoney(row.premiumPerPerson.toFixed(2), language)}</td>
                        <td className="num">{formatMoney(row.industryMedianPerPerson.toFixed(2), language)}</td>
                        <td className="num bad" data-col="shareOfMedian">{formatPercent(row.shareOfMedian)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Pager page={page} pageSize={PREMIUM_PAGE_SIZE} total={rates.total} onPage={(next) => go({ pageNumber: next })} />
              </QueryState>
            </Panel>
          </>
        )}
      </QueryState>
    </main>
  );
}
