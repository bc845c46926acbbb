/**
 * Trend series on the fixture of test/fixtures/api (see its README), with the same period a year earlier.
 * Province, mandatory today: 11 (E01–E05, E08, E09, E11–E14).
 * Premium received by start month: 2024-06 P04 20000.00; 2024-07 P03 30000.00; 2024-11 P11 60000.00, P15 0.00;
 *   2025-01 P01 100000.00 + P05 8000.00 + P07 10000.00 + P09 1000.00 (cancelled, netted) + P12 10000.01 = 129000.01;
 *   2025-02 P02 45000.00; 2025-03 P06 12000.00; 2025-07 P14 40000.00.
 * Ledger by entry month: 2024-12 L6 3000.00; 2025-03 L1 15000.00; 2025-04 L3 10000.00; 2025-05 L2 5850.00;
 *   2025-06 L5 2000.00; 2025-09 L4 6000.00; 2026-01 L7 500.00.
 * Claims paid by settlement month: 2025-01 C6 15000.00; 2025-05 C1 400000.00; 2025-07 C3 60000.00.
 * Services by month: 2024-12 S18; 2025-01 S08; 2025-02 S01 S14 S21; 2025-03 S03 S05 S12 S16 S25; 2025-04 S10 S13 S19 S20 S24;
 *   2025-05 S09 S11 S15 S23; 2025-06 S06 S07 S22; 2025-08 S02 S17; 2025-09 S04.
 */
import { todayInShanghai } from '../../domain/today';
import { codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-trends');
});

afterAll(async () => {
  await api?.close();
});

const VALUES = 'start end insured coverageRate premiumReceived preventionSpending claimsPaid servicesDelivered';
const TRENDS = `query ($region: ID!, $from: String!, $to: String!, $grain: TrendGrain!, $asOf: Date) {
  trends(region: $region, from: $from, to: $to, grain: $grain, asOf: $asOf) {
    region { code } grain asOf mandatory
    points { period complete current { ${VALUES} } previousYear { ${VALUES} } }
  }
}`;

test('quarters of 2025 against 2024', async () => {
  const { data, errors } = await api.as('province', TRENDS, { region: '140000', from: '2025-01', to: '2025-06', grain: 'QUARTER' });
  expect(errors).toBeUndefined();
  const series = data!.trends;
  expect(series).toMatchObject({ region: { code: '140000' }, grain: 'QUARTER', mandatory: 11 });
  const [q1, q2] = series.points;
  expect(series.points).toHaveLength(2);
  // 2025-03-31 insured: E01 E02 E03 E04 E05 E11 E12 = 7 of 11.
  // Q1 premium 129000.01 + 45000.00 + 12000.00 = 186000.01; ledger L1 15000.00; claims C6 15000.00; services 1 + 3 + 5 = 9
  expect(q1.period).toBe('2025-Q1');
  expect(q1.current).toMatchObject({
    start: '2025-01-01', end: '2025-03-31', insured: 7,
    premiumReceived: '186000.01', preventionSpending: '15000.00', claimsPaid: '15000.00', servicesDelivered: 9,
  });
  expect(q1.current.coverageRate).toBeCloseTo(7 / 11, 12);
  // 2024-Q1: no policy active on 2024-03-31 (P13 ended 2023), nothing started, spent, paid or served
  expect(q1.previousYear).toEqual({
    start: '2024-01-01', end: '2024-03-31', insured: 0, coverageRate: 0,
    premiumReceived: '0.00', preventionSpending: '0.00', claimsPaid: '0.00', servicesDelivered: 0,
  });
  // 2025-06-30: E04's P04 ended the day before → 6 of 11 (as coverage on that day).
  // Q2: no policy started; ledger L3 10000 + L2 5850 + L5 2000 = 17850.00; claims C1 400000.00; services 5 + 4 + 3 = 12
  expect(q2.current).toMatchObject({
    start: '2025-04-01', end: '2025-06-30', insured: 6,
    premiumReceived: '0.00', preventionSpending: '17850.00', claimsPaid: '400000.00', servicesDelivered: 12,
  });
  // 2024-Q2: P04 started 2024-06-30 → E04 insured on 2024-06-30, premium 20000.00
  expect(q2.previousYear).toMatchObject({ end: '2024-06-30', insured: 1, premiumReceived: '20000.00', servicesDelivered: 0 });
  expect(q2.previousYear.coverageRate).toBeCloseTo(1 / 11, 12);
});

