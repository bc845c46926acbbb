/**
 * The region, violations, enterprise and insurer views against what daily use found wrong: the
 * industry filter reaching only coverage, the fee chart's limits and order, uneven trend ticks,
 * provider codes in the services list, the counts of unticked kinds disappearing, an enterprise page
 * without its breaches, tables without export. The answers are mocked with the generated types'
 * fields (schema.graphql).
 */
import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { INSURER_SERVICES_QUERY, ServiceList } from '../src/components/DetailLists';
import { allPages } from '../src/components/ExportButtons';
import { FeeRatioChart, feeRatioOrder, type InsurerFeeRatio } from '../src/components/FeeRatioChart';
import { HeadlineCards } from '../src/components/HeadlineCards';
import { TRENDS_QUERY, TrendChart, trendAxis } from '../src/components/TrendChart';
import { VIOLATION_COUNTS_QUERY, violationExport, ViolationTable, VIOLATIONS_QUERY, type Violation } from '../src/components/ViolationTable';
import { indicatorYear } from '../src/lib/dates';
import { I18nProvider, translate, type Language } from '../src/lib/i18n';
import { RouterProvider } from '../src/lib/router';
import { EnterpriseViolations } from '../src/views/EnterpriseView';
import { ViolationsView } from '../src/views/ViolationsView';

afterEach(cleanup);

function renderWith(mocks: MockedResponse[], language: Language, children: ReactNode) {
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider initial={language}><RouterProvider>{children}</RouterProvider></I18nProvider>
    </MockedProvider>,
  );
}

const words = (title: string) => ({ __typename: 'RuleWording', title, unit: '%', document: '晋应急发〔2024〕114号', source: '晋应急发〔2024〕114号', clause: '第四条: 条文' });
const rule = (id: string, value: string) => ({ __typename: 'Rule', id, value, zh: words('规则'), en: words('Rule') });

describe('the industry filter', () => {
  const coverage = { mandatory: 10, insured: 9, rate: 0.9, asOf: '2026-06-15' };
  const yearly = ['premiumReceived', 'feeRatio', 'serviceCompliance', 'deathLimit', 'firstService', 'claimsPaid'];

  it('marks every card that does not follow it, in the reader’s language, and only when the view is filtered', () => {
    renderWith([], 'zh', <HeadlineCards coverage={coverage} regionCode="140000" year={2026} industriesFiltered />);
    for (const card of yearly) {
      expect(document.querySelector(`[data-card="${card}"] [data-industry-note]`)?.textContent, card).toBe('全部行业，不随行业筛选');
    }
    for (const card of ['coverageRate', 'mandatory', 'uninsured']) expect(document.querySelector(`[data-card="${card}"] [data-industry-note]`), card).toBeNull();
    cleanup();
    renderWith([], 'en', <HeadlineCards coverage={coverage} regionCode="140000" year={2026} />);
    expect(document.querySelectorAll('[data-industry-note]')).toHaveLength(0);
  });

  it('reaches the trend: the series is asked for the ticked industries', async () => {
    const values = (end: string, coverageRate: number, insured: number) => ({ __typename: 'TrendValues', end, coverageRate, insured });
    const mocks: MockedResponse[] = [{
      request: { query: TRENDS_QUERY, variables: { region: '140000', from: '2025-07', to: '2026-06', asOf: '2026-06-15', industries: ['COAL_MINE'] } },
      result: { data: { trends: {
        __typename: 'TrendSeries', region: { __typename: 'Region', code: '140000' }, asOf: '2026-06-15', mandatory: 4,
        points: [{ __typename: 'TrendPoint', period: '2026-06', complete: false, current: values('2026-06-15', 0.75, 3), previousYear: values('2025-06-15', 0.5, 2) }],
      } } },
    }];
    renderWith(mocks, 'zh', <TrendChart regionCode="140000" asOf="2026-06-15" industries={['COAL_MINE']} />);
    await screen.findByText('2026-06 （截至 2026-06-15）');
    expect([...document.querySelectorAll('tr[data-period="2026-06"] td')].map((cell) => cell.textContent)).toEqual(['2026-06 （截至 2026-06-15）', '75.0%', '50.0%']);
  });
});

describe('the trend’s y-axis', () => {
  it.each([[[88.7, 91.2]], [[42.1, 99]], [[0, 100]], [[97.5]]])('ticks at even steps up to 100%% for %j', (rates) => {
    const { domain, ticks } = trendAxis(rates);
    const steps = new Set(ticks.slice(1).map((tick, index) => tick - ticks[index]));
    expect(steps.size).toBe(1);
    expect([ticks[0], ticks.at(-1)]).toEqual(domain);
    expect(domain[1]).toBe(100);
    expect(domain[0]).toBeLessThanOrEqual(Math.min(...rates));
  });
});

