/**
 * The annual report (年度报告) of I2 平安 on 2025, every figure worked out by hand from the fixture
 * (test/fixtures/api/README.md), through GraphQL and through the downloaded workbook read back; the
 * filings per year; scope; and the insurer's submission, on time, late and again.
 */
import 'reflect-metadata';
import { allEmployeeFigures } from '../../api/coverage/all-employee.sql';
import { warehouseReader } from '../../api/common/warehouse';
import { regionByCode } from '../../domain/regions';
import { todayInShanghai } from '../../domain/today';
import { AnnualReportRow } from '../../platform/entities';
import { startFixtureApi, codeOf, type FixtureApi } from './harness';

// read-excel-file is an ES module with a CommonJS build; jest runs CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as {
  readSheet(input: Buffer, sheet: string, options?: { parseNumber?: (text: string) => unknown }): Promise<unknown[][]>;
};

let api: FixtureApi;
beforeAll(async () => {
  api = await startFixtureApi('annual-report');
}, 120_000);
afterAll(async () => {
  await api?.close();
});

const REPORT = `query ($insurer: ID!, $year: Int!) { annualReport(insurer: $insurer, year: $year) {
  insurer { id name } year region { code } policiesWritten premiumReceived
  premiumByCityAndIndustry { city { code } industry policies premiumReceived }
  preventionSpending spendingByCategoryAndCity { city { code } category entries amount }
  feeRatio { ratio meetsFloor withinCap compliant floorRule { id } capRule { id } }
  services { byKind { kind services } required compliant exempt rate shortTotal short { enterpriseId rule { id } facts { riskAssessments hazardInvestigations requiredEach } } }
  firstService { evaluatedOn onTime late missing rate listedTotal policies { policyId kind day facts { firstService } } }
  deathLimit { judged compliant belowTotal below { policyId facts { deathLimit deathLimitFloor } rule { id } } }
  allEmployee { known short unknown rate enterprises { enterpriseId employees insuredPersons } }
  claims { evaluatedOn reported paid denied open withdrawn claimsPaid lossRatio denialRate decided timely timelyRate overdueOpen overdue { claimId daysOpen claimedAmount } }
  hazards { found rectified rate }
  unqualifiedTotal unqualifiedProviders { serviceId facts { providerDefect } }
  filing { year status completeOn deadline missing policiesBeforeCompleteTotal policiesBeforeComplete { policyId startDate } }
  submission { year submittedOn deadline status rule { id } }
} }`;


