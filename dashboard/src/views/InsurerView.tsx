/**
 * One insurer: its scorecard for a year (fee ratio against floor and cap, claims and loss ratio,
 * service frequency, first service within three months, death limit), its filing against every
 * deadline, then its policies, services and claims. An insurer account lands here on its own page.
 * The figures come from the same per-insurer queries as the comparison table, picked out by id; an
 * insurer account gets only its own rows from the server, a city account its city's share — which
 * every figure and list then names ("· 长治市"), with a note that the province-wide verdict may differ.
 */
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { ClaimList, PolicyList, ServiceList } from '../components/DetailLists';
import { FeeRatioChart, type InsurerFeeRatio } from '../components/FeeRatioChart';
import { FilingTable, INSURER_FILING_QUERY, YearFilingCell, type InsurerFilingResult } from '../components/FilingStatus';
import { INSURER_FEE_RATIOS_QUERY, INSURER_SCORES_QUERY, insurerScoreRows, type InsurerScoresResult } from '../components/InsurerScores';
import { ExportButtons } from '../components/ExportButtons';
import { Panel, QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { indicatorYear } from '../lib/dates';
import { formatCount, formatMoney, formatMoneyExact, formatPercent } from '../lib/format';
import { useI18n, type MessageKey } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import { citation, shortSources, type RuleCitation } from '../lib/rules';
import type { Viewer } from '../lib/session';
import { regionByCode } from '../../../domain/regions';

function ScoreCard({ name, label, value, detail, rules, scope }: { name: string; label: MessageKey; value: string; detail?: ReactNode; rules?: RuleCitation[]; scope: string | null }) {
  const { t, language } = useI18n();
  return (
    <div className="card" data-card={name} data-scope={scope ?? undefined} title={rules && rules.length > 0 ? citation(rules, language) : undefined}>
      <div className="card-label">{t(label)}{scope && <span className="card-scope"> · {scope}</span>}</div>
      <div className="card-value">{value}</div>
      {detail && <div className="card-detail">{detail}</div>}
      {rules && rules.length > 0 && <div className="card-source">{t('source')}: {shortSources(rules, language)}</div>}
    </div>
  );
}

export function InsurerView({ id, year: chosenYear, viewer }: { id: string; year?: number; viewer: Viewer }) {
  const { t, language } = useI18n();
  // A city account's figures are the insurer's business in its city: named on each figure.
  const scope = viewer.role === 'city' && viewer.scope ? regionByCode(viewer.scope)?.name ?? viewer.scope : null;
  const { navigate } = useRouter();
  const year = indicatorYear({ year: chosenYear });
  const filing = useQuery(INSURER_FILING_QUERY, { variables: { id, year } });
  const fees = useQuery(INSURER_FEE_RATIOS_QUERY, { variables: { year } });
  const scores = useQuery(INSURER_SCORES_QUERY, { variables: { year } });
  const insurer = filing.data?.insurer;
  const row = insurerScoreRows(fees.data?.feeRatios ?? [], scores.data).find((candidate) => candidate.insurer.id === id) ?? null;
  const fee = row?.fee ?? null;
  const feeRules = [fee?.floorRule, fee?.capRule].filter((rule): rule is RuleCitation => Boolean(rule));
  const ofJudged = (done: number, judged: number) => t('judgedOf', { compliant: formatCount(done), judged: formatCount(judged) });
  return (
    <main className="insurer-view" data-insurer={id}>
      <QueryState loading={filing.loading && !insurer} error={filing.error} empty={false} onRetry={() => filing.refetch()} minHeight={200}>
        {insurer && (
          <>
            <h1>{insurer.name}</h1>
            {scope && <p className="scope-note" data-scope-note>{t('insurerScopeNote', { region: scope })}</p>}
            <YearSelect year={year} onChange={(next) => navigate(routeUrl({ page: 'insurer', id, year: next }))} />
            <p><Link href={routeUrl({ page: 'annualReport', id, year })} data-link="annual-report">{t('annualReportTitle', { insurer: insurer.name, year })}</Link></p>
            <QueryState loading={(fees.loading && !fees.data) || (scores.loading && !scores.data)} error={fees.error ?? scores.error} empty={row === null} onRetry={() => { fees.refetch(); scores.refetch(); }}>
              {row && (
                <>
                  <div className="cards">
                    <ScoreCard scope={scope} name="premiumReceived" label="premiumReceived" value={formatMoney(fee?.premiumReceived, language)} detail={fee ? formatMoneyExact(fee.premiumReceived, language) : undefined} />
                    <ScoreCard scope={scope} name="preventionSpending" label="preventionSpending" value={formatMoney(fee?.preventionSpending, language)} detail={fee ? formatMoneyExact(fee.preventionSpending, language) : undefined} />
                    <ScoreCard
                      scope={scope}
                      name="feeRatio"
                      label="feeRatio"
                      value={formatPercent(fee?.ratio)}
                      detail={fee === null || fee.compliant === null ? t('undefinedRatio') : fee.compliant ? t('compliant') : t('notCompliant')}
                      rules={feeRules}
                    />
                    <ScoreCard
                      scope={scope}
                      name="claimsPaid"
                      label="claimsPaid"
                      value={formatMoney(row.claims?.claimsPaid, language)}
                      detail={row.claims ? `${t('lossRatio')} ${formatPercent(row.claims.lossRatio)} · ${t('claimsDecided', { paid: formatCount(row.claims.paid), reported: formatCount(row.claims.reported) })}` : undefined}
                    />
                    <ScoreCard
                      scope={scope}
                      name="serviceCompliance"
                      label="serviceCompliance"
                      value={formatPercent(row.service?.rate)}
                      detail={row.service ? `${formatCount(row.service.compliant)} / ${formatCount(row.service.required)} · ${t('exemptServices')} ${formatCount(row.service.exempt)}` : undefined}
                      rules={scores.data?.serviceCompliance.rules}
                    />
                    <ScoreCard
                      scope={scope}
                      name="firstService"
                      label="firstService"
                      value={formatPercent(row.firstService?.rate)}
                      detail={row.firstService ? ofJudged(row.firstService.onTime, row.firstService.judged) : undefined}
                      rules={scores.data?.firstService.rules}
                    />
                    <ScoreCard
                      scope={scope}
                      name="deathLimit"
                      label="deathLimitCompliance"
                      value={formatPercent(row.deathLimit?.rate)}
                      detail={row.deathLimit ? ofJudged(row.deathLimit.compliant, row.deathLimit.judged) : undefined}
                      rules={scores.data?.deathLimitCompliance.rules}
                    />
                  </div>
                  {fee && (
                    <Panel title={t('feeChartTitle')} id="fee-chart">
                      <FeeRatioChart rows={[fee]} />
                    </Panel>
                  )}
                </>
              )}
            </QueryState>
            <Panel title={t('filingStatus')} id="filing" actions={(
              <ExportButtons
                name="filing"
                fileName={`${t('filingStatus')}-${insurer.name}`}
                sheet={t('filingStatus')}
                disabled={insurer.filings.length === 0}
                table={() => ({
                  header: [t('rule'), t('deadlineColumn'), t('filedOn'), t('status'), t('source')],
                  rows: insurer.filings.map((verdict) => [verdict.rule[language].title, verdict.deadline, insurer.filedOn, t(verdict.status), `${verdict.rule[language].document} ${verdict.rule[language].clause}`]),
                })}
              />
            )}>
              <p data-year-filing-panel>{year}: <YearFilingCell filing={insurer.yearFiling} /></p>
              <FilingTable filedOn={insurer.filedOn} verdicts={insurer.filings} />
            </Panel>
            <PolicyList subject={{ kind: 'insurer', id, year, scope: scope ?? undefined }} />
            <ServiceList subject={{ kind: 'insurer', id, year, scope: scope ?? undefined }} />
            <ClaimList subject={{ kind: 'insurer', id, year, scope: scope ?? undefined }} />
          </>
        )}
      </QueryState>
    </main>
  );
}
