/**
 * Claims (理赔) on the fixture of test/fixtures/api (see its README). Claims and their policies' shares:
 *   C1 P01 (I1 100) 小店  reported 2025-04-03, paid 400000.00, settled 2025-05-20 → 47 days (27 in April + 20)
 *   C2 P12 (I3 33.33, I2 66.67) 平城  reported 2025-05-02, denied, settled 05-30 → 28 days
 *   C3 P11 (I3 50, I1 50) 新荣  reported 2025-06-11, paid 60000.00, settled 07-21 → 40 days (19 in June + 21)
 *   C4 P02 (I1 60, I2 40) 小店  reported 2025-08-02, open
 *   C5 P05 (I2 100) 小店  reported 2025-09-01, withdrawn
 *   C6 P03 (I2 100) 小店  reported 2024-12-22, paid 15000.00, settled 2025-01-10 → 19 days (9 in December + 10)
 *   C7 P02 (I1 60, I2 40) 小店  reported 2025-11-20, denied, settled 2026-01-08 (decided in 2026)
 * 2025: reported C1 C2 C3 C4 C5 C7 = 6 (open C4, withdrawn C5); decided in 2025: C1 C3 C6 paid, C2 denied.
 * Premium received 2025 (docs/definitions.md, definition 5, as in the fee tests): province 226000.01,
 * 太原 176000.00, 大同 50000.01; I1 139000.00, I2 72667.006667 (72667.01), I3 14333.003333 (14333.00).
 * Percentiles interpolate linearly between sorted values: p of n values sits at position p × (n − 1).
 */
import { child, codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-claims');
});

afterAll(async () => {
  await api?.close();
});

const FIGURES = 'reported open withdrawn paid denied claimsPaid premiumReceived lossRatio denialRate settlementDays { claims average p50 p90 }';
const CLAIMS = `query ($year: Int!, $region: ID!) {
  claims(year: $year, region: $region) {
    region { code } year ${FIGURES}
    children { region { code } ${FIGURES} }
    byInsurer { insurer { id } ${FIGURES} }
  }
}`;

test('2025 in the province', async () => {
  const { data, errors } = await api.as('province', CLAIMS, { year: 2025, region: '140000' });
  expect(errors).toBeUndefined();
  const claims = data!.claims;
  // Paid 400000.00 + 60000.00 + 15000.00 = 475000.00; denial 1 / (3 + 1) = 0.25
  // Days [19, 28, 40, 47]: mean 134 / 4 = 33.5; p50 at 1.5 → 28 + 0.5 × 12 = 34; p90 at 2.7 → 40 + 0.7 × 7 = 44.9
  expect(claims).toMatchObject({
    region: { code: '140000' }, year: 2025, reported: 6, open: 1, withdrawn: 1, paid: 3, denied: 1,
    claimsPaid: '475000.00', premiumReceived: '226000.01', denialRate: 0.25,
    settlementDays: { claims: 4, average: 33.5, p50: 34 },
  });
  expect(claims.lossRatio).toBeCloseTo(475000 / 226000.01, 12);
  expect(claims.settlementDays.p90).toBeCloseTo(44.9, 9);
});

test('2025 by city', async () => {
  const { data } = await api.as('province', CLAIMS, { year: 2025, region: '140000' });
  // 太原: reported C1 C4 C5 C7 = 4; paid C1 + C6 = 415000.00; days [19, 47] → mean 33, p50 33, p90 19 + 0.9 × 28 = 44.2
  const taiyuan = child(data!.claims, '140100');
  expect(taiyuan).toMatchObject({
    reported: 4, open: 1, withdrawn: 1, paid: 2, denied: 0, claimsPaid: '415000.00', premiumReceived: '176000.00', denialRate: 0,
    settlementDays: { claims: 2, average: 33, p50: 33 },
  });
  expect(taiyuan.lossRatio).toBeCloseTo(415000 / 176000, 12);
  expect(taiyuan.settlementDays.p90).toBeCloseTo(44.2, 9);
  // 大同: reported C2 C3; C3 paid 60000.00, C2 denied → 0.5; days [28, 40] → 34, 34, 28 + 0.9 × 12 = 38.8
  const datong = child(data!.claims, '140200');
  expect(datong).toMatchObject({
    reported: 2, open: 0, withdrawn: 0, paid: 1, denied: 1, claimsPaid: '60000.00', premiumReceived: '50000.01', denialRate: 0.5,
    settlementDays: { claims: 2, average: 34, p50: 34 },
  });
  expect(datong.settlementDays.p90).toBeCloseTo(38.8, 9);
  // A city without claims or premium: every ratio undefined.
  expect(child(data!.claims, '140300')).toMatchObject({
    reported: 0, claimsPaid: '0.00', premiumReceived: '0.00', lossRatio: null, denialRate: null,
    settlementDays: { claims: 0, average: null, p50: null, p90: null },
  });
  // 大同's counties: 新荣 C3, 平城 C2
  const counties = await api.as('province', CLAIMS, { year: 2025, region: '140200' });
  expect(child(counties.data!.claims, '140212')).toMatchObject({ paid: 1, denied: 0, claimsPaid: '60000.00' });
  expect(child(counties.data!.claims, '140213')).toMatchObject({ paid: 0, denied: 1, claimsPaid: '0.00', denialRate: 1 });
});

