/**
 * The violations list on the fixture of test/fixtures/api (see its README), year 2025 (judged on 2025-12-31 for the
 * uninsured; first-service windows judged with asOf 2025-12-31). Every breach, in the order of ViolationRule:
 *   UNINSURED on 2025-12-31: active then are P01 E01, P02 E02, P05 E05, P12 E12, P14 E14 → of the 11 mandatory,
 *     E03 E04 (小店), E08 E09 (迎泽), E11 (新荣), E13 (平城) are uninsured → 6
 *   FEE_RATIO_BELOW_FLOOR: I3 2000.00 / 14333.00 = 13.95% < 15% → 1; FEE_RATIO_ABOVE_CAP: I2 16000.00 / 72667.01 = 22.02% > 21% → 1
 *   SERVICES_SHORT: E04 (丁 sorts before 乙 in 小店), E02, E14 → 3
 *   FIRST_SERVICE_LATE (policies starting 2025): P12 → 1; FIRST_SERVICE_MISSING: P14 → 1
 *   DEATH_LIMIT_BELOW_FLOOR (starting 2025): P14 → 1
 *   UNQUALIFIED_PROVIDER (services dated 2025): S24 PV4 no qualification (小店, 04-20), S22 PV2 blacklisted (小店, 06-10),
 *     S23 PV3 expired 03-31 (平城, 05-05); S25 on PV3's last qualified day is not one → 3
 *   total 6 + 1 + 1 + 3 + 1 + 1 + 1 + 3 = 17
 */
import { codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-violations');
});

afterAll(async () => {
  await api?.close();
});

const VIOLATIONS = `query ($year: Int!, $region: ID!, $insurer: ID, $kinds: [ViolationRule!], $page: Int!, $pageSize: Int!) {
  violations(year: $year, region: $region, insurer: $insurer, kinds: $kinds, asOf: "2025-12-31", page: $page, pageSize: $pageSize) {
    total page pageSize byKind { kind count }
    items { kind rule { id source } day county { code } enterpriseId enterpriseName policyId serviceId providerId insurers { id } detail }
  }
}`;

const ask = (user: Parameters<FixtureApi['as']>[0], variables: Record<string, unknown>) =>
  api.as(user, VIOLATIONS, { year: 2025, region: '140000', page: 1, pageSize: 50, ...variables });

const brief = (item: any): string => `${item.kind} ${item.enterpriseId ?? ''}${item.policyId ? `/${item.policyId}` : ''}${item.serviceId ? `/${item.serviceId}` : ''}${item.insurers.length ? ` [${item.insurers.map((insurer: any) => insurer.id).join(' ')}]` : ''}`;

test('every breach of 2025 in the province', async () => {
  const { data, errors } = await ask('province', {});
  expect(errors).toBeUndefined();
  const list = data!.violations;
  expect(list.total).toBe(17);
  expect(list.byKind).toEqual([
    { kind: 'UNINSURED', count: 6 },
    { kind: 'FEE_RATIO_BELOW_FLOOR', count: 1 },
    { kind: 'FEE_RATIO_ABOVE_CAP', count: 1 },
    { kind: 'SERVICES_SHORT', count: 3 },
    { kind: 'FIRST_SERVICE_LATE', count: 1 },
    { kind: 'FIRST_SERVICE_MISSING', count: 1 },
    { kind: 'DEATH_LIMIT_BELOW_FLOOR', count: 1 },
    { kind: 'UNQUALIFIED_PROVIDER', count: 3 },
  ]);
  expect(list.items.map(brief)).toEqual([
    'UNINSURED E03', 'UNINSURED E04', 'UNINSURED E08', 'UNINSURED E09', 'UNINSURED E11', 'UNINSURED E13',
    'FEE_RATIO_BELOW_FLOOR  [I3]', 'FEE_RATIO_ABOVE_CAP  [I2]',
    'SERVICES_SHORT E04', 'SERVICES_SHORT E02', 'SERVICES_SHORT E14',
    'FIRST_SERVICE_LATE E12/P12 [I2 I3]', 'FIRST_SERVICE_MISSING E14/P14 [I2]',
    'DEATH_LIMIT_BELOW_FLOOR E14/P14 [I2]',
    'UNQUALIFIED_PROVIDER E05/P05/S24 [I2]', 'UNQUALIFIED_PROVIDER E01/P01/S22 [I1]', 'UNQUALIFIED_PROVIDER E12/P12/S23 [I2]',
  ]);
});

