/**
 * First service within three months (承诺函第七条) on the fixture of test/fixtures/api (see its README).
 * Windows (start + 3 calendar months, end clamped, both ends inclusive):
 *   P01 2025-01-01..04-01 · P02 02-01..05-01 · P03 2024-07-01..2024-10-01 · P04 2024-06-30..2024-09-30 ·
 *   P05 2025-01-01..04-01 · P06 03-01..06-01 · P07 01-01..04-01 · P11 2024-11-30..2025-02-28 (clamped) ·
 *   P12 01-15..04-15 · P14 07-01..10-01 · P15 2024-11-30..2025-02-28. P09 is cancelled; P13 (2023) started
 *   before any window rule. Services by one of the policy's insurers to its enterprise:
 *   P01 S01 02-10 ✓ · P02 S05 03-01 (I1) ✓ · P03 first S08 2025-01-20 late · P04 first S10 2025-04-01 late ·
 *   P05 S12 03-10 ✓ · P06 S13 04-10 ✓ · P07 S21 02-28 (I3 on E07) ✓ · P11 S18 2024-12-15 (I3) ✓ ·
 *   P12 first S19/S20 04-16, a day after 04-15: late · P14 none: missing · P15 S21 02-28, the window's last day ✓.
 */
import { child, codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-first-service');
});

afterAll(async () => {
  await api?.close();
});

const SUMMARY = `query ($region: ID!, $asOf: Date, $year: Int) {
  firstService(region: $region, asOf: $asOf, year: $year) {
    region { code } asOf year judged onTime late missing rate rules { id source }
    children { region { code } judged onTime late missing rate }
    byInsurer { insurer { id } judged onTime late missing rate }
  }
}`;

const POLICIES = `query ($region: ID!, $asOf: Date, $year: Int, $status: FirstServiceFilter!, $page: Int!, $pageSize: Int!) {
  firstServicePolicies(region: $region, asOf: $asOf, year: $year, status: $status, page: $page, pageSize: $pageSize) {
    total page pageSize
    items { policyId policyNo enterpriseId enterpriseName county { code } startDate windowEnd firstService status rule { id } insurers { id } }
  }
}`;

