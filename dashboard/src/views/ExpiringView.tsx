/**
 * 即将到期 (`/expiring?within=&region=&asOf=&sort=&direction=&page=`): the policies of mandatory enterprises
 * in force on the day that end within 30, 60 or 90 days and are not renewed (no other policy of the
 * enterprise covers the day after the end), so that a bureau can call the enterprise and its insurers
 * before it becomes uninsured. Window, region, order and page are in the URL; export holds every page.
 */
import { gql } from '@apollo/client';
import type { ExpiringPoliciesDocument, ExpiringPoliciesQuery, ExpiringPolicyFieldsFragmentDocument } from '../lib/operations.generated';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Pager } from '../components/Pager';
import { Panel, QueryState } from '../components/QueryState';
import { RegionSelect, regionInChoices } from '../components/RegionSelect';
import { allPages, ExportButtons } from '../components/ExportButtons';
import { useI18n, type MessageKey } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl, type SortDirection } from '../lib/routes';
import { EXPIRING_WINDOWS, type DailyWorkRoute, type ExpiringSort } from '../lib/routes-daily-work';
import type { Viewer } from '../lib/session';

export const EXPIRING_POLICY_FRAGMENT: ExpiringPolicyFieldsFragmentDocument = gql`
  fragment ExpiringPolicyFields on ExpiringPolicy {
    policyId policyNo enterpriseId uscc enterpriseName industry county { code name } startDate endDate daysLeft insurers
  }
`;

export const EXPIRING_QUERY: ExpiringPoliciesDocument = gql`
  query ExpiringPolicies($region: ID!, $asOf: Date, $withinDays: Int!, $sort: ExpiringSort!, $direction: SortDirection!, $page: Int!, $pageSize: Int!) {
    expiringPolicies(region: $region, asOf: $asOf, withinDays: $withinDays, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {
      region { code name }
      asOf
      withinDays
      total
      page
      pageSize
      items { ...ExpiringPolicyFields }
    }
  }
  ${EXPIRING_POLICY_FRAGMENT}
`;

export type ExpiringPolicy = ExpiringPoliciesQuery['expiringPolicies']['items'][number];

export const EXPIRING_PAGE_SIZE = 20;

type Route = Extract<DailyWorkRoute, { page: 'expiring' }>;

const COLUMNS: { key: MessageKey; sort: ExpiringSort | null }[] = [
  { key: 'enterprise', sort: 'NAME' },
  { key: 'uscc', sort: null },
  { key: 'industry', sort: 'INDUSTRY' },
  { key: 'county', sort: 'COUNTY' },
  { key: 'policyNo', sort: null },
  { key: 'endDate', sort: 'END_DATE' },
  { key: 'daysLeft', sort: 'END_DATE' },
  { key: 'insurers', sort: null },
];

export function ExpiringView({ route, viewer }: { route: Route; viewer: Viewer }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const { navigate } = useRouter();
  const region = regionInChoices(viewer, route.region);
  const within = route.within ?? 30;
  const sort: ExpiringSort = route.sort ?? 'END_DATE';
  const direction: SortDirection = route.direction ?? 'ASC';
  const page = route.pageNumber ?? 1;
  const go = (next: Partial<Route>) => navigate(routeUrl({ ...route, pageNumber: undefined, ...next }), { keepScroll: true });
  const baseVariables = { region, asOf: route.asOf ?? null, withinDays: within, sort, direction };
  const { data, loading, error, refetch } = useQuery(EXPIRING_QUERY, { variables: { ...baseVariables, page, pageSize: EXPIRING_PAGE_SIZE } });
  const list = data?.expiringPolicies;
  const sortBy = (column: ExpiringSort) => go({ sort: column, direction: column === sort && direction === 'ASC' ? 'DESC' : 'ASC' });

  const allExpiring = () => allPages(async (next, pageSize) => {
    const result = await client.query({ query: EXPIRING_QUERY, variables: { ...baseVariables, page: next, pageSize } });
    if (!result.data) throw new Error('no expiringPolicies in the answer');
    return result.data.expiringPolicies;
  });
  const actions = (
    <ExportButtons
      name="expiring"
      fileName={`${t('expiringTitle')}-${list?.region.name ?? region}-${list?.asOf ?? ''}-${within}`}
      sheet={t('navExpiring')}
      disabled={!list || list.total === 0}
      table={async () => ({
        header: COLUMNS.map((column) => t(column.key)),
        rows: (await allExpiring()).map((row) => [row.enterpriseName, row.uscc, t(row.industry), row.county.name, row.policyNo, row.endDate, row.daysLeft, row.insurers.join('、')]),
      })}
    />
  );

  return (
    <main className="expiring-view" data-region={region}>
      <h1>{t('expiringTitle')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('endDate')}</legend>
          {EXPIRING_WINDOWS.map((days) => (
            <label key={days} className="check">
              <input type="radio" name="within" value={days} checked={within === days} onChange={() => go({ within: days === 30 ? undefined : days })} />
              {t('expiringWithin', { days })}
            </label>
          ))}
        </fieldset>
        <RegionSelect viewer={viewer} region={region} onChange={(next) => go({ region: next })} />
      </form>
      <p className="hint" data-definition>{t('expiringDefinition', { days: within })}</p>
      <Panel title={list ? `${list.region.name} · ${t('asOf')} ${list.asOf} · ${t('expiringWithin', { days: within })}` : t('expiringTitle')} actions={actions} id="expiring">
        <QueryState loading={loading && !list} error={error} empty={list?.total === 0} onRetry={() => refetch()}>
          {list && (
            <>
              <table className="table" data-total={list.total}>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => {
                      const active = column.sort === sort && column.key !== 'daysLeft';
                      return (
                        <th key={column.key} scope="col" className={column.key === 'daysLeft' ? 'num' : undefined}
                          aria-sort={active ? (direction === 'ASC' ? 'ascending' : 'descending') : undefined}>
                          {column.sort && column.key !== 'daysLeft' ? (
                            <button type="button" className="sort" onClick={() => sortBy(column.sort!)}>
                              {t(column.key)}{active ? (direction === 'ASC' ? ' ▲' : ' ▼') : ''}
                            </button>
                          ) : t(column.key)}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((row) => (
                    <tr key={row.policyId} data-policy={row.policyId}>
                      <td><Link href={routeUrl({ page: 'enterprise', id: row.enterpriseId, policy: row.policyId })}>{row.enterpriseName}</Link></td>
                      <td className="mono">{row.uscc}</td>
                      <td>{t(row.industry)}</td>
                      <td>{row.county.name}</td>
                      <td className="mono">{row.policyNo}</td>
                      <td data-col="endDate">{row.endDate}</td>
                      <td className="num" data-col="daysLeft">{row.daysLeft}</td>
                      <td>{row.insurers.join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={page} pageSize={EXPIRING_PAGE_SIZE} total={list.total} onPage={(next) => go({ pageNumber: next })} />
            </>
          )}
        </QueryState>
      </Panel>
    </main>
  );
}
