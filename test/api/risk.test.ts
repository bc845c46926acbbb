/**
 * Risk indicators and premium rates on the fixture of test/fixtures/api (see its README), year 2025.
 * Accidents (claims with an accident date in 2025): C1 E01 coal 小店 (1 death, 2 injuries), C2 E12 non-coal 平城 (1 injury),
 *   C3 E11 coal 新荣 (3 injuries), C4 E02 coal 小店 (1 injury), C7 E02 coal 小店 (none) → 5, 1 death, 7 injuries.
 *   (C5 has no accident date; C6's accident was on 2024-12-20.)
 * Insured enterprises (a non-cancelled policy active some day of 2025, any industry): E01 E02 E03 E04 E05 E06 E07 (小店),
 *   E11 E14 (新荣), E12 (平城) → 10 (E09's only policy is cancelled, E13's ended 2023).
 * Hazards in services dated 2025 (found/rectified): 太原 S01 4/4 S02 2/1 S03 5/5 S04 3/2 S05 2/2 S06 1/1 S07 2/0 S08 3/3
 *   S09 1/1 S10 2/2 S12 1/1 (others 0/0) → 26/22; 大同 S14 6/6 S15 4/3 S16 3/3 S17 2/2 S19 2/1 S20 1/1 → 18/16
 *   (S18 is dated 2024).
 */
import { child, codeOf, startFixtureApi, type FixtureApi } from './harness';

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-risk');
});

afterAll(async () => {
  await api?.close();
});

const FIGURES = 'accidents deaths injuries insuredEnterprises accidentsPer100Insured hazardsFound hazardsRectified rectificationRate';
const RISK = `query ($year: Int!, $region: ID!) {
  riskIndicators(year: $year, region: $region) {
    region { code } year ${FIGURES}
    riskLevels { value enterprises } standardizationGrades { value enterprises }
    byIndustry { industry ${FIGURES} }
    children { region { code } ${FIGURES} }
  }
}`;

const RATES = `query ($year: Int!, $region: ID!, $page: Int!, $pageSize: Int!) {
  premiumRates(year: $year, region: $region, page: $page, pageSize: $pageSize) {
    region { code } year formula screenShare rule { id source } total page pageSize
    byIndustry { industry policies rated medianPremiumPerPerson enterprises medianPremiumPerEnterprise flagged }
    flaggedPolicies { policyId policyNo enterpriseId enterpriseName county { code } industry premium insuredPersons
      premiumPerPerson industryMedianPerPerson shareOfMedian }
  }
}`;