describe('figures on 2025-12-31, every start year', () => {
  test('province, cities and insurers', async () => {
    const { data, errors } = await api.as('province', SUMMARY, { region: '140000', asOf: '2025-12-31' });
    expect(errors).toBeUndefined();
    const figures = data!.firstService;
    // Judged: P01 P02 P03 P04 P05 P06 P07 P11 P12 P14 P15 = 11 (every window ended before 2025-12-31).
    // On time P01 P02 P05 P06 P07 P11 P15 = 7; late P03 P04 P12 = 3; missing P14 = 1.
    expect(figures).toMatchObject({ region: { code: '140000' }, asOf: '2025-12-31', year: null, judged: 11, onTime: 7, late: 3, missing: 1 });
    expect(figures.rate).toBeCloseTo(7 / 11, 12);
    expect(figures.rules).toEqual([{ id: 'first_service_window/2024', source: expect.stringContaining('晋应急发〔2024〕114号') }]);
    // 太原 (all in 小店): P01 P02 P05 P06 P07 P15 on time, P03 P04 late → 8 judged; 大同: P11 ✓, P12 late, P14 missing.
    expect(child(figures, '140100')).toMatchObject({ judged: 8, onTime: 6, late: 2, missing: 0, rate: 0.75 });
    expect(child(figures, '140200')).toMatchObject({ judged: 3, onTime: 1, late: 1, missing: 1 });
    expect(child(figures, '140300')).toMatchObject({ judged: 0, rate: null });
    // I1: P01 ✓ P02 ✓ P04 late P06 ✓ P11 ✓ → 4 / 5; I2: P02 ✓ P03 late P05 ✓ P12 late P14 missing → 2 / 5;
    // I3: P07 ✓ P11 ✓ P12 late P15 ✓ → 3 / 4 (P09 cancelled).
    expect(figures.byInsurer).toEqual([
      { insurer: { id: 'I1' }, judged: 5, onTime: 4, late: 1, missing: 0, rate: 0.8 },
      { insurer: { id: 'I2' }, judged: 5, onTime: 2, late: 2, missing: 1, rate: 0.4 },
      { insurer: { id: 'I3' }, judged: 4, onTime: 3, late: 1, missing: 0, rate: 0.75 },
    ]);
  });

  test('a year narrows to the policies starting in it', async () => {
    const { data } = await api.as('province', SUMMARY, { region: '140000', asOf: '2025-12-31', year: 2025 });
    // Starting 2025: P01 P02 P05 P06 P07 on time, P12 late, P14 missing → 7 judged.
    expect(data!.firstService).toMatchObject({ year: 2025, judged: 7, onTime: 5, late: 1, missing: 1 });
  });

  test('the evaluation day decides which windows are over and which services are known', async () => {
    const onApril1 = await api.as('province', SUMMARY, { region: '140000', asOf: '2025-04-01' });
    // Windows ended before 2025-04-01: P03 (2024-10-01), P04 (2024-09-30), P11 and P15 (2025-02-28); P01, P05 and P07
    // end ON 2025-04-01 and are not over yet. P03 late (S08 01-20), P04 late (S10 on 04-01 is known), P11 ✓, P15 ✓.
    expect(onApril1.data!.firstService).toMatchObject({ judged: 4, onTime: 2, late: 2, missing: 0 });
    const onMarch31 = await api.as('province', SUMMARY, { region: '140000', asOf: '2025-03-31' });
    // On 2025-03-31 P04's only services (04-01, 05-01) lie in the future: missing, not late.
    expect(onMarch31.data!.firstService).toMatchObject({ judged: 4, onTime: 2, late: 1, missing: 1 });
  });
});

describe('the list of judged policies', () => {
  test('late and missing by default, ordered by county, start date, policy', async () => {
    const { data, errors } = await api.as('province', POLICIES, {
      region: '140000', asOf: '2025-12-31', status: 'LATE_OR_MISSING', page: 1, pageSize: 10,
    });
    expect(errors).toBeUndefined();
    const list = data!.firstServicePolicies;
    // Late or missing: P03 P04 (小店 140105, by start date 2024-06-30 then 2024-07-01), P14 (新荣 140212), P12 (平城 140213)
    expect(list.total).toBe(4);
    expect(list.items.map((item: any) => [item.policyId, item.status, item.windowEnd, item.firstService])).toEqual([
      ['P04', 'LATE', '2024-09-30', '2025-04-01'],
      ['P03', 'LATE', '2024-10-01', '2025-01-20'],
      ['P14', 'MISSING', '2025-10-01', null],
      ['P12', 'LATE', '2025-04-15', '2025-04-16'],
    ]);
    expect(list.items[3]).toMatchObject({
      policyNo: 'AZX-2025-012', enterpriseId: 'E12', enterpriseName: '大同平城乙矿业有限公司', county: { code: '140213' },
      startDate: '2025-01-15', rule: { id: 'first_service_window/2024' }, insurers: [{ id: 'I2' }, { id: 'I3' }],
    });
  });

  test('the inclusive, clamped end of the window: P15 served on 2025-02-28', async () => {
    const { data } = await api.as('province', POLICIES, { region: '140105', asOf: '2025-12-31', status: 'ON_TIME', page: 1, pageSize: 50 });
    const p15 = data!.firstServicePolicies.items.find((item: any) => item.policyId === 'P15');
    // 2024-11-30 + 3 months = 2025-02-28 (February has no 30th); S21 on that very day counts.
    expect(p15).toMatchObject({ startDate: '2024-11-30', windowEnd: '2025-02-28', firstService: '2025-02-28', status: 'ON_TIME' });
    // 小店 on time: P01 P02 P05 P06 P07 P15
    expect(data!.firstServicePolicies.items.map((item: any) => item.policyId).sort()).toEqual(['P01', 'P02', 'P05', 'P06', 'P07', 'P15']);
  });

  test('a page past the end keeps the total', async () => {
    const { data } = await api.as('province', POLICIES, { region: '140000', asOf: '2025-12-31', status: 'MISSING', page: 3, pageSize: 1 });
    expect(data!.firstServicePolicies).toEqual({ total: 1, page: 3, pageSize: 1, items: [] });
  });
});