test('months, across a year end', async () => {
  const { data } = await api.as('province', TRENDS, { region: '140000', from: '2025-12', to: '2026-01', grain: 'MONTH' });
  const [december, january] = data!.trends.points;
  expect([december.period, january.period]).toEqual(['2025-12', '2026-01']);
  // 2025-12-31: P01 E01, P02 E02, P05 E05, P12 E12, P14 E14 → 5; a year earlier 2024-12-31: P03 E03, P04 E04, P11 E11 → 3
  expect(december.current).toMatchObject({ end: '2025-12-31', insured: 5, servicesDelivered: 0, preventionSpending: '0.00' });
  expect(december.previousYear).toMatchObject({ start: '2024-12-01', end: '2024-12-31', insured: 3, preventionSpending: '3000.00', servicesDelivered: 1 });
  // 2026-01-31: P02 (to 2026-01-31) E02, P12 (to 2026-01-14) ended, P14 E14 → 2; ledger L7 500.00
  // 2025-01-31: P01 E01, P03 E03, P04 E04, P05 E05, P11 E11, P12 E12 → 6; premium 129000.01; claims C6 15000.00
  expect(january.current).toMatchObject({ end: '2026-01-31', insured: 2, preventionSpending: '500.00' });
  expect(january.previousYear).toMatchObject({
    end: '2025-01-31', insured: 6, premiumReceived: '129000.01', claimsPaid: '15000.00', servicesDelivered: 1,
  });
});

describe('the evaluation day', () => {
  test('the month holding it ends on it, equal to coverage on that day; later months are left out', async () => {
    const { data, errors } = await api.as('province', TRENDS, { region: '140000', from: '2025-04', to: '2025-09', grain: 'MONTH', asOf: '2025-06-01' });
    expect(errors).toBeUndefined();
    const series = data!.trends;
    expect(series.asOf).toBe('2025-06-01');
    expect(series.points.map((point: any) => [point.period, point.complete])).toEqual([['2025-04', true], ['2025-05', true], ['2025-06', false]]);
    const june = series.points[2];
    // Through 2025-06-01 only: S06 (S07 06-02 and S22 06-10 are later); ledger L5 dated 06-01
    expect(june.current).toMatchObject({ start: '2025-06-01', end: '2025-06-01', servicesDelivered: 1, preventionSpending: '2000.00' });
    // A year earlier through 2024-06-01: P04 starts 2024-06-30, so neither its premium nor E04 counts yet
    expect(june.previousYear).toMatchObject({ start: '2024-06-01', end: '2024-06-01', insured: 0, premiumReceived: '0.00' });
    const coverage = await api.as('province', 'query { coverage(region: "140000", asOf: "2025-06-01") { insured rate } }');
    expect(june.current.insured).toBe(coverage.data!.coverage.insured);
    expect(june.current.coverageRate).toBe(coverage.data!.coverage.rate);
  });

  test('industries narrow the coverage as they narrow coverage(), and leave the money and services of every industry', async () => {
    const variables = { region: '140000', from: '2025-04', to: '2025-06', grain: 'MONTH', asOf: '2025-06-01' };
    const all = (await api.as('province', TRENDS, variables)).data!.trends;
    const coal = await api.as('province', `query ($region: ID!, $from: String!, $to: String!, $grain: TrendGrain!, $asOf: Date, $industries: [Industry!]) {
      trends(region: $region, from: $from, to: $to, grain: $grain, asOf: $asOf, industries: $industries) {
        mandatory points { period current { ${VALUES} } }
      }
    }`, { ...variables, industries: ['COAL_MINE'] });
    expect(coal.errors).toBeUndefined();
    const coverage = await api.as('province', 'query { coverage(region: "140000", asOf: "2025-06-01", industries: [COAL_MINE]) { mandatory insured rate } }');
    const june = coal.data!.trends.points[2].current;
    expect(coal.data!.trends.mandatory).toBe(coverage.data!.coverage.mandatory);
    expect(coal.data!.trends.mandatory).toBeLessThan(all.mandatory);
    expect([june.insured, june.coverageRate]).toEqual([coverage.data!.coverage.insured, coverage.data!.coverage.rate]);
    expect(june).toMatchObject({ premiumReceived: all.points[2].current.premiumReceived, servicesDelivered: all.points[2].current.servicesDelivered });
  });

  test('a quarter holding it ends on it', async () => {
    const { data } = await api.as('province', TRENDS, { region: '140000', from: '2025-01', to: '2025-12', grain: 'QUARTER', asOf: '2025-06-01' });
    const points = data!.trends.points;
    expect(points.map((point: any) => [point.period, point.complete])).toEqual([['2025-Q1', true], ['2025-Q2', false]]);
    // Services April 5 + May 4 + S06; ledger L3 10000.00 + L2 5850.00 + L5 2000.00
    expect(points[1].current).toMatchObject({ start: '2025-04-01', end: '2025-06-01', servicesDelivered: 10, preventionSpending: '17850.00' });
    expect(points[1].previousYear).toMatchObject({ start: '2024-04-01', end: '2024-06-01', premiumReceived: '0.00' });
  });

  test('by default it is today: this month ends today, and a span wholly after today has no points', async () => {
    const today = todayInShanghai();
    const month = today.slice(0, 7);
    const now = await api.as('province', TRENDS, { region: '140000', from: month, to: month, grain: 'MONTH' });
    expect(now.data!.trends.asOf).toBe(today);
    expect(now.data!.trends.points.map((point: any) => point.current.end)).toEqual([today]);
    const later = await api.as('province', TRENDS, { region: '140000', from: '2099-01', to: '2099-12', grain: 'MONTH' });
    expect(later.errors).toBeUndefined();
    expect(later.data!.trends.points).toEqual([]);
  });
});

