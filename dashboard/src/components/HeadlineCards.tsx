/**
 * The region's headline figures. Coverage comes with the region view's own query; the yearly
 * indicators and the data freshness each have their query here, beside the card that shows them,
 * so one failing indicator shows its error in its own card and leaves the others readable.
 */
import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { errorMessage } from '../lib/apollo';
import { formatCount, formatMoney, formatMoneyExact, formatPercent, formatTimestamp } from '../lib/format';
import { useI18n, type MessageKey } from '../lib/i18n';

export const SERVICE_COMPLIANCE_QUERY = gql`
  query RegionServiceCompliance($year: Int!, $region: ID!) {
    serviceCompliance(year: $year, region: $region) { region { code } year required compliant exempt rate }
  }
`;
interface ServiceComplianceResult {
  serviceCompliance: { region: { code: string }; year: number; required: number; compliant: number; exempt: number; rate: number | null };
}

export const REGION_FEES_QUERY = gql`
  query RegionFees($year: Int!, $region: ID) {
    regionFees(year: $year, region: $region) { region { code } year premiumReceived preventionSpending ratio }
  }
`;
interface RegionFeesResult {
  regionFees: { region: { code: string }; year: number; premiumReceived: string; preventionSpending: string; ratio: number | null };
}

export const DATA_FRESHNESS_QUERY = gql`
  query DataFreshness {
    dataFreshness { lastRun { runId finishedAt watermarkAt } }
  }
`;
interface DataFreshnessResult {
  dataFreshness: { lastRun: { runId: string; finishedAt: string; watermarkAt: string } | null };
}

function Card({ label, value, detail, name, state }: { label: MessageKey; value: ReactNode; detail?: ReactNode; name: string; state?: 'loading' | 'error' }) {
  const { t } = useI18n();
  return (
    <div className="card" data-card={name} data-state={state} title={typeof detail === 'string' ? detail : undefined}>
      <div className="card-label">{t(label)}</div>
      <div className="card-value" data-value>{value}</div>
      {detail && <div className="card-detail">{detail}</div>}
    </div>
  );
}

export interface CoverageFigures { mandatory: number; insured: number; rate: number | null; asOf: string }

export function HeadlineCards({ coverage, regionCode, year }: { coverage: CoverageFigures; regionCode: string; year: number }) {
  const { t } = useI18n();
  return (
    <div className="cards">
      <Card name="coverageRate" label="coverageRate" value={formatPercent(coverage.rate)} detail={`${formatCount(coverage.insured)} / ${formatCount(coverage.mandatory)} · ${t('asOf')} ${coverage.asOf}`} />
      <Card name="mandatory" label="mandatory" value={formatCount(coverage.mandatory)} />
      <Card name="uninsured" label="uninsured" value={formatCount(coverage.mandatory - coverage.insured)} />
      <RegionFeesCards regionCode={regionCode} year={year} />
      <ServiceComplianceCard regionCode={regionCode} year={year} />
      <FreshnessCard />
    </div>
  );
}

function RegionFeesCards({ regionCode, year }: { regionCode: string; year: number }) {
  const { t, language } = useI18n();
  const { data, loading, error } = useQuery<RegionFeesResult>(REGION_FEES_QUERY, { variables: { year, region: regionCode } });
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
  const { data, loading, error } = useQuery<ServiceComplianceResult>(SERVICE_COMPLIANCE_QUERY, { variables: { year, region: regionCode } });
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

function FreshnessCard() {
  const { t } = useI18n();
  const { data, loading, error } = useQuery<DataFreshnessResult>(DATA_FRESHNESS_QUERY);
  if (error) return <Card name="freshness" label="dataFreshness" value="—" detail={errorMessage(error)} state="error" />;
  if (loading || !data) return <Card name="freshness" label="dataFreshness" value={t('loading')} state="loading" />;
  const run = data.dataFreshness.lastRun;
  return (
    <Card
      name="freshness"
      label="dataFreshness"
      value={run ? formatTimestamp(run.watermarkAt) : t('empty')}
      detail={run ? `${t('lastEtlRun')} ${formatTimestamp(run.finishedAt)}` : undefined}
    />
  );
}
