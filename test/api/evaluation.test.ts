/**
 * The periodic evaluation on the fixture of test/fixtures/api (see its README), year 2025 judged on 2025-12-31
 * (annual reports for 2025 not yet due) against 2024 (同比; on 2025-12-31 I1's report on 2024 was on time, I3's late: −5, I2's
 * missing: −10). Every figure below was counted by hand from the fixture's rows:
 *
 *   fee ratio 2025       I1 (15000.00 + 5850.00) / (100000 + 45000×60% + 12000) = 20850 / 139000 = 15% exactly (full)
 *                        I2 16000.00 / 72667.01 = 22.02% > the 21% cap (0); I3 2000.00 / 14333.00 = 13.95% (13.95/15 of it)
 *   ledger linked        I1 L2 of L1 L2 = 1/2; I2 0/2 (L3 L4); I3 L5 1/1
 *   service frequency    I1 E01 E11 of E01 E02 E04 E11 = 2/4; I2 E03 E12 of E02 E03 E12 E14 = 2/4; I3 E11 E12 = 2/2  (50 → 0, 100 → full)
 *   first service        windows ending in 2025: I1 P01 P02 P06 P11 all on time 4/4; I2 P02 P05 on time, P12 late, P14 missing 2/4;
 *                        I3 P07 P11 P15 on time, P12 late 3/4
 *   small/micro reach    only E05 (fireworks, small; I2), served by I2 in 2025: I2 1/1; I1 and I3 none: NOT APPLICABLE
 *   hazards rectified    I1 21/24; I2 7/9; I3 10/11 (S18 of 2024 left out)
 *   death limit          I1 3/3; I2 3/4 (P14 350000 < 400000: pass/fail → 0); I3 2/2 (P09 cancelled left out)
 *   all employees        I1 4/4 (E01 E02 E04 E11); I2 3/4 (E14: 700 insured of 720); I3 2/2 (E11 E12) — E05 E06 E07 have no employees figure
 *   cancellations        I1 0/3; I2 0/4; I3 P09 1/3 = 33.3% (zero at 10%)
 *   timely (≤ 30 days)   I1 C1 47 d, C3 40 d: 0/2; I2 C2 28 d, C6 19 d: 2/2; I3 C2, C3: 1/2
 *   denial rate          I1 0/2 (full); I2 C2 1/2 (50%: 0); I3 C2 1/2
 *   overdue open         open on 2025-12-31: C4 (reported 08-02, 151 days: overdue), C7 (11-20, 41 days): I1 1/2, I2 1/2; I3 none: NOT APPLICABLE
 *   accepted rows        no upload in the fixture (it is imported on the command line): NOT APPLICABLE for every insurer
 *   deductions           unqualified providers: I1 S22 (−2), I2 S23 S24 (−4); policies before the filing was complete: I2's filing
 *                        complete on 2025-01-20, so P05 (01-01) and P12 (01-15) (−4)
 */
import { SubmissionRow } from '../../platform/entities';
import { codeOf, startFixtureApi, type FixtureApi } from './harness';

// read-excel-file is an ES module with a CommonJS build; jest runs CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as {
  readSheet(input: Buffer, sheet: string, options?: { parseNumber?: (text: string) => unknown }): Promise<unknown[][]>;
};

let api: FixtureApi;

beforeAll(async () => {
  api = await startFixtureApi('api-evaluation');
});

afterAll(async () => {
  await api?.close();
});

const EVALUATION = `query ($year: Int!, $quarter: Int, $region: ID, $asOf: Date) {
  evaluation(year: $year, quarter: $quarter, region: $region, asOf: $asOf) {
    period { label from to } previousPeriod { label } yearAgoPeriod { label }
    region { code } scopeNote { zh en }
    scorecard { id label { zh en } indicators { code weight formula { kind zero full pass cap } rules { id } } grades { code min } }
    insurers { rank insurer { id name } total base deductionPoints grade gradeTitle { zh } previousTotal yearAgoTotal
      indicators { code numerator denominator value notApplicable weight effectiveWeight score
                   yearAgo { value score valueChange scoreChange } previous { value score valueChange } }
      deductions { code count points } }
    followUps { insurer { id } city { code } total measure indicators deductions rules { id } source { zh } }
  }
}`;

