/**
 * 年度报告: an insurer's annual report on a year (`/insurer/<id>/report?year=`), section by section as the
 * API's `annualReport` gives it, printable (components/PrintableDocument.tsx), with the workbook's
 * download and, for the insurer's own account, the submit button. The submission is read from the
 * platform database, so it shows at once after submitting. `/reports?year=` lists every insurer's
 * submission for the regulator: on time, late, missing after the deadline.
 */
import { gql } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { DocumentSection, PrintableDocument } from '../components/PrintableDocument';
import { QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { errorMessage } from '../lib/apollo';
import { downloadDocument } from '../lib/documents';
import { formatCount, formatMoneyExact, formatPercent } from '../lib/format';
import { codeLabel, useI18n, type I18n, type MessageKey } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import { citation, shortSource, type RuleCitation } from '../lib/rules';
import { useSession, type Viewer } from '../lib/session';
import { violationFinding, type Violation } from './ViolationsView';

const RULE_WORDS = gql`
  fragment ReportRuleWords on Rule {
    id value
    zh { title unit document source clause }
    en { title unit document source clause }
  }
`;

const REPORT_VIOLATION = gql`
  fragment ReportViolation on Violation {
    kind day detail
    facts {
      evaluatedOn lastPolicyEnd year preventionSpending premiumReceived ratio limitPercent
      riskAssessments hazardInvestigations requiredEach windowStart windowEnd firstService
      deathLimit deathLimitFloor providerName providerDefect qualifiedUntil
    }
    county { code name }
    enterpriseId enterpriseName policyId serviceId providerId
    insurers { id name }
    rule { ...ReportRuleWords }
  }
  ${RULE_WORDS}
`;

const SUBMISSION = gql`
  fragment ReportSubmission on AnnualReportSubmission {
    insurer { id name }
    year submittedOn recordedAt deadline status
    rule { ...ReportRuleWords }
  }
  ${RULE_WORDS}
`;

export const ANNUAL_REPORT_QUERY = gql`
  query AnnualReport($insurer: ID!, $year: Int!) {
    annualReport(insurer: $insurer, year: $year) {
      insurer { id name }
      year
      region { code name level }
      listLimit
      policiesWritten
      premiumReceived
      premiumByCityAndIndustry { city { code name } industry policies premiumReceived }
      preventionSpending
      spendingByCategoryAndCity { city { code name } category entries amount }
      feeRatio { premiumReceived preventionSpending ratio meetsFloor withinCap compliant floorRule { ...ReportRuleWords } capRule { ...ReportRuleWords } }
      services { byKind { kind services } required compliant exempt rate rules { ...ReportRuleWords } shortTotal short { ...ReportViolation } }
      firstService { evaluatedOn onTime late missing rate listedTotal policies { ...ReportViolation } }
      deathLimit { judged compliant rate belowTotal below { ...ReportViolation } }
      allEmployee { known short unknown rate enterprises { enterpriseId enterpriseName county { code name } employees insuredPersons } }
      claims {
        evaluatedOn reported paid denied open withdrawn claimsPaid lossRatio denialRate decided timely timelyRate overdueOpen
        overdue { claimId policyId enterpriseId enterpriseName county { code name } reportedOn daysOpen claimedAmount }
      }
      hazards { found rectified rate }
      unqualifiedTotal
      unqualifiedProviders { ...ReportViolation }
      filing {
        year status completeOn deadline missing received { item receivedOn } rule { ...ReportRuleWords }
        policiesBeforeCompleteTotal policiesBeforeComplete { policyId enterpriseId county { code name } startDate }
      }
      submission { ...ReportSubmission }
    }
  }
  ${REPORT_VIOLATION}
  ${SUBMISSION}
`;

export const SUBMIT_ANNUAL_REPORT_MUTATION = gql`
  mutation SubmitAnnualReport($year: Int!) {
    submitAnnualReport(year: $year) { ...ReportSubmission }
  }
  ${SUBMISSION}
`;

export const ANNUAL_REPORT_SUBMISSIONS_QUERY = gql`
  query AnnualReportSubmissions($year: Int!) {
    annualReportSubmissions(year: $year) { ...ReportSubmission }
  }
  ${SUBMISSION}
`;

type Place = { code: string; name: string };
export type SubmissionStatus = 'ON_TIME' | 'LATE' | 'MISSING' | 'NOT_DUE';
interface Submission {
  insurer: { id: string; name: string }; year: number; submittedOn: string | null; recordedAt: string | null; deadline: string | null;
  status: SubmissionStatus; rule: RuleCitation | null;
}
interface AnnualReport {
  insurer: { id: string; name: string }; year: number; region: Place & { level: string }; listLimit: number;
  policiesWritten: number; premiumReceived: string;
  premiumByCityAndIndustry: Array<{ city: Place; industry: string; policies: number; premiumReceived: string }>;
  preventionSpending: string;
  spendingByCategoryAndCity: Array<{ city: Place; category: string; entries: number; amount: string }>;
  feeRatio: {
    premiumReceived: string; preventionSpending: string; ratio: number | null; meetsFloor: boolean | null; withinCap: boolean | null;
    compliant: boolean | null; floorRule: RuleCitation | null; capRule: RuleCitation | null;
  };
  services: {
    byKind: Array<{ kind: string; services: number }>; required: number; compliant: number; exempt: number; rate: number | null;
    rules: RuleCitation[]; shortTotal: number; short: Violation[];
  };
  firstService: { evaluatedOn: string; onTime: number; late: number; missing: number; rate: number | null; listedTotal: number; policies: Violation[] };
  deathLimit: { judged: number; compliant: number; rate: number | null; belowTotal: number; below: Violation[] };
  allEmployee: {
    known: number; short: number; unknown: number; rate: number | null;
    enterprises: Array<{ enterpriseId: string; enterpriseName: string | null; county: Place; employees: number; insuredPersons: number }>;
  };
  claims: {
    evaluatedOn: string; reported: number; paid: number; denied: number; open: number; withdrawn: number; claimsPaid: string;
    lossRatio: number | null; denialRate: number | null; decided: number; timely: number; timelyRate: number | null; overdueOpen: number;
    overdue: Array<{ claimId: string; policyId: string; enterpriseId: string; enterpriseName: string | null; county: Place; reportedOn: string; daysOpen: number; claimedAmount: string }>;
  };
  hazards: { found: number; rectified: number; rate: number | null };
  unqualifiedTotal: number;
  unqualifiedProviders: Violation[];
  filing: {
    year: number; status: 'ON_TIME' | 'LATE' | 'INCOMPLETE' | 'NO_DEADLINE'; completeOn: string | null; deadline: string | null; missing: string[];
    received: Array<{ item: string; receivedOn: string }>; rule: RuleCitation | null;
    policiesBeforeCompleteTotal: number; policiesBeforeComplete: Array<{ policyId: string; enterpriseId: string; county: Place; startDate: string }>;
  };
  submission: Submission;
}

const SUBMISSION_KEYS = {
  ON_TIME: 'submission_ON_TIME', LATE: 'submission_LATE', MISSING: 'submission_MISSING', NOT_DUE: 'submission_NOT_DUE',
} as const satisfies Record<SubmissionStatus, MessageKey>;
/** The year a report page opens on: last year, whose report falls due in January. */
function defaultReportYear(now = new Date()): number {
  return now.getFullYear() - 1;
}

function RuleNote({ rules }: { rules: Array<RuleCitation | null> }) {
  const { t, language } = useI18n();
  const shown = rules.filter((rule): rule is RuleCitation => rule !== null);
  if (shown.length === 0) return null;
  return <p className="rule-source" title={citation(shown, language)}>{t('source')}: {shown.map((rule) => `${rule[language].title} ${shortSource(rule, language)}`).join('; ')}</p>;
}

function listedNote(t: I18n['t'], shown: number, total: number): string | undefined {
  return shown < total ? t('reportListCut', { shown: formatCount(shown), total: formatCount(total) }) : undefined;
}

/** The breaches of one kind, each with its finding and rule, linked to the enterprise. */
function ViolationTable({ rows }: { rows: Violation[] }) {
  const { t, language } = useI18n();
  if (rows.length === 0) return <p className="hint" data-empty>{t('reportNone')}</p>;
  return (
    <table className="table compact">
      <thead><tr><th scope="col">{t('county')}</th><th scope="col">{t('enterprise')}</th><th scope="col">{t('reportFinding')}</th><th scope="col">{t('source')}</th></tr></thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.policyId ?? row.serviceId ?? row.enterpriseId}-${index}`} data-row={row.policyId ?? row.serviceId ?? row.enterpriseId ?? ''}>
            <td>{row.county?.name ?? '—'}</td>
            <td>{row.enterpriseId ? <Link href={routeUrl({ page: 'enterprise', id: row.enterpriseId, policy: row.policyId ?? undefined })}>{row.enterpriseName ?? row.enterpriseId}</Link> : '—'}{row.policyId && <span className="mono"> {row.policyId}</span>}</td>
            <td>{violationFinding(t, language, row)}</td>
            <td className="rule-cell" title={citation([row.rule], language)}>{shortSource(row.rule, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SubmissionLine({ submission }: { submission: Submission }) {
  const { t, language } = useI18n();
  return (
    <span className={submission.status === 'ON_TIME' || submission.status === 'NOT_DUE' ? undefined : 'bad'} data-submission={submission.status}
      title={submission.rule ? citation([submission.rule], language) : undefined}>
      {t(SUBMISSION_KEYS[submission.status])}
      {submission.submittedOn && ` · ${t('submittedOn', { day: submission.submittedOn })}`}
      {submission.deadline && ` · ${t('deadline', { deadline: submission.deadline })}`}
    </span>
  );
}

export function AnnualReportView({ id, year: chosenYear, viewer }: { id: string; year?: number; viewer: Viewer }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const { token } = useSession();
  const year = chosenYear ?? defaultReportYear();
  const report = useQuery<{ annualReport: AnnualReport }>(ANNUAL_REPORT_QUERY, { variables: { insurer: id, year }, fetchPolicy: 'cache-and-network' });
  const [submit, submitting] = useMutation<{ submitAnnualReport: Submission }>(SUBMIT_ANNUAL_REPORT_MUTATION);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const data = report.data?.annualReport;
  const ownReport = viewer.role === 'insurer' && viewer.scope === id;
  const submission = submitting.data?.submitAnnualReport ?? data?.submission;
  const money = (value: string | null | undefined) => formatMoneyExact(value ?? null, language);

  const actions = (
    <>
      <YearSelect year={year} onChange={(next) => navigate(routeUrl({ page: 'annualReport', id, year: next }))} />
      <button type="button" data-action="download" onClick={() => {
        setDownloadError(null);
        downloadDocument('annual-report.xlsx', { insurer: id, year }, token, `annual-report-${id}-${year}.xlsx`).catch((error: unknown) => setDownloadError(errorMessage(error)));
      }}>{t('downloadXlsx')}</button>
      {ownReport && (
        <button type="submit" data-action="submit" disabled={submitting.loading} onClick={() => void submit({ variables: { year } }).then(() => report.refetch())}>
          {submission?.submittedOn ? t('resubmitReport') : t('submitReport')}
        </button>
      )}
      {downloadError && <span className="bad" role="alert">{downloadError}</span>}
      {submitting.error && <span className="bad" role="alert">{errorMessage(submitting.error)}</span>}
    </>
  );

  return (
    <QueryState loading={report.loading && !data} error={report.error} empty={false} onRetry={() => report.refetch()} minHeight={200}>
      {data && submission && (
        <PrintableDocument
          name="annual-report"
          title={t('annualReportTitle', { insurer: data.insurer.name, year: data.year })}
          subtitle={<>
            <p>{data.region.level === 'province' ? t('reportScopeProvince') : <span className="scope-note" data-scope-note>{t('reportScopeCity', { region: data.region.name })}</span>}</p>
            <p>{t('reportSubmission')}: <SubmissionLine submission={submission} /></p>
            <p className="screen-only"><Link href={routeUrl({ page: 'insurer', id, year })}>{t('backToInsurer')}</Link></p>
          </>}
          actions={actions}
        >
          <DocumentSection id="premium" title={t('reportPremium')} note={t('reportPremiumNote')}>
            <table className="table compact">
              <thead><tr><th scope="col">{t('city')}</th><th scope="col">{t('industry')}</th><th scope="col" className="num">{t('policies')}</th><th scope="col" className="num">{t('premiumReceived')}</th></tr></thead>
              <tbody>
                {data.premiumByCityAndIndustry.map((line) => (
                  <tr key={`${line.city.code}-${line.industry}`}><td>{line.city.name}</td><td>{codeLabel(t, 'industry', line.industry)}</td><td className="num">{formatCount(line.policies)}</td><td className="num">{money(line.premiumReceived)}</td></tr>
                ))}
                <tr data-total><th scope="row">{t('total')}</th><td /><td className="num">{formatCount(data.policiesWritten)}</td><td className="num">{money(data.premiumReceived)}</td></tr>
              </tbody>
            </table>
          </DocumentSection>
          <DocumentSection id="spending" title={t('reportSpending')}>
            <table className="table compact">
              <thead><tr><th scope="col">{t('city')}</th><th scope="col">{t('category')}</th><th scope="col" className="num">{t('entries')}</th><th scope="col" className="num">{t('amount')}</th></tr></thead>
              <tbody>
                {data.spendingByCategoryAndCity.map((line) => (
                  <tr key={`${line.city.code}-${line.category}`}><td>{line.city.name}</td><td>{codeLabel(t, 'kind', line.category)}</td><td className="num">{formatCount(line.entries)}</td><td className="num">{money(line.amount)}</td></tr>
                ))}
                <tr data-total><th scope="row">{t('total')}</th><td /><td /><td className="num">{money(data.preventionSpending)}</td></tr>
              </tbody>
            </table>
          </DocumentSection>
          <DocumentSection id="fee-ratio" title={t('feeRatio')}>
            <p data-fee-ratio={data.feeRatio.compliant === null ? 'undefined' : data.feeRatio.compliant ? 'compliant' : 'not-compliant'}>
              {formatPercent(data.feeRatio.ratio)} · {t('floor')}: {data.feeRatio.meetsFloor === null ? '—' : data.feeRatio.meetsFloor ? t('compliant') : t('notCompliant')}
              {data.feeRatio.capRule && <> · {t('cap')}: {data.feeRatio.withinCap === null ? '—' : data.feeRatio.withinCap ? t('compliant') : t('notCompliant')}</>}
            </p>
            <RuleNote rules={[data.feeRatio.floorRule, data.feeRatio.capRule]} />
          </DocumentSection>
          <DocumentSection id="services" title={t('reportServices')} note={listedNote(t, data.services.short.length, data.services.shortTotal)}>
            <table className="table compact">
              <thead><tr>{data.services.byKind.map((kind) => <th scope="col" className="num" key={kind.kind}>{codeLabel(t, 'kind', kind.kind)}</th>)}</tr></thead>
              <tbody><tr>{data.services.byKind.map((kind) => <td className="num" key={kind.kind}>{formatCount(kind.services)}</td>)}</tr></tbody>
            </table>
            <p>{t('serviceCompliance')}: {formatPercent(data.services.rate)} ({formatCount(data.services.compliant)} / {formatCount(data.services.required)}) · {t('exemptServices')} {formatCount(data.services.exempt)}</p>
            <RuleNote rules={data.services.rules} />
            <h3>{t('reportServicesShort', { count: formatCount(data.services.shortTotal) })}</h3>
            <ViolationTable rows={data.services.short} />
          </DocumentSection>
          <DocumentSection id="first-service" title={t('reportFirstService', { day: data.firstService.evaluatedOn })} note={listedNote(t, data.firstService.policies.length, data.firstService.listedTotal)}>
            <p>{formatPercent(data.firstService.rate)} · {t('firstServiceCounts', { onTime: formatCount(data.firstService.onTime), late: formatCount(data.firstService.late), missing: formatCount(data.firstService.missing) })}</p>
            <ViolationTable rows={data.firstService.policies} />
          </DocumentSection>
          <DocumentSection id="death-limit" title={t('reportDeathLimit')} note={listedNote(t, data.deathLimit.below.length, data.deathLimit.belowTotal)}>
            <p>{formatPercent(data.deathLimit.rate)} · {t('judgedOf', { compliant: formatCount(data.deathLimit.compliant), judged: formatCount(data.deathLimit.judged) })}</p>
            <ViolationTable rows={data.deathLimit.below} />
          </DocumentSection>
          <DocumentSection id="all-employee" title={t('reportAllEmployee')} note={t('reportAllEmployeeNote', { known: formatCount(data.allEmployee.known), unknown: formatCount(data.allEmployee.unknown) })}>
            <p>{formatPercent(data.allEmployee.rate)} · {t('reportShortCount', { count: formatCount(data.allEmployee.short) })}</p>
            {data.allEmployee.enterprises.length === 0 ? <p className="hint" data-empty>{t('reportNone')}</p> : (
              <table className="table compact">
                <thead><tr><th scope="col">{t('county')}</th><th scope="col">{t('enterprise')}</th><th scope="col" className="num">{t('employees')}</th><th scope="col" className="num">{t('insuredPersons')}</th></tr></thead>
                <tbody>{data.allEmployee.enterprises.map((row) => (
                  <tr key={row.enterpriseId}><td>{row.county.name}</td><td><Link href={routeUrl({ page: 'enterprise', id: row.enterpriseId })}>{row.enterpriseName ?? row.enterpriseId}</Link></td><td className="num">{formatCount(row.employees)}</td><td className="num">{formatCount(row.insuredPersons)}</td></tr>
                ))}</tbody>
              </table>
            )}
          </DocumentSection>
          <DocumentSection id="claims" title={t('reportClaims', { day: data.claims.evaluatedOn })} note={t('reportTimelinessNote')}>
            <dl className="facts">
              <div><dt>{t('claimsReported')}</dt><dd>{formatCount(data.claims.reported)}</dd></div>
              <div><dt>{t('claimsPaid')}</dt><dd>{money(data.claims.claimsPaid)} ({formatCount(data.claims.paid)})</dd></div>
              <div><dt>{t('lossRatio')}</dt><dd>{formatPercent(data.claims.lossRatio)}</dd></div>
              <div><dt>{t('denialRate')}</dt><dd>{formatPercent(data.claims.denialRate)} ({formatCount(data.claims.denied)})</dd></div>
              <div><dt>{t('claimsTimely')}</dt><dd>{formatPercent(data.claims.timelyRate)} ({formatCount(data.claims.timely)} / {formatCount(data.claims.decided)})</dd></div>
              <div><dt>{t('claimsOverdueOpen')}</dt><dd className={data.claims.overdueOpen > 0 ? 'bad' : undefined}>{formatCount(data.claims.overdueOpen)}</dd></div>
            </dl>
            {data.claims.overdue.length > 0 && (
              <table className="table compact">
                <thead><tr><th scope="col">{t('county')}</th><th scope="col">{t('enterprise')}</th><th scope="col">{t('claim')}</th><th scope="col">{t('reportedOn')}</th><th scope="col" className="num">{t('daysOpen')}</th><th scope="col" className="num">{t('claimedAmount')}</th></tr></thead>
                <tbody>{data.claims.overdue.map((row) => (
                  <tr key={row.claimId}><td>{row.county.name}</td><td>{row.enterpriseName ?? row.enterpriseId}</td><td className="mono">{row.claimId}</td><td>{row.reportedOn}</td><td className="num">{formatCount(row.daysOpen)}</td><td className="num">{money(row.claimedAmount)}</td></tr>
                ))}</tbody>
              </table>
            )}
          </DocumentSection>
          <DocumentSection id="hazards" title={t('reportHazards')}>
            <p>{formatPercent(data.hazards.rate)} · {t('hazardsCounts', { found: formatCount(data.hazards.found), rectified: formatCount(data.hazards.rectified) })}</p>
          </DocumentSection>
          <DocumentSection id="providers" title={t('reportProviders', { count: formatCount(data.unqualifiedTotal) })} note={listedNote(t, data.unqualifiedProviders.length, data.unqualifiedTotal)}>
            <ViolationTable rows={data.unqualifiedProviders} />
          </DocumentSection>
          <DocumentSection id="filing" title={t('reportFiling')}>
            <p data-year-filing={data.filing.status}>
              <span className={data.filing.status === 'ON_TIME' || data.filing.status === 'NO_DEADLINE' ? undefined : 'bad'}>{t(`yearFiling_${data.filing.status}` as const)}</span>
              {data.filing.completeOn && ` · ${t('filingCompleteOn', { day: data.filing.completeOn })}`}
              {data.filing.deadline && ` · ${t('deadline', { deadline: data.filing.deadline })}`}
            </p>
            {data.filing.missing.length > 0 && <p className="bad" data-missing-items>{t('filingMissing')}: {data.filing.missing.map((item) => codeLabel(t, 'filingItem', item)).join('、')}</p>}
            <RuleNote rules={[data.filing.rule]} />
            <h3>{t('reportBeforeFiling', { count: formatCount(data.filing.policiesBeforeCompleteTotal) })}</h3>
            {data.filing.policiesBeforeComplete.length === 0 ? <p className="hint" data-empty>{t('reportNone')}</p> : (
              <table className="table compact">
                <thead><tr><th scope="col">{t('county')}</th><th scope="col">{t('policy')}</th><th scope="col">{t('enterprise')}</th><th scope="col">{t('startDate')}</th></tr></thead>
                <tbody>{data.filing.policiesBeforeComplete.map((row) => (
                  <tr key={row.policyId}><td>{row.county.name}</td><td className="mono">{row.policyId}</td><td><Link href={routeUrl({ page: 'enterprise', id: row.enterpriseId, policy: row.policyId })}>{row.enterpriseId}</Link></td><td>{row.startDate}</td></tr>
                ))}</tbody>
              </table>
            )}
          </DocumentSection>
        </PrintableDocument>
      )}
    </QueryState>
  );
}

/** Every insurer's annual report on a year, for the regulator: which are missing after the deadline. */
export function AnnualReportsView({ year: chosenYear }: { year?: number }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const year = chosenYear ?? defaultReportYear();
  const submissions = useQuery<{ annualReportSubmissions: Submission[] }>(ANNUAL_REPORT_SUBMISSIONS_QUERY, { variables: { year }, fetchPolicy: 'cache-and-network' });
  const rows = submissions.data?.annualReportSubmissions ?? [];
  const missing = rows.filter((row) => row.status === 'MISSING').length;
  return (
    <PrintableDocument name="annual-reports" title={t('annualReportsTitle', { year })} subtitle={<p>{t('annualReportsMissing', { count: formatCount(missing) })}</p>}
      actions={<YearSelect year={year} onChange={(next) => navigate(routeUrl({ page: 'annualReports', year: next }))} />}>
      <QueryState loading={submissions.loading && !submissions.data} error={submissions.error} empty={rows.length === 0} onRetry={() => submissions.refetch()}>
        <DocumentSection id="submissions" title={t('reportSubmission')}>
          <table className="table compact">
            <thead><tr><th scope="col">{t('insurer')}</th><th scope="col">{t('status')}</th><th scope="col">{t('submittedOnColumn')}</th><th scope="col">{t('deadlineColumn')}</th></tr></thead>
            <tbody>{rows.map((row) => (
              <tr key={row.insurer.id} data-insurer={row.insurer.id} data-submission={row.status}>
                <td><Link href={routeUrl({ page: 'annualReport', id: row.insurer.id, year })}>{row.insurer.name}</Link></td>
                <td className={row.status === 'LATE' || row.status === 'MISSING' ? 'bad' : undefined}>{t(SUBMISSION_KEYS[row.status])}</td>
                <td>{row.submittedOn ?? '—'}</td>
                <td>{row.deadline ?? '—'}</td>
              </tr>
            ))}</tbody>
          </table>
        </DocumentSection>
      </QueryState>
    </PrintableDocument>
  );
}