test('each breach names its rule, source, day and what was found', async () => {
  const { data } = await ask('province', {});
  const byKey = Object.fromEntries(data!.violations.items.map((item: any) => [brief(item), item]));
  expect(byKey['UNINSURED E04']).toMatchObject({
    rule: { id: 'mandatory_insurance/2024', source: expect.stringContaining('晋应急发〔2024〕114号') }, day: '2025-12-31',
    county: { code: '140105' }, enterpriseName: '太原小店丁矿业有限公司', detail: 'No active policy on 2025-12-31; the last policy ended on 2025-06-29',
  });
  expect(byKey['UNINSURED E08'].detail).toBe('No active policy on 2025-12-31; never insured');
  expect(byKey['FEE_RATIO_BELOW_FLOOR  [I3]']).toMatchObject({
    rule: { id: 'fee_ratio_floor/2024' }, day: '2025-12-31', county: null, enterpriseId: null,
    detail: 'Prevention spending 2000.00 is 13.95% of premium received 14333.00 in 2025, below the floor of 15%',
  });
  expect(byKey['FEE_RATIO_ABOVE_CAP  [I2]']).toMatchObject({
    rule: { id: 'fee_ratio_cap/2025', source: expect.stringContaining('应急〔2025〕27号') },
    detail: 'Prevention spending 16000.00 is 22.02% of premium received 72667.01 in 2025, above the cap of 21%',
  });
  // E02 is a coal mine (2 of each), E04 non-coal large (1 of each)
  expect(byKey['SERVICES_SHORT E02']).toMatchObject({ rule: { id: 'service_frequency_coal/2024' }, detail: 'Risk assessments 2, hazard investigations 1 in 2025; 2 of each required' });
  expect(byKey['SERVICES_SHORT E04'].rule.id).toBe('service_frequency_large_medium/2024');
  expect(byKey['FIRST_SERVICE_LATE E12/P12 [I2 I3]']).toMatchObject({
    rule: { id: 'first_service_window/2024' }, day: '2025-04-15',
    detail: 'First service on 2025-04-16, after the window from 2025-01-15 to 2025-04-15',
  });
  expect(byKey['FIRST_SERVICE_MISSING E14/P14 [I2]'].detail).toBe('No service by its insurers from 2025-07-01 to 2025-12-31; the window ended on 2025-10-01');
  expect(byKey['DEATH_LIMIT_BELOW_FLOOR E14/P14 [I2]']).toMatchObject({
    rule: { id: 'death_limit_floor/2025' }, day: '2025-07-01',
    detail: 'Death limit 350000.00 per person is below the floor of 400000.00 in force on 2025-07-01',
  });
  expect(byKey['UNQUALIFIED_PROVIDER E01/P01/S22 [I1]']).toMatchObject({
    rule: { id: 'provider_qualification/2024' }, day: '2025-06-10', providerId: 'PV2',
    detail: 'Service S22 on 2025-06-10 by provider 山西某黑名单安全咨询有限公司, which is blacklisted',
  });
  expect(byKey['UNQUALIFIED_PROVIDER E12/P12/S23 [I2]'].detail).toContain('held a qualification valid only until 2025-03-31');
  expect(byKey['UNQUALIFIED_PROVIDER E05/P05/S24 [I2]'].detail).toContain('holds no recorded qualification');
});

