/**
 * Risk indicators of a region in a year (`/risk?year=&region=`): accidents, deaths and injuries, accidents
 * per 100 insured enterprises and 隐患整改率, each with its 同比; the regions below and the industries; the
 * risk levels and standardization grades of the mandatory enterprises. The server narrows every figure
 * to the account (a city its city, an insurer its own policies, services and claims).
 */
import { gql } from '@apollo/client';
import type {
  IndustryRiskFiguresFragmentDocument, RegionRiskFiguresFragmentDocument, RiskIndicatorsDocument, RiskIndicatorsFiguresFragmentDocument,
} from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { ExportButtons } from '../components/ExportButtons';
import { YoyLine, type YearOnYear } from '../components/HeadlineCards';
import { Panel, QueryState } from '../components/QueryState';
import { RegionSelect, regionInChoices } from '../components/RegionSelect';
import { YearSelect } from '../components/YearSelect';
import { indicatorYear } from '../lib/dates';
import { formatCount, formatPercent } from '../lib/format';
import { codeLabel, industryLabel, useI18n, type MessageKey } from '../lib/i18n';
import { useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import type { DailyWorkRoute } from '../lib/routes-daily-work';
import type { Viewer } from '../lib/session';
import type { ExportTable } from '../lib/exportTable';
import { amountChange, rateChange } from '../lib/yoy';

// The schema has no interface for the accident figures: each type that carries them has its fragment.
export const RISK_INDICATORS_FIGURES_FRAGMENT: RiskIndicatorsFiguresFragmentDocument = gql`
  fragment RiskIndicatorsFigures on RiskIndicators {
    accidents deaths injuries insuredEnterprises accidentsPer100Insured hazardsFound hazardsRectified rectificationRate
  }
`;
export const REGION_RISK_FIGURES_FRAGMENT: RegionRiskFiguresFragmentDocument = gql`
  fragment RegionRiskFigures on RegionRisk {
    accidents deaths injuries insuredEnterprises accidentsPer100Insured hazardsFound hazardsRectified rectificationRate
  }
`;
export const INDUSTRY_RISK_FIGURES_FRAGMENT: IndustryRiskFiguresFragmentDocument = gql`
  fragment IndustryRiskFigures on IndustryRisk {
    accidents deaths injuries insuredEnterprises accidentsPer100Insured hazardsFound hazardsRectified rectificationRate
  }
`;

export const RISK_INDICATORS_QUERY: RiskIndicatorsDocument = gql`
  query RiskIndicators($year: Int!, $region: ID) {
    riskIndicators(year: $year, region: $region) {
      region { code name level }
      year
      ...RiskIndicatorsFigures
      children { region { code name } ...RegionRiskFigures }
      byIndustry { industry ...IndustryRiskFigures }
      riskLevels { value enterprises }
      standardizationGrades { value enterprises }
    }
  }
  ${RISK_INDICATORS_FIGURES_FRAGMENT}
  ${REGION_RISK_FIGURES_FRAGMENT}
  ${INDUSTRY_RISK_FIGURES_FRAGMENT}
`;

export interface AccidentFigures {
  accidents: number;
  deaths: number;
  injuries: number;
  insuredEnterprises: number;
  accidentsPer100Insured: number | null;
  hazardsFound: number;
  hazardsRectified: number;
  rectificationRate: number | null;
}

type Route = Extract<DailyWorkRoute, { page: 'risk' }>;

/**
 * The headline cards, in their order. 同比: the rectification rate, a share, in percentage points; the
 * counts and accidents per 100 insured enterprises (a count per hundred, not a share) in percent.
 */
const CARDS: Array<{ key: keyof AccidentFigures; label: MessageKey; rate: boolean }> = [
  { key: 'accidents', label: 'accidents', rate: false },
  { key: 'deaths', label: 'deaths', rate: false },
  { key: 'injuries', label: 'injuries', rate: false },
  { key: 'insuredEnterprises', label: 'insuredEnterprises', rate: false },
  { key: 'accidentsPer100Insured', label: 'accidentsPer100Insured', rate: false },
  { key: 'rectificationRate', label: 'rectificationRate', rate: true },
];

/** Accidents per 100 insured enterprises is a count per hundred, not a share: two decimals, no percent sign. */
function formatFigure(key: keyof AccidentFigures, value: number | null): string {
  if (key === 'rectificationRate') return formatPercent(value);
  if (key === 'accidentsPer100Insured') return value === null ? '—' : value.toFixed(2);
  return formatCount(value);
}

export function RiskView({ route, viewer }: { route: Route; viewer: Viewer }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const year = indicatorYear({ year: route.year });
  const region = regionInChoices(viewer, route.region);
  const go = (next: Partial<Route>) => navigate(routeUrl({ ...route, ...next }));
  const { data, loading, error, refetch } = useQuery(RISK_INDICATORS_QUERY, { variables: { year, region } });
  const previous = useQuery(RISK_INDICATORS_QUERY, { variables: { year: year - 1, region } }).data?.riskIndicators;
  const risk = data?.riskIndicators;

  const yoyOf = (key: keyof AccidentFigures, rate: boolean): YearOnYear | undefined => {
    if (!risk || !previous) return undefined;
    const last = previous[key] as number | null;
    const current = risk[key] as number | null;
    const change = rate ? rateChange(current, last, language) : amountChange(current, last);
    return { change, previous: formatFigure(key, last), period: t('yoyYear', { year: year - 1 }) };
  };

  return (
    <main className="risk-view" data-region={region}>
      <h1>{t('riskTitle')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <YearSelect year={year} onChange={(next) => go({ year: next })} />
        <RegionSelect viewer={viewer} region={region} onChange={(next) => go({ region: next })} />
      </form>
      <QueryState loading={loading && !risk} error={error} empty={false} onRetry={() => refetch()} minHeight={300}>
        {risk && (
          <>
            <h2 className="region-title">{risk.region.name} · {t('listYear', { year: risk.year })}</h2>
            <div className="cards">
              {CARDS.map((card) => (
                <div key={card.key} className="card" data-card={card.key}>
                  <div className="card-label">{t(card.label)}</div>
                  <div className="card-value" data-value>{formatFigure(card.key, risk[card.key] as number | null)}</div>
                  {card.key === 'rectificationRate' && (
                    <div className="card-detail">{t('hazardsFoundRectified', { found: formatCount(risk.hazardsFound), rectified: formatCount(risk.hazardsRectified) })}</div>
                  )}
                  {yoyOf(card.key, card.rate) && <YoyLine yoy={yoyOf(card.key, card.rate)!} />}
                </div>
              ))}
            </div>
            <div className="grid-2">
              {risk.children.length > 0 && (
                <Panel title={t('riskByRegion')} id="risk-regions" actions={(
                  <ExportButtons name="risk-regions" fileName={`${t('riskByRegion')}-${year}`} sheet={t('riskByRegion')}
                    table={() => figuresTable(t, t('region'), risk.children.map((child) => ({ label: child.region.name, figures: child })))} />
                )}>
                  <FiguresTable heading={t('region')} rows={risk.children.map((child) => ({ id: child.region.code, label: child.region.name, figures: child, onOpen: () => go({ region: child.region.code }) }))} />
                </Panel>
              )}
              <Panel title={t('riskByIndustry')} id="risk-industries" actions={(
                <ExportButtons name="risk-industries" fileName={`${t('riskByIndustry')}-${year}`} sheet={t('riskByIndustry')}
                  table={() => figuresTable(t, t('industry'), risk.byIndustry.map((row) => ({ label: industryLabel(t, row.industry), figures: row })))} />
              )}>
                <FiguresTable heading={t('industry')} rows={risk.byIndustry.map((row) => ({ id: row.industry ?? 'other', label: industryLabel(t, row.industry), figures: row }))} />
              </Panel>
            </div>
            <div className="grid-2">
              <Panel title={t('riskLevels')} id="risk-levels" actions={(
                <ExportButtons name="risk-levels" fileName={`${t('riskLevels')}-${year}`} sheet={t('riskLevels')}
                  table={() => ({ header: [t('riskLevel'), t('enterprises')], rows: risk.riskLevels.map((row) => [codeLabel(t, 'risk', row.value), row.enterprises]) })} />
              )}>
                <ClassTable heading={t('riskLevel')} rows={risk.riskLevels.map((row) => ({ value: row.value, label: codeLabel(t, 'risk', row.value), enterprises: row.enterprises }))} />
              </Panel>
              <Panel title={t('standardizationGrades')} id="risk-grades" actions={(
                <ExportButtons name="risk-grades" fileName={`${t('standardizationGrades')}-${year}`} sheet={t('standardizationGrades')}
                  table={() => ({ header: [t('standardizationGrade'), t('enterprises')], rows: risk.standardizationGrades.map((row) => [codeLabel(t, 'grade', row.value), row.enterprises]) })} />
              )}>
                <ClassTable heading={t('standardizationGrade')} rows={risk.standardizationGrades.map((row) => ({ value: row.value, label: codeLabel(t, 'grade', row.value), enterprises: row.enterprises }))} />
              </Panel>
            </div>
          </>
        )}
      </QueryState>
    </main>
  );
}

/** A figures table as exported: the numbers as numbers (rates as fractions), a missing one empty. */
function figuresTable(t: ReturnType<typeof useI18n>['t'], heading: string, rows: Array<{ label: string; figures: AccidentFigures }>): ExportTable {
  return {
    header: [heading, ...CARDS.map((card) => t(card.label))],
    rows: rows.map((row) => [row.label, ...CARDS.map((card) => row.figures[card.key] as number | null)]),
  };
}

function FiguresTable({ heading, rows }: { heading: string; rows: Array<{ id: string; label: string; figures: AccidentFigures; onOpen?: () => void }> }) {
  const { t } = useI18n();
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          {CARDS.map((card) => <th key={card.key} scope="col" className="num">{t(card.label)}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-row={row.id}>
            <td>{row.onOpen ? <button type="button" className="sort" onClick={row.onOpen}>{row.label}</button> : row.label}</td>
            {CARDS.map((card) => <td key={card.key} className="num" data-col={card.key}>{formatFigure(card.key, row.figures[card.key] as number | null)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClassTable({ heading, rows }: { heading: string; rows: Array<{ value: string; label: string; enterprises: number }> }) {
  const { t } = useI18n();
  return (
    <table className="table compact">
      <thead><tr><th scope="col">{heading}</th><th scope="col" className="num">{t('enterprises')}</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.value} data-class={row.value}><td>{row.label}</td><td className="num">{formatCount(row.enterprises)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