type Answer = Awaited<ReturnType<FixtureApi['as']>>;
const ask = (user: Parameters<FixtureApi['as']>[0], variables: Record<string, unknown>): Promise<Answer> =>
  api.as(user, EVALUATION, { asOf: '2025-12-31', ...variables });

function insurerOf(evaluation: any, id: string): any {
  const found = evaluation.insurers.find((row: any) => row.insurer.id === id);
  if (!found) throw new Error(`no insurer ${id}`);
  return found;
}
function line(insurer: any, code: string): any {
  return insurer.indicators.find((row: any) => row.code === code);
}
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Share earned on a linear formula, clamped. */
const linear = (value: number, zero: number, full: number) => Math.min(1, Math.max(0, (value - zero) / (full - zero)));

describe('the year 2025 in the province', () => {
  let evaluation: any;
  beforeAll(async () => {
    const { data, errors } = await ask('analyst', { year: 2025 });
    expect(errors).toBeUndefined();
    evaluation = data!.evaluation;
  });

  test('periods, the scorecard and its label', () => {
    expect(evaluation.period).toEqual({ label: '2025', from: '2025-01-01', to: '2025-12-31' });
    expect(evaluation.previousPeriod).toBeNull();
    expect(evaluation.yearAgoPeriod).toEqual({ label: '2024' });
    expect(evaluation.scopeNote).toBeNull();
    expect(evaluation.scorecard.label).toEqual({ zh: '本平台自定评分，非法规规定', en: 'Scoring of this platform, not a regulation' });
    expect(evaluation.scorecard.indicators.map((row: any) => row.weight).reduce((a: number, b: number) => a + b, 0)).toBe(100);
    const fee = evaluation.scorecard.indicators.find((row: any) => row.code === 'fee_ratio');
    expect(fee.formula).toEqual({ kind: 'floor_cap', zero: 0, full: 15, pass: null, cap: 21 });
    expect(fee.rules.map((rule: any) => rule.id)).toEqual(['fee_ratio_floor/2024', 'fee_ratio_cap/2025']);
  });

  test('the ranking: I3, I1, I2; insurers without business are not ranked', () => {
    expect(evaluation.insurers.map((row: any) => [row.rank, row.insurer.id, row.grade])).toEqual([
      [1, 'I3', 'pass'], [2, 'I1', 'pass'], [3, 'I2', 'fail'],
    ]);
  });

  test('I3: every score, with small/micro reach and overdue claims not applicable and the weights rescaled over 86', () => {
    const i3 = insurerOf(evaluation, 'I3');
    const w = 100 / 86;
    const fee = line(i3, 'fee_ratio');
    expect(fee.numerator).toBe(200000);
    expect(fee.denominator).toBe(1433300);
    expect(fee.value).toBeCloseTo(13.9538, 3);
    for (const code of ['small_micro_reach', 'overdue_open_claims']) {
      expect(line(i3, code)).toMatchObject({ notApplicable: 'EMPTY', value: null, effectiveWeight: null, score: null });
    }
    expect(line(i3, 'accepted_rows')).toMatchObject({ notApplicable: 'EMPTY', score: null });
    expect(line(i3, 'fee_ratio').effectiveWeight).toBeCloseTo(20 * w, 6);
    const expected: Record<string, number> = {
      fee_ratio: 20 * w * ((200000 / 1433300) * 100 / 15),
      ledger_linked: 5 * w,
      service_frequency: 15 * w,
      first_service: 10 * w * linear(75, 50, 100),
      hazard_rectification: 10 * w * linear((10 / 11) * 100, 50, 100),
      death_limit: 8 * w,
      all_employee: 4 * w,
      cancellations: 0,
      timely_settlement: 0,
      denial_rate: 0,
    };
    for (const [code, score] of Object.entries(expected)) expect([code, line(i3, code).score]).toEqual([code, round2(score)]);
    // 21.63 + 5.81 + 17.44 + 5.81 + 9.51 + 9.30 + 4.65, summed before rounding: 63.7869 × 100/86
    expect(i3.total).toBe(74.17);
    expect(i3.deductionPoints).toBe(0);
  });

  test('I1: 15% exactly earns the whole fee weight; one unqualified provider deducts 2', () => {
    const i1 = insurerOf(evaluation, 'I1');
    const w = 100 / 90;
    expect(line(i1, 'fee_ratio')).toMatchObject({ numerator: 2085000, denominator: 13900000, value: 15, score: round2(20 * w) });
    const expected: Record<string, number> = {
      ledger_linked: 2.5 * w, service_frequency: 0, first_service: 10 * w, hazard_rectification: 10 * w * 0.75,
      death_limit: 8 * w, all_employee: 4 * w, cancellations: 3 * w, timely_settlement: 0, denial_rate: 4 * w, overdue_open_claims: 0,
    };
    for (const [code, score] of Object.entries(expected)) expect([code, line(i1, code).score]).toEqual([code, round2(score)]);
    expect(line(i1, 'small_micro_reach').notApplicable).toBe('EMPTY');
    expect(i1.base).toBe(round2((59 * 100) / 90));
    expect(i1.deductions.find((row: any) => row.code === 'unqualified_provider')).toEqual({ code: 'unqualified_provider', count: 1, points: 2 });
    expect(i1.total).toBe(63.56);
  });

  test('I2: over the cap earns nothing; two unqualified providers and two policies before its filing deduct 8; 不合格', () => {
    const i2 = insurerOf(evaluation, 'I2');
    const w = 100 / 95;
    expect(line(i2, 'fee_ratio')).toMatchObject({ numerator: 1600000, denominator: 7266701, score: 0 });
    expect(line(i2, 'small_micro_reach')).toMatchObject({ numerator: 1, denominator: 1, score: round2(5 * w) });
    expect(line(i2, 'hazard_rectification').score).toBe(round2(10 * w * linear((7 / 9) * 100, 50, 100)));
    expect(line(i2, 'death_limit')).toMatchObject({ numerator: 3, denominator: 4, score: 0 });
    expect(line(i2, 'timely_settlement').score).toBe(round2(7 * w));
    expect(line(i2, 'denial_rate')).toMatchObject({ value: 50, score: 0 });
    expect(line(i2, 'all_employee')).toMatchObject({ numerator: 3, denominator: 4, score: round2(4 * w * 0.5) });
    expect(i2.base).toBe(round2((5 + 10 * (5 / 9) + 2 + 3 + 7) * w));
    expect(i2.deductions.filter((row: any) => row.count > 0)).toEqual([
      { code: 'unqualified_provider', count: 2, points: 4 }, { code: 'policy_before_filing', count: 2, points: 4 },
    ]);
    expect(i2.total).toBe(15.74);
    expect(i2.gradeTitle.zh).toBe('不合格');
  });

  test('the change from 2024 (同比), with the deductions for the annual reports on 2024', () => {
    // I3 in 2024: fee 0 / 30000.00 (0), services E11 0/1, hazards S18 1/1, death P11 of P11 P15, all employees 1/1,
    // cancellations 0/2; ledger, first service, claims empty: 17 of 60 applicable points → 28.33, less 5 for the late report.
    const i3 = insurerOf(evaluation, 'I3');
    expect(i3.yearAgoTotal).toBe(round2((17 * 100) / 60 - 5));
    expect(line(i3, 'hazard_rectification').yearAgo).toEqual({
      value: 100, score: round2((10 * 100) / 60), valueChange: (10 / 11) * 100 - 100,
      scoreChange: round2(round2(10 * (100 / 86) * linear((10 / 11) * 100, 50, 100)) - round2((10 * 100) / 60)),
    });
    expect(line(i3, 'ledger_linked').yearAgo).toMatchObject({ value: null, valueChange: null });
    // I1 in 2024: fee 3000.00 / 50000.00 = 6% (6/15 of 20), death 2/2, all employees 2/2, cancellations 0/2 of 65 → 35.38; report on time.
    const i1 = insurerOf(evaluation, 'I1');
    expect(line(i1, 'fee_ratio').yearAgo).toMatchObject({ value: 6, valueChange: 9 });
    expect(i1.yearAgoTotal).toBe(round2((23 * 100) / 65));
    expect(i1.previousTotal).toBeNull();
  });

  test('follow-ups: each insurer below the line, and each city an insurer falls below it in, with the rules broken', () => {
    const brief = evaluation.followUps.map((row: any) => `${row.insurer.id} ${row.city?.code ?? 'all'} ${row.measure}`);
    expect(brief).toEqual([
      // I3 at 74.17 is above every line; I1 at 63.56 is below 70 (约谈) and used an unqualified provider (约谈 as well);
      // I2 at 15.74 is below 40 (公开通报).
      'I1 all interview', 'I2 all public_notice',
      'I1 140100 rectification', 'I2 140100 rectification', 'I2 140200 public_notice', 'I3 140100 rectification', 'I3 140200 rectification',
    ]);
    const i2 = evaluation.followUps[1];
    expect(i2.deductions).toEqual(['unqualified_provider', 'policy_before_filing']);
    expect(i2.indicators).toEqual(['fee_ratio', 'ledger_linked', 'service_frequency', 'first_service', 'death_limit', 'denial_rate', 'overdue_open_claims']);
    expect(i2.rules.map((rule: any) => rule.id)).toContain('provider_qualification/2024');
    expect(i2.source.zh).toContain('约谈、限期整改、公开通报');
  });
});

