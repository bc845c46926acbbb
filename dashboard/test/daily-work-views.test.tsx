/**
 * The views of the daily work against mocked answers shaped by schema.graphql: 同比 as points for rates
 * and percent for amounts, the map's rates on the map, the insurers table's order and 同比, risk
 * indicators, the premium-rate screen with its formula, the expiring list, the search, the year
 * selector fed by dataYears, and the URLs that hold every view's state.
 */
import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChoroplethMap } from '../src/components/ChoroplethMap';
import { COVERAGE_YEAR_AGO_QUERY, HeadlineCards, REGION_FEES_QUERY } from '../src/components/HeadlineCards';
import { INSURER_FEE_RATIOS_QUERY, INSURER_SCORES_QUERY } from '../src/components/InsurerScores';
import { DATA_YEARS_QUERY, YearSelect, yearOptions } from '../src/components/YearSelect';
import { I18nProvider, type Language } from '../src/lib/i18n';
import { RouterProvider, useRouter } from '../src/lib/router';
import { parseRoute, routeUrl } from '../src/lib/routes';
import type { Viewer } from '../src/lib/session';
import { amountChange, percentChange, rateChange, yearAgo } from '../src/lib/yoy';
import { EXPIRING_QUERY, ExpiringView } from '../src/views/ExpiringView';
import { InsurersView } from '../src/views/InsurersView';
import { PREMIUM_RATES_QUERY, PremiumRatesView } from '../src/views/PremiumRatesView';
import { RISK_INDICATORS_QUERY, RiskView } from '../src/views/RiskView';
import { ENTERPRISE_SEARCH_QUERY, SearchView } from '../src/views/SearchView';

afterEach(cleanup);

const province: Viewer = { username: 'p', role: 'province', scope: null };
const changzhi: Viewer = { username: 'c', role: 'city', scope: '140400' };

function CurrentPath() {
  const { route } = useRouter();
  return <div data-testid="route">{routeUrl(route)}</div>;
}

function renderWith(mocks: MockedResponse[], language: Language, children: ReactNode) {
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider initial={language}><RouterProvider>{children}<CurrentPath /></RouterProvider></I18nProvider>
    </MockedProvider>,
  );
}

const region = (code: string, name: string) => ({ __typename: 'Region', code, name });

describe('同比', () => {
  it('compares a day with the same day a year earlier, 29 February with 28 February', () => {
    expect(yearAgo('2026-06-15')).toBe('2025-06-15');
    expect(yearAgo('2028-02-29')).toBe('2027-02-28');
  });
  it('is percentage points for a rate and percent for an amount, undefined against zero', () => {
    expect(rateChange(0.85, 0.8, 'zh')).toMatchObject({ kind: 'points', text: '+5.0 个百分点', direction: 'up' });
    expect(rateChange(0.8, 0.85, 'en')).toMatchObject({ text: '−5.0 pp', direction: 'down' });
    expect(amountChange('125.00', '100.00')).toMatchObject({ kind: 'percent', text: '+25.0%', direction: 'up' });
    expect(amountChange(90, 100)).toMatchObject({ text: '−10.0%' });
    expect(percentChange(5, 0)).toBeNull();
    expect(amountChange(5, 0)).toMatchObject({ text: '—', direction: 'none' });
  });
});