const FACTS = `query {
  violations(year: 2025, region: "140000", asOf: "2025-12-31", page: 1, pageSize: 50) {
    items {
      kind enterpriseId policyId serviceId insurers { id }
      facts {
        evaluatedOn lastPolicyEnd year preventionSpending premiumReceived ratio limitPercent
        riskAssessments hazardInvestigations requiredEach windowStart windowEnd firstService
        deathLimit deathLimitFloor providerName providerDefect qualifiedUntil
      }
    }
  }
}`;

/** Every fact null but those named: a kind fills its own fields only. */
const only = (facts: Record<string, unknown>) => ({
  evaluatedOn: null, lastPolicyEnd: null, year: null, preventionSpending: null, premiumReceived: null, ratio: null, limitPercent: null,
  riskAssessments: null, hazardInvestigations: null, requiredEach: null, windowStart: null, windowEnd: null, firstService: null,
  deathLimit: null, deathLimitFloor: null, providerName: null, providerDefect: null, qualifiedUntil: null,
  ...facts,
});

test('each breach carries the figures it compares as language-neutral facts', async () => {
  const { data, errors } = await api.as('province', FACTS);
  expect(errors).toBeUndefined();
  const facts = Object.fromEntries(data!.violations.items.map((item: any) => [brief(item), item.facts]));
  expect(facts['UNINSURED E04']).toEqual(only({ evaluatedOn: '2025-12-31', lastPolicyEnd: '2025-06-29' }));
  expect(facts['UNINSURED E08']).toEqual(only({ evaluatedOn: '2025-12-31' }));
  const below = facts['FEE_RATIO_BELOW_FLOOR  [I3]'];
  expect(below).toEqual(only({ year: 2025, preventionSpending: '2000.00', premiumReceived: '14333.00', ratio: below.ratio, limitPercent: '15' }));
  // premium received is exact to the share (a fraction of a fen off 14333.00)
  expect(below.ratio).toBeCloseTo(2000 / 14333, 6);
  const above = facts['FEE_RATIO_ABOVE_CAP  [I2]'];
  expect(above).toMatchObject({ year: 2025, preventionSpending: '16000.00', premiumReceived: '72667.01', limitPercent: '21' });
  expect(above.ratio).toBeCloseTo(16000 / 72667.01, 6);
  expect(facts['SERVICES_SHORT E02']).toEqual(only({ year: 2025, riskAssessments: 2, hazardInvestigations: 1, requiredEach: 2 }));
  expect(facts['FIRST_SERVICE_LATE E12/P12 [I2 I3]']).toEqual(only({ windowStart: '2025-01-15', windowEnd: '2025-04-15', firstService: '2025-04-16' }));
  expect(facts['FIRST_SERVICE_MISSING E14/P14 [I2]']).toEqual(only({ windowStart: '2025-07-01', windowEnd: '2025-10-01', evaluatedOn: '2025-12-31' }));
  expect(facts['DEATH_LIMIT_BELOW_FLOOR E14/P14 [I2]']).toEqual(only({ deathLimit: '350000.00', deathLimitFloor: '400000.00' }));
  expect(facts['UNQUALIFIED_PROVIDER E01/P01/S22 [I1]']).toEqual(only({ providerName: '山西某黑名单安全咨询有限公司', providerDefect: 'BLACKLISTED' }));
  expect(facts['UNQUALIFIED_PROVIDER E12/P12/S23 [I2]']).toMatchObject({ providerDefect: 'QUALIFICATION_EXPIRED', qualifiedUntil: '2025-03-31' });
  expect(facts['UNQUALIFIED_PROVIDER E05/P05/S24 [I2]']).toMatchObject({ providerDefect: 'NO_QUALIFICATION', qualifiedUntil: null });
});