describe('risk indicators', () => {
  test('province totals, cities and industries', async () => {
    const { data, errors } = await api.as('province', RISK, { year: 2025, region: '140000' });
    expect(errors).toBeUndefined();
    const risk = data!.riskIndicators;
    // 5 accidents × 100 / 10 insured enterprises = 50; hazards 26 + 18 = 44 found, 22 + 16 = 38 rectified
    expect(risk).toMatchObject({
      region: { code: '140000' }, year: 2025, accidents: 5, deaths: 1, injuries: 7, insuredEnterprises: 10, accidentsPer100Insured: 50,
      hazardsFound: 44, hazardsRectified: 38,
    });
    expect(risk.rectificationRate).toBeCloseTo(38 / 44, 12);
    // 太原: C1 C4 C7, insured E01..E07 = 7 → 300 / 7; 大同: C2 C3, insured E11 E12 E14 = 3 → 200 / 3
    expect(child(risk, '140100')).toMatchObject({ accidents: 3, deaths: 1, injuries: 3, insuredEnterprises: 7, hazardsFound: 26, hazardsRectified: 22 });
    expect(child(risk, '140100').accidentsPer100Insured).toBeCloseTo(300 / 7, 12);
    expect(child(risk, '140200')).toMatchObject({ accidents: 2, deaths: 0, injuries: 4, insuredEnterprises: 3, hazardsFound: 18, hazardsRectified: 16 });
    expect(child(risk, '140300')).toMatchObject({ accidents: 0, insuredEnterprises: 0, accidentsPer100Insured: null, rectificationRate: null });

    const industries = Object.fromEntries(risk.byIndustry.map((row: any) => [row.industry ?? 'OTHER', row]));
    // coal: accidents C1 C3 C4 C7 = 4, deaths 1, injuries 2 + 3 + 1 = 6; insured E01 E02 E11 = 3 → 400 / 3
    //   hazards on coal enterprises: E01 S01–S04 14/12 + E02 S05–S07 5/3 + E11 S14–S17 15/14 = 34/29
    expect(industries.COAL_MINE).toMatchObject({ accidents: 4, deaths: 1, injuries: 6, insuredEnterprises: 3, hazardsFound: 34, hazardsRectified: 29 });
    expect(industries.COAL_MINE.accidentsPer100Insured).toBeCloseTo(400 / 3, 12);
    // non-coal: C2 (1 injury); insured E04 E12 = 2 → 50; hazards E04 S10 2/2 + E12 S19 S20 3/2 = 5/4
    expect(industries.NON_COAL_MINE).toMatchObject({ accidents: 1, injuries: 1, insuredEnterprises: 2, accidentsPer100Insured: 50, hazardsFound: 5, hazardsRectified: 4 });
    // other: E07 insured (P07, P15), no accident
    expect(industries.OTHER).toMatchObject({ accidents: 0, insuredEnterprises: 1, accidentsPer100Insured: 0 });
    expect(Object.keys(industries)).toEqual(['COAL_MINE', 'FIREWORKS', 'HAZARDOUS_CHEMICALS', 'METALLURGY', 'NON_COAL_MINE', 'OTHER']);
  });

  test('risk levels and standardization grades of the mandatory enterprises', async () => {
    const { data } = await api.as('province', RISK, { year: 2025, region: '140000' });
    // The 11 mandatory: major E01 E09 E11; high E02 E03 E08 E14; general E04 E05 E12; low E13
    expect(data!.riskIndicators.riskLevels).toEqual([
      { value: 'major', enterprises: 3 }, { value: 'high', enterprises: 4 }, { value: 'general', enterprises: 3 }, { value: 'low', enterprises: 1 },
    ]);
    // Grade 1: E01 E09 E11; 2: E03 E04 E12 E14; 3: E02 E08; none: E05 E13
    expect(data!.riskIndicators.standardizationGrades).toEqual([
      { value: '1', enterprises: 3 }, { value: '2', enterprises: 4 }, { value: '3', enterprises: 2 }, { value: 'none', enterprises: 2 },
    ]);
  });

  test('a city user: its own city only; another city is FORBIDDEN', async () => {
    const { data } = await api.as('datong', RISK, { year: 2025, region: '140000' });
    expect(data!.riskIndicators).toMatchObject({ region: { code: '140200' }, accidents: 2, insuredEnterprises: 3, hazardsFound: 18 });
    // 大同 mandatory: E11 major, E12 general, E13 low, E14 high
    expect(data!.riskIndicators.riskLevels.map((row: any) => row.enterprises)).toEqual([1, 1, 1, 1]);
    expect(data!.riskIndicators.children.every((node: any) => node.region.code.startsWith('1402'))).toBe(true);
    const answer = await api.as('datong', RISK, { year: 2025, region: '140100' });
    expect(codeOf(answer)).toBe('FORBIDDEN');
  });

  test('an insurer user: claims on its policies, enterprises it insured, its own services', async () => {
    const { data } = await api.as('insurerI3', RISK, { year: 2025, region: '140000' });
    // I3 policies: P07 P09 (cancelled) P11 P12 P15. Accidents: C3 (P11), C2 (P12) → 2, injuries 3 + 1 = 4.
    // Insured by I3 in 2025: E07, E11, E12 = 3 → 200 / 3. Its services in 2025: S14 6/6, S16 3/3, S19 2/1, S21 0/0 → 11/10.
    expect(data!.riskIndicators).toMatchObject({ accidents: 2, injuries: 4, insuredEnterprises: 3, hazardsFound: 11, hazardsRectified: 10 });
    // Mandatory enterprises it insured: E11 (major, 1), E12 (general, 2)
    expect(data!.riskIndicators.riskLevels).toEqual([
      { value: 'major', enterprises: 1 }, { value: 'high', enterprises: 0 }, { value: 'general', enterprises: 1 }, { value: 'low', enterprises: 0 },
    ]);
  });
});

