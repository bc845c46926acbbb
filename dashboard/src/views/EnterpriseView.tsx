/**
 * One enterprise: its facts, then its policies (with each insurer's share), prevention services and
 * claims. Reached from every list that names an enterprise; `?policy=` marks the policy a violation
 * was about. An enterprise outside the viewer's scope answers NOT_FOUND, shown as the error it is.
 */
import { gql } from '@apollo/client';
import type { EnterpriseDocument, EnterpriseQuery } from '../lib/operations.generated';
import { useQuery } from '@apollo/client/react';
import { ClaimList, PolicyList, ServiceList } from '../components/DetailLists';
import { Pager } from '../components/Pager';
import { Panel, QueryState } from '../components/QueryState';
import { ViolationExport, ViolationTable, VIOLATIONS_QUERY } from '../components/ViolationTable';
import { YearSelect } from '../components/YearSelect';
import { PROVINCE_CODE } from '../../../domain/regions';
import { indicatorYear } from '../lib/dates';
import { useState } from 'react';
import { formatCount } from '../lib/format';
import { codeLabel, industryLabel, useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { regionUrl, type Industry } from '../lib/routes';
import { mayViewRegion, type Viewer } from '../lib/session';

export const ENTERPRISE_QUERY: EnterpriseDocument = gql`
  query Enterprise($id: ID!) {
    enterprise(id: $id) {
      id uscc name industry highRisk size status riskLevel standardizationGrade employees mandatory
      cover { asOf insured history lastPolicyEnd }
      county { code name }
      city { code name }
    }
  }
`;

type EnterpriseResult = EnterpriseQuery;

/** Whether it is insured today: a mandatory enterprise without cover is flagged 脱保 or 从未投保, as in the uninsured list. */
function CoverState({ cover, mandatory }: { cover: NonNullable<EnterpriseResult['enterprise']['cover']>; mandatory: boolean }) {
  const { t } = useI18n();
  const state = cover.insured ? 'insured' : cover.history === 'LAPSED' ? 'lapsed' : 'neverInsured';
  const flagged = mandatory && !cover.insured;
  return (
    <p className={flagged ? 'cover-state bad' : 'cover-state'} data-cover={state} role={flagged ? 'status' : undefined}>
      {/* 脱保 and 从未投保 are said of enterprises that must be insured; any other simply holds no policy. */}
      <span className={flagged ? 'tag tag-strong' : 'tag'}>{t(state === 'insured' ? 'coverInsured' : mandatory ? state : 'coverNone')}</span>
      {' '}{t('asOf')} {cover.asOf}
      {cover.lastPolicyEnd && !cover.insured && <> · {t('lastPolicyEnd')} {cover.lastPolicyEnd}</>}
      {flagged && <> · {t('coverMandatoryUninsured')}</>}
    </p>
  );
}

const VIOLATIONS_PAGE_SIZE = 20;

/**
 * The enterprise's own breaches of a year, from the violations list narrowed to it (the server keeps
 * the viewer's region and insurer scope), with its export.
 */
export function EnterpriseViolations({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState({ year: indicatorYear({}), page: 1 });
  // The province code is read by the server as the viewer's whole scope (a city account's own city).
  const variables = { year: chosen.year, region: PROVINCE_CODE, insurer: null, enterprise: id, kinds: null };
  const { data, loading, error, refetch } = useQuery(VIOLATIONS_QUERY, { variables: { ...variables, page: chosen.page, pageSize: VIOLATIONS_PAGE_SIZE } });
  const list = data?.violations;
  const actions = (
    <>
      <YearSelect year={chosen.year} onChange={(year) => setChosen({ year, page: 1 })} />
      {list && <span className="panel-count" data-total={list.total}>{formatCount(list.total)}</span>}
      {list && <ViolationExport variables={variables} fileName={`${t('enterpriseViolationsTitle')}-${name}-${chosen.year}`} disabled={list.total === 0} />}
    </>
  );
  return (
    <Panel title={`${t('enterpriseViolationsTitle')} · ${t('listYear', { year: chosen.year })}`} id="enterprise-violations" actions={actions}>
      <QueryState loading={loading && !list} error={error} empty={list?.total === 0} onRetry={() => refetch()}>
        {list && (
          <>
            <ViolationTable items={list.items} year={chosen.year} total={list.total} />
            <Pager page={list.page} pageSize={list.pageSize} total={list.total} onPage={(page) => setChosen({ ...chosen, page })} />
          </>
        )}
      </QueryState>
    </Panel>
  );
}

export function EnterpriseView({ id, policy, viewer }: { id: string; policy?: string; viewer: Viewer }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(ENTERPRISE_QUERY, { variables: { id } });
  const enterprise = data?.enterprise;
  const place = (region: { code: string; name: string }) =>
    mayViewRegion(viewer, region.code) ? <Link href={regionUrl(region.code, { industries: [] })}>{region.name}</Link> : region.name;
  return (
    <main className="enterprise-view" data-enterprise={id}>
      <QueryState loading={loading && !enterprise} error={error} empty={false} onRetry={() => refetch()} minHeight={200}>
        {enterprise && (
          <>
            <h1>{enterprise.name}</h1>
            {enterprise.cover && <CoverState cover={enterprise.cover} mandatory={enterprise.mandatory} />}
            <section className="panel" aria-labelledby="facts-title" data-panel="facts">
              <h2 id="facts-title" className="sr-only">{t('facts')}</h2>
              <dl className="facts">
                <div><dt>{t('uscc')}</dt><dd className="mono">{enterprise.uscc}</dd></div>
                <div><dt>{t('region')}</dt><dd>{place(enterprise.city)} › {place(enterprise.county)}</dd></div>
                <div><dt>{t('industry')}</dt><dd data-high-risk={enterprise.highRisk}>{industryLabel(t, enterprise.industry)}</dd></div>
                <div><dt>{t('mandatory')}</dt><dd data-mandatory={enterprise.mandatory}>{enterprise.mandatory ? t('mandatoryEnterprise') : t('notMandatory')}</dd></div>
                <div><dt>{t('size')}</dt><dd>{codeLabel(t, 'size', enterprise.size)}</dd></div>
                <div><dt>{t('status')}</dt><dd>{codeLabel(t, 'status', enterprise.status)}</dd></div>
                <div><dt>{t('riskLevel')}</dt><dd>{codeLabel(t, 'risk', enterprise.riskLevel)}</dd></div>
                <div><dt>{t('standardizationGrade')}</dt><dd>{enterprise.standardizationGrade === null ? t('noGrade') : codeLabel(t, 'grade', enterprise.standardizationGrade)}</dd></div>
                <div><dt>{t('employees')}</dt><dd>{formatCount(enterprise.employees)}</dd></div>
              </dl>
            </section>
            <EnterpriseViolations id={id} name={enterprise.name} />
            <PolicyList subject={{ kind: 'enterprise', id }} highlight={policy} />
            <ServiceList subject={{ kind: 'enterprise', id }} />
            <ClaimList subject={{ kind: 'enterprise', id }} />
          </>
        )}
      </QueryState>
    </main>
  );
}
