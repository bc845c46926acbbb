/**
 * The three lists an enterprise page and an insurer page share: policies (with each insurer's share),
 * prevention services and claims, each paged on the server on its own, so that paging one list does
 * not reload the others. The server narrows every list to the viewer's scope (a city sees its city's
 * rows of an insurer, an insurer its own policies, services and claims of an enterprise).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ClaimListPageFragment, ClaimListPageFragmentDocument, EnterpriseClaimsDocument, EnterprisePoliciesDocument, EnterprisePoliciesQueryVariables,
  EnterpriseServicesDocument, InsurerClaimsDocument, InsurerPoliciesDocument, InsurerServicesDocument, PolicyListPageFragment,
  PolicyListPageFragmentDocument, ServiceListPageFragment, ServiceListPageFragmentDocument,
} from '../lib/operations.generated';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { formatCount, formatMoney, formatMoneyExact } from '../lib/format';
import { codeLabel, useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { routeUrl } from '../lib/routes';
import type { ExportCell } from '../lib/exportTable';
import { allPages, ExportButtons } from './ExportButtons';
import { InsurerLink } from './InsurerLink';
import { Pager } from './Pager';
import { Panel, QueryState } from './QueryState';

/** Whose lists, and the year they are narrowed to (every year when left out). */
export type Subject = { kind: 'enterprise' | 'insurer'; id: string; year?: number; /** The region a city account's list is narrowed to, named in its title. */ scope?: string };

interface Page<Item> { total: number; page: number; pageSize: number; items: Item[] }

/** A row of each list, as the operations below ask for it (types generated from schema.graphql). */
export type PolicyRecord = PolicyListPageFragment['items'][number];
export type ServiceRecord = ServiceListPageFragment['items'][number];
export type ClaimRecord = ClaimListPageFragment['items'][number];

type ListResult<Field extends string, Item> = {
  enterprise?: { id: string } & Record<Field, Page<Item>>;
  insurer?: { id: string } & Record<Field, Page<Item>>;
};

type ListVariables = EnterprisePoliciesQueryVariables;

/**
 * What a page of each list asks for, the same whether the enterprise or the insurer owns the list
 * (the two queries differ only in their root field).
 */
const POLICY_PAGE_FRAGMENT: PolicyListPageFragmentDocument = gql`
  fragment PolicyListPage on PolicyPage {
    total page pageSize
    items {
      id policyNo enterpriseId enterpriseName county { code name } startDate endDate premium premiumReceived deathLimitPerPerson insuredPersons cancelled
      shares { insurer { id name } sharePercent }
    }
  }
`;
const SERVICE_PAGE_FRAGMENT: ServiceListPageFragmentDocument = gql`
  fragment ServiceListPage on ServicePage {
    total page pageSize
    items { id serviceDate kind enterpriseId enterpriseName county { code name } insurer { id name } cost hazardsFound hazardsRectified providerId providerName policyId }
  }
`;
const CLAIM_PAGE_FRAGMENT: ClaimListPageFragmentDocument = gql`
  fragment ClaimListPage on ClaimPage {
    total page pageSize
    items { id policyId enterpriseId enterpriseName reportedOn accidentDate status claimedAmount paidAmount deaths injuries settledOn denialReason }
  }
`;

export const ENTERPRISE_POLICIES_QUERY: EnterprisePoliciesDocument = gql`
  query EnterprisePolicies($id: ID!, $page: Int!, $pageSize: Int!, $year: Int) {
    enterprise(id: $id) { id policies(page: $page, pageSize: $pageSize, year: $year) { ...PolicyListPage } }
  }
  ${POLICY_PAGE_FRAGMENT}
`;

export const INSURER_POLICIES_QUERY: InsurerPoliciesDocument = gql`
  query InsurerPolicies($id: ID!, $page: Int!, $pageSize: Int!, $year: Int) {
    insurer(id: $id) { id policies(page: $page, pageSize: $pageSize, year: $year) { ...PolicyListPage } }
  }
  ${POLICY_PAGE_FRAGMENT}
`;

export const ENTERPRISE_SERVICES_QUERY: EnterpriseServicesDocument = gql`
  query EnterpriseServices($id: ID!, $page: Int!, $pageSize: Int!, $year: Int) {
    enterprise(id: $id) { id services(page: $page, pageSize: $pageSize, year: $year) { ...ServiceListPage } }
  }
  ${SERVICE_PAGE_FRAGMENT}
`;

