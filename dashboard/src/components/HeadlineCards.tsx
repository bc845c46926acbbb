/**
 * The region's headline figures. Coverage comes with the region view's own query; the yearly
 * indicators and the data freshness each have their query here, beside the card that shows them,
 * so one failing indicator shows its error in its own card and leaves the others readable.
 */
import { gql } from '@apollo/client';
import type { CoverageFiguresFragmentDocument, RegionCoverageYearAgoDocument } from '../lib/operations.generated';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import type { DataFreshnessDocument, RegionClaimsDocument, RegionDeathLimitDocument, RegionFeesDocument, RegionFirstServiceDocument, RegionServiceComplianceDocument } from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import { errorMessage } from '../lib/apollo';
import { formatCount, formatMoney, formatMoneyExact, formatPercent, formatTimestamp } from '../lib/format';
import { useI18n, type MessageKey } from '../lib/i18n';
import { citation, shortSources, type RuleCitation } from '../lib/rules';
import type { Industry } from '../lib/routes';
import { amountChange, rateChange, yearAgo, type Change } from '../lib/yoy';

export const SERVICE_COMPLIANCE_QUERY: RegionServiceComplianceDocument = gql`
  query RegionServiceCompliance($year: Int!, $region: ID!) {
    serviceCompliance(year: $year, region: $region) { region { code } year required compliant exempt rate }
  }
`;

export const REGION_FEES_QUERY: RegionFeesDocument = gql`
  query RegionFees($year: Int!, $region: ID) {
    regionFees(year: $year, region: $region) { region { code } year premiumReceived preventionSpending ratio }
  }
`;

