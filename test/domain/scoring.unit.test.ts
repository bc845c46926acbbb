/**
 * The scorecard's arithmetic on crafted figures: the grade boundaries at exactly 90 and 60, rescaling
 * when indicators do not apply, the deductions' cap, the formulas, and the checks the rulebook makes
 * when it loads a scorecard.
 */
import { INDICATOR_CODES, RULEBOOK, Rulebook, RulebookError, type IndicatorCode } from '../../domain/rulebook';
import { RULEBOOK_ENTRIES, type ScorecardEntry } from '../../domain/rulebook.data';
import { followUpOf, scoreCard, shareEarned, type IndicatorFigures } from '../../domain/scoring';

const card = RULEBOOK.scorecardInForce('2025-12-31')!;
const RULES_2025 = { floorPercent: 15, capPercent: 21 };

/** Every indicator at its best (fee ratio at 15%), then the changes given. */
function figures(changes: Partial<Record<IndicatorCode, IndicatorFigures>> = {}): Map<IndicatorCode, IndicatorFigures> {
  const best = new Map<IndicatorCode, IndicatorFigures>(INDICATOR_CODES.map((code) => [code, { numerator: 1, denominator: 1 }]));
  for (const code of ['cancellations', 'denial_rate', 'overdue_open_claims'] as const) best.set(code, { numerator: 0, denominator: 10 });
  best.set('fee_ratio', { numerator: 15, denominator: 100 });
  for (const [code, figure] of Object.entries(changes)) best.set(code as IndicatorCode, figure);
  return best;
}
const deductions = (unqualified: number) => new Map([['unqualified_provider' as const, unqualified]]);

test('every indicator at its best scores 100, 优秀', () => {
  const score = scoreCard(card, figures(), new Map(), RULES_2025);
  expect(score.total).toBe(100);
  expect(score.grade).toBe('excellent');
});

test('exactly 90 is 优秀, 89.99 is 良好', () => {
  // Five unqualified services: 5 × 2 = 10 points.
  expect(scoreCard(card, figures(), deductions(5), RULES_2025)).toMatchObject({ total: 90, grade: 'excellent' });
  // Hazard rectification at 99.9%: 10 × (99.9 − 50) / 50 = 9.98, less 10 → 89.98.
  const short = scoreCard(card, figures({ hazard_rectification: { numerator: 999, denominator: 1000 } }), deductions(5), RULES_2025);
  expect(short).toMatchObject({ total: 89.98, grade: 'good' });
});

test('exactly 60 is 合格, just below it 不合格', () => {
  // Fee ratio, service frequency and ledger at 0 lose 20 + 15 + 5 = 40.
  const zero = { fee_ratio: { numerator: 0, denominator: 100 }, service_frequency: { numerator: 1, denominator: 2 }, ledger_linked: { numerator: 0, denominator: 4 } };
  expect(scoreCard(card, figures(zero), new Map(), RULES_2025)).toMatchObject({ total: 60, grade: 'pass' });
  expect(scoreCard(card, figures(zero), deductions(1), RULES_2025)).toMatchObject({ total: 58, grade: 'fail' });
  expect(scoreCard(card, figures({ ...zero, denial_rate: { numerator: 1, denominator: 100 } }), new Map(), RULES_2025).grade).toBe('pass');
});

test('not applicable indicators give their weight to the others in proportion', () => {
  // Without accepted rows (5) and overdue claims (4) the other 91 points are scaled to 100; losing the
  // whole fee ratio (20) leaves 71/91 of 100 = 78.02.
  const score = scoreCard(card, figures({
    accepted_rows: { notApplicable: 'NO_DATA' }, overdue_open_claims: { numerator: 0, denominator: 0 }, fee_ratio: { numerator: 30, denominator: 100 },
  }), new Map(), RULES_2025);
  expect(score.indicators.find((line) => line.code === 'overdue_open_claims')).toMatchObject({ notApplicable: 'EMPTY', score: null });
  expect(score.indicators.find((line) => line.code === 'fee_ratio')).toMatchObject({ value: 30, earned: 0, effectiveWeight: (20 * 100) / 91 });
  expect(score.total).toBe(78.02);
  expect(score.grade).toBe('pass');
});

test('deductions stop at their cap and the total never goes below 0', () => {
  const score = scoreCard(card, figures({ fee_ratio: { numerator: 0, denominator: 1 } }), new Map([
    ['unqualified_provider', 40], ['policy_before_filing', 40], ['annual_report_missing', 1],
  ] as const), RULES_2025);
  expect(score.deductions.map((row) => row.points)).toEqual([10, 10, 0, 10]);
  expect(score.total).toBe(50);
  // Every indicator at its worst but the three where lower is better, which score 3 + 4 + 4 = 11: less 10 → 1; less 20 → 0, not −9.
  const worst = figures(Object.fromEntries(INDICATOR_CODES.map((code) => [code, { numerator: 0, denominator: 1 }])));
  expect(scoreCard(card, worst, deductions(5), RULES_2025).total).toBe(1);
  expect(scoreCard(card, worst, new Map([['unqualified_provider', 5], ['policy_before_filing', 5]] as const), RULES_2025).total).toBe(0);
});

