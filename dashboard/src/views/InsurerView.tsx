/**
 * One insurer's scorecard for a year, and an insurer account's landing page. An insurer account gets
 * only its own row from the server; a regulator's account picks the insurer's row out of all of them.
 */
import { useQuery } from '@apollo/client/react';
import { FeeRatioChart, type InsurerFeeRatio } from '../components/FeeRatioChart';
import { Panel, QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { indicatorYear } from '../lib/dates';
import { formatMoney, formatMoneyExact, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import { INSURER_FEE_RATIOS_QUERY } from './InsurersView';

export function InsurerView({ id, year: chosenYear }: { id: string; year?: number }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const year = indicatorYear({ year: chosenYear });
  const { data, loading, error, refetch } = useQuery<{ feeRatios: InsurerFeeRatio[] }>(INSURER_FEE_RATIOS_QUERY, { variables: { year } });
  const row = data?.feeRatios.find((candidate) => candidate.insurer.id === id) ?? null;
  return (
    <main className="insurer-view" data-insurer={id}>
      <h1>{row?.insurer.name ?? t('scorecardTitle')}</h1>
      <YearSelect year={year} onChange={(next) => navigate(routeUrl({ page: 'insurer', id, year: next }))} />
      <QueryState loading={loading && !data} error={error} empty={row === null} onRetry={() => refetch()}>
        {row && (
          <>
            <div className="cards">
              <div className="card" data-card="premiumReceived" title={formatMoneyExact(row.premiumReceived, language)}>
                <div className="card-label">{t('premiumReceived')}</div>
                <div className="card-value">{formatMoney(row.premiumReceived, language)}</div>
              </div>
              <div className="card" data-card="preventionSpending" title={formatMoneyExact(row.preventionSpending, language)}>
                <div className="card-label">{t('preventionSpending')}</div>
                <div className="card-value">{formatMoney(row.preventionSpending, language)}</div>
              </div>
              <div className="card" data-card="feeRatio">
                <div className="card-label">{t('feeRatio')}</div>
                <div className="card-value">{formatPercent(row.ratio)}</div>
                <div className="card-detail">{row.compliant === null ? t('undefinedRatio') : row.compliant ? t('compliant') : t('notCompliant')}</div>
              </div>
            </div>
            <Panel title={t('feeChartTitle')} id="fee-chart">
              <FeeRatioChart rows={[row]} />
            </Panel>
          </>
        )}
      </QueryState>
    </main>
  );
}
