/**
 * Enterprise search (`/search?q=&page=`) by part of the name or the start of the 统一社会信用代码. The
 * server searches the account's scope only: a city account finds its city's enterprises, an insurer
 * account those it has insured; the view says which.
 */
import { gql } from '@apollo/client';
import type { EnterpriseHitFieldsFragmentDocument, EnterpriseSearchDocument } from '../lib/operations.generated';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { allPages, ExportButtons } from '../components/ExportButtons';
import { Pager } from '../components/Pager';
import { Panel, QueryState } from '../components/QueryState';
import { codeLabel, industryLabel, useI18n } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import type { DailyWorkRoute } from '../lib/routes-daily-work';
import type { Viewer } from '../lib/session';
import { regionByCode } from '../../../domain/regions';

export const ENTERPRISE_HIT_FRAGMENT: EnterpriseHitFieldsFragmentDocument = gql`
  fragment EnterpriseHitFields on EnterpriseHit { id uscc name industry status mandatory county { code name } }
`;

export const ENTERPRISE_SEARCH_QUERY: EnterpriseSearchDocument = gql`
  query EnterpriseSearch($text: String!, $page: Int!, $pageSize: Int!) {
    enterpriseSearch(text: $text, page: $page, pageSize: $pageSize) { total page pageSize items { ...EnterpriseHitFields } }
  }
  ${ENTERPRISE_HIT_FRAGMENT}
`;

export const SEARCH_PAGE_SIZE = 20;

type Route = Extract<DailyWorkRoute, { page: 'search' }>;

export function SearchView({ route, viewer }: { route: Route; viewer: Viewer }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [text, setText] = useState(route.text ?? '');
  const asked = route.text !== undefined && route.text.length >= 2 ? route.text : null;
  const page = route.pageNumber ?? 1;
  const { data, loading, error, refetch } = useQuery(ENTERPRISE_SEARCH_QUERY, {
    variables: { text: asked ?? '', page, pageSize: SEARCH_PAGE_SIZE }, skip: asked === null,
  });
  const hits = asked === null ? undefined : data?.enterpriseSearch;
  const client = useApolloClient();
  /** Every hit, page after page: the export holds the whole result, not the page on screen. */
  const allHits = (searched: string) => allPages(async (next, pageSize) => {
    const result = await client.query({ query: ENTERPRISE_SEARCH_QUERY, variables: { text: searched, page: next, pageSize } });
    if (!result.data) throw new Error('no enterpriseSearch in the answer');
    return result.data.enterpriseSearch;
  });
  const scope = viewer.role === 'city' ? regionByCode(viewer.scope ?? '')?.name ?? viewer.scope ?? '' : viewer.role === 'insurer' ? t('scopeInsured') : t('scopeAll');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(routeUrl({ page: 'search', text: text.trim() === '' ? undefined : text.trim() }));
  };
  return (
    <main className="search-view">
      <h1>{t('searchTitle')}</h1>
      <form className="filters" role="search" onSubmit={submit}>
        <label>
          {t('searchLabel')}{' '}
          <input type="search" name="q" value={text} minLength={2} maxLength={64} onChange={(event) => setText(event.target.value)} />
        </label>
        <button type="submit" disabled={text.trim().length < 2}>{t('searchButton')}</button>
        <span className="hint" data-search-scope>{t('searchScope', { scope })}</span>
      </form>
      {asked === null ? <p className="hint">{t('searchHint')}</p> : (
        <Panel title={`${t('searchTitle')}：${asked}`} id="search" actions={(
          <ExportButtons name="search" fileName={`${t('searchTitle')}-${asked}`} sheet={t('searchTitle')} disabled={!hits || hits.total === 0}
            table={async () => ({
              header: [t('enterprise'), t('uscc'), t('industry'), t('county'), t('status'), t('mandatoryEnterprise')],
              rows: (await allHits(asked)).map((hit) => [hit.name, hit.uscc, industryLabel(t, hit.industry), hit.county.name, codeLabel(t, 'status', hit.status), hit.mandatory ? t('mandatoryEnterprise') : '']),
            })} />
        )}>
          <QueryState loading={loading && !hits} error={error} empty={hits?.total === 0} onRetry={() => refetch()}>
            {hits && (
              <>
                <table className="table" data-total={hits.total}>
                  <thead>
                    <tr>
                      <th scope="col">{t('enterprise')}</th>
                      <th scope="col">{t('uscc')}</th>
                      <th scope="col">{t('industry')}</th>
                      <th scope="col">{t('county')}</th>
                      <th scope="col">{t('status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {hits.items.map((hit) => (
                      <tr key={hit.id} data-enterprise={hit.id}>
                        <td><Link href={routeUrl({ page: 'enterprise', id: hit.id })}>{hit.name}</Link></td>
                        <td className="mono">{hit.uscc}</td>
                        <td>{industryLabel(t, hit.industry)}</td>
                        <td>{hit.county.name}</td>
                        <td>{codeLabel(t, 'status', hit.status)}{hit.mandatory && <span className="tag tag-strong">{t('mandatoryEnterprise')}</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Pager page={page} pageSize={SEARCH_PAGE_SIZE} total={hits.total} onPage={(next) => navigate(routeUrl({ page: 'search', text: asked, pageNumber: next }), { keepScroll: true })} />
              </>
            )}
          </QueryState>
        </Panel>
      )}
    </main>
  );
}