export const DEATH_LIMIT_QUERY: RegionDeathLimitDocument = gql`
  query RegionDeathLimit($year: Int!, $region: ID!) {
    deathLimitCompliance(year: $year, region: $region) {
      region { code }
      year
      judged
      compliant
      rate
      rules { ...RuleCitation }
    }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export const FIRST_SERVICE_QUERY: RegionFirstServiceDocument = gql`
  query RegionFirstService($year: Int!, $region: ID!, $asOf: Date) {
    firstService(year: $year, region: $region, asOf: $asOf) {
      region { code }
      asOf
      judged
      onTime
      late
      missing
      rate
      rules { ...RuleCitation }
    }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export const REGION_CLAIMS_QUERY: RegionClaimsDocument = gql`
  query RegionClaims($year: Int!, $region: ID!) {
    claims(year: $year, region: $region) { region { code } year claimsPaid premiumReceived lossRatio paid reported }
  }
`;

export const DATA_FRESHNESS_QUERY: DataFreshnessDocument = gql`
  query DataFreshness {
    dataFreshness { lastRun { runId finishedAt watermarkAt } lastFailure { runId failedAt kind } }
  }
`;

interface CardProps {
  label: MessageKey;
  value: ReactNode;
  detail?: ReactNode;
  name: string;
  state?: 'loading' | 'error';
  /** The rules the verdict was judged against: their documents shown, the full citation on hover. */
  rules?: RuleCitation[];
  /** Something the reader must know about the figure itself, shown below it. */
  warning?: string;
  /** 同比: the change from the same period last year, last year's figure and what that period is. */
  yoy?: YearOnYear;
  /** The view is filtered by industry and this figure is not: it says so. */
  allIndustries?: boolean;
}

export interface YearOnYear { change: Change; previous: string; period: string }

/** The 同比 line of a card: the change, last year's figure, and the period compared in the tooltip. */
export function YoyLine({ yoy }: { yoy: YearOnYear }) {
  const { t } = useI18n();
  const text = yoy.change.direction === 'none' && yoy.previous === '—'
    ? t('yoyNone')
    : t(yoy.change.kind === 'points' ? 'yoyPoints' : 'yoyPercent', { change: yoy.change.text, previous: yoy.previous });
  return <div className="card-yoy" data-yoy={yoy.change.direction} data-yoy-kind={yoy.change.kind} title={yoy.period}>{text}</div>;
}

const FOLLOWS_INDUSTRY_FILTER = new Set(['coverageRate', 'mandatory', 'uninsured']);

function Card({ label, value, detail, name, state, rules, warning, allIndustries, yoy }: CardProps) {
  const { t, language } = useI18n();
  const filtered = useContext(IndustriesFiltered);
  // Coverage, mandatory and uninsured follow the filter; the yearly indicators and freshness are of every industry.
  const notFiltered = allIndustries ?? (filtered && !FOLLOWS_INDUSTRY_FILTER.has(name) && name !== 'freshness');
  const tooltip = [typeof detail === 'string' ? detail : null, rules && rules.length > 0 ? citation(rules, language) : null].filter(Boolean).join('\n');
  return (
    <div className="card" data-card={name} data-state={state} data-all-industries={notFiltered || undefined} title={tooltip || undefined}>
      <div className="card-label">{t(label)}</div>
      <div className="card-value" data-value>{value}</div>
      {detail && <div className="card-detail">{detail}</div>}
      {yoy && <YoyLine yoy={yoy} />}
      {notFiltered && <div className="card-note" data-industry-note>{t('allIndustriesOnly')}</div>}
      {warning && <div className="card-warning" role="status" data-warning>{warning}</div>}
      {rules && rules.length > 0 && <div className="card-source" data-rules={rules.map((rule) => rule.id).join(',')}>{t('source')}: {shortSources(rules, language)}</div>}
    </div>
  );
}

/** Whether the view is filtered by industry: the cards of figures that do not follow the filter say so. */
const IndustriesFiltered = createContext(false);

export interface CoverageFigures { mandatory: number; insured: number; rate: number | null; asOf: string }

export const COVERAGE_FIGURES_FRAGMENT: CoverageFiguresFragmentDocument = gql`
  fragment CoverageFigures on Coverage { asOf mandatory insured rate }
`;

/** The same region's coverage on the same day a year earlier, for the coverage cards' 同比. */
export const COVERAGE_YEAR_AGO_QUERY: RegionCoverageYearAgoDocument = gql`
  query RegionCoverageYearAgo($region: ID!, $asOf: Date, $industries: [Industry!]) {
    coverage(region: $region, asOf: $asOf, industries: $industries) { ...CoverageFigures }
  }
  ${COVERAGE_FIGURES_FRAGMENT}
`;

/** A yearly figure against the year before: the period compared, for the 同比 line's tooltip. */
function yearly<T>(previous: T | undefined, year: number, t: (key: 'yoyYear', vars: { year: number }) => string) {
  return previous === undefined ? undefined : { previous, period: t('yoyYear', { year: year - 1 }) };
}

export function HeadlineCards({ coverage, regionCode, year, asOf, industries = [], industriesFiltered = industries.length > 0 }: {
  coverage: CoverageFigures; regionCode: string; year: number; asOf?: string; industries?: readonly Industry[]; industriesFiltered?: boolean;
}) {
  const { t, language } = useI18n();
  const dayAgo = yearAgo(coverage.asOf);
  const yearAgoAnswer = useQuery(COVERAGE_YEAR_AGO_QUERY, {
    variables: { region: regionCode, asOf: dayAgo, industries: industries.length > 0 ? [...industries] : null },
  });
  const yearAgoCoverage = yearAgoAnswer.dataState === 'complete' ? yearAgoAnswer.data.coverage : undefined;
  const period = t('yoyDay', { day: dayAgo });
  const coverageYoy = (pick: 'rate' | 'mandatory' | 'uninsured'): YearOnYear | undefined => {
    if (!yearAgoCoverage) return undefined;
    if (pick === 'rate') return { change: rateChange(coverage.rate, yearAgoCoverage.rate, language), previous: formatPercent(yearAgoCoverage.rate), period };
    const of = (figures: CoverageFigures) => (pick === 'mandatory' ? figures.mandatory : figures.mandatory - figures.insured);
    return { change: amountChange(of(coverage), of(yearAgoCoverage)), previous: formatCount(of(yearAgoCoverage)), period };
  };
  return (
    <IndustriesFiltered.Provider value={industriesFiltered}>
    <div className="cards">
      <Card name="coverageRate" label="coverageRate" value={formatPercent(coverage.rate)} detail={`${formatCount(coverage.insured)} / ${formatCount(coverage.mandatory)} · ${t('asOf')} ${coverage.asOf}`} yoy={coverageYoy('rate')} />
      <Card name="mandatory" label="mandatory" value={formatCount(coverage.mandatory)} yoy={coverageYoy('mandatory')} />
      <Card name="uninsured" label="uninsured" value={formatCount(coverage.mandatory - coverage.insured)} yoy={coverageYoy('uninsured')} />
      <RegionFeesCards regionCode={regionCode} year={year} />
      <ServiceComplianceCard regionCode={regionCode} year={year} />
      <DeathLimitCard regionCode={regionCode} year={year} />
      <FirstServiceCard regionCode={regionCode} year={year} asOf={asOf} />
      <ClaimsCard regionCode={regionCode} year={year} />
      <FreshnessCard />
    </div>
    </IndustriesFiltered.Provider>
  );
}

function RegionFeesCards({ regionCode, year }: { regionCode: string; year: number }) {
  const { t, language } = useI18n();
  const { data, loading, error } = useQuery(REGION_FEES_QUERY, { variables: { year, region: regionCode } });
  const last = yearly(useQuery(REGION_FEES_QUERY, { variables: { year: year - 1, region: regionCode } }).data?.regionFees, year, t);
  if (error) {
    return (
      <>
        <Card name="premiumReceived" label="premiumReceived" value="—" detail={errorMessage(error)} state="error" />
        <Card name="feeRatio" label="feeRatio" value="—" detail={errorMessage(error)} state="error" />
      </>
    );
  }
  if (loading || !data) {
    return (
      <>
        <Card name="premiumReceived" label="premiumReceived" value={t('loading')} state="loading" />
        <Card name="feeRatio" label="feeRatio" value={t('loading')} state="loading" />
      </>
    );
  }
  const fees = data.regionFees;
  return (
    <>
      <Card name="premiumReceived" label="premiumReceived" value={formatMoney(fees.premiumReceived, language)} detail={`${formatMoneyExact(fees.premiumReceived, language)} · ${fees.year}`}
        yoy={last && { change: amountChange(fees.premiumReceived, last.previous.premiumReceived), previous: formatMoney(last.previous.premiumReceived, language), period: last.period }}
      />
      <Card
        name="feeRatio"
        label="feeRatio"
        value={formatPercent(fees.ratio)}
        detail={`${t('preventionSpending')} ${formatMoney(fees.preventionSpending, language)} · ${fees.year}`}
        yoy={last && { change: rateChange(fees.ratio, last.previous.ratio, language), previous: formatPercent(last.previous.ratio), period: last.period }}
      />
    </>
  );
}

function ServiceComplianceCard({ regionCode, year }: { regionCode: string; year: number }) {
  const { t, language } = useI18n();
  const { data, loading, error } = useQuery(SERVICE_COMPLIANCE_QUERY, { variables: { year, region: regionCode } });
  const last = yearly(useQuery(SERVICE_COMPLIANCE_QUERY, { variables: { year: year - 1, region: regionCode } }).data?.serviceCompliance, year, t);
  if (error) return <Card name="serviceCompliance" label="serviceCompliance" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="serviceCompliance" label="serviceCompliance" value={t('loading')} state="loading" />;
  const figures = data.serviceCompliance;
  return (
    <Card
      name="serviceCompliance"
      label="serviceCompliance"
      value={formatPercent(figures.rate)}
      detail={`${formatCount(figures.compliant)} / ${formatCount(figures.required)} · ${t('exemptServices')} ${formatCount(figures.exempt)} · ${figures.year}`}
      yoy={last && { change: rateChange(figures.rate, last.previous.rate, language), previous: formatPercent(last.previous.rate), period: last.period }}
    />
  );
}

function DeathLimitCard({ regionCode, year }: { regionCode: string; year: number }) {
  const { t, language } = useI18n();
  const { data, loading, error } = useQuery(DEATH_LIMIT_QUERY, { variables: { year, region: regionCode } });
  const last = yearly(useQuery(DEATH_LIMIT_QUERY, { variables: { year: year - 1, region: regionCode } }).data?.deathLimitCompliance, year, t);
  if (error) return <Card name="deathLimit" label="deathLimitCompliance" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="deathLimit" label="deathLimitCompliance" value={t('loading')} state="loading" />;
  const figures = data.deathLimitCompliance;
  return (
    <Card
      name="deathLimit"
      label="deathLimitCompliance"
      value={formatPercent(figures.rate)}
      detail={`${t('judgedOf', { compliant: formatCount(figures.compliant), judged: formatCount(figures.judged) })} · ${figures.year}`}
      rules={figures.rules}
      yoy={last && { change: rateChange(figures.rate, last.previous.rate, language), previous: formatPercent(last.previous.rate), period: last.period }}
    />
  );
}

function FirstServiceCard({ regionCode, year, asOf }: { regionCode: string; year: number; asOf?: string }) {
  const { t, language } = useI18n();
  const { data, loading, error } = useQuery(FIRST_SERVICE_QUERY, { variables: { year, region: regionCode, asOf: asOf ?? null } });
  // Last year's policies judged on the same day a year earlier, as this year's are on the view's day.
  const previousAsOf = data ? yearAgo(data.firstService.asOf) : null;
  const last = yearly(useQuery(FIRST_SERVICE_QUERY, {
    variables: { year: year - 1, region: regionCode, asOf: previousAsOf }, skip: previousAsOf === null,
  }).data?.firstService, year, t);
  if (error) return <Card name="firstService" label="firstService" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="firstService" label="firstService" value={t('loading')} state="loading" />;
  const figures = data.firstService;
  return (
    <Card
      name="firstService"
      label="firstService"
      value={formatPercent(figures.rate)}
      detail={`${t('judgedOf', { compliant: formatCount(figures.onTime), judged: formatCount(figures.judged) })} · ${year}`}
      rules={figures.rules}
      yoy={last && { change: rateChange(figures.rate, last.previous.rate, language), previous: formatPercent(last.previous.rate), period: `${last.period} · ${t('yoyDay', { day: last.previous.asOf })}` }}
    />
  );
}

function ClaimsCard({ regionCode, year }: { regionCode: string; year: number }) {
  const { t, language } = useI18n();
  const { data, loading, error } = useQuery(REGION_CLAIMS_QUERY, { variables: { year, region: regionCode } });
  const last = yearly(useQuery(REGION_CLAIMS_QUERY, { variables: { year: year - 1, region: regionCode } }).data?.claims, year, t);
  if (error) return <Card name="claimsPaid" label="claimsPaid" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="claimsPaid" label="claimsPaid" value={t('loading')} state="loading" />;
  const figures = data.claims;
  return (
    <Card
      name="claimsPaid"
      label="claimsPaid"
      value={formatMoney(figures.claimsPaid, language)}
      detail={`${formatMoneyExact(figures.claimsPaid, language)} · ${t('lossRatio')} ${formatPercent(figures.lossRatio)} · ${t('claimsDecided', { paid: formatCount(figures.paid), reported: formatCount(figures.reported) })} · ${figures.year}`}
      yoy={last && { change: amountChange(figures.claimsPaid, last.previous.claimsPaid), previous: formatMoney(last.previous.claimsPaid, language), period: last.period }}
    />
  );
}

/** The last good run, and a run that failed since: the figures then stay those of the last good run. */
export function FreshnessCard() {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(DATA_FRESHNESS_QUERY);
  if (error) return <Card name="freshness" label="dataFreshness" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="freshness" label="dataFreshness" value={t('loading')} state="loading" />;
  const run = data.dataFreshness.lastRun;
  const failure = data.dataFreshness.lastFailure;
  return (
    <Card
      name="freshness"
      label="dataFreshness"
      value={run ? formatTimestamp(run.watermarkAt) : t('empty')}
      detail={run ? `${t('lastEtlRun')} ${formatTimestamp(run.finishedAt)}` : undefined}
      warning={failure ? t(failure.kind === 'ABANDONED' ? 'etlAbandoned' : 'etlFailed', { time: formatTimestamp(failure.failedAt) }) : undefined}
    />
  );
}
