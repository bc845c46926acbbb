import { describe, expect, it } from 'vitest';
import { scatterPoints } from '../src/components/FeeLossScatter';
import type { InsurerFeeRatio } from '../src/components/FeeRatioChart';
import { insurerScoreRows, type InsurerScoresResult } from '../src/components/InsurerScores';
import { trendRows, trendSpan, type TrendPoint } from '../src/components/TrendChart';
import { parseRoute, routeUrl, violationsUrl } from '../src/lib/routes';
import { shortSources } from '../src/lib/rules';
import { mayViewInsurer } from '../src/lib/session';
import { regionChoices, violationSubject, type Violation } from '../src/views/ViolationsView';

function route(url: string) {
  const [path, query = ''] = url.split('?');
  return parseRoute(path, query);
}

describe('violation filters in the URL', () => {
  it('read back exactly what they wrote, kinds in the API order', () => {
    const filters = { year: 2025, region: '140400', insurer: 'picc', kinds: ['DEATH_LIMIT_BELOW_FLOOR', 'UNINSURED'] as const, page: 3 };
    const url = violationsUrl({ ...filters, kinds: [...filters.kinds] });
    expect(url).toBe('/violations?year=2025&region=140400&insurer=picc&kinds=UNINSURED,DEATH_LIMIT_BELOW_FLOOR&page=3');
    const parsed = route(url);
    expect(parsed).toEqual({ page: 'violations', filters: { year: 2025, region: '140400', insurer: 'picc', kinds: ['UNINSURED', 'DEATH_LIMIT_BELOW_FLOOR'], page: 3 } });
    expect(routeUrl(parsed)).toBe(url);
  });
  it('leave out what is the default: no filters is the bare path, page 1 is not written', () => {
    expect(violationsUrl({ kinds: [], page: 1 })).toBe('/violations');
    expect(route('/violations')).toEqual({ page: 'violations', filters: { year: undefined, region: undefined, insurer: undefined, kinds: [], page: 1 } });
  });
  it('drop malformed values instead of sending them to the API', () => {
    const parsed = route('/violations?year=25&region=1404&insurer=a%20b&kinds=UNINSURED,BRIBERY,UNINSURED&page=0');
    expect(parsed).toEqual({ page: 'violations', filters: { year: undefined, region: undefined, insurer: undefined, kinds: ['UNINSURED'], page: 1 } });
  });
  it('give enterprise and insurer pages their URLs, with the policy a violation was about', () => {
    expect(route('/enterprise/E0000069?policy=P00000161')).toEqual({ page: 'enterprise', id: 'E0000069', policy: 'P00000161' });
    expect(routeUrl({ page: 'enterprise', id: 'E0000069' })).toBe('/enterprise/E0000069');
    expect(route('/enterprise/E1/policies').page).toBe('notFound');
    expect(route('/insurer/picc?year=2025')).toEqual({ page: 'insurer', id: 'picc', year: 2025 });
  });
});

const rule = {
  id: 'death_limit_floor/2025', value: '400000.00',
  zh: { title: '死亡赔偿限额下限', unit: '元/每死亡一人', document: '应急〔2025〕27号', source: '应急〔2025〕27号 安全生产责任保险实施办法', clause: '第十五条' },
  en: { title: 'Death limit, minimum', unit: 'CNY per death', document: 'Yingji [2025] No. 27', source: 'Yingji [2025] No. 27 Implementing Measures', clause: 'Art. 15' },
};

function violation(overrides: Partial<Violation>): Violation {
  return {
    kind: 'DEATH_LIMIT_BELOW_FLOOR', day: '2025-04-01', detail: '', facts: {
      evaluatedOn: null, lastPolicyEnd: null, year: null, preventionSpending: null, premiumReceived: null, ratio: null, limitPercent: null,
      riskAssessments: null, hazardInvestigations: null, requiredEach: null, windowStart: null, windowEnd: null, firstService: null,
      deathLimit: '350000.00', deathLimitFloor: '400000.00', providerName: null, providerDefect: null, qualifiedUntil: null,
    }, county: { code: '140403', name: '潞州区' },
    enterpriseId: null, enterpriseName: null, policyId: null, serviceId: null, providerId: null, insurers: [], rule, ...overrides,
  };
}

describe('what a violation links to', () => {
  it('an enterprise, at the policy that breached', () => {
    expect(violationSubject(violation({ enterpriseId: 'E7', enterpriseName: '某化工', policyId: 'P9', insurers: [{ id: 'picc', name: '人保' }] }), 2025))
      .toEqual({ href: '/enterprise/E7?policy=P9', label: '某化工', kind: 'enterprise' });
    expect(violationSubject(violation({ kind: 'UNINSURED', enterpriseId: 'E8', enterpriseName: '某矿' }), 2025)?.href).toBe('/enterprise/E8');
  });
  it('the insurer for a fee ratio, in the year judged', () => {
    expect(violationSubject(violation({ kind: 'FEE_RATIO_BELOW_FLOOR', county: null, insurers: [{ id: 'dajia', name: '大家' }] }), 2024))
      .toEqual({ href: '/insurer/dajia?year=2024', label: '大家', kind: 'insurer' });
    expect(violationSubject(violation({}), 2025)).toBeNull();
  });
});

