/**
 * The violations view phrases each finding from the API's facts in the dashboard's language; the
 * insurers table takes every filing verdict from its one fee-ratio request; an insurer's lists name
 * the enterprises. The GraphQL answers are mocked with the fields the committed schema.graphql gives.
 */
import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyList, ClaimList, ServiceList, INSURER_CLAIMS_QUERY, INSURER_POLICIES_QUERY, INSURER_SERVICES_QUERY } from '../src/components/DetailLists';
import { INSURER_FEE_RATIOS_QUERY, INSURER_SCORES_QUERY } from '../src/components/InsurerScores';
import { I18nProvider, industryLabel, translate, type Language } from '../src/lib/i18n';
import { RouterProvider } from '../src/lib/router';
import { InsurersView } from '../src/views/InsurersView';
import { VIOLATIONS_QUERY, violationFinding, ViolationsView, type Violation, type ViolationFacts } from '../src/views/ViolationsView';

afterEach(cleanup);

const rule = {
  id: 'x/2024', value: '1',
  zh: { title: '规则', unit: '次', document: '晋应急发〔2024〕114号', source: '晋应急发〔2024〕114号 通知', clause: '第三条: 条文' },
  en: { title: 'Rule', unit: 'times', document: 'Jin Yingji Fa [2024] No. 114', source: 'Jin Yingji Fa [2024] No. 114 Notice', clause: 'Art. 3: text' },
};
const NO_FACTS: ViolationFacts = {
  evaluatedOn: null, lastPolicyEnd: null, year: null, preventionSpending: null, premiumReceived: null, ratio: null, limitPercent: null,
  riskAssessments: null, hazardInvestigations: null, requiredEach: null, windowStart: null, windowEnd: null, firstService: null,
  deathLimit: null, deathLimitFloor: null, providerName: null, providerDefect: null, qualifiedUntil: null,
};

function violation(kind: Violation['kind'], facts: Partial<ViolationFacts>, overrides: Partial<Violation> = {}): Violation {
  return {
    kind, day: '2025-12-31', detail: 'the English sentence', facts: { ...NO_FACTS, ...facts }, county: { code: '140105', name: '小店区' },
    enterpriseId: 'E04', enterpriseName: '太原小店丁矿业有限公司', policyId: null, serviceId: null, providerId: null, insurers: [], rule, ...overrides,
  };
}

const finding = (language: Language, item: Violation) => violationFinding((key, vars) => translate(language, key, vars), language, item);

describe('a finding phrased from its facts', () => {
  const lapsed = violation('UNINSURED', { evaluatedOn: '2025-12-31', lastPolicyEnd: '2025-06-29' });
  const never = violation('UNINSURED', { evaluatedOn: '2025-12-31' });
  const floor = violation('FEE_RATIO_BELOW_FLOOR', { year: 2025, preventionSpending: '2000.00', premiumReceived: '14333.00', ratio: 0.13953, limitPercent: '15' }, { enterpriseId: null });
  const services = violation('SERVICES_SHORT', { year: 2025, riskAssessments: 2, hazardInvestigations: 1, requiredEach: 2 });
  const late = violation('FIRST_SERVICE_LATE', { windowStart: '2025-01-15', windowEnd: '2025-04-15', firstService: '2025-04-16' });
  const missing = violation('FIRST_SERVICE_MISSING', { windowStart: '2025-07-01', windowEnd: '2025-10-01', evaluatedOn: '2025-12-31' });
  const deathLimit = violation('DEATH_LIMIT_BELOW_FLOOR', { deathLimit: '350000.00', deathLimitFloor: '400000.00' }, { day: '2025-07-01' });
  const provider = (defect: ViolationFacts['providerDefect'], qualifiedUntil: string | null = null) =>
    violation('UNQUALIFIED_PROVIDER', { providerName: '山西某安全咨询有限公司', providerDefect: defect, qualifiedUntil }, { day: '2025-05-05', serviceId: 'S23', providerId: 'PV3' });

  it('in Chinese', () => {
    expect(finding('zh', lapsed)).toBe('2025-12-31 无有效保单，最近一份保单于 2025-06-29 到期');
    expect(finding('zh', never)).toBe('2025-12-31 无有效保单，从未投保');
    expect(finding('zh', floor)).toBe('2025 年预防服务费用 2,000.00 元，占实收保费 14,333.00 元 的 14.0%，低于下限 15%');
    expect(finding('zh', services)).toBe('2025 年风险评估 2 次、隐患排查 1 次，每项应至少 2 次');
    expect(finding('zh', late)).toBe('首次服务于 2025-04-16，晚于 2025-01-15 至 2025-04-15 的服务期限');
    expect(finding('zh', missing)).toBe('2025-07-01 至 2025-12-31 承保机构未提供服务，期限已于 2025-10-01 届满');
    expect(finding('zh', deathLimit)).toBe('每人死亡赔偿限额 350,000.00 元，低于保单起期（2025-07-01）时施行的下限 400,000.00 元');
    expect(finding('zh', provider('BLACKLISTED'))).toBe('2025-05-05 的服务 S23 由 山西某安全咨询有限公司 提供，该机构已列入黑名单');
    expect(finding('zh', provider('NO_QUALIFICATION'))).toBe('2025-05-05 的服务 S23 由 山西某安全咨询有限公司 提供，该机构无资质记录');
    expect(finding('zh', provider('QUALIFICATION_EXPIRED', '2025-03-31'))).toBe('2025-05-05 的服务 S23 由 山西某安全咨询有限公司 提供，该机构资质有效期仅至 2025-03-31');
  });

  it('in English', () => {
    expect(finding('en', lapsed)).toBe('No active policy on 2025-12-31; the last policy ended on 2025-06-29');
    expect(finding('en', floor)).toBe('Prevention spending CNY 2,000.00 is 14.0% of premium received CNY 14,333.00 in 2025, below the floor of 15%');
    expect(finding('en', services)).toBe('Risk assessments 2, hazard investigations 1 in 2025; 2 of each required');
    expect(finding('en', deathLimit)).toBe('Death limit CNY 350,000.00 per person is below the floor of CNY 400,000.00 in force on the policy’s start date (2025-07-01)');
    expect(finding('en', provider('QUALIFICATION_EXPIRED', '2025-03-31'))).toBe('Service S23 on 2025-05-05 by provider 山西某安全咨询有限公司, whose qualification was valid only until 2025-03-31');
  });

  it('an industry outside the five reads as other industries', () => {
    const zh = (key: Parameters<typeof translate>[1]) => translate('zh', key);
    expect(industryLabel(zh, null)).toBe('其他行业');
    expect(industryLabel(zh, 'COAL_MINE')).toBe(translate('zh', 'COAL_MINE'));
  });
});

