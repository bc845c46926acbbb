/**
 * Insurers side by side for a year: the fee ratio against floor and cap, fee ratio against loss ratio,
 * and a table of every verdict (fee ratio, service frequency, first service within three months, death
 * limit, filing) with export. Each column's rule and source document stand under the table.
 */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { FeeLossScatter } from '../components/FeeLossScatter';
import { FeeRatioChart, type InsurerFeeRatio } from '../components/FeeRatioChart';
import { FilingCell, filingText } from '../components/FilingStatus';
import { INSURER_FEE_RATIOS_QUERY, INSURER_SCORES_QUERY, insurerScoreRows, type InsurerScoreRow, type InsurerScoresResult } from '../components/InsurerScores';
import { Panel, QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { errorMessage } from '../lib/apollo';
import { indicatorYear } from '../lib/dates';
import { csvBlob, download, xlsxBlob, type ExportTable } from '../lib/exportTable';
import { formatCount, formatMoney, formatMoneyExact, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import { citation, shortSources, type RuleCitation } from '../lib/rules';

const ratioOf = (entry: { rate: number | null } | null) => (entry ? entry.rate : null);

export function InsurersView({ year: chosenYear }: { year?: number }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const [exportError, setExportError] = useState<string | null>(null);
  const year = indicatorYear({ year: chosenYear });
  const { data, loading, error, refetch } = useQuery(INSURER_FEE_RATIOS_QUERY, { variables: { year } });
  const scores = useQuery(INSURER_SCORES_QUERY, { variables: { year } });
  const fees = data?.feeRatios ?? [];
  const rows = insurerScoreRows(fees, scores.data);
  const scoreCell = (value: string) => {
    if (scores.error) return '—';
    if (scores.loading && !scores.data) return t('loading');
    return value;
  };
  const verdict = (fee: InsurerFeeRatio | null) => (fee === null || fee.compliant === null ? t('undefinedRatio') : fee.compliant ? t('compliant') : t('notCompliant'));
  const feeRules = [fees.find((fee) => fee.floorRule)?.floorRule, fees.find((fee) => fee.capRule)?.capRule].filter((rule): rule is RuleCitation => Boolean(rule));
  const columnRules: { label: string; rules: RuleCitation[] }[] = [
    { label: t('feeRatio'), rules: feeRules },
    { label: t('serviceCompliance'), rules: scores.data?.serviceCompliance.rules ?? [] },
    { label: t('firstService'), rules: scores.data?.firstService.rules ?? [] },
    { label: t('deathLimitCompliance'), rules: scores.data?.deathLimitCompliance.rules ?? [] },
  ];

  const exportRows = async (format: 'csv' | 'xlsx') => {
    setExportError(null);
    try {
      const table: ExportTable = {
        header: [t('insurer'), t('premiumReceived'), t('preventionSpending'), t('feeRatio'), t('compliant'), t('claimsPaid'), t('lossRatio'), t('serviceCompliance'), t('firstService'), t('deathLimitCompliance'), t('filingStatus')],
        rows: rows.map((row) => [
          row.insurer.name,
          row.fee?.premiumReceived ?? null,
          row.fee?.preventionSpending ?? null,
          formatPercent(row.fee?.ratio),
          verdict(row.fee),
          row.claims?.claimsPaid ?? null,
          formatPercent(row.claims?.lossRatio),
          formatPercent(ratioOf(row.service)),
          formatPercent(ratioOf(row.firstService)),
          formatPercent(ratioOf(row.deathLimit)),
          filingText(t, row.fee?.filing?.verdicts),
        ]),
      };
      if (format === 'csv') download(csvBlob(table), `${t('insurersTitle')}-${year}.csv`);
      else download(await xlsxBlob(table, String(year)), `${t('insurersTitle')}-${year}.xlsx`);
    } catch (failure) {
      setExportError(errorMessage(failure));
    }
  };
  const ready = rows.length > 0 && Boolean(scores.data);
  const actions = (
    <>
      <button type="button" disabled={!ready} onClick={() => exportRows('csv')}>{t('exportCsv')}</button>
      <button type="button" disabled={!ready} onClick={() => exportRows('xlsx')}>{t('exportExcel')}</button>
    </>
  );
  const rateCell = (entry: { rate: number | null } | null, parts: string) =>
    entry ? <span title={parts}>{scoreCell(formatPercent(entry.rate))}</span> : scoreCell('—');
  return (
    <main className="insurers-view">
      <h1>{t('insurersTitle')}</h1>
      <YearSelect year={year} onChange={(next) => navigate(routeUrl({ page: 'insurers', year: next }))} />
      <QueryState loading={loading && !data} error={error} empty={fees.length === 0} onRetry={() => refetch()} minHeight={300}>
        <div className="grid-2">
          <Panel title={t('feeChartTitle')} id="fee-chart">
            <FeeRatioChart rows={fees} />
          </Panel>
          <Panel title={t('feeLossTitle')} id="fee-loss">
            <QueryState loading={scores.loading && !scores.data} error={scores.error} empty={false} onRetry={() => scores.refetch()} minHeight={340}>
              <FeeLossScatter rows={rows} />
            </QueryState>
          </Panel>
        </div>
        <Panel title={t('insurersTitle')} actions={actions} id="insurer-table">
          {exportError && <p role="alert" className="state-error">{t('error', { message: exportError })}</p>}
          {scores.error && <p role="alert" className="state-error">{t('error', { message: errorMessage(scores.error) })}</p>}
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('insurer')}</th>
                  <th scope="col" className="num">{t('premiumReceived')}</th>
                  <th scope="col" className="num">{t('preventionSpending')}</th>
                  <th scope="col" className="num">{t('feeRatio')}</th>
                  <th scope="col">{t('compliant')}</th>
                  <th scope="col" className="num">{t('claimsPaid')}</th>
                  <th scope="col" className="num">{t('lossRatio')}</th>
                  <th scope="col" className="num">{t('serviceCompliance')}</th>
                  <th scope="col" className="num">{t('firstService')}</th>
                  <th scope="col" className="num">{t('deathLimitCompliance')}</th>
                  <th scope="col">{t('filingStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(insurerRow)}
              </tbody>
            </table>
          </div>
          <ul className="rule-source rule-list">
            {columnRules.filter((column) => column.rules.length > 0).map((column) => (
              <li key={column.label} title={citation(column.rules, language)}>{column.label} · {t('source')}: {shortSources(column.rules, language)}</li>
            ))}
          </ul>
        </Panel>
      </QueryState>
    </main>
  );

  // A plain function, not a component: a component declared in here would remount on every render.
  function insurerRow(row: InsurerScoreRow) {
    const fee = row.fee;
    return (
      <tr key={row.insurer.id} data-insurer={row.insurer.id}>
        <td><Link href={routeUrl({ page: 'insurer', id: row.insurer.id, year })}>{row.insurer.name}</Link></td>
        <td className="num" title={fee ? formatMoneyExact(fee.premiumReceived, language) : undefined}>{formatMoney(fee?.premiumReceived, language)}</td>
        <td className="num" title={fee ? formatMoneyExact(fee.preventionSpending, language) : undefined}>{formatMoney(fee?.preventionSpending, language)}</td>
        <td className="num" data-col="feeRatio">{formatPercent(fee?.ratio)}</td>
        <td className={fee?.compliant === false ? 'bad' : undefined}>{verdict(fee)}</td>
        <td className="num" data-col="claimsPaid" title={row.claims ? formatMoneyExact(row.claims.claimsPaid, language) : undefined}>{scoreCell(formatMoney(row.claims?.claimsPaid, language))}</td>
        <td className="num" data-col="lossRatio">{scoreCell(formatPercent(row.claims?.lossRatio))}</td>
        <td className="num" data-col="serviceCompliance">{rateCell(row.service, row.service ? `${formatCount(row.service.compliant)} / ${formatCount(row.service.required)}` : '')}</td>
        <td className="num" data-col="firstService">{rateCell(row.firstService, row.firstService ? `${formatCount(row.firstService.onTime)} / ${formatCount(row.firstService.judged)}` : '')}</td>
        <td className="num" data-col="deathLimit">{rateCell(row.deathLimit, row.deathLimit ? `${formatCount(row.deathLimit.compliant)} / ${formatCount(row.deathLimit.judged)}` : '')}</td>
        <td data-col="filing"><FilingCell filing={row.fee?.filing} /></td>
      </tr>
    );
  }
}