describe('I2 on 2025, as the analyst', () => {
  let report: any;
  beforeAll(async () => {
    const answer = await api.as('analyst', REPORT, { insurer: 'I2', year: 2025 });
    expect(answer.errors).toBeUndefined();
    report = answer.data!.annualReport;
  });

  test('policies written and premium received by city and industry, co-insured shares apportioned', () => {
    // I2's shares of policies starting in 2025: P02 40%, P05 100%, P12 66.67%, P14 100% (P03 started in 2024).
    expect(report.premiumByCityAndIndustry).toEqual([
      // 太原: P02 coal 45000.00 × 40% = 18000.00; P05 fireworks 8000.00 × 100%.
      { city: { code: '140100' }, industry: 'coal_mine', policies: 1, premiumReceived: '18000.00' },
      { city: { code: '140100' }, industry: 'fireworks', policies: 1, premiumReceived: '8000.00' },
      // 大同: P14 metallurgy 40000.00; P12 non-coal 10000.01 × 66.67% = 6667.006667, 6667.01 to the fen.
      { city: { code: '140200' }, industry: 'metallurgy', policies: 1, premiumReceived: '40000.00' },
      { city: { code: '140200' }, industry: 'non_coal_mine', policies: 1, premiumReceived: '6667.01' },
    ]);
    expect(report.policiesWritten).toBe(4);
    // 18000 + 8000 + 6667.006667 + 40000 = 72667.006667, rounded once.
    expect(report.premiumReceived).toBe('72667.01');
    expect(report.region).toEqual({ code: '140000' });
  });

  test('prevention spending from the ledger by category and city, and the fee ratio against the floor and the cap', () => {
    // L3 140105 risk_assessment 10000.00, L4 140106 training 6000.00 (both 太原); L7 is dated 2026.
    expect(report.spendingByCategoryAndCity).toEqual([
      { city: { code: '140100' }, category: 'risk_assessment', entries: 1, amount: '10000.00' },
      { city: { code: '140100' }, category: 'training', entries: 1, amount: '6000.00' },
    ]);
    expect(report.preventionSpending).toBe('16000.00');
    // 16000 / 72667.006667 = 22.018% of premium: above the 15% floor, above the 21% cap in force at 2025-12-31.
    expect(report.feeRatio.ratio).toBeCloseTo(16000 / 72667.006667, 12);
    expect(report.feeRatio).toMatchObject({
      meetsFloor: true, withinCap: false, compliant: false, floorRule: { id: 'fee_ratio_floor/2024' }, capRule: { id: 'fee_ratio_cap/2025' },
    });
  });

  test('services by kind, and the enterprises short of the required frequency', () => {
    // I2's 2025 services: risk S06 S08 S12; hazard S07 S09 S20; training S23 S24 S25.
    expect(report.services.byKind).toEqual([
      { kind: 'risk_assessment', services: 3 }, { kind: 'hazard_investigation', services: 3 },
      { kind: 'training', services: 3 }, { kind: 'drill', services: 0 }, { kind: 'other', services: 0 },
    ]);
    // Insured by I2 in 2025: E02 (coal small: 2 + 1 of 2 each, short), E03 (1 + 1 of 1, meets), E05 (small: exempt),
    // E12 (1 + 1 of 1, meets), E14 (none of 1, short).
    expect(report.services).toMatchObject({ required: 4, compliant: 2, exempt: 1, rate: 0.5, shortTotal: 2 });
    expect(report.services.short).toEqual([
      { enterpriseId: 'E02', rule: { id: 'service_frequency_coal/2024' }, facts: { riskAssessments: 2, hazardInvestigations: 1, requiredEach: 2 } },
      { enterpriseId: 'E14', rule: { id: 'service_frequency_large_medium/2024' }, facts: { riskAssessments: 0, hazardInvestigations: 0, requiredEach: 1 } },
    ]);
  });

  test('first services later than three months, death limits below the floor', () => {
    // P02 (window to 2025-05-01, S05 on 03-01) and P05 (to 04-01, S12 on 03-10) on time; P12 (to 2025-04-15, first
    // 04-16) late; P14 (to 2025-10-01) never served.
    expect(report.firstService).toMatchObject({ evaluatedOn: todayInShanghai(), onTime: 2, late: 1, missing: 1, rate: 0.5, listedTotal: 2 });
    expect(report.firstService.policies).toEqual([
      { policyId: 'P12', kind: 'FIRST_SERVICE_LATE', day: '2025-04-15', facts: { firstService: '2025-04-16' } },
      { policyId: 'P14', kind: 'FIRST_SERVICE_MISSING', day: '2025-10-01', facts: { firstService: null } },
    ]);
    // P02, P05, P12 at 300000 against the 300000 floor of their start; P14 350000 against 400000 from 2025-03-29.
    expect(report.deathLimit).toMatchObject({ judged: 4, compliant: 3, belowTotal: 1 });
    expect(report.deathLimit.below).toEqual([
      { policyId: 'P14', facts: { deathLimit: '350000.00', deathLimitFloor: '400000.00' }, rule: { id: 'death_limit_floor/2025' } },
    ]);
  });

  test('all-employee coverage', () => {
    // Active in 2025: P02 E02 80/80, P03 E03 300/300, P12 E12 250/250, P14 E14 700 of 720 (short); E05 has no employee count.
    expect(report.allEmployee).toEqual({ known: 4, short: 1, unknown: 1, rate: 0.75, enterprises: [{ enterpriseId: 'E14', employees: 720, insuredPersons: 700 }] });
  });

  test('claims: paid, denied, timeliness and the overdue open ones', () => {
    // On I2's policies: reported in 2025 C2, C4, C5, C7; decided in 2025 C6 paid (15000.00 × 100%) and C2 denied.
    expect(report.claims).toMatchObject({ reported: 4, paid: 1, denied: 1, open: 1, withdrawn: 1, claimsPaid: '15000.00', denialRate: 0.5 });
    expect(report.claims.lossRatio).toBeCloseTo(1500000 / 7266701, 12);
    // Settled in 2025: C2 in 28 days, C6 in 19 (2024-12-22 → 2025-01-10): both within 30. 2025 has ended, so open claims are
    // judged on 2025-12-31: C4, reported 2025-08-02, is open then for 29 + 30 + 31 + 30 + 31 = 151 days, overdue; C7, reported
    // 11-20 and denied 2026-01-08, is open then for 41 days, not overdue.
    expect(report.claims).toMatchObject({ evaluatedOn: '2025-12-31', decided: 2, timely: 2, timelyRate: 1, overdueOpen: 1 });
    expect(report.claims.overdue).toEqual([{ claimId: 'C4', daysOpen: 151, claimedAmount: '30000.00' }]);
  });

  test('hazard rectification and unqualified providers', () => {
    // Found 1 + 2 + 3 + 1 + 1 + 1 = 9 (S06 S07 S08 S09 S12 S20), rectified 1 + 0 + 3 + 1 + 1 + 1 = 7.
    expect(report.hazards).toEqual({ found: 9, rectified: 7, rate: 7 / 9 });
    // S24 through PV4 (no qualification), S23 through PV3 after its 2025-03-31 expiry; S25 on that last day is fine.
    expect(report.unqualifiedTotal).toBe(2);
    expect(report.unqualifiedProviders).toEqual([
      { serviceId: 'S24', facts: { providerDefect: 'NO_QUALIFICATION' } }, { serviceId: 'S23', facts: { providerDefect: 'QUALIFICATION_EXPIRED' } },
    ]);
  });

  test('the filing for the year and the policies written before it was complete', () => {
    // Complete on 2025-01-20 (the commitment letter); no filing deadline is in force in 2025.
    expect(report.filing).toEqual({
      year: 2025, status: 'NO_DEADLINE', completeOn: '2025-01-20', deadline: null, missing: [], policiesBeforeCompleteTotal: 2,
      policiesBeforeComplete: [{ policyId: 'P05', startDate: '2025-01-01' }, { policyId: 'P12', startDate: '2025-01-15' }],
    });
    // No submission on 2025, whose deadline 2026-01-31 has passed.
    expect(report.submission).toEqual({
      year: 2025, submittedOn: null, deadline: '2026-01-31', status: todayInShanghai() > '2026-01-31' ? 'MISSING' : 'NOT_DUE',
      rule: { id: 'annual_report_deadline/2024' },
    });
  });

  test('the workbook downloaded holds the same figures, numbers as numbers with exact decimals', async () => {
    const response = await fetch(`${api.server.url.replace(/\/graphql$/, '')}/api/documents/annual-report.xlsx?insurer=I2&year=2025`, {
      headers: { authorization: `Bearer ${api.tokens.analyst}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = Buffer.from(await response.arrayBuffer());
    const premium = await readSheet(workbook, '承保与保费');
    expect(premium[1]).toEqual(['城市', '行业', '保单数', '实收保费（元）']);
    expect(premium.slice(2, 7)).toEqual([
      ['太原市', '煤矿', 1, 18000], ['太原市', '烟花爆竹', 1, 8000], ['大同市', '金属冶炼', 1, 40000], ['大同市', '非煤矿山', 1, 6667.01],
      ['合计', null, 4, 72667.01],
    ]);
    // The stored number is the decimal itself, not a float's long tail.
    const exact = await readSheet(workbook, '承保与保费', { parseNumber: (text) => text });
    expect(exact[5][3]).toBe('6667.01');
    const fee = await readSheet(workbook, '预防费用占比');
    expect(fee[2].slice(0, 5)).toEqual(['不低于下限', 72667.01, 16000, expect.closeTo(16000 / 72667.006667, 12), '是']);
    expect(fee[3][4]).toBe('否');
    expect(String(fee[3][5])).toContain('fee_ratio_cap/2025');
    expect(String(fee[3][6])).toContain('应急〔2025〕27号');
    const deathLimit = await readSheet(workbook, '死亡限额不足');
    expect(deathLimit[2].slice(2, 6)).toEqual(['P14', new Date(Date.UTC(2025, 6, 1)), 350000, 400000]);
    expect(String(deathLimit[2][6])).toContain('death_limit_floor/2025');
    const claims = await readSheet(workbook, '理赔');
    expect(claims.find((row) => row[0] === '已赔付金额（元）')?.slice(1, 3)).toEqual([15000, expect.closeTo(1500000 / 7266701, 12)]);
    const filing = await readSheet(workbook, '报送前承保');
    expect(filing.slice(2).map((row) => row[1])).toEqual(['P05', 'P12']);
  });
});

describe('a report on a closed year reads the same whatever day it is produced', () => {
  afterEach(() => jest.restoreAllMocks());

  test('I2 on 2025, produced on 2026-02-10 and today: the same claims, overdue ones included', async () => {
    const producedOn = async (day: string | null) => {
      // The platform's today is read from Date.now (domain/today.ts); the answers cache is keyed by it, so each day is computed anew.
      if (day !== null) jest.spyOn(Date, 'now').mockReturnValue(Date.parse(`${day}T04:00:00Z`));
      const answer = await api.as('analyst', REPORT, { insurer: 'I2', year: 2025 });
      jest.restoreAllMocks();
      expect(answer.errors).toBeUndefined();
      return answer.data!.annualReport;
    };
    const february = await producedOn('2026-02-10');
    const today = await producedOn(null);
    expect(february.claims).toEqual(today.claims);
    expect(february.claims.overdue).toEqual([{ claimId: 'C4', daysOpen: 151, claimedAmount: '30000.00' }]);
  });
});

describe('all-employee coverage has one definition', () => {
  const EVALUATION = `query ($year: Int!) { evaluation(year: $year, asOf: "2025-12-31") {
    insurers { insurer { id } indicators { code numerator denominator } } } }`;

  test('the annual report, the evaluation and the coverage module agree for every insurer, in the province and in 太原', async () => {
    const reader = warehouseReader(api.warehouse, api.env.config.warehouse.maxExecutionSeconds);
    for (const [user, code] of [['analyst', '140000'], ['taiyuan', '140100']] as const) {
      const evaluation = (await api.as(user, EVALUATION, { year: 2025 })).data!.evaluation;
      for (const insurer of evaluation.insurers) {
        const id = insurer.insurer.id;
        const scored = insurer.indicators.find((line: any) => line.code === 'all_employee');
        const reported = (await api.as(user, REPORT, { insurer: id, year: 2025 })).data!.annualReport.allEmployee;
        const measured = await allEmployeeFigures(reader, { region: regionByCode(code)!, year: 2025, insurerId: id });
        expect({ id, code, notShort: reported.known - reported.short, known: reported.known })
          .toEqual({ id, code, notShort: scored.numerator, known: scored.denominator });
        expect({ id, code, ...measured }).toEqual({ id, code, known: reported.known, short: reported.short, unknown: reported.unknown });
      }
    }
    // The hand-worked figures of I2 (above): E14 short, 3 of 4 known.
    const i2 = (await api.as('analyst', EVALUATION, { year: 2025 })).data!.evaluation.insurers.find((row: any) => row.insurer.id === 'I2');
    expect(i2.indicators.find((line: any) => line.code === 'all_employee')).toMatchObject({ numerator: 3, denominator: 4 });
  });
});

describe('filings per year', () => {
  const FILINGS = `query ($year: Int!) { feeRatios(year: $year) { insurer { id } yearFiling { status completeOn deadline missing rule { id } } } }`;

  test('each insurer on 2024: on time, late or incomplete with the missing items named', async () => {
    const answer = await api.as('analyst', `{ i4: insurer(id: "I4") { yearFiling(year: 2024) { status completeOn } }
      i5: insurer(id: "I5") { yearFiling(year: 2024) { status completeOn missing deadline rule { id } } }
      i3: insurer(id: "I3") { yearFiling(year: 2024) { status completeOn } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      i4: { yearFiling: { status: 'LATE', completeOn: '2024-06-05' } },
      i5: { yearFiling: { status: 'INCOMPLETE', completeOn: null, missing: ['prevention_plan', 'commitment_letter'], deadline: '2024-05-31', rule: { id: 'filing_deadline/2024' } } },
      // Every item on 2024-05-31, the deadline itself: on time.
      i3: { yearFiling: { status: 'ON_TIME', completeOn: '2024-05-31' } },
    });
  });

  test('the insurers table follows the year: I2 late on 2024, without a deadline on 2025', async () => {
    const in2024 = await api.as('analyst', FILINGS, { year: 2024 });
    const in2025 = await api.as('analyst', FILINGS, { year: 2025 });
    const statusOf = (answer: typeof in2024, id: string) => answer.data!.feeRatios.find((row: any) => row.insurer.id === id).yearFiling.status;
    expect([statusOf(in2024, 'I1'), statusOf(in2024, 'I2')]).toEqual(['ON_TIME', 'LATE']);
    expect([statusOf(in2025, 'I1'), statusOf(in2025, 'I2')]).toEqual(['NO_DEADLINE', 'NO_DEADLINE']);
  });
});

describe('scope', () => {
  test('an insurer opens its own report and not another insurer’s, in GraphQL and as a download', async () => {
    expect((await api.as('insurerI2', REPORT, { insurer: 'I2', year: 2025 })).data!.annualReport.premiumReceived).toBe('72667.01');
    expect(codeOf(await api.as('insurerI3', REPORT, { insurer: 'I2', year: 2025 }))).toBe('NOT_FOUND');
    const base = api.server.url.replace(/\/graphql$/, '');
    const refused = await fetch(`${base}/api/documents/annual-report.xlsx?insurer=I2&year=2025`, { headers: { authorization: `Bearer ${api.tokens.insurerI3}` } });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const anonymous = await fetch(`${base}/api/documents/annual-report.xlsx?insurer=I2&year=2025`);
    expect(anonymous.status).toBe(401);
    const badYear = await fetch(`${base}/api/documents/annual-report.xlsx?insurer=I2&year=20x5`, { headers: { authorization: `Bearer ${api.tokens.analyst}` } });
    expect(badYear.status).toBe(400);
  });

  test('a city account sees the insurer’s business in its own city, labelled', async () => {
    const answer = await api.as('taiyuan', REPORT, { insurer: 'I2', year: 2025 });
    expect(answer.errors).toBeUndefined();
    const report = answer.data!.annualReport;
    // 太原 only: P02 18000.00 + P05 8000.00.
    expect(report.region).toEqual({ code: '140100' });
    expect(report.premiumReceived).toBe('26000.00');
    expect(report.premiumByCityAndIndustry.map((line: any) => line.city.code)).toEqual(['140100', '140100']);
    // E14 and P14 lie in 大同.
    expect(report.deathLimit.belowTotal).toBe(0);
    expect(report.allEmployee.short).toBe(0);
  });
});

describe('submission', () => {
  const SUBMIT = 'mutation ($year: Int!) { submitAnnualReport(year: $year) { year submittedOn status deadline } }';
  const SUBMISSIONS = 'query ($year: Int!) { annualReportSubmissions(year: $year) { insurer { id } submittedOn status } }';
  const today = todayInShanghai();
  const thisYear = Number(today.slice(0, 4));

  test('the regulator sees who submitted on 2024, on time or late, and who is missing', async () => {
    const answer = await api.as('province', SUBMISSIONS, { year: 2024 });
    expect(answer.data!.annualReportSubmissions).toEqual([
      { insurer: { id: 'I1' }, submittedOn: '2025-01-20', status: 'ON_TIME' },
      { insurer: { id: 'I2' }, submittedOn: null, status: 'MISSING' },
      { insurer: { id: 'I3' }, submittedOn: '2025-02-15', status: 'LATE' },
      // On 2025-01-31, the last day.
      { insurer: { id: 'I4' }, submittedOn: '2025-01-31', status: 'ON_TIME' },
      { insurer: { id: 'I5' }, submittedOn: null, status: 'MISSING' },
    ]);
  });

  test('the insurer submits this year’s report on time and an old one late; again moves the day, never adds a row', async () => {
    const onTime = await api.as('insurerI2', SUBMIT, { year: thisYear });
    expect(onTime.data!.submitAnnualReport).toEqual({ year: thisYear, submittedOn: today, status: 'ON_TIME', deadline: `${thisYear + 1}-01-31` });
    const late = await api.as('insurerI2', SUBMIT, { year: 2024 });
    expect(late.data!.submitAnnualReport).toMatchObject({ submittedOn: today, status: 'LATE', deadline: '2025-01-31' });
    await api.as('insurerI2', SUBMIT, { year: 2024 });
    expect(await api.platform.getRepository(AnnualReportRow).countBy({ insurerId: 'I2', year: 2024 })).toBe(1);
    // Shown at once, before any ETL run, to the analyst and in the report itself.
    const seen = await api.as('analyst', SUBMISSIONS, { year: 2024 });
    expect(seen.data!.annualReportSubmissions.find((row: any) => row.insurer.id === 'I2')).toEqual({ insurer: { id: 'I2' }, submittedOn: today, status: 'LATE' });
    const report = await api.as('insurerI2', REPORT, { insurer: 'I2', year: thisYear });
    expect(report.data!.annualReport.submission).toMatchObject({ submittedOn: today, status: 'ON_TIME' });
  });

  test('only an insurer submits, and only for a year that has begun', async () => {
    expect(codeOf(await api.as('analyst', SUBMIT, { year: 2024 }))).toBe('FORBIDDEN');
    expect(codeOf(await api.as('insurerI3', SUBMIT, { year: thisYear + 1 }))).toBe('FORBIDDEN');
    expect(await api.platform.getRepository(AnnualReportRow).countBy({ insurerId: 'I3', year: thisYear + 1 })).toBe(0);
  });
});
