/** Coverage per high-risk industry within the region, as a bar per industry with exact figures. */
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COVERAGE_COLOURS } from '../lib/colorScale';
import { formatCount, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import type { Industry } from '../lib/routes';
import { QueryState } from './QueryState';

export interface IndustryCoverage {
  industry: Industry;
  mandatory: number;
  insured: number;
  rate: number | null;
}

export function IndustryBreakdown({ byIndustry }: { byIndustry: IndustryCoverage[] }) {
  const { t } = useI18n();
  const rows = byIndustry.map((entry) => ({ ...entry, name: t(entry.industry), percent: entry.rate === null ? null : entry.rate * 100 }));
  return (
    <QueryState loading={false} empty={rows.every((row) => row.mandatory === 0)}>
      <div style={{ height: 220 }} className="industry-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 56, bottom: 8, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="#e3e3e3" />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="name" width={96} interval={0} />
            <Tooltip
              formatter={(_value, _name, item) => {
                const row = item.payload as IndustryCoverage;
                return [`${formatPercent(row.rate)} (${formatCount(row.insured)} / ${formatCount(row.mandatory)})`, t('coverageRate')];
              }}
            />
            <Bar dataKey="percent" fill={COVERAGE_COLOURS[2]} isAnimationActive={false}>
              <LabelList dataKey="rate" position="right" fill="#1a1a1a" formatter={(value: unknown) => formatPercent(value as number | null)} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="table compact sr-table">
        <thead><tr><th scope="col">{t('industry')}</th><th scope="col">{t('coverageRate')}</th><th scope="col">{t('insured')}</th><th scope="col">{t('mandatory')}</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.industry}><td>{row.name}</td><td>{formatPercent(row.rate)}</td><td>{formatCount(row.insured)}</td><td>{formatCount(row.mandatory)}</td></tr>
          ))}
        </tbody>
      </table>
    </QueryState>
  );
}
