/**
 * Fee ratio per insurer against the floor and the cap in force (预防费用占比: 15% floor under the 2024
 * circular, 21% cap under the 2025 national measures). The lines come from the rules the API judged
 * with, not from constants here, so next year's circular moves them without a code change.
 */
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COVERAGE_COLOURS } from '../lib/colorScale';
import { formatMoneyExact, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import type { RuleCitation } from '../lib/rules';
import type { InsurerFeeRatiosQuery } from '../lib/operations.generated';
import { QueryState } from './QueryState';

export type FeeRatioRule = RuleCitation;

/** One insurer's fee ratio of a year, as INSURER_FEE_RATIOS_QUERY asks for it. */
export type InsurerFeeRatio = InsurerFeeRatiosQuery['feeRatios'][number];

/** Compliant bars light, the others dark, so the two read apart without relying on hue. */
const COMPLIANT_FILL = COVERAGE_COLOURS[5];
const NOT_COMPLIANT_FILL = COVERAGE_COLOURS[0];

/** Highest ratio first, an insurer without premium (no ratio) last, ties by name: the order the bars stand in. */
export function feeRatioOrder(rows: InsurerFeeRatio[]): InsurerFeeRatio[] {
  return [...rows].sort((a, b) => (b.ratio ?? -1) - (a.ratio ?? -1) || a.insurer.name.localeCompare(b.insurer.name));
}

/** The label of a floor or cap line, with the value of the rule the API judged with ("下限 15%"). */
export function limitLabel(t: ReturnType<typeof useI18n>['t'], kind: 'floorLine' | 'capLine', rule: RuleCitation): string {
  return t(kind, { value: Number(rule.value) });
}

/** Bar labels keep a white halo, so that a floor or cap line behind them never runs through the text. */
const LABEL_HALO = { paintOrder: 'stroke', stroke: '#fff', strokeWidth: 4, strokeLinejoin: 'round' } as const;

export function FeeRatioChart({ rows }: { rows: InsurerFeeRatio[] }) {
  const { t, language } = useI18n();
  const data = feeRatioOrder(rows).map((row) => ({ ...row, name: row.insurer.name, percent: row.ratio === null ? 0 : row.ratio * 100 }));
  const floor = rows.find((row) => row.floorRule)?.floorRule ?? null;
  const cap = rows.find((row) => row.capRule)?.capRule ?? null;
  const top = Math.max(30, ...data.map((row) => Math.ceil(row.percent / 5) * 5 + 5));
  return (
    <QueryState loading={false} empty={rows.length === 0}>
      {/* The lines' names stand above the chart, apart, rather than on the lines where 下限 and 上限 would run together. */}
      <ul className="chart-key" aria-label={t('source')}>
        {floor && <li data-limit="floor"><span className="key-line key-floor" aria-hidden="true" />{limitLabel(t, 'floorLine', floor)}</li>}
        {cap ? <li data-limit="cap"><span className="key-line key-cap" aria-hidden="true" />{limitLabel(t, 'capLine', cap)}</li> : <li data-limit="no-cap">{t('noCapInForce')}</li>}
      </ul>
      <div style={{ height: Math.max(220, rows.length * 34 + 60) }} className="fee-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 56, bottom: 8, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="#e3e3e3" />
            <XAxis type="number" domain={[0, top]} ticks={Array.from({ length: top / 5 + 1 }, (_, index) => index * 5)} unit="%" />
            <YAxis type="category" dataKey="name" width={280} interval={0} tick={{ fontSize: 12 }} />
            <Tooltip
              formatter={(_value, _name, item) => {
                const row = item.payload as InsurerFeeRatio;
                return [
                  `${formatPercent(row.ratio)} = ${formatMoneyExact(row.preventionSpending, language)} / ${formatMoneyExact(row.premiumReceived, language)}`,
                  t('feeRatio'),
                ];
              }}
            />
            {/* Behind the bars (which draw at z-index 300): a line never crosses a bar or its label. */}
            {floor && <ReferenceLine x={Number(floor.value)} stroke="#b00020" strokeDasharray="6 3" strokeWidth={2} zIndex={250} />}
            {cap && <ReferenceLine x={Number(cap.value)} stroke="#333" strokeDasharray="2 2" strokeWidth={2} zIndex={250} />}
            <Bar dataKey="percent" isAnimationActive={false}>
              {data.map((row) => <Cell key={row.insurer.id} fill={row.compliant ? COMPLIANT_FILL : NOT_COMPLIANT_FILL} stroke="#00204d" />)}
              <LabelList dataKey="ratio" position="right" fill="#1a1a1a" style={LABEL_HALO} formatter={(value: unknown) => formatPercent(value as number | null)} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      {(floor || cap) && (
        <p className="rule-source">
          {floor && <span>{limitLabel(t, 'floorLine', floor)} · {t('source')}: {floor[language].source} {floor[language].clause}</span>}
          {cap && <span> · {limitLabel(t, 'capLine', cap)} · {t('source')}: {cap[language].source} {cap[language].clause}</span>}
        </p>
      )}
    </QueryState>
  );
}
