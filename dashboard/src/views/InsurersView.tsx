/**
 * Insurers side by side for a year: the fee ratio against floor and cap, fee ratio against loss ratio,
 * and a table of every verdict (fee ratio, service frequency, first service within three months, death
 * limit, filing) with export. Each column's rule and source document stand under the table.
 */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { FeeLossScatter } from '../components/FeeLossScatter';
import { FeeRatioChart, type InsurerFeeRatio } from '../components/FeeRatioChart';
import { YearFilingCell, yearFilingText } from '../components/FilingStatus';
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
import type { SortDirection } from '../lib/routes';
import { INSURER_COLUMNS, type InsurerColumn } from '../lib/routes-daily-work';
import type { Viewer } from '../lib/session';
import { amountChange, rateChange, type Change } from '../lib/yoy';
import { regionByCode } from '../../../domain/regions';

const ratioOf = (entry: { rate: number | null } | null) => (entry ? entry.rate : null);

/** A column's value in a row, for sorting (null sorts last either way) and for the 同比 against last year's row. */
function columnValue(row: InsurerScoreRow, column: InsurerColumn): number | string | null {
  switch (column) {
    case 'insurer': return row.insurer.name;
    case 'premiumReceived': return row.fee ? Number(row.fee.premiumReceived) : null;
    case 'preventionSpending': return row.fee ? Number(row.fee.preventionSpending) : null;
    case 'feeRatio': return row.fee?.ratio ?? null;
    case 'compliant': return row.fee?.compliant === null || row.fee === null ? null : row.fee.compliant ? 1 : 0;
    case 'claimsPaid': return row.claims ? Number(row.claims.claimsPaid) : null;
    case 'lossRatio': return row.claims?.lossRatio ?? null;
    case 'serviceCompliance': return row.service?.rate ?? null;
    case 'firstService': return row.firstService?.rate ?? null;
    case 'deathLimit': return row.deathLimit?.rate ?? null;
  }
}

/** The rows in a column's order; equal values keep the table's own order (by fee ratio, then id). */
export function sortInsurerRows(rows: InsurerScoreRow[], column: InsurerColumn | undefined, direction: SortDirection, language: string): InsurerScoreRow[] {
  if (column === undefined) return rows;
  const sign = direction === 'ASC' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: columnValue(row, column) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const order = typeof a.value === 'string' ? a.value.localeCompare(String(b.value), language === 'zh' ? 'zh-CN' : 'en') : a.value - Number(b.value);
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map((entry) => entry.row);
}

/** Columns whose 同比 is in percentage points (rates) and in percent (amounts); the name and the verdict have none. */
const RATE_COLUMNS: ReadonlySet<InsurerColumn> = new Set(['feeRatio', 'lossRatio', 'serviceCompliance', 'firstService', 'deathLimit']);
const AMOUNT_COLUMNS: ReadonlySet<InsurerColumn> = new Set(['premiumReceived', 'preventionSpending', 'claimsPaid']);

export function InsurersView({ year: chosenYear, sort, direction = 'ASC', viewer }: {
  year?: number; sort?: InsurerColumn; direction?: SortDirection; viewer?: Viewer;
}) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const [exportError, setExportError] = useState<string | null>(null);
  const year = indicatorYear({ year: chosenYear });
  const { data, loading, error, refetch } = useQuery(INSURER_FEE_RATIOS_QUERY, { variables: { year } });
  const scores = useQuery(INSURER_SCORES_QUERY, { variables: { year } });
  // Last year's table, for the 同比 under each figure.
  const previousFees = useQuery(INSURER_FEE_RATIOS_QUERY, { variables: { year: year - 1 } }).data;
  const previousScores = useQuery(INSURER_SCORES_QUERY, { variables: { year: year - 1 } }).data;
  const previousRows = new Map(previousFees ? insurerScoreRows(previousFees.feeRatios, previousScores).map((row) => [row.insurer.id, row]) : []);
  const fees = data?.feeRatios ?? [];
  const rows = sortInsurerRows(insurerScoreRows(fees, scores.data), sort, direction, language);
  const cityName = viewer?.role === 'city' && viewer.scope ? regionByCode(viewer.scope)?.name ?? viewer.scope : null;
  const sortBy = (column: InsurerColumn) => navigate(routeUrl({
    page: 'insurers', year: chosenYear, sort: column, direction: column === sort && direction === 'ASC' ? 'DESC' : 'ASC',
  }), { keepScroll: true });
  const header = (column: InsurerColumn, label: string, numeric: boolean) => {
    const active = column === sort;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (direction === 'ASC' ? 'ascending' : 'descending') : undefined} data-sort-col={column}>
        <button type="button" className="sort" onClick={() => sortBy(column)}>{label}{active ? (direction === 'ASC' ? ' ▲' : ' ▼') : ''}</button>
      </th>
    );
  };
  const yoyOf = (row: InsurerScoreRow, column: InsurerColumn): { change: Change; previous: string } | null => {
    const last = previousRows.get(row.insurer.id);
    if (!previousFees) return null;
    const current = columnValue(row, column);
    const previous = last ? columnValue(last, column) : null;
    if (RATE_COLUMNS.has(column)) {
      const change = rateChange(current as number | null, previous as number | null, language);
      return { change, previous: formatPercent(previous as number | null) };
    }
    if (AMOUNT_COLUMNS.has(column)) {
      return { change: amountChange(current as number | null, previous as number | null), previous: previous === null ? '—' : formatMoney(previous, language) };
    }
    return null;
  };
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
          yearFilingText(t, row.fee?.yearFiling),
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
      {cityName && <p className="scope-note" data-insurers-scope>{t('insurersScope', { region: cityName })}</p>}
      <YearSelect year={year} onChange={(next) => navigate(routeUrl({ page: 'insurers', year: next, sort, direction: sort ? direction : undefined }))} />
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
                  {header('insurer', t('insurer'), false)}
                  {header('premiumReceived', t('premiumReceived'), true)}
                  {header('preventionSpending', t('preventionSpending'), true)}
                  {header('feeRatio', t('feeRatio'), true)}
                  {header('compliant', t('compliant'), false)}
                  {header('claimsPaid', t('claimsPaid'), true)}
                  {header('lossRatio', t('lossRatio'), true)}
                  {header('serviceCompliance', t('serviceCompliance'), true)}
                  {header('firstService', t('firstService'), true)}
                  {header('deathLimit', t('deathLimitCompliance'), true)}
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
    return [valueRow(row), yoyRow(row)];
  }

  /** 同比 of every figure of the row, each under its column: points for rates, percent for amounts. */
  function yoyRow(row: InsurerScoreRow) {
    return (
      <tr key={`${row.insurer.id}-yoy`} className="yoy-row" data-yoy-of={row.insurer.id}>
        <td className="yoy-label">{t('yoy')}</td>
        {INSURER_COLUMNS.filter((column) => column !== 'insurer').map((column) => {
          const yoy = yoyOf(row, column);
          return (
            <td key={column} className={column === 'compliant' ? undefined : 'num'} data-yoy-col={column} data-yoy={yoy?.change.direction}
              title={yoy ? `${t('yoyYear', { year: year - 1 })}: ${yoy.previous}` : undefined}>
              {yoy ? yoy.change.text : ''}
            </td>
          );
        })}
        <td />
      </tr>
    );
  }

  function valueRow(row: InsurerScoreRow) {
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
        <td data-col="filing"><YearFilingCell filing={row.fee?.yearFiling} /></td>
      </tr>
    );
  }
}