test('the annual report on 2025, missing after 2026-01-31, deducts 10', async () => {
  const { data, errors } = await ask('province', { year: 2025, asOf: '2026-02-01' });
  expect(errors).toBeUndefined();
  const i3 = insurerOf(data!.evaluation, 'I3');
  expect(i3.deductions.find((row: any) => row.code === 'annual_report_missing')).toEqual({ code: 'annual_report_missing', count: 1, points: 10 });
  expect(i3.total).toBe(64.17);
});

test('a year still running judges its open claims on the evaluation day, not on a last day to come', async () => {
  // On 2025-10-01 C4 (P02: I1 60%, I2 40%), reported 2025-08-02, has been open 30 + 31 + 30 = 60 days: not more than 60,
  // not overdue; C7 is reported only on 11-20. Judged on 2025-12-31 it would be C4 overdue of C4 and C7 (1/2, no points).
  const { data, errors } = await ask('province', { year: 2025, asOf: '2025-10-01' });
  expect(errors).toBeUndefined();
  for (const id of ['I1', 'I2']) {
    expect(line(insurerOf(data!.evaluation, id), 'overdue_open_claims')).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  }
  // Evaluated once 2025 has ended, on any day, its open claims are judged on 2025-12-31: C4 overdue, C7 not.
  const closed = (await ask('province', { year: 2025, asOf: '2026-06-30' })).data!.evaluation;
  expect(line(insurerOf(closed, 'I1'), 'overdue_open_claims')).toMatchObject({ numerator: 1, denominator: 2 });
});

