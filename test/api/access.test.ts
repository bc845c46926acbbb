/**
 * Who sees what, and what a client learns when something is wrong: for each role and each query the
 * foreign rows never appear and no total includes them; other cities' regions are FORBIDDEN; missing
 * or expired tokens are UNAUTHENTICATED; bad arguments are BAD_USER_INPUT saying what is allowed;
 * internal failures are masked. Fixture: test/fixtures/api (see its README).
 */
import { codeOf, startFixtureApi, type FixtureApi, type UserKey } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-access');
});

afterAll(async () => {
  await api?.close();
});

const ALL_QUERIES = {
  coverage: '{ coverage(asOf: "2025-06-30") { mandatory } }',
  uninsured: '{ uninsured(asOf: "2025-06-30") { total } }',
  feeRatios: '{ feeRatios(year: 2025) { ratio } }',
  regionFees: '{ regionFees(year: 2025) { premiumReceived } }',
  serviceCompliance: '{ serviceCompliance(year: 2025) { required } }',
  rules: '{ rules { id } }',
  dataFreshness: '{ dataFreshness { lastRun { runId } } }',
  me: '{ me { username } }',
};

describe('authentication', () => {
  test.each(Object.entries(ALL_QUERIES))('%s without a token, with an expired one or a forged one is UNAUTHENTICATED', async (_name, query) => {
    const none = await api.request(null, query);
    expect(codeOf(none)).toBe('UNAUTHENTICATED');
    expect(none.errors![0].message).toContain('Authorization: Bearer');
    expect(none.data ?? null).toBeNull();
    const expired = await api.request(api.expiredToken(), query);
    expect(codeOf(expired)).toBe('UNAUTHENTICATED');
    expect(expired.errors![0].message).toContain('expired');
    const forged = await api.request(`${api.tokens.province.slice(0, -4)}AAAA`, query);
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
  });

  test('a wrong password gives no token', async () => {
    const answer = await api.request(null, 'mutation { login(username: "province", password: "wrong-password") { token } }');
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    const unknown = await api.request(null, 'mutation { login(username: "nobody", password: "fixture-password") { token } }');
    expect(unknown.errors![0].message).toBe(answer.errors![0].message);
  });

  test('the token names the user, role and scope', async () => {
    const { data } = await api.as('taiyuan', '{ me { username role scope } }');
    expect(data!.me).toEqual({ username: 'taiyuan', role: 'city', scope: '140100' });
  });
});

describe('province and analyst see everything', () => {
  test.each(['province', 'analyst'] as UserKey[])('%s', async (user) => {
    const { data } = await api.as(user, `{
      coverage(asOf: "2025-06-30") { mandatory insured }
      feeRatios(year: 2025) { insurer { id } }
      serviceCompliance(year: 2025) { required byInsurer { insurer { id } } }
      uninsured(asOf: "2025-06-30") { total }
    }`);
    expect(data!.coverage).toEqual({ mandatory: 11, insured: 6 });
    expect(data!.feeRatios.map((row: any) => row.insurer.id)).toEqual(['I1', 'I2', 'I3']);
    expect(data!.serviceCompliance.required).toBe(7);
    expect(data!.serviceCompliance.byInsurer).toHaveLength(3);
    expect(data!.uninsured.total).toBe(5);
  });
});