describe('scope', () => {
  test('a city user sees its own city, and the province reads as its city', async () => {
    const { data } = await api.as('datong', SUMMARY, { region: '140000', asOf: '2025-12-31' });
    // 大同: P11 ✓ P12 late P14 missing; insurers of those: I1 P11 ✓; I2 P12 late, P14 missing; I3 P11 ✓, P12 late.
    expect(data!.firstService).toMatchObject({ region: { code: '140200' }, judged: 3, onTime: 1, late: 1, missing: 1 });
    expect(data!.firstService.children.map((node: any) => node.region.code).every((code: string) => code.startsWith('1402'))).toBe(true);
    expect(data!.firstService.byInsurer).toEqual([
      { insurer: { id: 'I1' }, judged: 1, onTime: 1, late: 0, missing: 0, rate: 1 },
      { insurer: { id: 'I2' }, judged: 2, onTime: 0, late: 1, missing: 1, rate: 0 },
      { insurer: { id: 'I3' }, judged: 2, onTime: 1, late: 1, missing: 0, rate: 0.5 },
    ]);
    const list = await api.as('datong', POLICIES, { region: '140000', asOf: '2025-12-31', status: 'ALL', page: 1, pageSize: 50 });
    expect(list.data!.firstServicePolicies.items.map((item: any) => item.policyId)).toEqual(['P11', 'P14', 'P12']);
  });

  test.each([['firstService', SUMMARY], ['firstServicePolicies', POLICIES]])('%s of another city is FORBIDDEN', async (_name, query) => {
    const answer = await api.as('taiyuan', query, { region: '140212', status: 'ALL', page: 1, pageSize: 10 });
    expect(codeOf(answer)).toBe('FORBIDDEN');
    expect(answer.errors![0].message).toContain('太原市');
  });

  test('an insurer user sees the policies it holds a share of', async () => {
    const { data } = await api.as('insurerI3', SUMMARY, { region: '140000', asOf: '2025-12-31' });
    // I3: P07 ✓ P11 ✓ P12 late P15 ✓
    expect(data!.firstService).toMatchObject({ judged: 4, onTime: 3, late: 1, missing: 0 });
    expect(data!.firstService.byInsurer.map((row: any) => row.insurer.id)).toEqual(['I3']);
    const list = await api.as('insurerI3', POLICIES, { region: '140000', asOf: '2025-12-31', status: 'ALL', page: 1, pageSize: 50 });
    expect(list.data!.firstServicePolicies.items.map((item: any) => item.policyId).sort()).toEqual(['P07', 'P11', 'P12', 'P15']);
  });
});

describe('bad arguments', () => {
  test.each([
    ['year out of range', { region: '140000', year: 1999, status: 'ALL', page: 1, pageSize: 10 }, /year must be between 2000 and 2100/],
    ['page size too large', { region: '140000', status: 'ALL', page: 1, pageSize: 201 }, /pageSize must be at most 200/],
    ['unknown region', { region: '149999', status: 'ALL', page: 1, pageSize: 10 }, /Unknown region code "149999"/],
    ['malformed date', { region: '140000', asOf: '2025-02-30', status: 'ALL', page: 1, pageSize: 10 }, /calendar day written YYYY-MM-DD/],
  ])('%s is BAD_USER_INPUT', async (_name, variables, message) => {
    const answer = await api.as('province', POLICIES, variables);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(message);
  });
});
