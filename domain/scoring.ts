/**
 * The periodic evaluation's arithmetic (定期评估, docs/definitions.md, definition 18), on figures already
 * measured: each indicator's value and the share of its weight it earns, the rescaling when some do
 * not apply, the deductions, the total, the grade and the follow-up. The scorecard itself (weights,
 * formulas, lines) is rulebook data; nothing here holds a number of its own.
 *
 * Values are percentages. An indicator's score is its weight × the share earned, the weight rescaled
 * so that the indicators that apply still make 100. The total is the sum of the unrounded scores
 * less the deductions, never below 0, rounded to 0.01 (half away from zero); the grade is read from
 * that rounded total, so a total shown as 90.00 is 优秀.
 */
import type { DeductionCode, FollowUpMeasure, GradeCode, IndicatorCode, Scorecard } from './rulebook';
import type { ScoringEntry } from './rulebook.data';

/** Why an indicator earns no score and its weight goes to the others. */
export type NotApplicable =
  /** The denominator is empty for this insurer and period (no premium, no decided claim…). */
  | 'EMPTY'
  /** The platform holds no data the indicator could be measured from. */
  | 'NO_DATA'
  /** The rule is yearly (service frequency): a quarter is not judged against it. */
  | 'YEAR_ONLY';

export type IndicatorFigures = { numerator: number; denominator: number } | { notApplicable: Exclude<NotApplicable, 'EMPTY'> };

/** The rule values in force on the judging day that a `floor_cap` formula reads. */
export interface ScoringRules {
  floorPercent: number | null;
  capPercent: number | null;
}

export interface IndicatorScore {
  code: IndicatorCode;
  weight: number;
  numerator: number | null;
  denominator: number | null;
  /** Percent; null when not applicable. */
  value: number | null;
  notApplicable: NotApplicable | null;
  /** The weight after rescaling; null when not applicable. */
  effectiveWeight: number | null;
  /** Share of the weight earned, 0 to 1. */
  earned: number | null;
  score: number | null;
}

export interface DeductionScore {
  code: DeductionCode;
  count: number;
  points: number;
}

export interface CardScore {
  indicators: IndicatorScore[];
  deductions: DeductionScore[];
  /** Σ of the indicators' scores, before deductions, rounded to 0.01. */
  base: number;
  deductionPoints: number;
  total: number;
  grade: GradeCode;
}

/** Half away from zero to 0.01, on the decimal digits the number prints with. */
export function roundScore(value: number): number {
  const rounded = Math.round(Math.abs(value) * 100 + 1e-9) / 100;
  return value < 0 ? -rounded : rounded;
}

function clamp01(share: number): number {
  return Math.min(1, Math.max(0, share));
}

/** The share of its weight a value earns under a formula. */
export function shareEarned(scoring: ScoringEntry, value: number, rules: ScoringRules): number {
  if (scoring.kind === 'pass_fail') return value >= Number(scoring.pass) ? 1 : 0;
  if (scoring.kind === 'floor_cap') {
    if (rules.capPercent !== null && value > rules.capPercent) return 0;
    const zero = Number(scoring.zero);
    if (rules.floorPercent === null) return 1;
    return clamp01((value - zero) / (rules.floorPercent - zero));
  }
  const zero = Number(scoring.zero);
  const full = Number(scoring.full);
  return clamp01((value - zero) / (full - zero));
}

export function gradeOf(card: Scorecard, total: number): GradeCode {
  const grade = card.grades.find((candidate) => total >= candidate.min);
  return (grade ?? card.grades[card.grades.length - 1]).code;
}

export function scoreCard(
  card: Scorecard,
  figures: ReadonlyMap<IndicatorCode, IndicatorFigures>,
  counts: ReadonlyMap<DeductionCode, number>,
  rules: ScoringRules,
): CardScore {
  const measured = card.indicators.map((indicator) => {
    const figure = figures.get(indicator.code) ?? { notApplicable: 'NO_DATA' as const };
    if ('notApplicable' in figure) return { indicator, figure: null, notApplicable: figure.notApplicable as NotApplicable };
    if (figure.denominator === 0) return { indicator, figure, notApplicable: 'EMPTY' as NotApplicable };
    return { indicator, figure, notApplicable: null };
  });
  const applicableWeight = measured.reduce((sum, line) => sum + (line.notApplicable === null ? line.indicator.weight : 0), 0);
  const total100 = card.indicators.reduce((sum, indicator) => sum + indicator.weight, 0);
  let base = 0;
  const indicators = measured.map(({ indicator, figure, notApplicable }): IndicatorScore => {
    const fractions = figure === null ? { numerator: null, denominator: null } : figure;
    if (notApplicable !== null || figure === null) {
      return { code: indicator.code, weight: indicator.weight, ...fractions, value: null, notApplicable, effectiveWeight: null, earned: null, score: null };
    }
    const value = (figure.numerator * 100) / figure.denominator;
    const effectiveWeight = (indicator.weight * total100) / applicableWeight;
    const earned = shareEarned(indicator.scoring, value, rules);
    base += effectiveWeight * earned;
    return {
      code: indicator.code, weight: indicator.weight, ...fractions, value, notApplicable: null,
      effectiveWeight, earned, score: roundScore(effectiveWeight * earned),
    };
  });
  const deductions = card.deductions.map((deduction): DeductionScore => {
    const count = counts.get(deduction.code) ?? 0;
    return { code: deduction.code, count, points: Math.min(deduction.cap, count * deduction.pointsEach) };
  });
  const deductionPoints = deductions.reduce((sum, deduction) => sum + deduction.points, 0);
  const total = roundScore(Math.max(0, base - deductionPoints));
  return { indicators, deductions, base: roundScore(base), deductionPoints, total, grade: gradeOf(card, total) };
}

export interface FollowUp {
  measure: FollowUpMeasure;
  /** The indicators earning less than half their weight, and the deductions taken: what it breaks. */
  indicators: IndicatorCode[];
  deductions: DeductionCode[];
}

/** Below this share of its weight an indicator is named among what a follow-up is about. */
export const WEAK_SHARE = 0.5;

/**
 * The follow-up a card proposes: the measure of the lowest line its total is below, or the measure a
 * deduction taken asks for; none when neither applies. Measures rank 约谈 < 限期整改 < 公开通报, and the
 * stronger one wins.
 */
export function followUpOf(card: Scorecard, score: CardScore): FollowUp | null {
  const order: FollowUpMeasure[] = ['interview', 'rectification', 'public_notice'];
  const byTotal = card.followUps.find((line) => score.total < line.below)?.measure;
  const taken = score.deductions.filter((deduction) => deduction.count > 0);
  const byDeduction = taken
    .map((deduction) => card.deductions.find((entry) => entry.code === deduction.code)?.followUp)
    .filter((measure): measure is FollowUpMeasure => measure !== undefined);
  const candidates = [...(byTotal ? [byTotal] : []), ...byDeduction];
  if (candidates.length === 0) return null;
  const measure = candidates.reduce((strongest, next) => (order.indexOf(next) > order.indexOf(strongest) ? next : strongest));
  return {
    measure,
    indicators: score.indicators.filter((line) => line.earned !== null && line.earned < WEAK_SHARE).map((line) => line.code),
    deductions: taken.map((deduction) => deduction.code),
  };
}