describe('the fee chart', () => {
  const row = (id: string, ratio: number | null, cap: boolean): InsurerFeeRatio => ({
    insurer: { id, name: id }, premiumReceived: '100.00', preventionSpending: '10.00', ratio, compliant: ratio === null ? null : ratio >= 0.12,
    floorRule: rule('fee_ratio_floor/2024', '12'), capRule: cap ? rule('fee_ratio_cap/2025', '21') : null, yearFiling: { year: 2025, status: 'NO_DEADLINE', completeOn: '2024-05-01', deadline: null, missing: [], rule: null },
  });

  it('stands the bars highest ratio first, an insurer without premium last', () => {
    expect(feeRatioOrder([row('b', 0.1, false), row('none', null, false), row('a', 0.3, false), row('c', 0.1, false)]).map((fee) => fee.insurer.id)).toEqual(['a', 'b', 'c', 'none']);
  });

  it.each(['zh', 'en'] as const)('names the limits of the rules in force, apart, and no cap in a year without one (%s)', (language) => {
    renderWith([], language, <FeeRatioChart rows={[row('a', 0.2, false)]} />);
    expect(document.querySelector('[data-limit="floor"]')!.textContent).toBe(translate(language, 'floorLine', { value: 12 }));
    expect(document.querySelector('[data-limit="cap"]')).toBeNull();
    expect(document.querySelector('[data-limit="no-cap"]')!.textContent).toBe(translate(language, 'noCapInForce'));
    expect(document.body.textContent).not.toContain('21');
    cleanup();
    renderWith([], language, <FeeRatioChart rows={[row('a', 0.2, true)]} />);
    expect(document.querySelector('[data-limit="cap"]')!.textContent).toBe(translate(language, 'capLine', { value: 21 }));
  });
});

describe('the services list', () => {
  it('names a third-party provider, keeping its code in the tooltip', async () => {
    const mocks: MockedResponse[] = [{
      request: { query: INSURER_SERVICES_QUERY, variables: { id: 'I1', page: 1, pageSize: 20, year: 2025 } },
      result: { data: { insurer: { __typename: 'InsurerDetail', id: 'I1', services: {
        __typename: 'ServicePage', total: 2, page: 1, pageSize: 20,
        items: [
          { __typename: 'ServiceRecord', id: 'S1', serviceDate: '2025-03-01', kind: 'training', enterpriseId: 'E1', enterpriseName: '甲煤业', county: { __typename: 'Region', code: '140212', name: '新荣区' },
            insurer: { __typename: 'Insurer', id: 'I1', name: '人保' }, cost: '100.00', hazardsFound: 1, hazardsRectified: 1, providerId: 'PRV015', providerName: '山西安评科技有限公司', policyId: 'P1' },
          { __typename: 'ServiceRecord', id: 'S2', serviceDate: '2025-02-01', kind: 'training', enterpriseId: 'E1', enterpriseName: '甲煤业', county: { __typename: 'Region', code: '140212', name: '新荣区' },
            insurer: { __typename: 'Insurer', id: 'I1', name: '人保' }, cost: '100.00', hazardsFound: 0, hazardsRectified: 0, providerId: null, providerName: null, policyId: 'P1' },
        ],
      } } } },
    }];
    renderWith(mocks, 'zh', <ServiceList subject={{ kind: 'insurer', id: 'I1', year: 2025 }} />);
    const cell = await waitFor(() => {
      const found = document.querySelector('td[data-provider="PRV015"]');
      if (!found) throw new Error('no provider yet');
      return found;
    });
    expect(cell.textContent).toBe('山西安评科技有限公司');
    expect(cell.getAttribute('title')).toBe('PRV015');
    expect(document.body.textContent).not.toMatch(/PRV015/);
    expect(document.querySelector('[data-panel="services"] [data-export="services"]')).not.toBeNull();
  });
});

const violationRow = (overrides: Partial<Violation>): Violation => ({
  kind: 'SERVICES_SHORT', day: '2025-12-31', detail: 'English', enterpriseId: 'E1', enterpriseName: '甲煤业', policyId: null, serviceId: null, providerId: null,
  facts: {
    evaluatedOn: null, lastPolicyEnd: null, year: 2025, preventionSpending: null, premiumReceived: null, ratio: null, limitPercent: null,
    riskAssessments: 1, hazardInvestigations: 1, requiredEach: 2, windowStart: null, windowEnd: null, firstService: null,
    deathLimit: null, deathLimitFloor: null, providerName: null, providerDefect: null, qualifiedUntil: null,
  },
  county: { code: '140212', name: '新荣区' }, insurers: [], rule: rule('service_frequency_coal/2024', '2'), ...overrides,
});
const withTypes = (violation: Violation) => ({
  __typename: 'Violation', ...violation, facts: { __typename: 'ViolationFacts', ...violation.facts },
  county: violation.county && { __typename: 'Region', ...violation.county }, rule: { __typename: 'Rule', ...violation.rule },
});

