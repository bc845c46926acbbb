/**
 * The children ranked by coverage gap: how many mandatory enterprises lack insurance in each. The
 * largest gap comes first, because that is where enforcement pays off; a click on a bar drills in.
 */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COVERAGE_COLOURS } from '../lib/colorScale';
import { formatCount, formatPercent } from '../lib/format';
import { useI18n } from '../lib/i18n';
import type { RegionCoverage } from './ChoroplethMap';
import { QueryState } from './QueryState';

interface GapRow {
  code: string;
  name: string;
  gap: number;
  mandatory: number;
  insured: number;
  rate: number | null;
}

export function rankByGap(children: RegionCoverage[]): GapRow[] {
  return children
    .map((child) => ({
      code: child.region.code,
      name: child.region.name,
      gap: child.mandatory - child.insured,
      mandatory: child.mandatory,
      insured: child.insured,
      rate: child.rate,
    }))
    .sort((a, b) => b.gap - a.gap || a.code.localeCompare(b.code));
}

interface GapBarChartProps {
  coverage: RegionCoverage[];
  onDrill(code: string): void;
  mayDrill(code: string): boolean;
}

export function GapBarChart({ coverage, onDrill, mayDrill }: GapBarChartProps) {
  const { t } = useI18n();
  const rows = rankByGap(coverage);
  const height = Math.max(160, rows.length * 26 + 40);
  return (
    <QueryState loading={false} empty={rows.length === 0}>
      <div className="gap-chart" style={{ height }} data-codes={rows.map((row) => row.code).join(',')}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="#e3e3e3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={84} interval={0} />
            <Tooltip
              formatter={(value) => [formatCount(Number(value)), t('gapBar')]}
              labelFormatter={(name, payload) => {
                const row = payload?.[0]?.payload as GapRow | undefined;
                return row ? `${name} · ${t('coverageRate')} ${formatPercent(row.rate)} (${formatCount(row.insured)} / ${formatCount(row.mandatory)})` : String(name);
              }}
            />
            <Bar
              dataKey="gap"
              name={t('gapBar')}
              isAnimationActive={false}
              label={{ position: 'right', formatter: (value: unknown) => formatCount(Number(value)) }}
              onClick={(entry) => {
                const row = (entry as { payload?: GapRow }).payload;
                if (row && mayDrill(row.code)) onDrill(row.code);
              }}
            >
              {rows.map((row) => (
                <Cell key={row.code} fill={COVERAGE_COLOURS[1]} cursor={mayDrill(row.code) ? 'pointer' : 'default'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </QueryState>
  );
}