test('pages run across kinds', async () => {
  const { data } = await ask('province', { page: 2, pageSize: 5 });
  // Items 6..10: the last uninsured (E13), both fee ratios, the first two services short (E04, E02)
  expect(data!.violations).toMatchObject({ total: 17, page: 2, pageSize: 5 });
  expect(data!.violations.items.map(brief)).toEqual([
    'UNINSURED E13', 'FEE_RATIO_BELOW_FLOOR  [I3]', 'FEE_RATIO_ABOVE_CAP  [I2]', 'SERVICES_SHORT E04', 'SERVICES_SHORT E02',
  ]);
  const last = await ask('province', { page: 4, pageSize: 5 });
  // Items 16..17
  expect(last.data!.violations.items.map(brief)).toEqual(['UNQUALIFIED_PROVIDER E01/P01/S22 [I1]', 'UNQUALIFIED_PROVIDER E12/P12/S23 [I2]']);
  const beyond = await ask('province', { page: 5, pageSize: 5 });
  expect(beyond.data!.violations).toMatchObject({ total: 17, items: [] });
});

test('filters: kinds, insurer, year', async () => {
  const kinds = await ask('province', { kinds: ['DEATH_LIMIT_BELOW_FLOOR', 'UNQUALIFIED_PROVIDER'] });
  expect(kinds.data!.violations.total).toBe(4);
  expect(kinds.data!.violations.byKind.map((row: any) => row.kind)).toEqual(['DEATH_LIMIT_BELOW_FLOOR', 'UNQUALIFIED_PROVIDER']);

  const i2 = await ask('province', { insurer: 'I2' });
  // I2: no uninsured (no insurer behind them); above cap; services short among its enterprises E02, E14;
  // P12 late and P14 missing; P14's death limit; S24 and S23 by unqualified providers → 1 + 2 + 1 + 1 + 1 + 2 = 8
  expect(i2.data!.violations.total).toBe(8);
  expect(i2.data!.violations.items.map(brief)).toEqual([
    'FEE_RATIO_ABOVE_CAP  [I2]', 'SERVICES_SHORT E02', 'SERVICES_SHORT E14',
    'FIRST_SERVICE_LATE E12/P12 [I2 I3]', 'FIRST_SERVICE_MISSING E14/P14 [I2]', 'DEATH_LIMIT_BELOW_FLOOR E14/P14 [I2]',
    'UNQUALIFIED_PROVIDER E05/P05/S24 [I2]', 'UNQUALIFIED_PROVIDER E12/P12/S23 [I2]',
  ]);

  const year2024 = await api.as('province', VIOLATIONS, { year: 2024, region: '140000', kinds: ['DEATH_LIMIT_BELOW_FLOOR', 'FIRST_SERVICE_LATE'], page: 1, pageSize: 50 });
  // 2024 starts: P15 250000.00 below 300000.00; P03 and P04 late (first services in 2025)
  expect(year2024.data!.violations.items.map(brief)).toEqual([
    'FIRST_SERVICE_LATE E04/P04 [I1]', 'FIRST_SERVICE_LATE E03/P03 [I2]', 'DEATH_LIMIT_BELOW_FLOOR E07/P15 [I3]',
  ]);
});

