/**
 * Death compensation limit (死亡赔偿限额) on the fixture of test/fixtures/api (see its README): each policy
 * against the floor in force on its start date — 300,000 under the 2024 circular until 2025-03-28,
 * 400,000 from 2025-03-29 (national measures 应急〔2025〕27号).
 *   2025 starts: P01 400000 (01-01) ✓ · P02 300000 (02-01) ✓ · P05 300000 ✓ · P06 400000 (03-01) ✓ · P07 300000 ✓ ·
 *                P12 300000 (01-15) ✓ · P14 350000 (07-01, floor 400000) ✗ · P09 cancelled, not judged.
 *   2024 starts: P03 300000 ✓ · P04 300000 ✓ · P11 300000 ✓ · P15 250000 (2024-11-30, floor 300000) ✗.
 */
import { child, codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-death-limit');
});

afterAll(async () => {
  await api?.close();
});

const SUMMARY = `query ($year: Int!, $region: ID!) {
  deathLimitCompliance(year: $year, region: $region) {
    region { code } year judged compliant rate rules { id value source }
    children { region { code } judged compliant rate }
    byInsurer { insurer { id } judged compliant rate }
  }
}`;

const POLICIES = `query ($year: Int!, $region: ID!, $filter: DeathLimitFilter!, $page: Int!, $pageSize: Int!) {
  deathLimitPolicies(year: $year, region: $region, filter: $filter, page: $page, pageSize: $pageSize) {
    total items { policyId policyNo enterpriseId enterpriseName county { code } startDate deathLimitPerPerson floor compliant
      rule { id source } insurers { id } }
  }
}`;

test('2025: both floors in use, per city and insurer', async () => {
  const { data, errors } = await api.as('province', SUMMARY, { year: 2025, region: '140000' });
  expect(errors).toBeUndefined();
  const figures = data!.deathLimitCompliance;
  // 7 judged, P14 alone below its floor → 6 / 7
  expect(figures).toMatchObject({ year: 2025, judged: 7, compliant: 6 });
  expect(figures.rate).toBeCloseTo(6 / 7, 12);
  expect(figures.rules.map((rule: any) => [rule.id, rule.value])).toEqual([
    ['death_limit_floor/2024', '300000.00'],
    ['death_limit_floor/2025', '400000.00'],
  ]);
  expect(figures.rules[1].source).toContain('应急〔2025〕27号');
  // 太原: P01 P02 P05 P06 P07 → 5 / 5; 大同: P12 ✓ P14 ✗ → 1 / 2
  expect(child(figures, '140100')).toMatchObject({ judged: 5, compliant: 5, rate: 1 });
  expect(child(figures, '140200')).toMatchObject({ judged: 2, compliant: 1, rate: 0.5 });
  expect(child(figures, '140300')).toMatchObject({ judged: 0, rate: null });
  // I1 P01 P02 P06 → 3/3; I2 P02 P05 P12 P14 → 3/4; I3 P07 P12 → 2/2
  expect(figures.byInsurer).toEqual([
    { insurer: { id: 'I1' }, judged: 3, compliant: 3, rate: 1 },
    { insurer: { id: 'I2' }, judged: 4, compliant: 3, rate: 0.75 },
    { insurer: { id: 'I3' }, judged: 2, compliant: 2, rate: 1 },
  ]);
});

