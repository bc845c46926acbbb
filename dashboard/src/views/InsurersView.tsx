/** Insurers side by side for a year: the fee-ratio table (with export) and the chart against floor and cap. */
import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { FeeRatioChart, type InsurerFeeRatio } from '../components/FeeRatioChart';
import { Panel, QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { indicatorYear } from '../lib/dates';
import { csvBlob, download, xlsxBlob, type ExportTable } from '../lib/exportTable';
import { formatMoney, formatMoneyExact, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';

export const INSURER_FEE_RATIOS_QUERY = gql`
  query InsurerFeeRatios($year: Int!) {
    feeRatios(year: $year) {
      insurer { id name }
      premiumReceived
      preventionSpending
      ratio
      compliant
      floorRule { value source clause }
      capRule { value source clause }
    }
  }
`;
interface FeeRatiosResult { feeRatios: InsurerFeeRatio[] }

export const INSURER_SERVICE_COMPLIANCE_QUERY = gql`
  query InsurerServiceCompliance($year: Int!) {
    serviceCompliance(year: $year) { byInsurer { insurer { id } required compliant exempt rate } }
  }
`;
interface InsurerServiceComplianceResult {
  serviceCompliance: { byInsurer: { insurer: { id: string }; required: number; compliant: number; exempt: number; rate: number | null }[] };
}

export function InsurersView({ year: chosenYear }: { year?: number }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const year = indicatorYear({ year: chosenYear });
  const { data, loading, error, refetch } = useQuery<FeeRatiosResult>(INSURER_FEE_RATIOS_QUERY, { variables: { year } });
  const rows = data?.feeRatios ?? [];
  const services = useQuery<InsurerServiceComplianceResult>(INSURER_SERVICE_COMPLIANCE_QUERY, { variables: { year } });
  const serviceOf = new Map(services.data?.serviceCompliance.byInsurer.map((entry) => [entry.insurer.id, entry]) ?? []);
  const serviceCell = (id: string) => {
    if (services.error) return '—';
    if (services.loading) return t('loading');
    const entry = serviceOf.get(id);
    return entry ? formatPercent(entry.rate) : '—';
  };
  const verdict = (row: InsurerFeeRatio) => (row.compliant === null ? t('undefinedRatio') : row.compliant ? t('compliant') : t('notCompliant'));
  const table = (): ExportTable => ({
    header: [t('insurer'), t('premiumReceived'), t('preventionSpending'), t('feeRatio'), t('compliant'), t('serviceCompliance')],
    rows: rows.map((row) => [row.insurer.name, row.premiumReceived, row.preventionSpending, formatPercent(row.ratio), verdict(row), serviceCell(row.insurer.id)]),
  });
  const actions = (
    <>
      <button type="button" disabled={rows.length === 0} onClick={() => download(csvBlob(table()), `${t('insurersTitle')}-${year}.csv`)}>{t('exportCsv')}</button>
      <button type="button" disabled={rows.length === 0} onClick={async () => download(await xlsxBlob(table(), String(year)), `${t('insurersTitle')}-${year}.xlsx`)}>{t('exportExcel')}</button>
    </>
  );
  return (
    <main className="insurers-view">
      <h1>{t('insurersTitle')}</h1>
      <YearSelect year={year} onChange={(next) => navigate(routeUrl({ page: 'insurers', year: next }))} />
      <QueryState loading={loading && !data} error={error} empty={rows.length === 0} onRetry={() => refetch()} minHeight={300}>
        <Panel title={t('feeChartTitle')} id="fee-chart">
          <FeeRatioChart rows={rows} />
        </Panel>
        <Panel title={t('insurersTitle')} actions={actions} id="insurer-table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('insurer')}</th>
                <th scope="col" className="num">{t('premiumReceived')}</th>
                <th scope="col" className="num">{t('preventionSpending')}</th>
                <th scope="col" className="num">{t('feeRatio')}</th>
                <th scope="col">{t('compliant')}</th>
                <th scope="col" className="num" title={services.error ? String(services.error.message) : undefined}>{t('serviceCompliance')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.insurer.id} data-insurer={row.insurer.id}>
                  <td><Link href={routeUrl({ page: 'insurer', id: row.insurer.id, year })}>{row.insurer.name}</Link></td>
                  <td className="num" title={formatMoneyExact(row.premiumReceived, language)}>{formatMoney(row.premiumReceived, language)}</td>
                  <td className="num" title={formatMoneyExact(row.preventionSpending, language)}>{formatMoney(row.preventionSpending, language)}</td>
                  <td className="num">{formatPercent(row.ratio)}</td>
                  <td className={row.compliant === false ? 'bad' : undefined}>{verdict(row)}</td>
                  <td className="num">{serviceCell(row.insurer.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </QueryState>
    </main>
  );
}