test('the accepted share of submitted rows, from the insurer accounts\' uploads received in the period', async () => {
  const upload = (id: string, role: string, scope: string | null, receivedAt: string, status: string, stored: number, rejected: number) =>
    Object.assign(new SubmissionRow(), {
      id, username: `${role}-${id}`, role, scope, receivedAt: Date.parse(receivedAt), finishedAt: Date.parse(receivedAt) + 1000, status,
      files: '[]', lines: stored + rejected, stored, rejected, rejectCount: rejected, failure: null,
    });
  const uploads = [
    // I3 in 2025: 190 of 200 rows stored, 95%.
    upload('u1', 'insurer', 'I3', '2025-06-01T10:00:00+08:00', 'partly_stored', 120, 10),
    upload('u2', 'insurer', 'I3', '2025-12-31T23:59:59+08:00', 'stored', 70, 0),
    // Not I3's in 2025: a day in 2024 (31 December, Shanghai time), one still running, a city bureau's upload.
    upload('u3', 'insurer', 'I3', '2024-12-31T23:30:00+08:00', 'partly_stored', 0, 50),
    upload('u4', 'insurer', 'I3', '2025-07-01T10:00:00+08:00', 'running', 0, 0),
    upload('u5', 'city', '140100', '2025-07-01T10:00:00+08:00', 'partly_stored', 0, 40),
  ];
  await api.platform.getRepository(SubmissionRow).save(uploads);
  try {
    // Another evaluation day than the tests above, so that the answer is computed anew.
    const evaluation = (await ask('province', { year: 2025, asOf: '2025-12-30' })).data!.evaluation;
    const i3 = insurerOf(evaluation, 'I3');
    // 95% earns (95 − 90) / 10 = half of 5 points, rescaled now that 91 points apply.
    expect(line(i3, 'accepted_rows')).toMatchObject({ numerator: 190, denominator: 200, value: 95, notApplicable: null, score: round2(5 * (100 / 91) * 0.5) });
    expect(line(i3, 'accepted_rows').yearAgo).toMatchObject({ value: 0, score: 0 });
    expect(line(insurerOf(evaluation, 'I1'), 'accepted_rows').notApplicable).toBe('EMPTY');
    // Uploads are recorded per account, not per county: not counted in a city's evaluation.
    const city = (await ask('taiyuan', { year: 2025, asOf: '2025-12-30' })).data!.evaluation;
    expect(line(insurerOf(city, 'I3'), 'accepted_rows').notApplicable).toBe('EMPTY');
  } finally {
    await api.platform.getRepository(SubmissionRow).delete(uploads.map((row) => row.id));
  }
});