test('2025 by insurer: amounts × share', async () => {
  const { data } = await api.as('province', CLAIMS, { year: 2025, region: '140000' });
  const [i1, i2, i3] = data!.claims.byInsurer;
  expect(data!.claims.byInsurer.map((row: any) => row.insurer.id)).toEqual(['I1', 'I2', 'I3']);
  // I1: C1 400000 × 100% + C3 60000 × 50% = 430000.00; reported C1 C3 C4 C7; days [40, 47] → 43.5, 43.5, 40 + 0.9 × 7 = 46.3
  expect(i1).toMatchObject({
    reported: 4, open: 1, withdrawn: 0, paid: 2, denied: 0, claimsPaid: '430000.00', premiumReceived: '139000.00', denialRate: 0,
    settlementDays: { claims: 2, average: 43.5, p50: 43.5 },
  });
  expect(i1.lossRatio).toBeCloseTo(430000 / 139000, 12);
  expect(i1.settlementDays.p90).toBeCloseTo(46.3, 9);
  // I2: C6 15000 × 100% = 15000.00; denied C2; reported C2 C4 C5 C7; days [19, 28] → 23.5, 23.5, 19 + 0.9 × 9 = 27.1
  expect(i2).toMatchObject({
    reported: 4, open: 1, withdrawn: 1, paid: 1, denied: 1, claimsPaid: '15000.00', premiumReceived: '72667.01', denialRate: 0.5,
    settlementDays: { claims: 2, average: 23.5, p50: 23.5 },
  });
  expect(i2.lossRatio).toBeCloseTo(15000 / 72667.006667, 9);
  expect(i2.settlementDays.p90).toBeCloseTo(27.1, 9);
  // I3: C3 60000 × 50% = 30000.00; denied C2
  expect(i3).toMatchObject({ reported: 2, paid: 1, denied: 1, claimsPaid: '30000.00', premiumReceived: '14333.00', denialRate: 0.5 });
  expect(i3.lossRatio).toBeCloseTo(30000 / 14333.003333, 9);
});

test('the year decides: 2026 holds only C7’s denial, 2024 only C6’s report', async () => {
  const year2026 = await api.as('province', CLAIMS, { year: 2026, region: '140000' });
  // C7 decided 2026-01-08, 49 days after 2025-11-20 (10 in November + 31 + 8)
  expect(year2026.data!.claims).toMatchObject({
    reported: 0, paid: 0, denied: 1, denialRate: 1, claimsPaid: '0.00', premiumReceived: '0.00', lossRatio: null,
    settlementDays: { claims: 1, average: 49, p50: 49, p90: 49 },
  });
  const year2024 = await api.as('province', CLAIMS, { year: 2024, region: '140000' });
  // C6 reported 2024-12-22, decided 2025. Premium 2024: P03 30000 + P04 20000 + P11 60000 + P15 0.00 = 110000.00
  expect(year2024.data!.claims).toMatchObject({ reported: 1, paid: 0, denied: 0, premiumReceived: '110000.00', lossRatio: 0 });
});

describe('scope', () => {
  test('a city user: its own city, children and insurers within it', async () => {
    const { data } = await api.as('datong', CLAIMS, { year: 2025, region: '140000' });
    expect(data!.claims).toMatchObject({ region: { code: '140200' }, reported: 2, paid: 1, denied: 1, claimsPaid: '60000.00', premiumReceived: '50000.01' });
    expect(data!.claims.children.every((node: any) => node.region.code.startsWith('1402'))).toBe(true);
    // In 大同: I1 C3 × 50% = 30000.00, premium 0 (P11 started 2024); I2 denied C2, premium P12 × 66.67% + P14 = 46667.01;
    // I3 C3 × 50% = 30000.00 and denied C2, premium P12 × 33.33% = 3333.00
    expect(data!.claims.byInsurer.map((row: any) => [row.insurer.id, row.claimsPaid, row.premiumReceived, row.paid, row.denied])).toEqual([
      ['I1', '30000.00', '0.00', 1, 0],
      ['I2', '0.00', '46667.01', 0, 1],
      ['I3', '30000.00', '3333.00', 1, 1],
    ]);
    const forbidden = await api.as('datong', CLAIMS, { year: 2025, region: '140105' });
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    expect(forbidden.errors![0].message).toContain('大同市');
  });

  test('an insurer user: its own share, totals included', async () => {
    const { data } = await api.as('insurerI3', CLAIMS, { year: 2025, region: '140000' });
    // I3's part only: 30000.00 of C3, C2 denied, premium 14333.00 — never the whole 475000.00
    expect(data!.claims).toMatchObject({ reported: 2, paid: 1, denied: 1, claimsPaid: '30000.00', premiumReceived: '14333.00' });
    expect(child(data!.claims, '140100')).toMatchObject({ claimsPaid: '0.00', premiumReceived: '11000.00' });
    expect(child(data!.claims, '140200')).toMatchObject({ claimsPaid: '30000.00', premiumReceived: '3333.00' });
    expect(data!.claims.byInsurer.map((row: any) => row.insurer.id)).toEqual(['I3']);
  });
});

test.each([
  ['year too early', { year: 1999, region: '140000' }, /year must be between 2000 and 2100/],
  ['unknown region', { year: 2025, region: '000000' }, /Unknown region code "000000"/],
])('%s is BAD_USER_INPUT', async (_name, variables, message) => {
  const answer = await api.as('province', CLAIMS, variables);
  expect(codeOf(answer)).toBe('BAD_USER_INPUT');
  expect(answer.errors![0].message).toMatch(message);
});
