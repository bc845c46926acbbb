import {
  Matches, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface,
} from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PROVINCE_CODE } from '../../domain/regions';
import { MAX_YEAR, MIN_YEAR } from '../common/paging';
import { Industry } from '../common/industry';
import { DateScalar } from '../common/scalars';
import { MONTH_PATTERN, monthIndex } from './months';
import { TrendGrain } from './trends.type';

/** The longest span one request may ask for: three years of months (with the year before, four are read). */
export const MAX_TREND_MONTHS = 36;

interface SpanArgs { from: string; to: string; grain: TrendGrain }

@ValidatorConstraint({ name: 'trendSpan' })
class TrendSpan implements ValidatorConstraintInterface {
  validate(_to: unknown, args: ValidationArguments): boolean {
    const { from, to } = args.object as SpanArgs;
    if (!MONTH_PATTERN.test(from) || !MONTH_PATTERN.test(to)) return true;
    const months = monthIndex(to) - monthIndex(from) + 1;
    return months >= 1 && months <= MAX_TREND_MONTHS;
  }

  defaultMessage(args: ValidationArguments): string {
    const { from, to } = args.object as SpanArgs;
    return `the span from ${from} to ${to} must run forwards and cover 1 to ${MAX_TREND_MONTHS} months`;
  }
}

/** The years every other argument allows; the series also reads the year before `from`, so 0000-01 would ask for year −1. */
@ValidatorConstraint({ name: 'monthInYears' })
class MonthInYears implements ValidatorConstraintInterface {
  validate(month: unknown): boolean {
    if (typeof month !== 'string' || !MONTH_PATTERN.test(month)) return true;
    const year = Number(month.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a month of the years ${MIN_YEAR} to ${MAX_YEAR}; got ${JSON.stringify(args.value)}`;
  }
}

@ValidatorConstraint({ name: 'quarterAligned' })
class QuarterAligned implements ValidatorConstraintInterface {
  validate(grain: unknown, args: ValidationArguments): boolean {
    const { from, to } = args.object as SpanArgs;
    if (grain !== 'QUARTER' || !MONTH_PATTERN.test(from) || !MONTH_PATTERN.test(to)) return true;
    return monthIndex(from) % 3 === 0 && monthIndex(to) % 3 === 2;
  }

  defaultMessage(): string {
    return 'with grain QUARTER, from must be the first month of a quarter (01, 04, 07, 10) and to the last (03, 06, 09, 12)';
  }
}

@ArgsType()
export class TrendArgs {
  @Field(() => ID, { defaultValue: PROVINCE_CODE, description: 'Region code; a city account reads the province as its own city' })
  region!: string;

  @Field({ description: 'First month of the series, YYYY-MM' })
  @Matches(MONTH_PATTERN, { message: 'from must be a month written YYYY-MM, e.g. "2025-01"' })
  @Validate(MonthInYears)
  from!: string;

  @Field({ description: `Last month of the series, YYYY-MM; at most ${MAX_TREND_MONTHS} months after from, counting both` })
  @Matches(MONTH_PATTERN, { message: 'to must be a month written YYYY-MM, e.g. "2025-12"' })
  @Validate(MonthInYears)
  @Validate(TrendSpan)
  to!: string;

  @Field(() => TrendGrain, { defaultValue: 'MONTH' })
  @Validate(QuarterAligned)
  grain!: TrendGrain;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The evaluation day, today in Asia/Shanghai when left out: the period holding it ends on it, and the periods after it are left out',
  })
  asOf?: string | null;

  @Field(() => [Industry], {
    nullable: true,
    description: 'High-risk industries counted in the coverage figures (mandatory, insured, coverageRate), as in `coverage`; all five when left out. Premium, prevention spending, claims and services are of every industry',
  })
  industries?: Industry[] | null;
}