test('a quarter: 环比 and 同比, service frequency not judged', async () => {
  const { data, errors } = await ask('province', { year: 2025, quarter: 2 });
  expect(errors).toBeUndefined();
  const evaluation = data!.evaluation;
  expect([evaluation.period, evaluation.previousPeriod.label, evaluation.yearAgoPeriod.label]).toEqual([
    { label: '2025Q2', from: '2025-04-01', to: '2025-06-30' }, '2025Q1', '2024Q2',
  ]);
  const i1 = insurerOf(evaluation, 'I1');
  expect(line(i1, 'service_frequency').notApplicable).toBe('YEAR_ONLY');
  // No I1 policy starts in the second quarter; L2 (2025-05-01) names S15, L1 (2025-03-01) of the first quarter names none.
  expect(line(i1, 'fee_ratio').notApplicable).toBe('EMPTY');
  expect(line(i1, 'ledger_linked')).toMatchObject({ value: 100, previous: { value: 0, valueChange: 100 } });
  // 2024Q2: P04 (2024-06-30) is I1's only policy starting then, no ledger entry: 0%.
  expect(line(i1, 'fee_ratio').yearAgo).toMatchObject({ value: 0, valueChange: null });
});

describe('scope', () => {
  test('a city account gets its city: each insurer judged on its business there', async () => {
    const { data, errors } = await ask('taiyuan', { year: 2025 });
    expect(errors).toBeUndefined();
    const evaluation = data!.evaluation;
    expect(evaluation.region.code).toBe('140100');
    expect(evaluation.scopeNote.zh).toContain('太原市');
    // I1 in 太原: premium of P01, P02 (60%), P06 = 139000.00, ledger L1 15000.00 (L2 is booked in 新荣, 大同).
    expect(line(insurerOf(evaluation, 'I1'), 'fee_ratio')).toMatchObject({ numerator: 1500000, denominator: 13900000 });
    // I3 in 太原: P07 and the cancelled P09 (1000.00 received), no ledger entry there.
    expect(line(insurerOf(evaluation, 'I3'), 'fee_ratio')).toMatchObject({ numerator: 0, denominator: 1100000 });
    // No per-city follow-up list inside a city: the insurers' own lines are the city's.
    expect(evaluation.followUps.every((row: any) => row.city === null)).toBe(true);
    const province = (await ask('province', { year: 2025 })).data!.evaluation;
    for (const row of evaluation.insurers) {
      const pair = province.followUps.find((candidate: any) => candidate.insurer.id === row.insurer.id && candidate.city?.code === '140100');
      if (pair) expect(pair.total).toBe(row.total);
    }
  });

  test('in 大同 I1 received no premium in 2025: its fee ratio does not apply there', async () => {
    const evaluation = (await ask('datong', { year: 2025 })).data!.evaluation;
    const i1 = insurerOf(evaluation, 'I1');
    expect(line(i1, 'fee_ratio').notApplicable).toBe('EMPTY');
    expect(line(i1, 'ledger_linked')).toMatchObject({ numerator: 1, denominator: 1 });
  });

  test('a city account asking for another city, and any insurer account, are refused', async () => {
    expect(codeOf(await ask('taiyuan', { year: 2025, region: '140200' }))).toBe('FORBIDDEN');
    const refused = await ask('insurerI2', { year: 2025 });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
  });

  test('a year before the scorecard is refused with the first year', async () => {
    const answer = await ask('province', { year: 2023 });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toContain('2024');
  });
});

