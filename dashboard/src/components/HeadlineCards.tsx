/**
 * The region's headline figures. Coverage comes with the region view's own query; the yearly
 * indicators and the data freshness each have their query here, beside the card that shows them,
 * so one failing indicator shows its error in its own card and leaves the others readable.
 */
import { gql } from '@apollo/client';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import type { DataFreshnessDocument, RegionClaimsDocument, RegionDeathLimitDocument, RegionFeesDocument, RegionFirstServiceDocument, RegionServiceComplianceDocument } from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import { errorMessage } from '../lib/apollo';
import { formatCount, formatMoney, formatMoneyExact, formatPercent, formatTimestamp } from '../lib/format';
import { useI18n, type MessageKey } from '../lib/i18n';
import { citation, shortSources, type RuleCitation } from '../lib/rules';

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
  /** The view is filtered by industry and this figure is not: it says so. */
  allIndustries?: boolean;
}

const FOLLOWS_INDUSTRY_FILTER = new Set(['coverageRate', 'mandatory', 'uninsured']);

function Card({ label, value, detail, name, state, rules, warning, allIndustries }: CardProps) {
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
      {notFiltered && <div className="card-note" data-industry-note>{t('allIndustriesOnly')}</div>}
      {warning && <div className="card-warning" role="status" data-warning>{warning}</div>}
      {rules && rules.length > 0 && <div className="card-source" data-rules={rules.map((rule) => rule.id).join(',')}>{t('source')}: {shortSources(rules, language)}</div>}
    </div>
  );
}

/** Whether the view is filtered by industry: the cards of figures that do not follow the filter say so. */
const IndustriesFiltered = createContext(false);

export interface CoverageFigures { mandatory: number; insured: number; rate: number | null; asOf: string }

export function HeadlineCards({ coverage, regionCode, year, asOf, industriesFiltered = false }: { coverage: CoverageFigures; regionCode: string; year: number; asOf?: string; industriesFiltered?: boolean }) {
  const { t } = useI18n();
  return (
    <IndustriesFiltered.Provider value={industriesFiltered}>
    <div className="cards">
      <Card name="coverageRate" label="coverageRate" value={formatPercent(coverage.rate)} detail={`${formatCount(coverage.insured)} / ${formatCount(coverage.mandatory)} · ${t('asOf')} ${coverage.asOf}`} />
      <Card name="mandatory" label="mandatory" value={formatCount(coverage.mandatory)} />
      <Card name="uninsured" label="uninsured" value={formatCount(coverage.mandatory - coverage.insured)} />
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
      <Card name="premiumReceived" label="premiumReceived" value={formatMoney(fees.premiumReceived, language)} detail={`${formatMoneyExact(fees.premiumReceived, language)} · ${fees.year}`} />
      <Card
        name="feeRatio"
        label="feeRatio"
        value={formatPercent(fees.ratio)}
        detail={`${t('preventionSpending')} ${formatMoney(fees.preventionSpending, language)} · ${fees.year}`}
      />
    </>
  );
}

function ServiceComplianceCard({ regionCode, year }: { regionCode: string; year: number }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(SERVICE_COMPLIANCE_QUERY, { variables: { year, region: regionCode } });
  if (error) return <Card name="serviceCompliance" label="serviceCompliance" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="serviceCompliance" label="serviceCompliance" value={t('loading')} state="loading" />;
  const figures = data.serviceCompliance;
  return (
    <Card
      name="serviceCompliance"
      label="serviceCompliance"
      value={formatPercent(figures.rate)}
      detail={`${formatCount(figures.compliant)} / ${formatCount(figures.required)} · ${t('exemptServices')} ${formatCount(figures.exempt)} · ${figures.year}`}
    />
  );
}

function DeathLimitCard({ regionCode, year }: { regionCode: string; year: number }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(DEATH_LIMIT_QUERY, { variables: { year, region: regionCode } });
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
    />
  );
}

function FirstServiceCard({ regionCode, year, asOf }: { regionCode: string; year: number; asOf?: string }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(FIRST_SERVICE_QUERY, { variables: { year, region: regionCode, asOf: asOf ?? null } });
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
    />
  );
}

function ClaimsCard({ regionCode, year }: { regionCode: string; year: number }) {
  const { t, language } = useI18n();
  const { data, loading, error } = useQuery(REGION_CLAIMS_QUERY, { variables: { year, region: regionCode } });
  if (error) return <Card name="claimsPaid" label="claimsPaid" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="claimsPaid" label="claimsPaid" value={t('loading')} state="loading" />;
  const figures = data.claims;
  return (
    <Card
      name="claimsPaid"
      label="claimsPaid"
      value={formatMoney(figures.claimsPaid, language)}
      detail={`${formatMoneyExact(figures.claimsPaid, language)} · ${t('lossRatio')} ${formatPercent(figures.lossRatio)} · ${t('claimsDecided', { paid: formatCount(figures.paid), reported: formatCount(figures.reported) })} · ${figures.year}`}
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
