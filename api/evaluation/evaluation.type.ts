import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { Region } from '../common/region';
import { DateScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';

@ObjectType({ description: 'Words in Chinese and English' })
export class Bilingual {
  @Field() zh!: string;
  @Field() en!: string;
}

@ObjectType({ description: 'A period of the evaluation: a calendar year or a quarter' })
export class EvaluationPeriod {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: '1–4; null for a whole year' }) quarter!: number | null;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field({ description: '"2025" or "2025Q2"' }) label!: string;
}

@ObjectType({ description: 'How an indicator’s value (a percentage) becomes the share of its weight it earns' })
export class ScoringFormula {
  @Field({ description: 'linear, floor_cap or pass_fail' }) kind!: string;
  @Field(() => Float, { nullable: true, description: 'Value earning nothing (linear, floor_cap)' }) zero!: number | null;
  @Field(() => Float, { nullable: true, description: 'Value earning the whole weight (linear; floor_cap: the floor in force)' }) full!: number | null;
  @Field(() => Float, { nullable: true, description: 'pass_fail: the value that earns the whole weight' }) pass!: number | null;
  @Field(() => Float, { nullable: true, description: 'floor_cap: above this value (the cap in force) nothing is earned' }) cap!: number | null;
  @Field(() => Bilingual, { description: 'The formula in words' }) words!: Bilingual;
}

@ObjectType({ description: 'One indicator of the scorecard, the platform’s own scoring' })
export class ScorecardIndicator {
  @Field() code!: string;
  @Field(() => Int) weight!: number;
  @Field(() => Bilingual) title!: Bilingual;
  @Field(() => Bilingual) measure!: Bilingual;
  @Field(() => Bilingual, { description: 'Where the rule behind it comes from' }) basis!: Bilingual;
  @Field(() => ScoringFormula) formula!: ScoringFormula;
  @Field(() => [Rule], { description: 'The rules it is judged against, as in force on the period’s last day' }) rules!: Rule[];
}

@ObjectType()
export class ScorecardDeduction {
  @Field() code!: string;
  @Field(() => Float) pointsEach!: number;
  @Field(() => Float) cap!: number;
  @Field(() => Bilingual) title!: Bilingual;
  @Field(() => Bilingual) basis!: Bilingual;
  @Field(() => [Rule]) rules!: Rule[];
}

@ObjectType()
export class ScorecardGrade {
  @Field() code!: string;
  @Field(() => Float, { description: 'Lowest total of the grade' }) min!: number;
  @Field(() => Bilingual) title!: Bilingual;
}

@ObjectType()
export class FollowUpLine {
  @Field({ description: 'interview (约谈), rectification (限期整改) or public_notice (公开通报)' }) measure!: string;
  @Field(() => Float, { description: 'Proposed for a total below this' }) below!: number;
  @Field(() => Bilingual) title!: Bilingual;
}

@ObjectType({ description: 'The platform’s own minimum of business for judging an insurer in one city' })
export class CityFollowUpRule {
  @Field(() => Int, { description: 'Policies starting in the period in the city, in which the insurer holds a share, needed for a follow-up there' })
  minPolicies!: number;
  @Field(() => Bilingual, { description: 'The rule as the page and the workbook state it' }) title!: Bilingual;
}

@ObjectType({ description: 'The scoring in force: weights, formulas, deductions, grades and follow-up lines, labelled as the platform’s own' })
export class Scorecard {
  @Field(() => ID) id!: string;
  @Field(() => Bilingual, { description: '“Scoring of this platform, not a regulation”' }) label!: Bilingual;
  @Field(() => [ScorecardIndicator]) indicators!: ScorecardIndicator[];
  @Field(() => [ScorecardDeduction]) deductions!: ScorecardDeduction[];
  @Field(() => [ScorecardGrade]) grades!: ScorecardGrade[];
  @Field(() => [FollowUpLine]) followUpLines!: FollowUpLine[];
  @Field(() => Bilingual, { description: 'The circular’s clause naming the follow-ups' }) followUpSource!: Bilingual;
  @Field(() => CityFollowUpRule, { description: 'When an insurer’s business in one city is enough to propose a follow-up for it there' })
  cityFollowUp!: CityFollowUpRule;
}

@ObjectType({ description: 'An indicator in an earlier period, and the change since' })
export class IndicatorPrior {
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => Float, { nullable: true, description: 'This period’s value less that one; null when either is not applicable' }) valueChange!: number | null;
  @Field(() => Float, { nullable: true }) scoreChange!: number | null;
}