describe('the region cards', () => {
  const fees = (year: number, premiumReceived: string, ratio: number) => ({
    request: { query: REGION_FEES_QUERY, variables: { year, region: '140400' } },
    result: { data: { regionFees: { __typename: 'RegionFees', region: { __typename: 'Region', code: '140400' }, year, premiumReceived, preventionSpending: '1.00', ratio } } },
  });
  const mocks = (): MockedResponse[] => [
    {
      request: { query: COVERAGE_YEAR_AGO_QUERY, variables: { region: '140400', asOf: '2025-06-30', industries: null } },
      result: { data: { coverage: { __typename: 'Coverage', asOf: '2025-06-30', mandatory: 100, insured: 80, rate: 0.8 } } },
    },
    fees(2026, '125000.00', 0.18),
    fees(2025, '100000.00', 0.16),
  ];
  const coverage = { asOf: '2026-06-30', mandatory: 120, insured: 102, rate: 0.85 };

  it('show each figure’s change from the same period last year, in Chinese', async () => {
    renderWith(mocks(), 'zh', <HeadlineCards coverage={coverage} regionCode="140400" year={2026} />);
    await waitFor(() => expect(document.querySelector('[data-card="coverageRate"] .card-yoy')).not.toBeNull());
    expect(document.querySelector('[data-card="coverageRate"] .card-yoy')!.textContent).toBe('同比 +5.0 个百分点（上年 80.0%）');
    expect(document.querySelector('[data-card="coverageRate"] .card-yoy')!.getAttribute('title')).toBe('上年同日 2025-06-30');
    // 应投保 120 against 100; 未投保 18 against 20.
    expect(document.querySelector('[data-card="mandatory"] .card-yoy')!.textContent).toBe('同比 +20.0%（上年 100）');
    expect(document.querySelector('[data-card="uninsured"] .card-yoy')!.textContent).toBe('同比 −10.0%（上年 20）');
    await waitFor(() => expect(document.querySelector('[data-card="premiumReceived"] .card-yoy')).not.toBeNull());
    expect(document.querySelector('[data-card="premiumReceived"] .card-yoy')!.textContent).toBe('同比 +25.0%（上年 10.00 万元）');
    expect(document.querySelector('[data-card="feeRatio"] .card-yoy')!.textContent).toBe('同比 +2.0 个百分点（上年 16.0%）');
    expect(document.querySelector('[data-card="feeRatio"] .card-yoy')!.getAttribute('title')).toBe('2025 年全年');
  });

  it('and in English', async () => {
    renderWith(mocks(), 'en', <HeadlineCards coverage={coverage} regionCode="140400" year={2026} />);
    // The two comparisons come from two queries, answered in either order: wait for each.
    await waitFor(() => expect(document.querySelector('[data-card="feeRatio"] .card-yoy')).not.toBeNull());
    await waitFor(() => expect(document.querySelector('[data-card="coverageRate"] .card-yoy')).not.toBeNull());
    expect(document.querySelector('[data-card="coverageRate"] .card-yoy')!.textContent).toBe('YoY +5.0 pp (last year 80.0%)');
    expect(document.querySelector('[data-card="feeRatio"] .card-yoy')!.textContent).toBe('YoY +2.0 pp (last year 16.0%)');
  });
});

describe('the map', () => {
  it('writes each region’s rate on the map, not only in the hover box', async () => {
    const cities = [
      { region: { code: '140400', name: '长治市' }, mandatory: 623, insured: 560, rate: 560 / 623 },
      { region: { code: '140100', name: '太原市' }, mandatory: 404, insured: 400, rate: 400 / 404 },
    ];
    renderWith([], 'zh', <ChoroplethMap parentCode="140000" coverage={cities} onDrill={() => undefined} mayDrill={() => true} />);
    await waitFor(() => expect(document.querySelectorAll('[data-map-rate]')).toHaveLength(11));
    expect(document.querySelector('[data-map-rate="140400"]')!.textContent).toBe('89.9%');
    expect(document.querySelector('[data-map-rate="140100"]')!.textContent).toBe('99.0%');
    expect(document.querySelector('[data-map-rate="140200"]')!.textContent).toBe('—');
    expect(document.querySelector('[role="status"]')).toBeNull();
  });
});