function renderWith(mocks: MockedResponse[], language: Language, children: ReactNode) {
  return render(
    <MockedProvider mocks={mocks}>
      <I18nProvider initial={language}><RouterProvider>{children}</RouterProvider></I18nProvider>
    </MockedProvider>,
  );
}

describe('the violations view', () => {
  const item = violation('DEATH_LIMIT_BELOW_FLOOR', { deathLimit: '350000.00', deathLimitFloor: '400000.00' }, {
    // No insurers: their links ask the session for the viewer, which this test leaves out.
    day: '2025-07-01', enterpriseId: 'E14', enterpriseName: '大同新荣丁冶炼有限公司', policyId: 'P14', insurers: [],
  });
  const mocks = (): MockedResponse[] => [{
    request: { query: VIOLATIONS_QUERY, variables: { year: 2025, region: '140000', insurer: 'I2', enterprise: null, kinds: null, page: 1, pageSize: 50 } },
    result: { data: { violations: {
      __typename: 'ViolationPage', total: 1, page: 1, pageSize: 50,
      byKind: [{ __typename: 'ViolationCount', kind: 'DEATH_LIMIT_BELOW_FLOOR', count: 1 }],
      items: [{
        __typename: 'Violation', ...item, facts: { __typename: 'ViolationFacts', ...item.facts },
        county: { __typename: 'Region', ...item.county }, insurers: [], rule: { __typename: 'Rule', ...rule },
      }],
    } } },
  }];
  const viewer = { username: 'pingan', role: 'insurer' as const, scope: 'I2' };
  const filters = { year: 2025, kinds: [], page: 1 };

  it.each([
    ['zh', '每人死亡赔偿限额 350,000.00 元，低于保单起期（2025-07-01）时施行的下限 400,000.00 元'],
    ['en', 'Death limit CNY 350,000.00 per person is below the floor of CNY 400,000.00 in force on the policy’s start date (2025-07-01)'],
  ] as const)('shows the finding in %s, not the API’s English sentence', async (language, expected) => {
    renderWith(mocks(), language, <ViolationsView filters={filters} viewer={viewer} />);
    const cell = await waitFor(() => {
      const found = document.querySelector('td.detail-cell');
      if (!found) throw new Error('no finding yet');
      return found;
    });
    expect(cell.textContent).toBe(expected);
    expect(document.body.textContent).not.toContain('the English sentence');
  });
});

const yearFiling = (status: string, completeOn: string | null, missing: string[] = []) => ({
  __typename: 'YearFiling', year: 2024, status, completeOn, deadline: '2024-05-31', missing, rule: { __typename: 'Rule', ...rule },
});
function feeRow(id: string, name: string, filing: unknown) {
  return {
    __typename: 'InsurerFeeRatio', insurer: { __typename: 'Insurer', id, name }, premiumReceived: '100.00', preventionSpending: '15.00',
    ratio: 0.15, compliant: true, floorRule: null, capRule: null, yearFiling: filing,
  };
}