describe('premium rates against the industry median (恶意低价承保 screen)', () => {
  test('medians per industry and the flagged policy, with the formula', async () => {
    const { data, errors } = await api.as('province', RATES, { year: 2025, region: '140000', page: 1, pageSize: 10 });
    expect(errors).toBeUndefined();
    const rates = data!.premiumRates;
    expect(rates).toMatchObject({ year: 2025, screenShare: 0.5, rule: { id: 'low_price_screen/2024' }, total: 1 });
    expect(rates.formula).toContain('< 50% × the median premium / insured persons');
    expect(rates.rule.source).toContain('not a regulation');
    const industries = Object.fromEntries(rates.byIndustry.map((row: any) => [row.industry, row]));
    // Policies starting 2025, not cancelled, high-risk (P07 is 'other', P09 cancelled):
    // coal P01 100000.00 / 1200 = 83.333…, P02 50000.00 / 80 = 625 → median (83.333… + 625) / 2 = 354.1666…
    //   per enterprise E01 100000, E02 50000 → 75000; half the median 177.08 > 83.33: P01 flagged
    expect(industries.COAL_MINE).toMatchObject({ policies: 2, rated: 2, enterprises: 2, medianPremiumPerEnterprise: 75000, flagged: 1 });
    expect(industries.COAL_MINE.medianPremiumPerPerson).toBeCloseTo((100000 / 1200 + 625) / 2, 9);
    // metallurgy P06 12000 / 150 = 80, P14 40000 / 700 = 57.142857… → median 68.571…; half 34.29: none flagged
    expect(industries.METALLURGY).toMatchObject({ policies: 2, enterprises: 2, medianPremiumPerEnterprise: 26000, flagged: 0 });
    expect(industries.METALLURGY.medianPremiumPerPerson).toBeCloseTo((80 + 40000 / 700) / 2, 9);
    // fireworks P05 8000 / 20 = 400; non-coal P12 10000.01 / 250 = 40.00004 (one policy: its own median)
    expect(industries.FIREWORKS).toMatchObject({ policies: 1, medianPremiumPerPerson: 400, flagged: 0 });
    expect(industries.NON_COAL_MINE.medianPremiumPerPerson).toBeCloseTo(40.00004, 9);
    expect(Object.keys(industries)).toEqual(['COAL_MINE', 'FIREWORKS', 'METALLURGY', 'NON_COAL_MINE']);

    expect(rates.flaggedPolicies).toHaveLength(1);
    const [p01] = rates.flaggedPolicies;
    expect(p01).toMatchObject({
      policyId: 'P01', policyNo: 'AZX-2025-001', enterpriseId: 'E01', enterpriseName: '太原小店甲煤业有限公司', county: { code: '140105' },
      industry: 'COAL_MINE', premium: '100000.00', insuredPersons: 1200,
    });
    expect(p01.premiumPerPerson).toBeCloseTo(100000 / 1200, 9);
    // 83.333… / 354.1666… = 0.2353
    expect(p01.shareOfMedian).toBeCloseTo((100000 / 1200) / ((100000 / 1200 + 625) / 2), 9);
  });

  test('the medians are those of the region shown: a city user compares within its city', async () => {
    const { data } = await api.as('datong', RATES, { year: 2025, region: '140000', page: 1, pageSize: 10 });
    // 大同 2025: P12 non-coal, P14 metallurgy — one policy each, nothing below half its own median
    expect(data!.premiumRates).toMatchObject({ region: { code: '140200' }, total: 0, flaggedPolicies: [] });
    expect(data!.premiumRates.byIndustry.map((row: any) => [row.industry, row.policies])).toEqual([['METALLURGY', 1], ['NON_COAL_MINE', 1]]);
    const answer = await api.as('datong', RATES, { year: 2025, region: '140105', page: 1, pageSize: 10 });
    expect(codeOf(answer)).toBe('FORBIDDEN');
  });

  test('an insurer user: its own policies', async () => {
    const { data } = await api.as('insurerI2', RATES, { year: 2025, region: '140000', page: 1, pageSize: 10 });
    // I2's 2025 policies: P02 coal, P05 fireworks, P12 non-coal, P14 metallurgy — one per industry
    expect(data!.premiumRates.byIndustry.map((row: any) => [row.industry, row.policies])).toEqual([
      ['COAL_MINE', 1], ['FIREWORKS', 1], ['METALLURGY', 1], ['NON_COAL_MINE', 1],
    ]);
    expect(data!.premiumRates.total).toBe(0);
  });
});

test.each([
  ['year out of range', RISK, { year: 3000, region: '140000' }, /year must be between 2000 and 2100/],
  ['unknown region', RISK, { year: 2025, region: '14' }, /Unknown region code "14"/],
  ['page size too large', RATES, { year: 2025, region: '140000', page: 1, pageSize: 201 }, /pageSize must be at most 200/],
])('%s is BAD_USER_INPUT', async (_name, query, variables, message) => {
  const answer = await api.as('province', query, variables);
  expect(codeOf(answer)).toBe('BAD_USER_INPUT');
  expect(answer.errors![0].message).toMatch(message);
});