describe('the insurers table', () => {
  const fee = (id: string, name: string, premiumReceived: string, ratio: number) => ({
    __typename: 'InsurerFeeRatio', insurer: { __typename: 'Insurer', id, name }, premiumReceived, preventionSpending: '10.00',
    ratio, compliant: ratio >= 0.15, floorRule: null, capRule: null, filing: null,
  });
  const scores = {
    serviceCompliance: { __typename: 'ServiceCompliance', byInsurer: [], rules: [] },
    firstService: { __typename: 'FirstServiceCompliance', asOf: '2025-12-31', byInsurer: [], rules: [] },
    deathLimitCompliance: { __typename: 'DeathLimitCompliance', byInsurer: [], rules: [] },
    claims: { __typename: 'ClaimsSummary', byInsurer: [] },
  };
  const mocks = (): MockedResponse[] => [
    { request: { query: INSURER_FEE_RATIOS_QUERY, variables: { year: 2025 } }, result: { data: { feeRatios: [fee('I1', '人保', '200.00', 0.16), fee('I2', '平安', '100.00', 0.2), fee('I3', '太平洋', '300.00', 0.1)] } } },
    { request: { query: INSURER_SCORES_QUERY, variables: { year: 2025 } }, result: { data: scores } },
    { request: { query: INSURER_FEE_RATIOS_QUERY, variables: { year: 2024 } }, result: { data: { feeRatios: [fee('I1', '人保', '160.00', 0.15), fee('I2', '平安', '125.00', 0.22)] } } },
    { request: { query: INSURER_SCORES_QUERY, variables: { year: 2024 } }, result: { data: scores } },
  ];
  const order = () => [...document.querySelectorAll('tr[data-insurer]')].map((row) => row.getAttribute('data-insurer'));

  it('sorts by the column in the URL, and a click on a header puts the order in the URL', async () => {
    window.history.replaceState(null, '', '/insurers?year=2025&sort=premiumReceived&direction=DESC');
    renderWith(mocks(), 'zh', <InsurersView year={2025} sort="premiumReceived" direction="DESC" viewer={province} />);
    await waitFor(() => expect(order()).toEqual(['I3', 'I1', 'I2']));
    fireEvent.click(screen.getByRole('button', { name: /预防费用占比/ }));
    expect(screen.getByTestId('route').textContent).toBe('/insurers?year=2025&sort=feeRatio&direction=ASC');
  });

  it('gives each figure its 同比 under it: points for rates, percent for amounts, a dash without last year', async () => {
    renderWith(mocks(), 'zh', <InsurersView year={2025} sort="feeRatio" direction="ASC" viewer={province} />);
    await waitFor(() => expect(document.querySelector('tr[data-yoy-of="I1"] td[data-yoy-col="feeRatio"]')!.textContent).toBe('+1.0 个百分点'));
    expect(order()).toEqual(['I3', 'I1', 'I2']);
    expect(document.querySelector('tr[data-yoy-of="I1"] td[data-yoy-col="premiumReceived"]')!.textContent).toBe('+25.0%');
    expect(document.querySelector('tr[data-yoy-of="I2"] td[data-yoy-col="premiumReceived"]')!.textContent).toBe('−20.0%');
    expect(document.querySelector('tr[data-yoy-of="I2"] td[data-yoy-col="feeRatio"]')!.textContent).toBe('−2.0 个百分点');
    expect(document.querySelector('tr[data-yoy-of="I3"] td[data-yoy-col="feeRatio"]')!.textContent).toBe('—');
    expect(document.querySelector('[data-insurers-scope]')).toBeNull();
  });

  it('says on a city account that the figures are the insurers’ business in its city', async () => {
    renderWith(mocks(), 'en', <InsurersView year={2025} viewer={changzhi} />);
    await waitFor(() => expect(order()).toEqual(['I1', 'I2', 'I3']));
    expect(document.querySelector('[data-insurers-scope]')!.textContent).toContain('in 长治市 only');
  });
});

const figures = (accidents: number, rectificationRate: number | null) => ({
  accidents, deaths: 1, injuries: 2, insuredEnterprises: 50, accidentsPer100Insured: (accidents * 100) / 50,
  hazardsFound: 10, hazardsRectified: 8, rectificationRate,
});

describe('risk indicators', () => {
  const answer = (year: number, accidents: number, rectificationRate: number) => ({
    request: { query: RISK_INDICATORS_QUERY, variables: { year, region: '140400' } },
    result: { data: { riskIndicators: {
      __typename: 'RiskIndicators', region: { ...region('140400', '长治市'), level: 'city' }, year, ...figures(accidents, rectificationRate),
      children: [{ __typename: 'RegionRisk', region: region('140403', '潞州区'), ...figures(accidents, rectificationRate) }],
      byIndustry: [{ __typename: 'IndustryRisk', industry: 'COAL_MINE', ...figures(accidents, rectificationRate) }],
      riskLevels: [{ __typename: 'ClassCount', value: 'major', enterprises: 3 }],
      standardizationGrades: [{ __typename: 'ClassCount', value: 'none', enterprises: 4 }],
    } } },
  });

  it('shows the city’s figures with their 同比, its counties and industries', async () => {
    renderWith([answer(2025, 6, 0.8), answer(2024, 4, 0.75)], 'zh', <RiskView route={{ page: 'risk', year: 2025 }} viewer={changzhi} />);
    await waitFor(() => expect(document.querySelector('[data-card="accidents"] .card-yoy')).not.toBeNull());
    expect(document.querySelector('[data-card="accidents"] [data-value]')!.textContent).toBe('6');
    expect(document.querySelector('[data-card="accidents"] .card-yoy')!.textContent).toBe('同比 +50.0%（上年 4）');
    expect(document.querySelector('[data-card="accidentsPer100Insured"] [data-value]')!.textContent).toBe('12.00');
    expect(document.querySelector('[data-card="rectificationRate"] .card-yoy')!.textContent).toBe('同比 +5.0 个百分点（上年 75.0%）');
    expect(document.querySelector('[data-panel="risk-regions"] tr[data-row="140403"] td[data-col="accidents"]')!.textContent).toBe('6');
    expect(document.querySelector('[data-panel="risk-grades"] tr[data-class="none"]')!.textContent).toBe('无等级4');
    // A city account is offered its city and counties only.
    expect([...document.querySelectorAll('select[name="region"] option')].map((option) => option.getAttribute('value'))[0]).toBe('140400');
  });
});