describe('the violations table', () => {
  it('keeps 区县 and the day on one line', () => {
    renderWith([], 'zh', <ViolationTable items={[violationRow({})]} year={2025} total={1} />);
    const cells = [...document.querySelectorAll('tbody td')];
    expect(cells[2].className).toContain('nowrap');
    expect(cells[3].className).toContain('nowrap');
    expect([cells[2].textContent, cells[3].textContent]).toEqual(['新荣区', '2025-12-31']);
  });

  it('exports each row as it reads: rule, source, subject, county, day, finding', () => {
    const table = violationExport((key, vars) => translate('zh', key, vars), 'zh', [violationRow({})], 2025);
    expect(table.rows).toEqual([['服务频次不足', '晋应急发〔2024〕114号 第四条', '甲煤业', '新荣区', '2025-12-31', translate('zh', 'finding_SERVICES_SHORT', { year: 2025, riskAssessments: 1, hazardInvestigations: 1, requiredEach: 2 }), null, null]]);
  });

  it('keeps the count of every kind beside its box when one kind is ticked', async () => {
    const page = (kinds: string[] | null, byKind: Array<[string, number]>, items: Violation[]) => ({
      __typename: 'ViolationPage', total: byKind.reduce((sum, [, count]) => sum + count, 0), page: 1, pageSize: 50,
      byKind: byKind.map(([kind, count]) => ({ __typename: 'ViolationCount', kind, count })), items: items.map(withTypes),
    });
    const mocks: MockedResponse[] = [
      { request: { query: VIOLATIONS_QUERY, variables: { year: 2025, region: '140000', insurer: null, enterprise: null, kinds: ['SERVICES_SHORT'], page: 1, pageSize: 50 } },
        result: { data: { violations: page(['SERVICES_SHORT'], [['SERVICES_SHORT', 1]], [violationRow({})]) } } },
      { request: { query: VIOLATION_COUNTS_QUERY, variables: { year: 2025, region: '140000', insurer: null, enterprise: null } },
        result: { data: { violations: { __typename: 'ViolationPage', total: 8, byKind: [['UNINSURED', 5], ['SERVICES_SHORT', 1], ['DEATH_LIMIT_BELOW_FLOOR', 2]].map(([kind, count]) => ({ __typename: 'ViolationCount', kind, count })) } } } },
    ];
    const viewer = { username: 'analyst', role: 'analyst' as const, scope: null };
    renderWith(mocks, 'zh', <ViolationsView filters={{ year: 2025, kinds: ['SERVICES_SHORT'], page: 1 }} viewer={viewer} />);
    const label = (kind: string) => document.querySelector(`input[value="${kind}"]`)!.parentElement!.textContent;
    await waitFor(() => expect(label('UNINSURED')).toContain('(5)'));
    expect(label('DEATH_LIMIT_BELOW_FLOOR')).toContain('(2)');
    expect(label('SERVICES_SHORT')).toContain('(1)');
  });
});

describe('an enterprise’s own breaches', () => {
  it('lists the violations narrowed to the enterprise, with their export', async () => {
    const year = indicatorYear({});
    const mocks: MockedResponse[] = [{
      request: { query: VIOLATIONS_QUERY, variables: { year, region: '140000', insurer: null, enterprise: 'E1', kinds: null, page: 1, pageSize: 20 } },
      result: { data: { violations: {
        __typename: 'ViolationPage', total: 1, page: 1, pageSize: 20, byKind: [{ __typename: 'ViolationCount', kind: 'SERVICES_SHORT', count: 1 }],
        items: [withTypes(violationRow({ facts: { ...violationRow({}).facts, year } }))],
      } } },
    }];
    renderWith(mocks, 'en', <EnterpriseViolations id="E1" name="甲煤业" />);
    await waitFor(() => expect(document.querySelector('[data-panel="enterprise-violations"] table')?.getAttribute('data-total')).toBe('1'));
    expect(document.querySelector('[data-panel="enterprise-violations"] h2')!.textContent).toBe(`This enterprise’s breaches · ${year}`);
    expect(document.querySelector('[data-panel="enterprise-violations"] tr[data-kind="SERVICES_SHORT"]')).not.toBeNull();
    expect(document.querySelector('[data-panel="enterprise-violations"] [data-export="violations"]')).not.toBeNull();
  });
});

describe('an export', () => {
  it('reads every page of a list, not the page on screen', async () => {
    const asked: Array<[number, number]> = [];
    const rows = await allPages(async (page, pageSize) => {
      asked.push([page, pageSize]);
      const all = Array.from({ length: 450 }, (_, index) => index);
      return { total: all.length, items: all.slice((page - 1) * pageSize, page * pageSize) };
    });
    expect(rows).toHaveLength(450);
    expect(new Set(rows).size).toBe(450);
    expect(asked).toEqual([[1, 200], [2, 200], [3, 200]]);
  });
});