export const INSURER_SERVICES_QUERY: InsurerServicesDocument = gql`
  query InsurerServices($id: ID!, $page: Int!, $pageSize: Int!, $year: Int) {
    insurer(id: $id) { id services(page: $page, pageSize: $pageSize, year: $year) { ...ServiceListPage } }
  }
  ${SERVICE_PAGE_FRAGMENT}
`;

export const ENTERPRISE_CLAIMS_QUERY: EnterpriseClaimsDocument = gql`
  query EnterpriseClaims($id: ID!, $page: Int!, $pageSize: Int!, $year: Int) {
    enterprise(id: $id) { id claims(page: $page, pageSize: $pageSize, year: $year) { ...ClaimListPage } }
  }
  ${CLAIM_PAGE_FRAGMENT}
`;

export const INSURER_CLAIMS_QUERY: InsurerClaimsDocument = gql`
  query InsurerClaims($id: ID!, $page: Int!, $pageSize: Int!, $year: Int) {
    insurer(id: $id) { id claims(page: $page, pageSize: $pageSize, year: $year) { ...ClaimListPage } }
  }
  ${CLAIM_PAGE_FRAGMENT}
`;

const PAGE_SIZE = 20;

/** A list narrowed to a year or to a city says so in its title, as the cards beside it do. */
function listTitle(title: string, subject: Subject, t: ReturnType<typeof useI18n>['t']): string {
  return [title, subject.year === undefined ? null : t('listYear', { year: subject.year }), subject.scope ?? null].filter(Boolean).join(' · ');
}