describe('scope', () => {
  test('a city user: its own city', async () => {
    const { data } = await api.as('datong', TRENDS, { region: '140000', from: '2025-01', to: '2025-03', grain: 'QUARTER' });
    // 大同 mandatory E11 E12 E13 E14 = 4; on 2025-03-31 E11 (P11), E12 (P12) → 2; premium P12 10000.01;
    // services S14 (02-28), S16 (03-01) → 2; nothing spent or paid in 大同 in Q1
    expect(data!.trends).toMatchObject({ region: { code: '140200' }, mandatory: 4 });
    expect(data!.trends.points[0].current).toMatchObject({
      insured: 2, coverageRate: 0.5, premiumReceived: '10000.01', preventionSpending: '0.00', claimsPaid: '0.00', servicesDelivered: 2,
    });
    const answer = await api.as('datong', TRENDS, { region: '140106', from: '2025-01', to: '2025-03', grain: 'MONTH' });
    expect(codeOf(answer)).toBe('FORBIDDEN');
  });

  test('an insurer user: its own share, ledger and services, no coverage', async () => {
    const { data } = await api.as('insurerI3', TRENDS, { region: '140000', from: '2025-01', to: '2025-06', grain: 'QUARTER' });
    const [q1, q2] = data!.trends.points;
    expect(data!.trends.mandatory).toBeNull();
    // Q1: P07 10000.00 + P09 1000.00 + P12 10000.01 × 33.33% = 3333.003333 → 14333.00; services S14 S16 S21 = 3
    expect(q1.current).toMatchObject({
      insured: null, coverageRate: null, premiumReceived: '14333.00', preventionSpending: '0.00', claimsPaid: '0.00', servicesDelivered: 3,
    });
    // Q2: ledger L5 2000.00; services S19 = 1; no claim paid to I3 before C3 in July
    expect(q2.current).toMatchObject({ premiumReceived: '0.00', preventionSpending: '2000.00', claimsPaid: '0.00', servicesDelivered: 1 });
    const july = await api.as('insurerI3', TRENDS, { region: '140000', from: '2025-07', to: '2025-07', grain: 'MONTH' });
    // C3 60000.00 × 50% = 30000.00
    expect(july.data!.trends.points[0].current.claimsPaid).toBe('30000.00');
  });
});

describe('bad arguments', () => {
  test.each([
    ['a span over 36 months', { from: '2022-01', to: '2025-01', grain: 'MONTH' }, /cover 1 to 36 months/],
    ['a span running backwards', { from: '2025-06', to: '2025-01', grain: 'MONTH' }, /must run forwards/],
    ['a malformed month', { from: '2025-1', to: '2025-06', grain: 'MONTH' }, /from must be a month written YYYY-MM/],
    ['month 13', { from: '2025-01', to: '2025-13', grain: 'MONTH' }, /to must be a month written YYYY-MM/],
    ['quarters not aligned', { from: '2025-02', to: '2025-06', grain: 'QUARTER' }, /first month of a quarter/],
    ['an unknown region', { region: '140999', from: '2025-01', to: '2025-06', grain: 'MONTH' }, /Unknown region code "140999"/],
  ])('%s is BAD_USER_INPUT', async (_name, variables, message) => {
    const answer = await api.as('province', TRENDS, { region: '140000', ...variables });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(message);
  });

  test('36 months is allowed', async () => {
    const { data, errors } = await api.as('province', TRENDS, { region: '140000', from: '2023-01', to: '2025-12', grain: 'MONTH' });
    expect(errors).toBeUndefined();
    expect(data!.trends.points).toHaveLength(36);
  });
});