describe('the insurers table', () => {
  it('shows every filing verdict of the year from the one fee-ratio request, without a query per insurer', async () => {
    const feeRatios = [
      feeRow('I1', '人保', yearFiling('ON_TIME', '2024-05-20')),
      feeRow('I4', '中华联合', yearFiling('LATE', '2024-06-05')),
      feeRow('I5', '阳光', yearFiling('INCOMPLETE', null, ['commitment_letter'])),
    ];
    const empty = { byInsurer: [], rules: [] };
    // Only these two operations are mocked: an insurer(id) request per row would find no answer and fail the cells.
    const mocks: MockedResponse[] = [
      { request: { query: INSURER_FEE_RATIOS_QUERY, variables: { year: 2025 } }, result: { data: { feeRatios } } },
      { request: { query: INSURER_SCORES_QUERY, variables: { year: 2025 } }, result: { data: {
        serviceCompliance: { __typename: 'ServiceCompliance', ...empty },
        firstService: { __typename: 'FirstServiceCompliance', asOf: '2025-12-31', ...empty },
        deathLimitCompliance: { __typename: 'DeathLimitCompliance', ...empty },
        claims: { __typename: 'ClaimsSummary', byInsurer: [] },
      } } },
    ];
    renderWith(mocks, 'zh', <InsurersView year={2025} />);
    await waitFor(() => expect(document.querySelectorAll('td[data-col="filing"] [data-year-filing]')).toHaveLength(3));
    const cells = [...document.querySelectorAll('tr[data-insurer]')].map((row) => [row.getAttribute('data-insurer'), row.querySelector('td[data-col="filing"]')!.textContent]);
    expect(cells).toEqual([
      ['I1', '按时报送 · 资料齐全于 2024-05-20'], ['I4', '逾期报送 · 资料齐全于 2024-06-05'], ['I5', '资料不完整 (缺少: 承诺函)'],
    ]);
    expect(document.querySelector('tr[data-insurer="I4"] td[data-col="filing"] span')!.className).toBe('bad');
  });
});

describe('an insurer’s lists', () => {
  const page = (items: unknown[], typename: string) => ({ __typename: typename, total: items.length, page: 1, pageSize: 20, items });
  const region = { __typename: 'Region', code: '140212', name: '新荣区' };
  const variables = { id: 'I2', page: 1, pageSize: 20, year: null };
  const mocks: MockedResponse[] = [
    { request: { query: INSURER_POLICIES_QUERY, variables }, result: { data: { insurer: { __typename: 'InsurerDetail', id: 'I2', policies: page([{
      __typename: 'PolicyRecord', id: 'P14', policyNo: 'AZX-2025-014', enterpriseId: 'E14', enterpriseName: '大同新荣丁冶炼有限公司', county: region,
      startDate: '2025-07-01', endDate: '2026-06-30', premium: '1.00', premiumReceived: '1.00', deathLimitPerPerson: '350000.00', insuredPersons: 3,
      cancelled: false, shares: [],
    }], 'PolicyPage') } } } },
    { request: { query: INSURER_SERVICES_QUERY, variables }, result: { data: { insurer: { __typename: 'InsurerDetail', id: 'I2', services: page([{
      __typename: 'ServiceRecord', id: 'S23', serviceDate: '2025-05-05', kind: 'training', enterpriseId: 'E12', enterpriseName: null, county: region,
      insurer: { __typename: 'Insurer', id: 'I2', name: '平安' }, cost: '1.00', hazardsFound: 0, hazardsRectified: 0, providerId: 'PV3', policyId: 'P12',
    }], 'ServicePage') } } } },
    { request: { query: INSURER_CLAIMS_QUERY, variables }, result: { data: { insurer: { __typename: 'InsurerDetail', id: 'I2', claims: page([{
      __typename: 'ClaimRecord', id: 'C2', policyId: 'P12', enterpriseId: 'E12', enterpriseName: '大同平城乙矿业有限公司', reportedOn: '2025-09-01',
      accidentDate: null, status: 'open', claimedAmount: '1.00', paidAmount: null, deaths: 0, injuries: 1, settledOn: null, denialReason: null,
    }], 'ClaimPage') } } } },
  ];

  it('name each row’s enterprise, by id when the register lacks it', async () => {
    const subject = { kind: 'insurer' as const, id: 'I2' };
    renderWith(mocks, 'zh', <><PolicyList subject={subject} /><ServiceList subject={subject} /><ClaimList subject={subject} /></>);
    await waitFor(() => expect(document.querySelectorAll('a[data-enterprise]')).toHaveLength(3));
    const links = [...document.querySelectorAll('a[data-enterprise]')].map((link) => [link.getAttribute('href'), link.textContent]);
    expect(links).toEqual([
      ['/enterprise/E14', '大同新荣丁冶炼有限公司'], ['/enterprise/E12', 'E12'], ['/enterprise/E12', '大同平城乙矿业有限公司'],
    ]);
    expect(screen.getByText('E12').className).toBe('mono');
  });
});