interface PagedList<Item> {
  list: Page<Item> | null;
  /** Every row of the list, read page by page for an export. */
  fetchAll: () => Promise<Item[]>;
  setPage: (page: number) => void;
  loading: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** One paged list of a subject: its query, the page in local state, QueryState around the table. */
function usePagedList<Field extends 'policies' | 'services' | 'claims', Item>(
  subject: Subject,
  queries: { enterprise: TypedDocumentNode<ListResult<Field, Item>, ListVariables>; insurer: TypedDocumentNode<ListResult<Field, Item>, ListVariables> },
  field: Field,
): PagedList<Item> {
  const [paged, setPaged] = useState({ page: 1, year: subject.year });
  // Another year starts again at its first page.
  const page = paged.year === subject.year ? paged.page : 1;
  const setPage = (next: number) => setPaged({ page: next, year: subject.year });
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(queries[subject.kind], { variables: { id: subject.id, page, pageSize: PAGE_SIZE, year: subject.year ?? null } });
  const list = data?.[subject.kind]?.[field] ?? null;
  const fetchAll = () => allPages(async (next, pageSize) => {
    const result = await client.query({ query: queries[subject.kind], variables: { id: subject.id, page: next, pageSize, year: subject.year ?? null } });
    const answer = result.data?.[subject.kind]?.[field];
    if (!answer) throw new Error(`no ${field} in the answer`);
    return answer;
  });
  return { list, fetchAll, setPage, loading: loading && !list, error, refetch };
}

/** A list's panel: its count, the loading, empty and error states every list shares, its table and pager. */
function ListPanel<Item>({ title, id, list: { list, fetchAll, setPage, loading, error, refetch }, head, row, exported }: {
  title: string;
  id: string;
  list: PagedList<Item>;
  head: ReactNode;
  row: (item: Item) => ReactNode;
  /** The export's columns: their titles and each row's cells, as plain text and numbers. */
  exported: { header: string[]; row: (item: Item) => ExportCell[] };
}) {
  const actions = list && (
    <>
      <span className="panel-count" data-total={list.total}>{formatCount(list.total)}</span>
      <ExportButtons name={id} fileName={title} sheet={id} disabled={list.total === 0} table={async () => ({ header: exported.header, rows: (await fetchAll()).map(exported.row) })} />
    </>
  );
  return (
    <Panel title={title} id={id} actions={actions}>
      <QueryState loading={loading} error={error} empty={list?.total === 0} onRetry={() => refetch()}>
        {list && (
          <>
            <table className="table compact" data-total={list.total}>
              <thead>
                <tr>{head}</tr>
              </thead>
              <tbody>{list.items.map((item) => row(item))}</tbody>
            </table>
            <Pager page={list.page} pageSize={list.pageSize} total={list.total} onPage={setPage} />
          </>
        )}
      </QueryState>
    </Panel>
  );
}

/** The enterprise a row of an insurer's list belongs to, by name (by id when the register lacks it). */
const enterpriseLink = (row: { enterpriseId: string; enterpriseName: string | null }) => (
  <Link href={routeUrl({ page: 'enterprise', id: row.enterpriseId })} className={row.enterpriseName === null ? 'mono' : undefined} data-enterprise={row.enterpriseId}>
    {row.enterpriseName ?? row.enterpriseId}
  </Link>
);

/** A third-party provider by name (by id when the register lacks it); null: the insurer's own team. */
export const providerLabel = (service: { providerId: string | null; providerName: string | null }): string | null =>
  service.providerId === null ? null : service.providerName ?? service.providerId;

export function PolicyList({ subject, highlight }: { subject: Subject; highlight?: string }) {
  const { t, language } = useI18n();
  const policies = usePagedList(subject, { enterprise: ENTERPRISE_POLICIES_QUERY, insurer: INSURER_POLICIES_QUERY }, 'policies');
  return (
    <ListPanel
      title={listTitle(t('policies'), subject, t)}
      id="policies"
      list={policies}
      exported={{
        header: [t('policyNo'), t('enterprise'), t('county'), t('startDate'), t('endDate'), t('premium'), t('premiumReceived'), t('deathLimit'), t('insuredPersons'), t('cancelled'), t('shares')],
        row: (policy) => [
          policy.policyNo, policy.enterpriseName ?? policy.enterpriseId, policy.county.name, policy.startDate, policy.endDate, policy.premium, policy.premiumReceived,
          policy.deathLimitPerPerson, policy.insuredPersons, policy.cancelled ? t('cancelled') : null,
          policy.shares.map((share) => `${share.insurer.name} ${Number(share.sharePercent).toFixed(2)}%`).join('; '),
        ],
      }}
      head={(
        <>
          <th scope="col">{t('policyNo')}</th>
          {subject.kind === 'insurer' && <th scope="col">{t('enterprise')}</th>}
          <th scope="col">{t('county')}</th>
          <th scope="col">{t('startDate')}</th>
          <th scope="col">{t('endDate')}</th>
          <th scope="col" className="num">{t('premiumReceived')}</th>
          <th scope="col" className="num">{t('deathLimit')}</th>
          <th scope="col" className="num">{t('insuredPersons')}</th>
          <th scope="col">{t('shares')}</th>
        </>
      )}
      row={(policy) => (
        <tr key={policy.id} data-policy={policy.id} className={policy.id === highlight ? 'highlight' : undefined} aria-current={policy.id === highlight ? 'true' : undefined}>
          <td className="mono">
            {policy.policyNo}
            {policy.cancelled && <span className="tag">{t('cancelled')}</span>}
            {policy.id === highlight && <span className="tag tag-strong">{t('highlighted')}</span>}
          </td>
          {subject.kind === 'insurer' && <td>{enterpriseLink(policy)}</td>}
          <td>{policy.county.name}</td>
          <td>{policy.startDate}</td>
          <td>{policy.endDate}</td>
          <td className="num" title={`${t('premium')} ${formatMoneyExact(policy.premium, language)}`}>{formatMoney(policy.premiumReceived, language)}</td>
          <td className="num" title={formatMoneyExact(policy.deathLimitPerPerson, language)}>{formatMoney(policy.deathLimitPerPerson, language)}</td>
          <td className="num">{formatCount(policy.insuredPersons)}</td>
          <td>
            <ul className="shares">
              {policy.shares.map((share) => (
                <li key={share.insurer.id}><InsurerLink insurer={share.insurer} /> {Number(share.sharePercent).toFixed(2)}%</li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    />
  );
}

export function ServiceList({ subject }: { subject: Subject }) {
  const { t, language } = useI18n();
  const services = usePagedList(subject, { enterprise: ENTERPRISE_SERVICES_QUERY, insurer: INSURER_SERVICES_QUERY }, 'services');
  return (
    <ListPanel
      title={listTitle(t('services'), subject, t)}
      id="services"
      list={services}
      exported={{
        header: [t('serviceDate'), t('serviceKind'), t('enterprise'), t('insurer'), t('county'), t('cost'), t('hazardsFound'), t('hazardsRectified'), t('provider')],
        row: (service) => [
          service.serviceDate, codeLabel(t, 'kind', service.kind), service.enterpriseName ?? service.enterpriseId, service.insurer.name, service.county.name,
          service.cost, service.hazardsFound, service.hazardsRectified, providerLabel(service) ?? t('ownTeam'),
        ],
      }}
      head={(
        <>
          <th scope="col">{t('serviceDate')}</th>
          <th scope="col">{t('serviceKind')}</th>
          {subject.kind === 'insurer' ? <th scope="col">{t('enterprise')}</th> : <th scope="col">{t('insurer')}</th>}
          <th scope="col">{t('county')}</th>
          <th scope="col" className="num">{t('cost')}</th>
          <th scope="col" className="num">{t('hazards')}</th>
          <th scope="col">{t('provider')}</th>
        </>
      )}
      row={(service) => (
        <tr key={service.id} data-service={service.id}>
          <td>{service.serviceDate}</td>
          <td>{codeLabel(t, 'kind', service.kind)}</td>
          <td>{subject.kind === 'insurer' ? enterpriseLink(service) : <InsurerLink insurer={service.insurer} />}</td>
          <td>{service.county.name}</td>
          <td className="num" title={formatMoneyExact(service.cost, language)}>{formatMoney(service.cost, language)}</td>
          <td className="num">{formatCount(service.hazardsFound)} / {formatCount(service.hazardsRectified)}</td>
          <td title={service.providerId ?? undefined} data-provider={service.providerId ?? undefined}>{providerLabel(service) ?? t('ownTeam')}</td>
        </tr>
      )}
    />
  );
}

export function ClaimList({ subject }: { subject: Subject }) {
  const { t, language } = useI18n();
  const claims = usePagedList(subject, { enterprise: ENTERPRISE_CLAIMS_QUERY, insurer: INSURER_CLAIMS_QUERY }, 'claims');
  return (
    <ListPanel
      title={listTitle(t('claims'), subject, t)}
      id="claims"
      list={claims}
      exported={{
        header: [t('reportedOn'), t('accidentDate'), t('enterprise'), t('status'), t('claimedAmount'), t('claimsPaid'), t('deaths'), t('injuries'), t('settledOn'), t('denialReason')],
        row: (claim) => [
          claim.reportedOn, claim.accidentDate, claim.enterpriseName ?? claim.enterpriseId, codeLabel(t, 'claim', claim.status), claim.claimedAmount, claim.paidAmount,
          claim.deaths, claim.injuries, claim.settledOn, claim.denialReason,
        ],
      }}
      head={(
        <>
          <th scope="col">{t('reportedOn')}</th>
          <th scope="col">{t('accidentDate')}</th>
          {subject.kind === 'insurer' && <th scope="col">{t('enterprise')}</th>}
          <th scope="col">{t('status')}</th>
          <th scope="col" className="num">{t('claimedAmount')}</th>
          <th scope="col" className="num">{t('claimsPaid')}</th>
          <th scope="col" className="num">{t('deathsInjuries')}</th>
          <th scope="col">{t('settledOn')}</th>
        </>
      )}
      row={(claim) => (
        <tr key={claim.id} data-claim={claim.id}>
          <td>{claim.reportedOn}</td>
          <td>{claim.accidentDate ?? '—'}</td>
          {subject.kind === 'insurer' && <td>{enterpriseLink(claim)}</td>}
          <td title={claim.denialReason ?? undefined}>{codeLabel(t, 'claim', claim.status)}</td>
          <td className="num" title={formatMoneyExact(claim.claimedAmount, language)}>{formatMoney(claim.claimedAmount, language)}</td>
          <td className="num" title={formatMoneyExact(claim.paidAmount, language)}>{formatMoney(claim.paidAmount, language)}</td>
          <td className="num">{formatCount(claim.deaths)} / {formatCount(claim.injuries)}</td>
          <td>{claim.settledOn ?? '—'}</td>
        </tr>
      )}
    />
  );
}