test('the formulas: linear both ways, floor and cap, pass or fail', () => {
  expect(shareEarned({ kind: 'linear', zero: '50', full: '100' }, 75, RULES_2025)).toBe(0.5);
  expect(shareEarned({ kind: 'linear', zero: '50', full: '10' }, 20, RULES_2025)).toBe(0.75);
  expect(shareEarned({ kind: 'linear', zero: '50', full: '10' }, 0, RULES_2025)).toBe(1);
  const fee = { kind: 'floor_cap', zero: '0', floorRule: 'fee_ratio_floor', capRule: 'fee_ratio_cap' } as const;
  expect(shareEarned(fee, 7.5, RULES_2025)).toBe(0.5);
  expect(shareEarned(fee, 21, RULES_2025)).toBe(1);
  expect(shareEarned(fee, 21.01, RULES_2025)).toBe(0);
  expect(shareEarned(fee, 30, { floorPercent: 15, capPercent: null })).toBe(1);
  expect(shareEarned({ kind: 'pass_fail', pass: '100' }, 99.99, RULES_2025)).toBe(0);
});

test('follow-ups: the lowest line below the total, or the measure an unqualified provider asks for', () => {
  const at = (total: number) => ({ ...scoreCard(card, figures(), new Map(), RULES_2025), total });
  expect(followUpOf(card, at(70))).toBeNull();
  expect(followUpOf(card, at(69.99))?.measure).toBe('interview');
  expect(followUpOf(card, at(59.99))?.measure).toBe('rectification');
  expect(followUpOf(card, at(39.99))?.measure).toBe('public_notice');
  const withProvider = scoreCard(card, figures(), deductions(1), RULES_2025);
  expect(withProvider.total).toBe(98);
  expect(followUpOf(card, withProvider)).toEqual({ measure: 'interview', indicators: [], deductions: ['unqualified_provider'] });
});

describe('the rulebook checks its scorecard', () => {
  const base = RULEBOOK_ENTRIES.scorecards![0];
  const problemsOf = (change: (entry: ScorecardEntry) => ScorecardEntry): readonly string[] => {
    try {
      Rulebook.load({ ...RULEBOOK_ENTRIES, scorecards: [change(base)] });
      return [];
    } catch (error) {
      return (error as RulebookError).problems;
    }
  };
  test.each<[string, (entry: ScorecardEntry) => ScorecardEntry, string]>([
    ['weights not making 100', (entry) => ({ ...entry, indicators: entry.indicators.map((row, i) => (i === 0 ? { ...row, weight: 25 } : row)) }),
      'scorecard scorecard/2024: the weights add up to 105, not 100'],
    ['an unknown indicator', (entry) => ({ ...entry, indicators: entry.indicators.map((row, i) => (i === 0 ? { ...row, code: 'fee' } : row)) }),
      'scorecard scorecard/2024: unknown indicator "fee"'],
    ['a linear formula without a slope', (entry) => ({ ...entry, indicators: entry.indicators.map((row, i) => (i === 1 ? { ...row, scoring: { kind: 'linear', zero: '50', full: '50' } } : row)) }),
      'scorecard scorecard/2024: indicator ledger_linked: zero and full are the same point'],
    ['grades out of order', (entry) => ({ ...entry, grades: [...entry.grades].reverse() }), 'scorecard scorecard/2024: the grades are not listed from the highest minimum down'],
    ['a city minimum that is not a whole number', (entry) => ({ ...entry, cityFollowUp: { ...entry.cityFollowUp, minPolicies: 2.5 } }),
      'scorecard scorecard/2024: cityFollowUp.minPolicies 2.5 is not a whole number of at least 1'],
    ['a city minimum its words do not state', (entry) => ({ ...entry, cityFollowUp: { ...entry.cityFollowUp, minPolicies: 40 } }),
      'scorecard scorecard/2024: cityFollowUp title does not state the minimum of 40 policies in both languages'],
    ['a label without Chinese', (entry) => ({ ...entry, label: { zh: 'own scoring', en: 'own scoring' } }), 'scorecard scorecard/2024: label.zh has no Chinese: "own scoring"'],
  ])('%s', (_what, change, problem) => {
    expect(problemsOf(change).join('\n')).toContain(problem);
  });
  test('the scorecard as written loads', () => {
    expect(problemsOf((entry) => entry)).toEqual([]);
  });
});