describe('the workbook', () => {
  const download = (user: 'analyst' | 'taiyuan' | 'insurerI2', query: string) =>
    fetch(`${api.server.url.replace(/\/graphql$/, '')}/api/documents/evaluation.xlsx?${query}`, { headers: { authorization: `Bearer ${api.tokens[user]}` } });

  test('holds the ranking and every score as numbers, the same as the query', async () => {
    const response = await download('analyst', 'year=2025');
    expect(response.status).toBe(200);
    const workbook = Buffer.from(await response.arrayBuffer());
    const ranking = await readSheet(workbook, '排名');
    expect(ranking[1].slice(0, 7)).toEqual(['排名', '承保机构', '机构编号', '总分', '指标得分', '扣分', '等级']);
    // The evaluation day of a download is today, after the deadline of the reports on 2025 (none in the fixture: −10 each).
    expect(ranking.slice(2, 5).map((row) => row.slice(0, 7))).toEqual([
      [1, '中国太平洋财产保险股份有限公司山西分公司', 'I3', 64.17, 74.17, 10, '合格'],
      [2, '中国人民财产保险股份有限公司山西省分公司', 'I1', 53.56, 65.56, 12, '不合格'],
      [3, '中国平安财产保险股份有限公司山西分公司', 'I2', 5.74, 23.74, 18, '不合格'],
    ]);
    const exact = await readSheet(workbook, '排名', { parseNumber: (value) => value });
    expect(exact[2][3]).toBe('64.17');
    const detail = await readSheet(workbook, '评分明细');
    const i3Fee = detail.find((row) => row[0] === '中国太平洋财产保险股份有限公司山西分公司' && row[1] === '事故预防费用占比')!;
    expect(i3Fee.slice(2, 9)).toEqual([200000, 1433300, expect.closeTo(200000 / 1433300, 12), 20, 23.26, 21.63, '适用']);
    expect(String(i3Fee.at(-2))).toContain('fee_ratio_floor/2024');
    const i3Reach = detail.find((row) => row[0] === '中国太平洋财产保险股份有限公司山西分公司' && row[1] === '小微企业服务覆盖率')!;
    expect(i3Reach.slice(2, 9)).toEqual([0, 0, null, 5, null, null, '不适用（分母为空）']);
    const deductions = await readSheet(workbook, '扣分');
    expect(deductions.slice(2).map((row) => row.slice(0, 4))).toContainEqual(['中国平安财产保险股份有限公司山西分公司', '资料报送完成前承保', 2, 4]);
    const scoring = await readSheet(workbook, '评分方法');
    expect(scoring[0][0]).toContain('本平台自定评分，非法规规定');
    expect(scoring.slice(2, 15).map((row) => row[1])).toEqual([20, 5, 15, 10, 5, 10, 8, 4, 3, 7, 4, 4, 5]);
  });

  test('a city account downloads its city; an insurer account is refused', async () => {
    const city = Buffer.from(await (await download('taiyuan', 'year=2025&quarter=2')).arrayBuffer());
    const cover = await readSheet(city, '封面');
    expect(cover.find((row) => row[0] === '范围')![1]).toContain('太原市');
    const refused = await download('insurerI2', 'year=2025');
    expect(refused.status).toBe(403);
  });
});