describe('the premium-rate screen', () => {
  const rates = (screenShare: number | null) => ({
    __typename: 'PremiumRates', region: region('140000', '山西省'), year: 2025, formula: 'Possible malicious low pricing …', screenShare, rule: null,
    byIndustry: [{ __typename: 'IndustryPremiumRate', industry: 'COAL_MINE', policies: 10, rated: 9, medianPremiumPerPerson: 400, enterprises: 8, medianPremiumPerEnterprise: 30000, flagged: 1 }],
    total: screenShare === null ? 0 : 1, page: 1, pageSize: 20,
    flaggedPolicies: screenShare === null ? [] : [{
      __typename: 'LowPricedPolicy', policyId: 'P9', policyNo: 'AZX-9', enterpriseId: 'E9', enterpriseName: '低价煤业', county: region('140403', '潞州区'),
      industry: 'COAL_MINE', premium: '1000.00', insuredPersons: 10, premiumPerPerson: 100, industryMedianPerPerson: 400, shareOfMedian: 0.25,
    }],
  });
  const mock = (screenShare: number | null): MockedResponse => ({
    request: { query: PREMIUM_RATES_QUERY, variables: { year: 2025, region: '140000', page: 1, pageSize: 20 } },
    result: { data: { premiumRates: rates(screenShare) } },
  });

  it('states the screening formula with the line from the API, in both languages, beside the flagged policies', async () => {
    renderWith([mock(0.5)], 'zh', <PremiumRatesView route={{ page: 'premiumRates', year: 2025 }} viewer={province} />);
    await waitFor(() => expect(document.querySelector('[data-formula]')).not.toBeNull());
    expect(document.querySelector('[data-formula] p')!.textContent).toContain('单位人员保费 < 50% × M');
    expect(document.querySelector('tr[data-policy="P9"] td[data-col="shareOfMedian"]')!.textContent).toBe('25.0%');
    expect(document.querySelector('tr[data-industry="COAL_MINE"] td[data-col="flagged"]')!.textContent).toBe('1');
    cleanup();
    renderWith([mock(0.5)], 'en', <PremiumRatesView route={{ page: 'premiumRates', year: 2025 }} viewer={province} />);
    await waitFor(() => expect(document.querySelector('[data-formula] p')!.textContent).toContain('below 50% × M is flagged'));
  });

  it('says when no screening rule is in force', async () => {
    renderWith([mock(null)], 'zh', <PremiumRatesView route={{ page: 'premiumRates', year: 2025 }} viewer={province} />);
    await waitFor(() => expect(document.querySelector('[data-formula] p')!.textContent).toBe('2025 年末无有效的筛查规则，仅列出费率，不作判定。'));
  });
});

