/**
 * 投保率 month by month over the twelve months up to the view's day, with the same months of the
 * previous year beside them (同比). The month holding the view's day ends on that day (the API's
 * evaluation day), so the last point is the coverage card's figure, and it says so. Both series divide by today's mandatory enterprises (the API's
 * definition), so the lines compare insured counts on a common base; the note under the chart says so.
 */
import { gql } from '@apollo/client';
import type { RegionTrendsDocument, RegionTrendsQuery } from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { todayInShanghai } from '../../../domain/today';
import { formatCount, formatPercent, formatPointChange } from '../lib/format';
import { useI18n } from '../lib/i18n';
import type { Industry } from '../lib/routes';
import { ExportButtons } from './ExportButtons';
import { QueryState } from './QueryState';

export const TRENDS_QUERY: RegionTrendsDocument = gql`
  query RegionTrends($region: ID!, $from: String!, $to: String!, $asOf: Date, $industries: [Industry!]) {
    trends(region: $region, from: $from, to: $to, grain: MONTH, asOf: $asOf, industries: $industries) {
      region { code }
      asOf
      mandatory
      points {
        period
        complete
        current { end coverageRate insured }
        previousYear { end coverageRate insured }
      }
    }
  }
`;

export type TrendPoint = RegionTrendsQuery['trends']['points'][number];

/** One row per month for the chart: both years' rates as percentages, null where undefined. */
export interface TrendRow {
  period: string;
  /** The last day counted: the month's end, or the evaluation day for the month holding it. */
  end: string;
  complete: boolean;
  current: number | null;
  previous: number | null;
  currentInsured: number | null;
  previousInsured: number | null;
  currentRate: number | null;
  previousRate: number | null;
}

const MONTHS_SHOWN = 12;

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The twelve months ending with the as-of day's month; without one, ending with December of a past
 * year or with the current month (the months after today have nothing to show yet).
 */
export function trendSpan(filters: { asOf?: string; year?: number }, today: string = todayInShanghai()): { from: string; to: string } {
  const thisMonth = today.slice(0, 7);
  let to = filters.asOf ? filters.asOf.slice(0, 7) : filters.year !== undefined ? `${filters.year}-12` : thisMonth;
  if (to > thisMonth) to = thisMonth;
  return { from: monthOf(monthIndex(to) - (MONTHS_SHOWN - 1)), to };
}

const asPercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

/** The API's points as chart rows, in period order, each month beside the same month a year earlier. */
export function trendRows(points: TrendPoint[]): TrendRow[] {
  return [...points]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((point) => ({
      period: point.period,
      end: point.current.end,
      complete: point.complete,
      current: asPercent(point.current.coverageRate),
      previous: asPercent(point.previousYear.coverageRate),
      currentInsured: point.current.insured,
      previousInsured: point.previousYear.insured,
      currentRate: point.current.coverageRate,
      previousRate: point.previousYear.coverageRate,
    }));
}

/**
 * The y-axis: from a round step below the lowest rate to 100%, ticked at even steps of 5 or 10 points
 * (a fixed 0–100 axis would flatten the lines near the top, where coverage lives).
 */
export function trendAxis(rates: number[]): { domain: [number, number]; ticks: number[] } {
  const lowest = rates.length === 0 ? 0 : Math.min(...rates);
  const step = 100 - lowest > 40 ? 10 : 5;
  const bottom = Math.max(0, Math.floor((lowest - step / 2) / step) * step);
  return { domain: [bottom, 100], ticks: Array.from({ length: (100 - bottom) / step + 1 }, (_, index) => bottom + index * step) };
}

/** Dark solid line with round dots for this year, grey dashed with hollow dots for last year: apart without hue. */
const CURRENT_STROKE = '#00204d';
const PREVIOUS_STROKE = '#7c7b78';

/** `industries` narrows the coverage it draws, as the coverage card is narrowed (all five when empty). */
export function TrendChart({ regionCode, asOf, year, industries = [] }: { regionCode: string; asOf?: string; year?: number; industries?: readonly Industry[] }) {
  const { t, language } = useI18n();
  const span = trendSpan({ asOf, year });
  const { data, loading, error, refetch } = useQuery(TRENDS_QUERY, { variables: { region: regionCode, ...span, asOf: asOf ?? null, industries: industries.length > 0 ? [...industries] : null } });
  const rows = data ? trendRows(data.trends.points) : [];
  const periodLabel = (row: TrendRow) => (row.complete ? row.period : `${row.period} ${t('trendThrough', { day: row.end })}`);
  const mandatory = data?.trends.mandatory ?? null;
  const rates = rows.flatMap((row) => [row.current, row.previous]).filter((value): value is number => value !== null);
  const axis = trendAxis(rates);
  return (
    <QueryState loading={loading && !data} error={error} empty={rates.length === 0} onRetry={() => refetch()} minHeight={280}>
      <div className="trend-chart" style={{ height: 280 }} data-from={span.from} data-to={span.to} data-points={rows.length}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e3e3e3" />
            <XAxis dataKey="period" tick={{ fontSize: 12 }} />
            <YAxis domain={axis.domain} ticks={axis.ticks} interval={0} allowDataOverflow unit="%" width={56} />
            <Tooltip
              formatter={(_value, name, item) => {
                const row = item.payload as TrendRow;
                const previous = name === t('trendPreviousYear');
                const insured = previous ? row.previousInsured : row.currentInsured;
                return [`${formatPercent(previous ? row.previousRate : row.currentRate)} (${formatCount(insured)} / ${formatCount(mandatory)})`, String(name)];
              }}
              labelFormatter={(period, payload) => {
                const row = payload?.[0]?.payload as TrendRow | undefined;
                return row ? `${periodLabel(row)} · ${formatPointChange(row.currentRate, row.previousRate, language)}` : String(period);
              }}
            />
            <Legend />
            <Line type="monotone" dataKey="current" name={t('trendCurrent')} stroke={CURRENT_STROKE} strokeWidth={3} dot={{ r: 4, fill: CURRENT_STROKE }} legendType="line" isAnimationActive={false} connectNulls={false} />
            <Line type="monotone" dataKey="previous" name={t('trendPreviousYear')} stroke={PREVIOUS_STROKE} strokeWidth={2} strokeDasharray="6 4" dot={{ r: 4, fill: '#fff', stroke: PREVIOUS_STROKE, strokeWidth: 2 }} legendType="plainline" isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {mandatory !== null && <p className="rule-source">{t('trendNote', { mandatory: formatCount(mandatory) })}</p>}
      <ExportButtons
        name="trend"
        fileName={`${t('trendTitle')}-${span.from}-${span.to}`}
        sheet={`${span.from}-${span.to}`}
        table={() => ({
          header: [t('month'), t('trendCurrent'), t('insured'), t('trendPreviousYear'), t('insured')],
          rows: rows.map((row) => [periodLabel(row), formatPercent(row.currentRate), row.currentInsured, formatPercent(row.previousRate), row.previousInsured]),
        })}
      />
      <details className="data-table">
        <summary>{t('trendTitle')}</summary>
        <table className="table compact">
          <thead><tr><th scope="col">{t('month')}</th><th scope="col" className="num">{t('trendCurrent')}</th><th scope="col" className="num">{t('trendPreviousYear')}</th></tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.period} data-period={row.period}>
                <td>{periodLabel(row)}</td>
                <td className="num">{formatPercent(row.currentRate)}</td>
                <td className="num">{formatPercent(row.previousRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </QueryState>
  );
}