describe('a city user sees its own city only', () => {
  test('the default region is its city, and every total stops at the city boundary', async () => {
    const { data, errors } = await api.as('taiyuan', `{
      coverage(asOf: "2025-06-30") { region { code } mandatory insured children { region { code } } }
      uninsured(asOf: "2025-06-30") { total items { id county { code } } }
      feeRatios(year: 2025) { insurer { id } premiumReceived preventionSpending compliant }
      regionFees(year: 2025) { region { code } premiumReceived preventionSpending }
      serviceCompliance(year: 2025) { region { code } required compliant exempt
        byInsurer { insurer { id } required compliant exempt } enterprises { total items { enterpriseId county { code } } } }
    }`);
    expect(errors).toBeUndefined();
    // 太原 only: 7 mandatory, 4 insured (小店 5/4, 迎泽 2/0); its 10 counties as children.
    expect(data!.coverage).toMatchObject({ region: { code: '140100' }, mandatory: 7, insured: 4 });
    expect(data!.coverage.children.every((node: any) => node.region.code.startsWith('1401'))).toBe(true);
    // Uninsured in 太原: E04, E08, E09.
    expect(data!.uninsured.total).toBe(3);
    expect(data!.uninsured.items.map((item: any) => item.id).sort()).toEqual(['E04', 'E08', 'E09']);
    // Fees in 太原 (policies of 太原 enterprises starting 2025; ledger entries naming 太原 counties):
    // I1 P01 100000 + P02 × 60% 27000 + P06 12000 = 139000.00, ledger L1 15000.00 → 10.8% < 15%
    // I2 P02 × 40% 18000 + P05 8000 = 26000.00, ledger L3 10000 + L4 6000 = 16000.00 → 61.5% > 21%
    // I3 P07 10000 + P09 1000 = 11000.00, no ledger → 0%
    expect(data!.feeRatios).toEqual([
      { insurer: { id: 'I1' }, premiumReceived: '139000.00', preventionSpending: '15000.00', compliant: false },
      { insurer: { id: 'I2' }, premiumReceived: '26000.00', preventionSpending: '16000.00', compliant: false },
      { insurer: { id: 'I3' }, premiumReceived: '11000.00', preventionSpending: '0.00', compliant: false },
    ]);
    // 小店 175000.00 + 迎泽 1000.00; ledger 25000.00 + 6000.00
    expect(data!.regionFees).toEqual({ region: { code: '140100' }, premiumReceived: '176000.00', preventionSpending: '31000.00' });
    // Services in 太原: E01 ✓ E02 ✗ E03 ✓ E04 ✗, E05 exempt. Per insurer: I1 E01 ✓ E02 ✗ E04 ✗; I2 E02 ✗ E03 ✓ E05 exempt;
    // I3 has no 太原 enterprise in the population (E07 other industry, P09 cancelled).
    expect(data!.serviceCompliance).toMatchObject({ region: { code: '140100' }, required: 4, compliant: 2, exempt: 1 });
    expect(data!.serviceCompliance.byInsurer).toEqual([
      { insurer: { id: 'I1' }, required: 3, compliant: 1, exempt: 0 },
      { insurer: { id: 'I2' }, required: 2, compliant: 1, exempt: 1 },
    ]);
    expect(data!.serviceCompliance.enterprises.total).toBe(5);
    expect(data!.serviceCompliance.enterprises.items.every((item: any) => item.county.code.startsWith('1401'))).toBe(true);
  });

  test('its own counties are allowed', async () => {
    const { data } = await api.as('taiyuan', '{ coverage(region: "140106", asOf: "2025-06-30") { mandatory insured } }');
    expect(data!.coverage).toEqual({ mandatory: 2, insured: 0 });
  });

  const FOREIGN = {
    coverage: 'coverage(region: $region, asOf: "2025-06-30") { mandatory }',
    uninsured: 'uninsured(region: $region) { total }',
    feeRatios: 'feeRatios(year: 2025, region: $region) { ratio }',
    regionFees: 'regionFees(year: 2025, region: $region) { ratio }',
    serviceCompliance: 'serviceCompliance(year: 2025, region: $region) { required }',
  };
  test.each(Object.entries(FOREIGN).flatMap(([name, field]) => [[name, field, '140200'], [name, field, '140213']]))(
    '%s of another city (%#) is FORBIDDEN',
    async (_name, field, region) => {
      const answer = await api.as('taiyuan', `query ($region: ID!) { ${field} }`, { region });
      expect(codeOf(answer)).toBe('FORBIDDEN');
      expect(answer.errors![0].message).toContain('太原市');
      expect(answer.data ?? null).toBeNull();
    },
  );

  test('the other city user sees the other side, never 太原', async () => {
    const { data } = await api.as('datong', `{
      coverage(asOf: "2025-06-30") { mandatory insured }
      uninsured(asOf: "2025-06-30") { items { id } }
      feeRatios(year: 2025) { insurer { id } premiumReceived preventionSpending }
      serviceCompliance(year: 2025) { required compliant exempt }
    }`);
    // 大同: E11 E12 insured, E13 E14 not.
    expect(data!.coverage).toEqual({ mandatory: 4, insured: 2 });
    expect(data!.uninsured.items.map((item: any) => item.id)).toEqual(['E13', 'E14']);
    // I1: no 大同 policy starting 2025, ledger L2 5850.00; I2: P12 × 66.67% + P14 = 46667.01; I3: P12 × 33.33% = 3333.00, L5 2000.00
    expect(data!.feeRatios).toEqual([
      { insurer: { id: 'I1' }, premiumReceived: '0.00', preventionSpending: '5850.00' },
      { insurer: { id: 'I2' }, premiumReceived: '46667.01', preventionSpending: '0.00' },
      { insurer: { id: 'I3' }, premiumReceived: '3333.00', preventionSpending: '2000.00' },
    ]);
    expect(data!.serviceCompliance).toEqual({ required: 3, compliant: 2, exempt: 0 });
  });
});