describe('one enterprise (the enterprise page)', () => {
  const ofEnterprise = (user: Parameters<FixtureApi['as']>[0], enterprise: string, variables: Record<string, unknown> = {}) =>
    api.as(user, `query ($enterprise: ID, $kinds: [ViolationRule!]) {
      violations(year: 2025, enterprise: $enterprise, kinds: $kinds, asOf: "2025-12-31", page: 1, pageSize: 50) {
        total byKind { kind count } items { kind enterpriseId policyId serviceId insurers { id } }
      }
    }`, { enterprise, ...variables });

  test('its breaches of every kind, and only its', async () => {
    // E14 (平城): serviced too little, no first service on P14, P14's death limit below the floor; E04 (小店): uninsured, serviced too little
    const e14 = await ofEnterprise('province', 'E14');
    expect(e14.errors).toBeUndefined();
    expect(e14.data!.violations.items.map(brief)).toEqual(['SERVICES_SHORT E14', 'FIRST_SERVICE_MISSING E14/P14 [I2]', 'DEATH_LIMIT_BELOW_FLOOR E14/P14 [I2]']);
    expect(e14.data!.violations.total).toBe(3);
    const e04 = await ofEnterprise('province', 'E04');
    expect(e04.data!.violations.items.map(brief)).toEqual(['UNINSURED E04', 'SERVICES_SHORT E04']);
    expect(e04.data!.violations.byKind.filter((row: any) => row.count > 0)).toEqual([{ kind: 'UNINSURED', count: 1 }, { kind: 'SERVICES_SHORT', count: 1 }]);
    const kinds = await ofEnterprise('province', 'E04', { kinds: ['SERVICES_SHORT'] });
    expect(kinds.data!.violations.items.map(brief)).toEqual(['SERVICES_SHORT E04']);
  });

  test('scoped like the rest: a city sees none of another city’s enterprise, an insurer its own breaches of it', async () => {
    expect((await ofEnterprise('taiyuan', 'E04')).data!.violations.total).toBe(2);
    const foreign = await ofEnterprise('datong', 'E04');
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!.violations).toMatchObject({ total: 0, items: [] });
    // I3 insures none of E14's breached policies (P14 is I2's)
    expect((await ofEnterprise('insurerI3', 'E14')).data!.violations.items.map(brief)).not.toContain('DEATH_LIMIT_BELOW_FLOOR E14/P14 [I2]');
    expect((await ofEnterprise('province', 'E99-unknown')).data!.violations.total).toBe(0);
  });
});

describe('scope', () => {
  test('a city user: breaches within its city, fee ratios on its city’s figures', async () => {
    const { data } = await ask('taiyuan', {});
    // 太原: uninsured E03 E04 E08 E09; fee ratios on 太原's figures (as feeRatios for 太原): I1 15000 / 139000 = 10.8% and
    // I3 0 / 11000 below 15%, I2 16000 / 26000 = 61.5% above 21%; services short E04 E02; unqualified S24 S22
    // → 4 + 2 + 1 + 2 + 2 = 11
    expect(data!.violations.total).toBe(11);
    expect(data!.violations.items.map(brief)).toEqual([
      'UNINSURED E03', 'UNINSURED E04', 'UNINSURED E08', 'UNINSURED E09',
      'FEE_RATIO_BELOW_FLOOR  [I1]', 'FEE_RATIO_BELOW_FLOOR  [I3]', 'FEE_RATIO_ABOVE_CAP  [I2]',
      'SERVICES_SHORT E04', 'SERVICES_SHORT E02',
      'UNQUALIFIED_PROVIDER E05/P05/S24 [I2]', 'UNQUALIFIED_PROVIDER E01/P01/S22 [I1]',
    ]);
    expect(data!.violations.items.every((item: any) => item.county === null || item.county.code.startsWith('1401'))).toBe(true);
    const forbidden = await ask('taiyuan', { region: '140213' });
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
  });

  test('an insurer user: its own breaches only; another insurer is FORBIDDEN', async () => {
    const { data } = await ask('insurerI3', {});
    // I3: below the floor; P12 late (its share); nothing else of its own (E11 E12 served enough, its services had no provider)
    expect(data!.violations.items.map(brief)).toEqual(['FEE_RATIO_BELOW_FLOOR  [I3]', 'FIRST_SERVICE_LATE E12/P12 [I2 I3]']);
    expect(data!.violations.byKind.map((row: any) => row.kind)).not.toContain('UNINSURED');
    const forbidden = await ask('insurerI3', { insurer: 'I2' });
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    expect(forbidden.errors![0].message).toContain('insurer I3 only');
    const own = await ask('insurerI3', { insurer: 'I3' });
    expect(own.data!.violations.total).toBe(2);
  });
});

test.each([
  ['year out of range', { year: 1900 }, /year must be between 2000 and 2100/],
  ['page size too large', { pageSize: 201 }, /pageSize must be at most 200/],
  ['unknown region', { region: '140' }, /Unknown region code "140"/],
])('%s is BAD_USER_INPUT', async (_name, variables, message) => {
  const answer = await ask('province', variables);
  expect(codeOf(answer)).toBe('BAD_USER_INPUT');
  expect(answer.errors![0].message).toMatch(message);
});
