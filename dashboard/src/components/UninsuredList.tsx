/**
 * 应保未保: the mandatory enterprises of the region without an active policy on the day, lapsed or
 * never insured, sortable by the columns the API allows and paged on the server. The order and the
 * page are part of the view's URL, so a reload or a shared link shows the same rows. Export fetches every
 * page (the API caps a page at 200 rows) so the file holds the whole list, not the page on screen.
 */
import { gql } from '@apollo/client';
import type { UninsuredDocument, UninsuredQuery } from '../lib/operations.generated';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { errorMessage } from '../lib/apollo';
import { formatCount } from '../lib/format';
import { useI18n, type MessageKey } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { regionUrl, routeUrl, type Industry, type RegionFilters, type SortDirection, type UninsuredSort } from '../lib/routes';
import { csvBlob, download, xlsxBlob, type ExportTable } from '../lib/exportTable';
import { Panel, QueryState } from './QueryState';

export const UNINSURED_QUERY: UninsuredDocument = gql`
  query Uninsured($region: ID!, $asOf: Date, $industries: [Industry!], $page: Int!, $pageSize: Int!, $sort: UninsuredSort!, $direction: SortDirection!) {
    uninsured(region: $region, asOf: $asOf, industries: $industries, page: $page, pageSize: $pageSize, sort: $sort, direction: $direction) {
      asOf
      total
      page
      pageSize
      items { id uscc name industry size county { code name } history lastPolicyEnd }
    }
  }
`;


export type UninsuredEnterprise = UninsuredQuery['uninsured']['items'][number];

const PAGE_SIZE = 20;
const EXPORT_PAGE_SIZE = 200;

const COLUMNS: { key: MessageKey; sort: UninsuredSort | null }[] = [
  { key: 'enterprise', sort: 'NAME' },
  { key: 'uscc', sort: null },
  { key: 'industry', sort: 'INDUSTRY' },
  { key: 'county', sort: 'COUNTY' },
  { key: 'uninsuredKind', sort: null },
  { key: 'lastPolicyEnd', sort: 'LAST_POLICY_END' },
];

interface UninsuredListProps {
  regionCode: string;
  regionName: string;
  filters: RegionFilters;
}

export function UninsuredList({ regionCode, regionName, filters }: UninsuredListProps) {
  const { t } = useI18n();
  const client = useApolloClient();
  const { navigate } = useRouter();
  const page = filters.page ?? 1;
  const sort: UninsuredSort = filters.sort ?? 'NAME';
  const direction: SortDirection = filters.direction ?? 'ASC';
  const show = (next: { sort: UninsuredSort; direction: SortDirection; page: number }) =>
    navigate(regionUrl(regionCode, { ...filters, ...next }), { keepScroll: true });
  const setPage = (next: number) => show({ sort, direction, page: next });
  const [exporting, setExporting] = useState<string | null>(null);
  const baseVariables = {
    region: regionCode,
    asOf: filters.asOf ?? null,
    industries: filters.industries.length > 0 ? filters.industries : null,
    sort,
    direction,
  };
  const { data, loading, error, refetch } = useQuery(UNINSURED_QUERY, {
    variables: { ...baseVariables, page, pageSize: PAGE_SIZE },
  });
  const list = data?.uninsured;
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;

  const historyLabel = (row: UninsuredEnterprise) => t(row.history === 'LAPSED' ? 'lapsed' : 'neverInsured');

  const sortBy = (column: UninsuredSort) =>
    show({ sort: column, direction: column === sort && direction === 'ASC' ? 'DESC' : 'ASC', page: 1 });

  const exportAll = async (format: 'csv' | 'xlsx') => {
    setExporting(null);
    try {
      const rows: UninsuredEnterprise[] = [];
      let asOf = '';
      for (let next = 1; ; next += 1) {
        const result = await client.query({
          query: UNINSURED_QUERY,
          variables: { ...baseVariables, page: next, pageSize: EXPORT_PAGE_SIZE },
        });
        const pageData = result.data!.uninsured;
        asOf = pageData.asOf;
        rows.push(...pageData.items);
        if (rows.length >= pageData.total || pageData.items.length === 0) break;
      }
      const table: ExportTable = {
        header: COLUMNS.map((column) => t(column.key)),
        rows: rows.map((row) => [row.name, row.uscc, t(row.industry), row.county.name, historyLabel(row), row.lastPolicyEnd]),
      };
      const fileName = `${t('uninsuredTitle')}-${regionName}-${asOf}`;
      if (format === 'csv') download(csvBlob(table), `${fileName}.csv`);
      else download(await xlsxBlob(table, t('uninsured')), `${fileName}.xlsx`);
    } catch (failure) {
      setExporting(errorMessage(failure));
    }
  };

  const actions = (
    <>
      <button type="button" onClick={() => exportAll('csv')} disabled={!list || list.total === 0}>{t('exportCsv')}</button>
      <button type="button" onClick={() => exportAll('xlsx')} disabled={!list || list.total === 0}>{t('exportExcel')}</button>
    </>
  );

  return (
    <Panel title={t('uninsuredTitle')} actions={actions} id="uninsured">
      {exporting && <p role="alert" className="state-error">{t('error', { message: exporting })}</p>}
      <QueryState loading={loading && !data} error={error} empty={list?.total === 0} onRetry={() => refetch()}>
        {list && (
          <>
            <table className="table" data-total={list.total}>
              <thead>
                <tr>
                  {COLUMNS.map((column) => {
                    const active = column.sort === sort;
                    return (
                      <th key={column.key} scope="col" aria-sort={active ? (direction === 'ASC' ? 'ascending' : 'descending') : undefined}>
                        {column.sort ? (
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
                  <tr key={row.id}>
                    <td><Link href={routeUrl({ page: 'enterprise', id: row.id })}>{row.name}</Link></td>
                    <td className="mono">{row.uscc}</td>
                    <td>{t(row.industry)}</td>
                    <td>{row.county.name}</td>
                    <td>{historyLabel(row)}</td>
                    <td>{row.lastPolicyEnd ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pager" aria-label="pages">
              <button type="button" onClick={() => setPage(page - 1)} disabled={page <= 1}>{t('previousPage')}</button>
              <span>{t('pageOf', { page, pages, total: formatCount(list.total) })}</span>
              <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages}>{t('nextPage')}</button>
            </nav>
          </>
        )}
      </QueryState>
    </Panel>
  );
}