describe('an insurer user sees its own figures only', () => {
  test('fee ratios: its own row, in every region', async () => {
    const { data } = await api.as('insurerI3', `{
      all: feeRatios(year: 2025) { insurer { id } premiumReceived preventionSpending }
      datong: feeRatios(year: 2025, region: "140200") { insurer { id } premiumReceived }
    }`);
    // I3: P07 10000 + P09 1000 + P12 × 33.33% 3333.003333 = 14333.00; ledger L5 2000.00
    expect(data!.all).toEqual([{ insurer: { id: 'I3' }, premiumReceived: '14333.00', preventionSpending: '2000.00' }]);
    expect(data!.datong).toEqual([{ insurer: { id: 'I3' }, premiumReceived: '3333.00' }]);
  });

  test('services: the enterprises it insured, and its own row per insurer', async () => {
    const { data } = await api.as('insurerI2', `{ serviceCompliance(year: 2025) {
      required compliant exempt byInsurer { insurer { id } } enterprises { total items { enterpriseId } }
      children { region { code } required } } }`);
    // I2 insured E02 ✗ E03 ✓ E05 exempt E12 ✓ E14 ✗ in 2025.
    expect(data!.serviceCompliance).toMatchObject({ required: 4, compliant: 2, exempt: 1, byInsurer: [{ insurer: { id: 'I2' } }] });
    expect(data!.serviceCompliance.enterprises.items.map((item: any) => item.enterpriseId).sort()).toEqual(['E02', 'E03', 'E05', 'E12', 'E14']);
    // 太原: E02, E03 (E04 is I1's, E05 exempt) → 2 required; 大同: E12, E14 → 2
    const byCity = Object.fromEntries(data!.serviceCompliance.children.map((node: any) => [node.region.code, node.required]));
    expect(byCity['140100']).toBe(2);
    expect(byCity['140200']).toBe(2);
  });

  test.each(['coverage', 'uninsured', 'regionFees'] as const)('%s of the whole market is FORBIDDEN', async (name) => {
    const answer = await api.as('insurerI2', ALL_QUERIES[name]);
    expect(codeOf(answer)).toBe('FORBIDDEN');
  });
});

describe('bad arguments give BAD_USER_INPUT saying what is allowed', () => {
  const cases: Array<[string, string, Record<string, unknown>, RegExp]> = [
    ['unknown region', 'query ($r: ID!) { coverage(region: $r) { mandatory } }', { r: '999999' }, /Unknown region code "999999".*140000/],
    ['unknown region in fees', 'query ($r: ID) { feeRatios(year: 2025, region: $r) { ratio } }', { r: 'x' }, /Unknown region code/],
    ['year too early', 'query ($y: Int!) { feeRatios(year: $y) { ratio } }', { y: 1999 }, /year must be between 2000 and 2100/],
    ['year too late', 'query ($y: Int!) { serviceCompliance(year: $y) { rate } }', { y: 2101 }, /year must be between 2000 and 2100/],
    ['page size too large', 'query ($n: Int!) { uninsured(pageSize: $n) { total } }', { n: 201 }, /pageSize must be at most 200/],
    ['page size too large in a nested list', 'query ($n: Int!) { serviceCompliance(year: 2025) { enterprises(pageSize: $n) { total } } }', { n: 500 }, /pageSize must be at most 200/],
    ['page zero', 'query ($p: Int!) { uninsured(page: $p) { total } }', { p: 0 }, /page must be 1 or more/],
    ['malformed date', 'query ($d: Date) { coverage(asOf: $d) { mandatory } }', { d: '2025-13-01' }, /YYYY-MM-DD/],
    ['not a day', 'query ($d: Date) { coverage(asOf: $d) { mandatory } }', { d: '2023-02-29' }, /calendar day/],
    ['empty industry set', '{ coverage(industries: []) { mandatory } }', {}, /at least one industry/],
  ];
  test.each(cases)('%s', async (_name, query, variables, message) => {
    const answer = await api.as('province', query, variables);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(message);
  });

  test('a malformed date written in the query itself', async () => {
    const answer = await api.as('province', '{ coverage(asOf: "30/06/2025") { mandatory } }');
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(/YYYY-MM-DD/);
  });
});

describe('limits and masking', () => {
  test('a query nested too deep is refused before it runs', async () => {
    const deep = '{ coverage { children { children { children { children { children { children { children { children { children { mandatory } } } } } } } } } } }';
    const answer = await api.as('province', deep);
    expect(answer.errors![0].message).toMatch(/at most 10/);
    expect(answer.data ?? null).toBeNull();
  });

  test('a query asking for too many fields is refused', async () => {
    const aliases = Array.from({ length: 700 }, (_, index) => `r${index}: rules { id kind value }`).join(' ');
    const answer = await api.as('province', `{ ${aliases} }`);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(/at most 2000/);
  });

  test('a warehouse failure reaches the client as a generic error and the log with its ClickHouse code', async () => {
    await api.warehouse.command({ query: 'RENAME TABLE insurer_fees TO insurer_fees_away' });
    try {
      const answer = await api.as('province', '{ feeRatios(year: 2031) { ratio } }');
      expect(codeOf(answer)).toBe('INTERNAL_SERVER_ERROR');
      expect(answer.errors![0].message).not.toMatch(/insurer_fees|SELECT|at /);
      expect(JSON.stringify(answer)).not.toMatch(/stack|SELECT/);
      const logged = api.logged.at(-1)!;
      expect(logged.details!.clickhouseCode).toBe('60');
      expect(String(logged.details!.error)).toContain('insurer_fees');
    } finally {
      await api.warehouse.command({ query: 'RENAME TABLE insurer_fees_away TO insurer_fees' });
    }
  });
});
