/**
 * The rows of a violations list, shared by the violations view and an enterprise's page: each names
 * the rule and its source document, links to what lies behind it (the enterprise, at the policy, or
 * the insurer for a fee ratio) and phrases the finding from the API's facts in the reader's language.
 * Its export holds every row of the list under the same filters, read page by page.
 */
import { gql } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { RULE_CITATION_FRAGMENT } from '../lib/fragments';
import type { ViolationCountsDocument, ViolationsDocument, ViolationsQuery, ViolationsQueryVariables } from '../lib/operations.generated';
import type { ExportTable } from '../lib/exportTable';
import { formatMoneyExact, formatPercent } from '../lib/format';
import { useI18n, type I18n, type Language } from '../lib/i18n';
import { Link } from '../lib/router';
import { routeUrl } from '../lib/routes';
import { citation, shortSource } from '../lib/rules';
import { allPages, ExportButtons } from './ExportButtons';
import { InsurerLink } from './InsurerLink';

export const VIOLATIONS_QUERY: ViolationsDocument = gql`
  query Violations($year: Int!, $region: ID!, $insurer: ID, $enterprise: ID, $kinds: [ViolationRule!], $page: Int!, $pageSize: Int!) {
    violations(year: $year, region: $region, insurer: $insurer, enterprise: $enterprise, kinds: $kinds, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      byKind { kind count }
      items {
        kind
        day
        detail
        facts {
          evaluatedOn lastPolicyEnd year preventionSpending premiumReceived ratio limitPercent
          riskAssessments hazardInvestigations requiredEach windowStart windowEnd firstService
          deathLimit deathLimitFloor providerName providerDefect qualifiedUntil
        }
        county { code name }
        enterpriseId
        enterpriseName
        policyId
        serviceId
        providerId
        insurers { id name }
        rule { ...RuleCitation }
      }
    }
  }
  ${RULE_CITATION_FRAGMENT}
`;

export type ProviderDefect = NonNullable<ViolationFacts['providerDefect']>;

export type Violation = ViolationsQuery['violations']['items'][number];
/** The figures a finding compares; each kind fills its own fields, the others are null. */
export type ViolationFacts = Violation['facts'];


/**
 * What a breach is about, as a link: the enterprise (marking the policy, when one breached), else the
 * answerable insurer (a fee ratio is the insurer's alone). Null when the breach names neither.
 */
export function violationSubject(violation: Violation, year: number): { href: string; label: string; kind: 'enterprise' | 'insurer' } | null {
  if (violation.enterpriseId !== null) {
    return {
      href: routeUrl({ page: 'enterprise', id: violation.enterpriseId, policy: violation.policyId ?? undefined }),
      label: violation.enterpriseName ?? violation.enterpriseId,
      kind: 'enterprise',
    };
  }
  const [insurer] = violation.insurers;
  return insurer ? { href: routeUrl({ page: 'insurer', id: insurer.id, year }), label: insurer.name, kind: 'insurer' } : null;
}

/**
 * The finding in the dashboard's language, phrased from the API's facts (the API's `detail` is
 * English only). A blank shows as a dash rather than as the placeholder.
 */
export function violationFinding(t: I18n['t'], language: Language, violation: Violation): string {
  const facts = violation.facts;
  const text = (value: string | number | null) => (value === null ? '—' : String(value));
  const money = (value: string | null) => formatMoneyExact(value, language);
  switch (violation.kind) {
    case 'UNINSURED':
      return facts.lastPolicyEnd === null
        ? t('finding_UNINSURED_never', { evaluatedOn: text(facts.evaluatedOn) })
        : t('finding_UNINSURED_lapsed', { evaluatedOn: text(facts.evaluatedOn), lastPolicyEnd: facts.lastPolicyEnd });
    case 'FEE_RATIO_BELOW_FLOOR':
    case 'FEE_RATIO_ABOVE_CAP':
      return t(violation.kind === 'FEE_RATIO_BELOW_FLOOR' ? 'finding_FEE_RATIO_BELOW_FLOOR' : 'finding_FEE_RATIO_ABOVE_CAP', {
        year: text(facts.year), spending: money(facts.preventionSpending), premium: money(facts.premiumReceived),
        ratio: formatPercent(facts.ratio), limit: text(facts.limitPercent),
      });
    case 'SERVICES_SHORT':
      return t('finding_SERVICES_SHORT', {
        year: text(facts.year), riskAssessments: text(facts.riskAssessments), hazardInvestigations: text(facts.hazardInvestigations),
        requiredEach: text(facts.requiredEach),
      });
    case 'FIRST_SERVICE_LATE':
      return t('finding_FIRST_SERVICE_LATE', { firstService: text(facts.firstService), windowStart: text(facts.windowStart), windowEnd: text(facts.windowEnd) });
    case 'FIRST_SERVICE_MISSING':
      return t('finding_FIRST_SERVICE_MISSING', { windowStart: text(facts.windowStart), evaluatedOn: text(facts.evaluatedOn), windowEnd: text(facts.windowEnd) });
    case 'DEATH_LIMIT_BELOW_FLOOR':
      return t('finding_DEATH_LIMIT_BELOW_FLOOR', { deathLimit: money(facts.deathLimit), floor: money(facts.deathLimitFloor), day: violation.day });
    case 'UNQUALIFIED_PROVIDER': {
      const provider = { serviceId: text(violation.serviceId), day: violation.day, provider: text(facts.providerName ?? violation.providerId) };
      if (facts.providerDefect === 'BLACKLISTED') return t('finding_UNQUALIFIED_PROVIDER_BLACKLISTED', provider);
      if (facts.providerDefect === 'QUALIFICATION_EXPIRED') {
        return t('finding_UNQUALIFIED_PROVIDER_QUALIFICATION_EXPIRED', { ...provider, qualifiedUntil: text(facts.qualifiedUntil) });
      }
      return t('finding_UNQUALIFIED_PROVIDER_NO_QUALIFICATION', provider);
    }
  }
}


