/**
 * Each insurer as a point: prevention fee ratio across, loss ratio up. An insurer far right and low
 * spends a lot on prevention relative to what it pays out; far left and high is the opposite. The
 * floor and cap are drawn from the rules the API judged with. Compliant insurers are light circles,
 * the others dark triangles, so the verdict reads without colour.
 */
import { CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { COVERAGE_COLOURS } from '../lib/colorScale';
import { formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { limitLabel } from './FeeRatioChart';
import type { InsurerScoreRow } from './InsurerScores';
import { QueryState } from './QueryState';

interface Point { id: string; name: string; fee: number; loss: number; feeRatio: number; lossRatio: number }

/** Insurers with both ratios defined, as percentages; the others cannot be placed. */
export function scatterPoints(rows: InsurerScoreRow[]): { compliant: Point[]; notCompliant: Point[] } {
  const compliant: Point[] = [];
  const notCompliant: Point[] = [];
  for (const row of rows) {
    const feeRatio = row.fee?.ratio ?? null;
    const lossRatio = row.claims?.lossRatio ?? null;
    if (feeRatio === null || lossRatio === null) continue;
    const point = { id: row.insurer.id, name: row.insurer.name, fee: feeRatio * 100, loss: lossRatio * 100, feeRatio, lossRatio };
    (row.fee?.compliant ? compliant : notCompliant).push(point);
  }
  return { compliant, notCompliant };
}

export function FeeLossScatter({ rows }: { rows: InsurerScoreRow[] }) {
  const { t } = useI18n();
  const { compliant, notCompliant } = scatterPoints(rows);
  const floor = rows.find((row) => row.fee?.floorRule)?.fee?.floorRule ?? null;
  const cap = rows.find((row) => row.fee?.capRule)?.fee?.capRule ?? null;
  const all = [...compliant, ...notCompliant];
  const right = Math.max(30, ...all.map((point) => Math.ceil(point.fee / 5) * 5 + 5));
  const top = Math.max(20, ...all.map((point) => Math.ceil(point.loss / 10) * 10 + 10));
  return (
    <QueryState loading={false} empty={all.length === 0}>
      <div className="scatter-chart" style={{ height: 480 }} data-points={all.length}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 24, right: 32, bottom: 16, left: 8 }}>
            <CartesianGrid stroke="#e3e3e3" />
            <XAxis type="number" dataKey="fee" name={t('feeRatio')} unit="%" domain={[0, right]} ticks={Array.from({ length: right / 5 + 1 }, (_, index) => index * 5)} height={48} label={{ value: t('feeRatio'), position: 'insideBottom', offset: 0 }} />
            <YAxis type="number" dataKey="loss" name={t('lossRatio')} unit="%" domain={[0, top]} ticks={Array.from({ length: top / 10 + 1 }, (_, index) => index * 10)} width={64} label={{ value: t('lossRatio'), angle: -90, position: 'insideLeft' }} />
            <ZAxis range={[90, 90]} />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              content={({ active, payload }) => {
                const point = active ? (payload?.[0]?.payload as Point | undefined) : undefined;
                if (!point) return null;
                return (
                  <div className="chart-tooltip">
                    <strong>{point.name}</strong>
                    <div>{t('feeRatio')} {formatPercent(point.feeRatio)}</div>
                    <div>{t('lossRatio')} {formatPercent(point.lossRatio)}</div>
                  </div>
                );
              }}
            />
            <Legend verticalAlign="bottom" formatter={(value) => <span style={{ color: '#1a1a1a' }}>{value}</span>} />
            {floor && <ReferenceLine x={Number(floor.value)} stroke="#b00020" strokeDasharray="6 3" strokeWidth={2} label={{ value: limitLabel(t, 'floorLine', floor), position: 'insideTopRight', fill: '#b00020' }} />}
            {cap && <ReferenceLine x={Number(cap.value)} stroke="#333" strokeDasharray="2 2" strokeWidth={2} label={{ value: limitLabel(t, 'capLine', cap), position: 'insideTopLeft', fill: '#333' }} />}
            <Scatter name={t('compliant')} data={compliant} fill={COVERAGE_COLOURS[5]} stroke="#00204d" shape="circle" isAnimationActive={false} />
            <Scatter name={t('notCompliant')} data={notCompliant} fill={COVERAGE_COLOURS[0]} stroke="#00204d" shape="triangle" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </QueryState>
  );
}