describe('policies about to lapse', () => {
  const item = {
    __typename: 'ExpiringPolicy', policyId: 'P1', policyNo: 'AZX-1', enterpriseId: 'E1', uscc: '91140400MA0000001X', enterpriseName: '潞州甲煤业',
    industry: 'COAL_MINE', county: region('140403', '潞州区'), startDate: '2025-07-01', endDate: '2026-06-30', daysLeft: 15, insurers: ['人保', '平安'],
  };
  const mock = (withinDays: number): MockedResponse => ({
    request: { query: EXPIRING_QUERY, variables: { region: '140400', asOf: '2026-06-15', withinDays, sort: 'END_DATE', direction: 'ASC', page: 1, pageSize: 20 } },
    result: { data: { expiringPolicies: { __typename: 'ExpiringPage', region: region('140400', '长治市'), asOf: '2026-06-15', withinDays, total: 1, page: 1, pageSize: 20, items: [item] } } },
  });

  it('lists the city’s policies in the window, and the window is in the URL', async () => {
    window.history.replaceState(null, '', '/expiring?asOf=2026-06-15');
    renderWith([mock(30), mock(60)], 'zh', <ExpiringView route={{ page: 'expiring', asOf: '2026-06-15' }} viewer={changzhi} />);
    await waitFor(() => expect(document.querySelector('tr[data-policy="P1"]')).not.toBeNull());
    expect(document.querySelector('tr[data-policy="P1"] td[data-col="daysLeft"]')!.textContent).toBe('15');
    expect(document.querySelector('tr[data-policy="P1"]')!.textContent).toContain('人保、平安');
    expect(document.querySelector('[data-definition]')!.textContent).toContain('覆盖止期次日');
    fireEvent.click(screen.getByLabelText('60 天内'));
    expect(screen.getByTestId('route').textContent).toBe('/expiring?asOf=2026-06-15&within=60');
  });
});

describe('enterprise search', () => {
  it('asks for the text of the URL and names the scope searched', async () => {
    const mocks: MockedResponse[] = [{
      request: { query: ENTERPRISE_SEARCH_QUERY, variables: { text: '煤业', page: 1, pageSize: 20 } },
      result: { data: { enterpriseSearch: { __typename: 'EnterpriseHitPage', total: 1, page: 1, pageSize: 20, items: [{
        __typename: 'EnterpriseHit', id: 'E1', uscc: '91140400MA0000001X', name: '潞州甲煤业', industry: 'COAL_MINE', status: 'operating', mandatory: true, county: region('140403', '潞州区'),
      }] } } },
    }];
    renderWith(mocks, 'zh', <SearchView route={{ page: 'search', text: '煤业' }} viewer={changzhi} />);
    await waitFor(() => expect(document.querySelector('tr[data-enterprise="E1"]')).not.toBeNull());
    expect(document.querySelector('tr[data-enterprise="E1"] a')!.getAttribute('href')).toBe('/enterprise/E1');
    expect(document.querySelector('[data-search-scope]')!.textContent).toBe('查询范围：长治市');
  });

  it('does not ask with fewer than two characters', () => {
    renderWith([], 'zh', <SearchView route={{ page: 'search', text: '煤' }} viewer={province} />);
    expect(screen.getByText('输入至少 2 个字符：名称的一部分，或统一社会信用代码的开头')).toBeTruthy();
  });
});

describe('year selectors', () => {
  it('offer the years the API says hold data, and the year shown', async () => {
    expect(yearOptions([2026, 2025, 2023], 2024)).toEqual([2026, 2025, 2024, 2023]);
    renderWith([{ request: { query: DATA_YEARS_QUERY }, result: { data: { dataYears: [2026, 2025, 2024, 2023, 2022] } } }], 'zh', <YearSelect year={2025} onChange={() => undefined} />);
    await waitFor(() => expect(document.querySelectorAll('select[name="year"] option')).toHaveLength(5));
    expect(document.querySelector('select[name="year"]')!.getAttribute('data-years')).toBe('2026,2025,2024,2023,2022');
  });
});

describe('the views’ URLs', () => {
  it('hold every state and read it back; malformed values are dropped', () => {
    for (const url of [
      '/risk?year=2025&region=140400',
      '/premium-rates?year=2025&region=140403&page=2',
      '/expiring?region=140400&asOf=2026-06-15&within=90&sort=NAME&direction=DESC&page=3',
      '/search?q=%E7%85%A4%E4%B8%9A&page=2',
      '/insurers?year=2025&sort=lossRatio&direction=DESC',
    ]) {
      const [path, query] = url.split('?');
      expect(routeUrl(parseRoute(path, query))).toBe(url);
    }
    expect(parseRoute('/expiring', 'within=45&sort=DROP&region=14&page=0')).toEqual({
      page: 'expiring', region: undefined, asOf: undefined, within: undefined, sort: undefined, direction: undefined, pageNumber: undefined,
    });
    expect(parseRoute('/insurers', 'sort=filing')).toEqual({ page: 'insurers', year: undefined, sort: undefined, direction: undefined });
  });
});
