/**
 * Every indicator of this API on the fixture of test/fixtures/api (see its README for the rows),
 * through HTTP as the province user. Expected values are worked out by hand from the fixture; each
 * comment shows the arithmetic.
 */
import { runEtl } from '../../etl/load/run';
import { PolicyRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { child, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;
/** Warehouse queries the server's resolvers have issued so far. */
let warehouseQueries = 0;

beforeAll(async () => {
  api = await startFixtureApi('api-indicators', { onWarehouseQuery: () => { warehouseQueries += 1; } });
});

afterAll(async () => {
  await api?.close();
});

const COVERAGE = `query ($region: ID!, $asOf: Date, $industries: [Industry!]) {
  coverage(region: $region, asOf: $asOf, industries: $industries) {
    region { code name } asOf mandatory insured rate
    byIndustry { industry mandatory insured rate }
    children { region { code } mandatory insured rate children { region { code } mandatory insured rate } }
  }
}`;

describe('coverage (投保率) on 2025-06-30', () => {
  test('province, cities and counties', async () => {
    const { data, errors } = await api.as('province', COVERAGE, { region: '140000', asOf: '2025-06-30' });
    expect(errors).toBeUndefined();
    const province = data!.coverage;
    // mandatory = operating high-risk: E01 E02 E03 E04 E05 (小店) + E08 E09 (迎泽) + E11 E14 (新荣) + E12 E13 (平城) = 11
    //   (E06 closed, E07 other industry, E10 suspended are out)
    // insured   = E01 E02 E03 (P03 ends on asOf) E05 + E11 + E12 = 6 (E04 ended the day before, E09 cancelled, E14 starts 07-01)
    expect(province).toMatchObject({ region: { code: '140000', name: '山西省' }, asOf: '2025-06-30', mandatory: 11, insured: 6 });
    expect(province.rate).toBeCloseTo(6 / 11, 12);
    expect(province.children).toHaveLength(11);

    const taiyuan = child(province, '140100');
    // 小店 5 mandatory, 4 insured; 迎泽 2 mandatory (E08, E09), 0 insured → 7 / 4
    expect(taiyuan).toMatchObject({ mandatory: 7, insured: 4 });
    expect(taiyuan.rate).toBeCloseTo(4 / 7, 12);
    expect(child(taiyuan, '140105')).toMatchObject({ mandatory: 5, insured: 4, rate: 0.8 });
    expect(child(taiyuan, '140106')).toMatchObject({ mandatory: 2, insured: 0, rate: 0 });
    // A county with no mandatory enterprise has an undefined rate, not 0 and not 100%.
    expect(child(taiyuan, '140107')).toMatchObject({ mandatory: 0, insured: 0, rate: null });
    expect(taiyuan.children).toHaveLength(10);

    const datong = child(province, '140200');
    // 新荣 E11 insured, E14 not; 平城 E12 insured, E13 not → 4 / 2
    expect(datong).toMatchObject({ mandatory: 4, insured: 2, rate: 0.5 });
    expect(child(datong, '140212')).toMatchObject({ mandatory: 2, insured: 1, rate: 0.5 });
    expect(child(datong, '140213')).toMatchObject({ mandatory: 2, insured: 1, rate: 0.5 });
    expect(child(province, '140300')).toMatchObject({ mandatory: 0, insured: 0, rate: null });

    // By industry: coal E01 E02 E11 insured → 3/3; non-coal E04 ✗ E12 ✓ → 1/2; chemicals E03 ✓ E09 ✗ E13 ✗ → 1/3;
    // fireworks E05 ✓ → 1/1; metallurgy E08 ✗ E14 ✗ → 0/2 (E06 closed).
    expect(province.byIndustry).toEqual([
      { industry: 'COAL_MINE', mandatory: 3, insured: 3, rate: 1 },
      { industry: 'NON_COAL_MINE', mandatory: 2, insured: 1, rate: 0.5 },
      { industry: 'HAZARDOUS_CHEMICALS', mandatory: 3, insured: 1, rate: 1 / 3 },
      { industry: 'FIREWORKS', mandatory: 1, insured: 1, rate: 1 },
      { industry: 'METALLURGY', mandatory: 2, insured: 0, rate: 0 },
    ]);
  });

  test('a county has no children; the day before and after asOf move the boundary policies', async () => {
    const county = await api.as('province', COVERAGE, { region: '140105', asOf: '2025-06-29' });
    // 2025-06-29: P04 still active (ends that day) → 小店 all five insured.
    expect(county.data!.coverage).toMatchObject({ region: { code: '140105', name: '小店区' }, mandatory: 5, insured: 5, rate: 1, children: [] });
    const after = await api.as('province', COVERAGE, { region: '140000', asOf: '2025-07-01' });
    // 2025-07-01: P03 ended 06-30 (E03 out), P14 starts (E14 in): still 6 of 11.
    expect(after.data!.coverage).toMatchObject({ mandatory: 11, insured: 6 });
    expect(child(child(after.data!.coverage, '140200'), '140212')).toMatchObject({ mandatory: 2, insured: 2 });
    expect(child(child(after.data!.coverage, '140100'), '140105')).toMatchObject({ mandatory: 5, insured: 3 });
  });

  test('an industry subset', async () => {
    const { data } = await api.as('province', COVERAGE, { region: '140000', asOf: '2025-06-30', industries: ['HAZARDOUS_CHEMICALS', 'METALLURGY'] });
    // chemicals 1/3 + metallurgy 0/2 = 1/5
    expect(data!.coverage).toMatchObject({ mandatory: 5, insured: 1, rate: 0.2 });
    expect(data!.coverage.byIndustry.map((row: any) => row.industry)).toEqual(['HAZARDOUS_CHEMICALS', 'METALLURGY']);
  });
});

describe('uninsured list (应保未保) on 2025-06-30', () => {
  const UNINSURED = `query ($region: ID!, $sort: UninsuredSort!, $direction: SortDirection!, $page: Int!, $pageSize: Int!) {
    uninsured(region: $region, asOf: "2025-06-30", sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {
      total page pageSize items { id name industry size county { code } history lastPolicyEnd }
    }
  }`;

  test('lapsed and never insured, with the last policy end, sorted and paged', async () => {
    const { data, errors } = await api.as('province', UNINSURED, { region: '140000', sort: 'LAST_POLICY_END', direction: 'DESC', page: 1, pageSize: 10 });
    expect(errors).toBeUndefined();
    // Uninsured = 11 mandatory − 6 insured = 5: E04 (ended 2025-06-29), E13 (ended 2023-12-31) lapsed;
    // E08 (no policy), E09 (only a cancelled one), E14 (its only policy starts after asOf) never insured.
    expect(data!.uninsured.total).toBe(5);
    expect(data!.uninsured.items.map((item: any) => [item.id, item.history, item.lastPolicyEnd])).toEqual([
      ['E04', 'LAPSED', '2025-06-29'],
      ['E13', 'LAPSED', '2023-12-31'],
      // Never insured last when sorting descending (no end date), then by id.
      ['E08', 'NEVER_INSURED', null],
      ['E09', 'NEVER_INSURED', null],
      ['E14', 'NEVER_INSURED', null],
    ]);
    expect(data!.uninsured.items[0]).toMatchObject({ industry: 'NON_COAL_MINE', size: 'large', county: { code: '140105' } });

    const page2 = await api.as('province', UNINSURED, { region: '140000', sort: 'COUNTY', direction: 'ASC', page: 2, pageSize: 2 });
    // By county: 140105 E04, 140106 E08 E09, 140212 E14, 140213 E13 → page 2 of size 2 = E09, E14
    expect(page2.data!.uninsured).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.data!.uninsured.items.map((item: any) => item.id)).toEqual(['E09', 'E14']);

    const beyond = await api.as('province', UNINSURED, { region: '140000', sort: 'NAME', direction: 'ASC', page: 4, pageSize: 2 });
    expect(beyond.data!.uninsured).toMatchObject({ total: 5, items: [] });

    const datong = await api.as('province', UNINSURED, { region: '140200', sort: 'INDUSTRY', direction: 'ASC', page: 1, pageSize: 10 });
    // 大同: E13 hazardous_chemicals, E14 metallurgy (industry codes sort alphabetically)
    expect(datong.data!.uninsured.items.map((item: any) => item.id)).toEqual(['E13', 'E14']);
  });
});

describe('fee ratios (预防费用占比)', () => {
  const FEES = `query ($year: Int!, $region: ID) {
    feeRatios(year: $year, region: $region) {
      insurer { id name } year premiumReceived preventionSpending ratio compliant meetsFloor withinCap
      floorRule { id source } capRule { id source }
    }
  }`;

  test('2025 per insurer, judged against the 15% floor and the 21% cap in force at the year end', async () => {
    const { data, errors } = await api.as('province', FEES, { year: 2025 });
    expect(errors).toBeUndefined();
    const [i1, i2, i3] = data!.feeRatios;
    expect(data!.feeRatios).toHaveLength(3);
    // I1 premium: P01 100000.00 + P02 45000.00 × 60% = 27000.00 + P06 12000.00 = 139000.00 (P04, P11 started 2024)
    // I1 spending: L1 15000.00 + L2 5850.00 = 20850.00 → 20850 / 139000 = 0.15 exactly: meets the floor, within the cap.
    expect(i1).toMatchObject({
      insurer: { id: 'I1', name: '中国人民财产保险股份有限公司山西省分公司' },
      premiumReceived: '139000.00', preventionSpending: '20850.00', compliant: true, meetsFloor: true, withinCap: true,
      floorRule: { id: 'fee_ratio_floor/2024' }, capRule: { id: 'fee_ratio_cap/2025' },
    });
    expect(i1.ratio).toBeCloseTo(0.15, 12);
    // I2 premium: P02 45000.00 × 40% = 18000.00 + P05 8000.00 + P12 10000.01 × 66.67% = 6667.006667 + P14 40000.00
    //   = 72667.006667 → 72667.01; spending L3 10000.00 + L4 6000.00 = 16000.00 (L7 is dated 2026)
    //   → 16000 / 72667.006667 = 0.22018 > 21%: over the cap, not compliant.
    expect(i2).toMatchObject({ premiumReceived: '72667.01', preventionSpending: '16000.00', compliant: false, meetsFloor: true, withinCap: false });
    expect(i2.ratio).toBeCloseTo(16000 / 72667.006667, 9);
    // I3 premium: P07 10000.00 + P09 (cancelled) 1000.00 + P12 10000.01 × 33.33% = 3333.003333 → 14333.003333 → 14333.00
    //   spending L5 2000.00 → 2000 / 14333.003333 = 0.1395 < 15%
    expect(i3).toMatchObject({ premiumReceived: '14333.00', preventionSpending: '2000.00', compliant: false, meetsFloor: false, withinCap: true });
    expect(i3.ratio).toBeCloseTo(2000 / 14333.003333, 9);
    expect(i3.capRule.source).toContain('应急〔2025〕27号');
  });

  test('2024 has no cap in force; a region narrows premium and ledger', async () => {
    const { data } = await api.as('province', FEES, { year: 2024 });
    // I1: P04 20000.00 + P11 60000.00 × 50% = 50000.00; ledger L6 3000.00 → 6%
    // I2: P03 30000.00, no ledger → 0%; I3: P11 × 50% = 30000.00, no ledger → 0%
    expect(data!.feeRatios.map((row: any) => [row.insurer.id, row.premiumReceived, row.preventionSpending, row.compliant, row.withinCap, row.capRule])).toEqual([
      ['I1', '50000.00', '3000.00', false, null, null],
      ['I2', '30000.00', '0.00', false, null, null],
      ['I3', '30000.00', '0.00', false, null, null],
    ]);
    expect(data!.feeRatios[0].ratio).toBeCloseTo(0.06, 12);

    const datong = await api.as('province', FEES, { year: 2025, region: '140200' });
    // 大同 2025: I1 no policy starting 2025 there, ledger L2 5850.00 → ratio undefined (no premium), compliant null;
    // I2 P12 6667.006667 + P14 40000.00 = 46667.006667 → 46667.01, no ledger → 0%;
    // I3 P12 3333.003333 → 3333.00, ledger L5 2000.00 → 60%, over the 21% cap
    expect(datong.data!.feeRatios.map((row: any) => [row.insurer.id, row.premiumReceived, row.preventionSpending, row.ratio === null ? null : Number(row.ratio.toFixed(6)), row.compliant])).toEqual([
      ['I1', '0.00', '5850.00', null, null],
      ['I2', '46667.01', '0.00', 0, false],
      ['I3', '3333.00', '2000.00', Number((2000 / 3333.003333).toFixed(6)), false],
    ]);
  });

  test('fee figures by region: whole policy premium by enterprise region, ledger by the county it names', async () => {
    const { data, errors } = await api.as('province', `{
      regionFees(year: 2025) { premiumReceived preventionSpending ratio
        children { region { code } premiumReceived preventionSpending ratio children { region { code } premiumReceived preventionSpending } } }
    }`);
    expect(errors).toBeUndefined();
    const fees = data!.regionFees;
    // Policies starting 2025: 小店 P01 100000 + P02 45000 + P05 8000 + P06 12000 + P07 10000 = 175000.00; 迎泽 P09 1000.00;
    // 新荣 P14 40000.00; 平城 P12 10000.01 → province 226000.01 (= I1 139000.00 + I2 72667.006667 + I3 14333.003333)
    // Ledger 2025: 小店 L1 15000 + L3 10000 = 25000.00; 迎泽 L4 6000.00; 新荣 L2 5850 + L5 2000 = 7850.00 → 38850.00
    expect(fees).toMatchObject({ premiumReceived: '226000.01', preventionSpending: '38850.00' });
    expect(fees.ratio).toBeCloseTo(38850 / 226000.01, 12);
    const taiyuan = child(fees, '140100');
    expect(taiyuan).toMatchObject({ premiumReceived: '176000.00', preventionSpending: '31000.00' });
    expect(child(taiyuan, '140105')).toMatchObject({ premiumReceived: '175000.00', preventionSpending: '25000.00' });
    expect(child(taiyuan, '140106')).toMatchObject({ premiumReceived: '1000.00', preventionSpending: '6000.00' });
    const datong = child(fees, '140200');
    expect(datong).toMatchObject({ premiumReceived: '50000.01', preventionSpending: '7850.00' });
    expect(child(datong, '140213')).toMatchObject({ premiumReceived: '10000.01', preventionSpending: '0.00' });
    expect(child(fees, '140300')).toMatchObject({ premiumReceived: '0.00', preventionSpending: '0.00', ratio: null });
  });
});

describe('service frequency (服务频次) in 2025', () => {
  const SERVICES = `query ($region: ID!) {
    serviceCompliance(year: 2025, region: $region) {
      region { code } year required compliant exempt rate rules { id }
      children { region { code } required compliant exempt rate }
      byInsurer { insurer { id name } required compliant exempt rate }
      enterprises(pageSize: 20) { total items { enterpriseId requiredEach riskAssessments hazardInvestigations compliant rule { id } } }
    }
  }`;

  test('province, cities, insurers and enterprises', async () => {
    const { data, errors } = await api.as('province', SERVICES, { region: '140000' });
    expect(errors).toBeUndefined();
    const services = data!.serviceCompliance;
    // Population (operating, high-risk, a non-cancelled policy active some day of 2025):
    //   E01 E02 E03 E04 E05 E11 E12 E14 (E08 none, E09 cancelled, E13 2023 only; E06 closed; E07 other; E10 suspended)
    // Exempt: E05 (fireworks, small). Required: the other 7.
    // Compliant: E01 coal 2+2 ✓, E02 coal 2+1 ✗, E03 1+1 ✓, E04 1+0 ✗, E11 coal 2+2 in 2025 ✓, E12 1+1 ✓, E14 0+0 ✗ → 4
    expect(services).toMatchObject({ region: { code: '140000' }, year: 2025, required: 7, compliant: 4, exempt: 1 });
    expect(services.rate).toBeCloseTo(4 / 7, 12);
    expect(services.rules.map((rule: any) => rule.id)).toEqual([
      'service_frequency_coal/2024', 'service_frequency_large_medium/2024', 'service_exempt_small_micro/2024',
    ]);
    // 太原: E01 ✓ E02 ✗ E03 ✓ E04 ✗, E05 exempt → 2 / 4; 大同: E11 ✓ E12 ✓ E14 ✗ → 2 / 3
    expect(child(services, '140100')).toMatchObject({ required: 4, compliant: 2, exempt: 1, rate: 0.5 });
    expect(child(services, '140200')).toMatchObject({ required: 3, compliant: 2, exempt: 0 });
    expect(child(services, '140300')).toMatchObject({ required: 0, compliant: 0, exempt: 0, rate: null });

    // Per insurer (every insurer holding a share of a policy active in 2025, each enterprise judged on all its services):
    // I1: P01 E01 ✓, P02 E02 ✗, P04 E04 ✗, P11 E11 ✓ (P06's E06 is closed) → 2 / 4
    // I2: P02 E02 ✗, P03 E03 ✓, P05 E05 exempt, P12 E12 ✓, P14 E14 ✗ → 2 / 4, 1 exempt
    // I3: P11 E11 ✓, P12 E12 ✓ (P07's E07 is not high-risk, P09 cancelled) → 2 / 2
    expect(services.byInsurer).toEqual([
      { insurer: { id: 'I1', name: '中国人民财产保险股份有限公司山西省分公司' }, required: 4, compliant: 2, exempt: 0, rate: 0.5 },
      { insurer: { id: 'I2', name: '中国平安财产保险股份有限公司山西分公司' }, required: 4, compliant: 2, exempt: 1, rate: 0.5 },
      { insurer: { id: 'I3', name: '中国太平洋财产保险股份有限公司山西分公司' }, required: 2, compliant: 2, exempt: 0, rate: 1 },
    ]);

    // Enterprises ordered by county, then name.
    expect(services.enterprises.total).toBe(8);
    const byId = Object.fromEntries(services.enterprises.items.map((item: any) => [item.enterpriseId, item]));
    expect(byId.E01).toMatchObject({ requiredEach: 2, riskAssessments: 2, hazardInvestigations: 2, compliant: true, rule: { id: 'service_frequency_coal/2024' } });
    expect(byId.E02).toMatchObject({ requiredEach: 2, riskAssessments: 2, hazardInvestigations: 1, compliant: false });
    expect(byId.E04).toMatchObject({ requiredEach: 1, riskAssessments: 1, hazardInvestigations: 0, compliant: false, rule: { id: 'service_frequency_large_medium/2024' } });
    expect(byId.E05).toMatchObject({ requiredEach: null, riskAssessments: 1, compliant: null, rule: { id: 'service_exempt_small_micro/2024' } });
    // E11: the 2024-12-15 investigation does not count for 2025.
    expect(byId.E11).toMatchObject({ riskAssessments: 2, hazardInvestigations: 2, compliant: true });
    expect(byId.E14).toMatchObject({ requiredEach: 1, riskAssessments: 0, hazardInvestigations: 0, compliant: false });
    expect(Object.keys(byId).sort()).toEqual(['E01', 'E02', 'E03', 'E04', 'E05', 'E11', 'E12', 'E14']);
  });

  test('the list of enterprises failing their requirement', async () => {
    const { data } = await api.as('province', `{ serviceCompliance(year: 2025) {
      enterprises(filter: NOT_COMPLIANT, pageSize: 2, page: 2) { total page items { enterpriseId } } } }`);
    // Failing: E02, E04 (小店), E14 (新荣); ordered by county then name → page 2 of size 2 = E14
    expect(data!.serviceCompliance.enterprises).toEqual({ total: 3, page: 2, items: [{ enterpriseId: 'E14' }] });
  });
});

describe('rulebook and freshness', () => {
  test('rules in force on a day, with their sources', async () => {
    const { data } = await api.as('province', `{ before: rules(inForceOn: "2025-03-28") { id value } after: rules(inForceOn: "2025-03-29") { id value source } }`);
    const before = Object.fromEntries(data!.before.map((rule: any) => [rule.id, rule.value]));
    expect(before['death_limit_floor/2024']).toBe('300000.00');
    expect(before['fee_ratio_cap/2025']).toBeUndefined();
    const after = Object.fromEntries(data!.after.map((rule: any) => [rule.id, rule]));
    expect(after['death_limit_floor/2025'].value).toBe('400000.00');
    expect(after['death_limit_floor/2024']).toBeUndefined();
    expect(after['fee_ratio_cap/2025']).toMatchObject({ value: '21' });
    expect(after['fee_ratio_floor/2024'].source).toContain('晋应急发〔2024〕114号');
  });

  test('the last ETL run, its watermark and rows', async () => {
    const { data } = await api.as('analyst', '{ dataFreshness { lastRun { runId finishedAt watermark watermarkAt rows { table rows } } } }');
    const run = data!.dataFreshness.lastRun;
    expect(run.runId).toMatch(/\S/);
    expect(Date.parse(run.finishedAt)).toBeLessThanOrEqual(Date.now());
    const rows = Object.fromEntries(run.rows.map((row: any) => [row.table, row.rows]));
    // The fixture: 14 enterprises, 12 + P15 = 13 policies, 15 + 1 = 16 shares, 20 + S21..S25 = 25 services, 7 ledger entries,
    // 3 + I4, I5 = 5 insurers, C1..C7 = 7 claims, PV1..PV4 = 4 providers.
    expect(rows).toMatchObject({
      enterprises: 14, policies: 13, policy_shares: 16, services: 25, fee_ledger: 7, insurers: 5, claims: 7, providers: 4,
    });
  });
});

describe('response cache', () => {
  test('answers repeat from the cache and are dropped when an ETL run finishes', async () => {
    const query = '{ coverage(region: "140212", asOf: "2025-06-30") { mandatory insured } }';
    const first = await api.as('province', query);
    const hits = api.server.cache.hits;
    const second = await api.as('province', query);
    expect(second).toEqual(first);
    expect(api.server.cache.hits).toBe(hits + 1);
    // Another viewer never gets that cached answer.
    await api.as('analyst', query);
    expect(api.server.cache.hits).toBe(hits + 1);

    // A change in the platform, then an ETL run: the next answer is fresh.
    const policy = await api.platform.getRepository(PolicyRow).findOneByOrFail({ id: 'P14' });
    await upsertRows(api.platform, PolicyRow, [{ ...policy, startDate: '2025-06-01' }]);
    await runEtl(api.env.config, { platform: api.platform, warehouse: api.warehouse });
    const third = await api.as('province', query);
    // E14 is now insured on 2025-06-30: 新荣 2 of 2.
    expect(third.data!.coverage).toEqual({ mandatory: 2, insured: 2 });
    await upsertRows(api.platform, PolicyRow, [policy]);
    await runEtl(api.env.config, { platform: api.platform, warehouse: api.warehouse });
    expect((await api.as('province', query)).data!.coverage).toEqual({ mandatory: 2, insured: 1 });
  });

  test('a run that changed nothing keeps the cached answers; dataFreshness follows every run', async () => {
    const query = '{ coverage(region: "140212", asOf: "2025-06-29") { mandatory insured } }';
    const freshness = '{ dataFreshness { lastRun { runId } } }';
    const first = await api.as('province', query);
    expect(first.errors).toBeUndefined();
    const summary = await runEtl(api.env.config, { platform: api.platform, warehouse: api.warehouse });
    expect(Object.values({ ...summary.rowsByTable, ...summary.deletedByTable }).every((rows) => rows === 0)).toBe(true);
    const hits = api.server.cache.hits;
    expect(await api.as('province', query)).toEqual(first);
    expect(api.server.cache.hits).toBe(hits + 1);
    expect((await api.as('province', freshness)).data!.dataFreshness.lastRun.runId).toBe(summary.runId);
  });

  test('identical requests at the same time share one execution', async () => {
    const query = (asOf: string) => `{ coverage(region: "140100", asOf: "${asOf}") { mandatory insured children { region { code } insured } } }`;
    let before = warehouseQueries;
    await api.as('province', query('2025-06-27'));
    const oneRequest = warehouseQueries - before;
    const answered = api.server.cache.shared + api.server.cache.hits;
    before = warehouseQueries;
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.as('province', query('2025-06-28'))));
    expect(answers[0].errors).toBeUndefined();
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // One request's worth of warehouse queries for the six: the five others were handed its answer.
    expect(warehouseQueries - before).toBe(oneRequest);
    expect(api.server.cache.shared + api.server.cache.hits).toBe(answered + 5);
  });
});