describe('regions a viewer may filter violations by', () => {
  it('a city user: its city and its counties, nothing else', () => {
    const choices = regionChoices({ username: 'c', role: 'city', scope: '140400' });
    expect(choices[0]).toEqual({ code: '140400', name: '长治市', depth: 1 });
    expect(choices.length).toBe(13);
    expect(choices.every((choice) => choice.code.startsWith('1404'))).toBe(true);
  });
  it('the province: itself, its 11 cities and 117 counties', () => {
    const choices = regionChoices({ username: 'p', role: 'province', scope: null });
    expect(choices[0].code).toBe('140000');
    expect(choices.filter((choice) => choice.depth === 1)).toHaveLength(11);
    expect(choices.filter((choice) => choice.depth === 2)).toHaveLength(117);
  });
  it('insurer pages: an insurer account its own only', () => {
    expect(mayViewInsurer({ username: 'i', role: 'insurer', scope: 'picc' }, 'picc')).toBe(true);
    expect(mayViewInsurer({ username: 'i', role: 'insurer', scope: 'picc' }, 'cpic')).toBe(false);
    expect(mayViewInsurer({ username: 'c', role: 'city', scope: '140400' }, 'cpic')).toBe(true);
  });
});

describe('the coverage trend', () => {
  it('spans the twelve months up to the as-of day, a past year, or this month', () => {
    expect(trendSpan({ asOf: '2025-06-30', year: 2025 }, '2026-11-29')).toEqual({ from: '2024-07', to: '2025-06' });
    expect(trendSpan({ year: 2024 }, '2026-11-29')).toEqual({ from: '2024-01', to: '2024-12' });
    expect(trendSpan({}, '2026-11-29')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(trendSpan({ year: 2026 }, '2026-03-05')).toEqual({ from: '2025-04', to: '2026-03' });
    expect(trendSpan({ asOf: '2027-01-01' }, '2026-11-29')).toEqual({ from: '2025-12', to: '2026-11' });
  });
  it('puts each month beside the same month a year earlier, in order, as one-decimal percentages', () => {
    const point = (period: string, rate: number | null, previous: number | null, insured: number | null): TrendPoint => ({
      period,
      complete: true,
      current: { end: `${period}-28`, coverageRate: rate, insured },
      previousYear: { end: `${Number(period.slice(0, 4)) - 1}${period.slice(4)}-28`, coverageRate: previous, insured: null },
    });
    const rows = trendRows([point('2025-02', 0.89603, 0.8647, 3637), point('2025-01', 0.88741, null, 3602)]);
    expect(rows.map((row) => row.period)).toEqual(['2025-01', '2025-02']);
    expect(rows[0]).toEqual({ period: '2025-01', end: '2025-01-28', complete: true, current: 88.7, previous: null, currentInsured: 3602, previousInsured: null, currentRate: 0.88741, previousRate: null });
    expect(rows[1].current).toBe(89.6);
    expect(rows[1].previous).toBe(86.5);
  });
});

function fee(id: string, ratio: number | null, compliant: boolean | null): InsurerFeeRatio {
  return { insurer: { id, name: id.toUpperCase() }, premiumReceived: '100.00', preventionSpending: '15.00', ratio, compliant, floorRule: null, capRule: null, yearFiling: { year: 2025, status: 'NO_DEADLINE', completeOn: '2024-05-01', deadline: null, missing: [], rule: null } };
}

describe('insurers side by side', () => {
  const scores: InsurerScoresResult = {
    serviceCompliance: { byInsurer: [{ insurer: { id: 'b', name: 'B' }, required: 4, compliant: 3, exempt: 1, rate: 0.75 }], rules: [] },
    firstService: { asOf: '2026-11-29', byInsurer: [{ insurer: { id: 'z', name: 'Z' }, judged: 2, onTime: 1, late: 1, missing: 0, rate: 0.5 }], rules: [] },
    deathLimitCompliance: { byInsurer: [{ insurer: { id: 'a', name: 'A' }, judged: 10, compliant: 9, rate: 0.9 }], rules: [] },
    claims: { byInsurer: [{ insurer: { id: 'a', name: 'A' }, claimsPaid: '30.00', premiumReceived: '100.00', lossRatio: 0.3, paid: 1, reported: 2 }] },
  };
  it('gathers every family into one row per insurer, the fee-ratio order first', () => {
    const rows = insurerScoreRows([fee('b', 0.2, true), fee('a', 0.1, false)], scores);
    expect(rows.map((row) => row.insurer.id)).toEqual(['b', 'a', 'z']);
    expect(rows[0].service?.rate).toBe(0.75);
    expect(rows[0].deathLimit).toBeNull();
    expect(rows[1].deathLimit?.rate).toBe(0.9);
    expect(rows[1].claims?.lossRatio).toBe(0.3);
    expect(rows[2].fee).toBeNull();
    expect(rows[2].firstService?.onTime).toBe(1);
    expect(insurerScoreRows([fee('a', 0.1, false)], undefined).map((row) => row.service)).toEqual([null]);
  });
  it('places on the scatter only insurers with both ratios, split by the fee verdict', () => {
    const rows = insurerScoreRows([fee('b', 0.2, true), fee('a', 0.1, false)], scores);
    const points = scatterPoints(rows);
    expect(points.compliant).toEqual([]);
    expect(points.notCompliant).toEqual([{ id: 'a', name: 'A', fee: 10, loss: 30, feeRatio: 0.1, lossRatio: 0.3 }]);
  });
  it('cites each source document once', () => {
    const shanxi = { ...rule, zh: { ...rule.zh, document: '晋应急发〔2024〕114号' }, en: { ...rule.en, document: 'Jin Yingji Fa [2024] No. 114' } };
    expect(shortSources([rule, { ...rule, id: 'x' }, shanxi], 'zh')).toBe('应急〔2025〕27号 · 晋应急发〔2024〕114号');
    expect(shortSources([rule, { ...rule, id: 'x' }, shanxi], 'en')).toBe('Yingji [2025] No. 27 · Jin Yingji Fa [2024] No. 114');
  });
});