/**
 * How many breaches of each kind the other filters find, whichever kinds are ticked: ticking one kind
 * narrows the list, never the counts beside the other kinds.
 */
export const VIOLATION_COUNTS_QUERY: ViolationCountsDocument = gql`
  query ViolationCounts($year: Int!, $region: ID!, $insurer: ID, $enterprise: ID) {
    violations(year: $year, region: $region, insurer: $insurer, enterprise: $enterprise, page: 1, pageSize: 1) {
      total
      byKind { kind count }
    }
  }
`;

/** The export's columns and a row's cells, in the reader's language. */
export function violationExport(t: I18n['t'], language: Language, items: Violation[], year: number): ExportTable {
  return {
    header: [t('rule'), t('source'), t('subject'), t('county'), t('day'), t('detail'), t('insurer'), t('provider')],
    rows: items.map((violation) => [
      t(violation.kind),
      `${shortSource(violation.rule, language)} ${violation.rule[language].clause.split(':')[0]}`,
      violationSubject(violation, year)?.label ?? null,
      violation.county?.name ?? null,
      violation.day,
      violationFinding(t, language, violation),
      violation.insurers.map((insurer) => insurer.name).join('、') || null,
      violation.facts.providerName ?? violation.providerId,
    ]),
  };
}

/** The buttons that export a whole list: every page of VIOLATIONS_QUERY under the variables given. */
export function ViolationExport({ variables, fileName, disabled }: { variables: Omit<ViolationsQueryVariables, 'page' | 'pageSize'>; fileName: string; disabled?: boolean }) {
  const { t, language } = useI18n();
  const client = useApolloClient();
  const table = async () => violationExport(t, language, await allPages(async (page, pageSize) => {
    const result = await client.query({ query: VIOLATIONS_QUERY, variables: { ...variables, page, pageSize } });
    if (!result.data) throw new Error('no violations in the answer');
    return result.data.violations;
  }), variables.year);
  return <ExportButtons name="violations" fileName={fileName} sheet={String(variables.year)} table={table} disabled={disabled} />;
}

/** `total`: the whole list's count, on the table for tests and scripts (the rows are one page of it). */
export function ViolationTable({ items, year, total }: { items: Violation[]; year: number; total: number }) {
  const { t, language } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table compact" data-total={total}>
        <thead>
          <tr>
            <th scope="col">{t('rule')}</th>
            <th scope="col">{t('subject')}</th>
            <th scope="col" className="nowrap">{t('county')}</th>
            <th scope="col" className="nowrap">{t('day')}</th>
            <th scope="col">{t('detail')}</th>
            <th scope="col">{t('insurer')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((violation, index) => {
            const subject = violationSubject(violation, year);
            return (
              <tr key={`${violation.kind}-${violation.enterpriseId ?? ''}-${violation.policyId ?? ''}-${violation.serviceId ?? ''}-${violation.insurers[0]?.id ?? ''}-${index}`} data-kind={violation.kind}>
                <td className="rule-cell" title={citation([violation.rule], language)}>
                  <strong>{t(violation.kind)}</strong>
                  <div className="rule-source nowrap">{shortSource(violation.rule, language)} {violation.rule[language].clause.split(':')[0]}</div>
                </td>
                <td>
                  {subject ? <Link href={subject.href} data-subject={subject.kind}>{subject.label}</Link> : '—'}
                  {violation.providerId && <div className="rule-source" title={violation.providerId}>{t('provider')} {violation.facts.providerName ?? violation.providerId}</div>}
                </td>
                <td className="nowrap">{violation.county?.name ?? '—'}</td>
                <td className="nowrap">{violation.day}</td>
                <td className="detail-cell" lang={language === 'zh' ? 'zh-CN' : 'en'}>{violationFinding(t, language, violation)}</td>
                <td>
                  {violation.insurers.length === 0 ? '—' : violation.insurers.map((insurer, i) => (
                    <span key={insurer.id}>{i > 0 && '、'}<InsurerLink insurer={insurer} year={year} /></span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