test('the non-compliant list names the rule and its source', async () => {
  const { data } = await api.as('province', POLICIES, { year: 2025, region: '140000', filter: 'NOT_COMPLIANT', page: 1, pageSize: 10 });
  expect(data!.deathLimitPolicies).toEqual({
    total: 1,
    items: [{
      policyId: 'P14', policyNo: 'AZX-2025-014', enterpriseId: 'E14', enterpriseName: '大同新荣丁冶炼有限公司', county: { code: '140212' },
      startDate: '2025-07-01', deathLimitPerPerson: '350000.00', floor: '400000.00', compliant: false,
      rule: { id: 'death_limit_floor/2025', source: expect.stringContaining('应急〔2025〕27号') }, insurers: [{ id: 'I2' }],
    }],
  });
  const year2024 = await api.as('province', POLICIES, { year: 2024, region: '140000', filter: 'NOT_COMPLIANT', page: 1, pageSize: 10 });
  // 2024: P15 250000.00 < 300000.00 under the 2024 circular
  expect(year2024.data!.deathLimitPolicies.items.map((item: any) => [item.policyId, item.deathLimitPerPerson, item.floor, item.rule.id])).toEqual([
    ['P15', '250000.00', '300000.00', 'death_limit_floor/2024'],
  ]);
  expect(year2024.data!.deathLimitPolicies.items[0].rule.source).toContain('晋应急发〔2024〕114号');
  const compliant = await api.as('province', POLICIES, { year: 2024, region: '140000', filter: 'COMPLIANT', page: 1, pageSize: 10 });
  // P04 (2024-06-30), P03 (07-01) in 小店; P11 in 新荣
  expect(compliant.data!.deathLimitPolicies.items.map((item: any) => item.policyId)).toEqual(['P04', 'P03', 'P11']);
});

test('a year before any floor rule judges nothing', async () => {
  const { data } = await api.as('province', SUMMARY, { year: 2023, region: '140000' });
  // P13 started 2023-01-01, before the 2024 circular's rules.
  expect(data!.deathLimitCompliance).toMatchObject({ judged: 0, compliant: 0, rate: null, rules: [], byInsurer: [] });
});

describe('scope', () => {
  test('a city user: its own city only', async () => {
    const { data } = await api.as('taiyuan', SUMMARY, { year: 2025, region: '140000' });
    expect(data!.deathLimitCompliance).toMatchObject({ region: { code: '140100' }, judged: 5, compliant: 5 });
    // Per insurer in 太原: I1 P01 P02 P06; I2 P02 P05; I3 P07
    expect(data!.deathLimitCompliance.byInsurer.map((row: any) => [row.insurer.id, row.judged])).toEqual([['I1', 3], ['I2', 2], ['I3', 1]]);
    const list = await api.as('taiyuan', POLICIES, { year: 2025, region: '140000', filter: 'ALL', page: 1, pageSize: 50 });
    expect(list.data!.deathLimitPolicies.items.every((item: any) => item.county.code.startsWith('1401'))).toBe(true);
    expect(list.data!.deathLimitPolicies.total).toBe(5);
    const forbidden = await api.as('taiyuan', SUMMARY, { year: 2025, region: '140200' });
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    const forbiddenList = await api.as('taiyuan', POLICIES, { year: 2025, region: '140213', filter: 'ALL', page: 1, pageSize: 10 });
    expect(codeOf(forbiddenList)).toBe('FORBIDDEN');
  });

  test('an insurer user: the policies it holds a share of', async () => {
    const { data } = await api.as('insurerI2', SUMMARY, { year: 2025, region: '140000' });
    expect(data!.deathLimitCompliance).toMatchObject({ judged: 4, compliant: 3 });
    expect(data!.deathLimitCompliance.byInsurer).toEqual([{ insurer: { id: 'I2' }, judged: 4, compliant: 3, rate: 0.75 }]);
    const other = await api.as('insurerI3', POLICIES, { year: 2025, region: '140000', filter: 'NOT_COMPLIANT', page: 1, pageSize: 10 });
    // P14 is I2's alone: I3 sees no breach.
    expect(other.data!.deathLimitPolicies).toEqual({ total: 0, items: [] });
  });
});

test.each([
  ['year out of range', { year: 2101, region: '140000', filter: 'ALL', page: 1, pageSize: 10 }, /year must be between 2000 and 2100/],
  ['page size too large', { year: 2025, region: '140000', filter: 'ALL', page: 1, pageSize: 1000 }, /pageSize must be at most 200/],
  ['unknown region', { year: 2025, region: 'taiyuan', filter: 'ALL', page: 1, pageSize: 10 }, /Unknown region code "taiyuan"/],
])('%s is BAD_USER_INPUT', async (_name, variables, message) => {
  const answer = await api.as('province', POLICIES, variables);
  expect(codeOf(answer)).toBe('BAD_USER_INPUT');
  expect(answer.errors![0].message).toMatch(message);
});