@ObjectType({ description: 'One line of an insurer’s scorecard' })
export class IndicatorResult {
  @Field() code!: string;
  @Field(() => Float, { nullable: true, description: 'Numerator of the value (money in fen)' }) numerator!: number | null;
  @Field(() => Float, { nullable: true, description: 'Denominator of the value (money in fen); 0: not applicable' }) denominator!: number | null;
  @Field(() => Float, { nullable: true, description: 'Percent' }) value!: number | null;
  @Field(() => String, { nullable: true, description: 'EMPTY (no denominator), NO_DATA (the platform holds none) or YEAR_ONLY (a yearly rule, not judged on a quarter); null when it applies' })
  notApplicable!: string | null;
  @Field(() => Bilingual, { nullable: true, description: 'Why it does not apply' }) notApplicableReason!: Bilingual | null;
  @Field(() => Int) weight!: number;
  @Field(() => Float, { nullable: true, description: 'The weight rescaled over the indicators that apply' }) effectiveWeight!: number | null;
  @Field(() => Float, { nullable: true, description: 'effectiveWeight × the share earned, to 0.01' }) score!: number | null;
  @Field(() => IndicatorPrior, { nullable: true, description: '环比: the previous quarter (quarters only)' }) previous!: IndicatorPrior | null;
  @Field(() => IndicatorPrior, { nullable: true, description: '同比: the same period a year before' }) yearAgo!: IndicatorPrior | null;
}

@ObjectType()
export class DeductionResult {
  @Field() code!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float) points!: number;
}

@ObjectType({ description: 'An insurer’s place in the evaluation' })
export class InsurerEvaluation {
  @Field(() => Int, { description: '1 for the highest total; equal totals share a rank' }) rank!: number;
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Float, { description: 'Σ indicator scores less deductions, to 0.01, never below 0' }) total!: number;
  @Field(() => Float) base!: number;
  @Field(() => Float) deductionPoints!: number;
  @Field() grade!: string;
  @Field(() => Bilingual) gradeTitle!: Bilingual;
  @Field(() => [IndicatorResult]) indicators!: IndicatorResult[];
  @Field(() => [DeductionResult]) deductions!: DeductionResult[];
  @Field(() => Float, { nullable: true, description: 'Total of the previous quarter (quarters only)' }) previousTotal!: number | null;
  @Field(() => Float, { nullable: true, description: 'Total of the same period a year before' }) yearAgoTotal!: number | null;
}

@ObjectType({ description: 'A follow-up proposed under the circular, 三(二)' })
export class FollowUp {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Region, { nullable: true, description: 'The city whose business is below the line; null: the insurer’s whole business in the scope' })
  city!: Region | null;
  @Field(() => Float) total!: number;
  @Field() grade!: string;
  @Field({ description: 'interview (约谈), rectification (限期整改) or public_notice (公开通报)' }) measure!: string;
  @Field(() => Bilingual) measureTitle!: Bilingual;
  @Field(() => [String], { description: 'Indicators earning less than half their weight' }) indicators!: string[];
  @Field(() => [String], { description: 'Deductions taken' }) deductions!: string[];
  @Field(() => [Rule], { description: 'The rules broken: those behind the indicators and deductions named' }) rules!: Rule[];
  @Field(() => Bilingual, { description: 'The circular’s clause for the measure' }) source!: Bilingual;
  @Field(() => Int, { description: 'Policies starting in the period in which the insurer holds a share, in the city or the whole scope' })
  policies!: number;
}

@ObjectType({ description: 'The periodic evaluation (定期评估): every insurer ranked on the platform’s scorecard' })
export class Evaluation {
  @Field(() => EvaluationPeriod) period!: EvaluationPeriod;
  @Field(() => EvaluationPeriod, { nullable: true, description: '环比: the previous quarter; null for a year' }) previousPeriod!: EvaluationPeriod | null;
  @Field(() => EvaluationPeriod, { description: '同比: the same period a year before' }) yearAgoPeriod!: EvaluationPeriod;
  @Field(() => Region) region!: Region;
  @Field(() => Bilingual, { nullable: true, description: 'Set when the insurers are judged on their business in one city only' }) scopeNote!: Bilingual | null;
  @Field(() => Scorecard) scorecard!: Scorecard;
  @Field(() => [InsurerEvaluation]) insurers!: InsurerEvaluation[];
  @Field(() => [FollowUp]) followUps!: FollowUp[];
  @Field(() => Int, {
    nullable: true,
    description: 'Insurer–city pairs with business in the period but fewer policies starting there than scorecard.cityFollowUp.minPolicies: too little business in the city to judge, not proposed for a follow-up; null outside the province’s evaluation',
  })
  smallCityPairs!: number | null;
}
