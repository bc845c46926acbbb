/**
 * What issue 12 found wrong in daily use, each against the view that showed it: the trend's last
 * point computed past the card's day, an insurer's lists ignoring the year, refusals shown as raw
 * route names or the server's English with a useless retry, the uninsured list's order lost on
 * reload. The GraphQL answers are mocked with the fields the committed schema.graphql gives.
 */
import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { INSURER_POLICIES_QUERY, PolicyList } from '../src/components/DetailLists';
import { TRENDS_QUERY, TrendChart } from '../src/components/TrendChart';
import { I18nProvider, type Language } from '../src/lib/i18n';
import { RouterProvider } from '../src/lib/router';
import { parseRoute, regionUrl, routeUrl } from '../src/lib/routes';
import { ENTERPRISE_QUERY, EnterpriseView } from '../src/views/EnterpriseView';
import { InsurerView } from '../src/views/InsurerView';
import { INSURER_FILING_QUERY } from '../src/components/FilingStatus';

afterEach(cleanup);

function renderWith(mocks: MockedResponse[], language: Language, children: ReactNode) {
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider initial={language}><RouterProvider>{children}</RouterProvider></I18nProvider>
    </MockedProvider>,
  );
}

const values = (end: string, coverageRate: number, insured: number) => ({ __typename: 'TrendValues', end, coverageRate, insured });

describe('the trend', () => {
  const mocks = (): MockedResponse[] => [{
    request: { query: TRENDS_QUERY, variables: { region: '140000', from: '2025-07', to: '2026-06', asOf: '2026-06-15', industries: null } },
    result: { data: { trends: {
      __typename: 'TrendSeries', region: { __typename: 'Region', code: '140000' }, asOf: '2026-06-15', mandatory: 10,
      points: [
        { __typename: 'TrendPoint', period: '2026-05', complete: true, current: values('2026-05-31', 0.8, 8), previousYear: values('2025-05-31', 0.7, 7) },
        { __typename: 'TrendPoint', period: '2026-06', complete: false, current: values('2026-06-15', 0.9, 9), previousYear: values('2025-06-15', 0.6, 6) },
      ],
    } } },
  }];

  it('asks for the series up to the view’s day, and says the month holding it ends on it', async () => {
    renderWith(mocks(), 'zh', <TrendChart regionCode="140000" asOf="2026-06-15" />);
    await screen.findByText('2026-06 （截至 2026-06-15）');
    const last = document.querySelector('tr[data-period="2026-06"]')!;
    expect([...last.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['2026-06 （截至 2026-06-15）', '90.0%', '60.0%']);
    expect(document.querySelector('tr[data-period="2026-05"] td')!.textContent).toBe('2026-05');
  });

  it('in English', async () => {
    renderWith(mocks(), 'en', <TrendChart regionCode="140000" asOf="2026-06-15" />);
    await screen.findByText('2026-06 (through 2026-06-15)');
  });
});

describe('an insurer’s lists', () => {
  it('ask for the year shown and say it in their title', async () => {
    const mocks: MockedResponse[] = [{
      request: { query: INSURER_POLICIES_QUERY, variables: { id: 'I1', page: 1, pageSize: 20, year: 2024 } },
      result: { data: { insurer: { __typename: 'InsurerDetail', id: 'I1', policies: {
        __typename: 'PolicyPage', total: 1, page: 1, pageSize: 20,
        items: [{
          __typename: 'PolicyRecord', id: 'P11', policyNo: 'AZX-2024-011', enterpriseId: 'E11', enterpriseName: '大同新荣甲煤业有限公司',
          county: { __typename: 'Region', code: '140212', name: '新荣区' }, startDate: '2024-11-30', endDate: '2025-11-29',
          premium: '60000.00', premiumReceived: '60000.00', deathLimitPerPerson: '300000.00', insuredPersons: 1500, cancelled: false, shares: [],
        }],
      } } } },
    }];
    renderWith(mocks, 'zh', <PolicyList subject={{ kind: 'insurer', id: 'I1', year: 2024 }} />);
    await screen.findByText('AZX-2024-011');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('保单 · 2024 年');
  });
});

describe('an insurer seen by a city account', () => {
  it('names the city on the page and on its lists, and says the province-wide verdict may differ', async () => {
    const mocks: MockedResponse[] = [{
      request: { query: INSURER_FILING_QUERY, variables: { id: 'I1', year: 2025 } },
      result: { data: { insurer: {
        __typename: 'InsurerDetail', id: 'I1', name: '安诚', filedOn: null, filings: [],
        yearFiling: { __typename: 'YearFiling', year: 2025, status: 'INCOMPLETE', completeOn: null, deadline: null, missing: ['commitment_letter'], rule: null },
      } } },
    }];
    renderWith(mocks, 'zh', <InsurerView id="I1" year={2025} viewer={{ username: 'changzhi', role: 'city', scope: '140400' }} />);
    await screen.findByText('安诚');
    expect(document.querySelector('[data-scope-note]')!.textContent).toBe('本页数字和清单仅含该机构在长治市的业务，判定按长治市口径，可能与全省口径不同');
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toContain('保单 · 2025 年 · 长治市');
  });
});

describe('an enterprise outside the account’s scope', () => {
  const mocks = (): MockedResponse[] => [{
    request: { query: ENTERPRISE_QUERY, variables: { id: 'E11' } },
    result: { errors: [new GraphQLError('No enterprise with id "E11" that this account may see.', { extensions: { code: 'NOT_FOUND' } })] },
  }];
  const viewer = { username: 'taiyuan', role: 'city' as const, scope: '140100' };

  it('says so in the reader’s language, offers no retry and leads back home', async () => {
    renderWith(mocks(), 'zh', <EnterpriseView id="E11" viewer={viewer} />);
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('p')!.textContent).toBe('没有找到该记录，或它不在本账号的查看范围内');
    expect(alert.querySelector('button')).toBeNull();
    expect(alert.querySelector('a')!.getAttribute('href')).toBe('/');
  });

  it('in English', async () => {
    renderWith(mocks(), 'en', <EnterpriseView id="E11" viewer={viewer} />);
    await waitFor(() => expect(screen.getByRole('alert').querySelector('p')!.textContent).toBe('Not found, or outside what this account may see'));
  });
});

describe('the uninsured list’s state', () => {
  it('is in the region URL, read back as written, and malformed values are dropped', () => {
    const url = regionUrl('140403', { industries: [], asOf: '2025-06-30', sort: 'LAST_POLICY_END', direction: 'DESC', page: 3 });
    expect(url).toBe('/region/140403?asOf=2025-06-30&sort=LAST_POLICY_END&direction=DESC&page=3');
    const [path, query] = url.split('?');
    const route = parseRoute(path, query);
    expect(route.page === 'region' && route.filters).toMatchObject({ sort: 'LAST_POLICY_END', direction: 'DESC', page: 3 });
    expect(routeUrl(route)).toBe(url);
    const bad = parseRoute('/region/140403', '?sort=uscc&direction=UP&page=0');
    expect(bad.page === 'region' && [bad.filters.sort, bad.filters.direction, bad.filters.page]).toEqual([undefined, undefined, undefined]);
  });
});
