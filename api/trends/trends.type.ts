import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Region } from '../common/region';
import { DateScalar, DecimalScalar } from '../common/scalars';

export const TREND_GRAINS = { MONTH: 1, QUARTER: 3 } as const;
export type TrendGrain = keyof typeof TREND_GRAINS;
export const TrendGrain = Object.fromEntries(Object.keys(TREND_GRAINS).map((key) => [key, key])) as { [K in TrendGrain]: K };
registerEnumType(TrendGrain, { name: 'TrendGrain', description: 'Points per month or per calendar quarter' });

@ObjectType({ description: 'The main indicators over one period' })
export class TrendValues {
  @Field(() => DateScalar) start!: string;
  @Field(() => DateScalar) end!: string;
  @Field(() => Int, { nullable: true, description: 'Mandatory enterprises insured on the last day of the period; null for insurer accounts' })
  insured!: number | null;
  @Field(() => Float, { nullable: true, description: '投保率 on the last day of the period (insured / mandatory of today); null for insurer accounts or none mandatory' })
  coverageRate!: number | null;
  @Field(() => DecimalScalar, { description: 'Premium received of the policies starting in the period' }) premiumReceived!: string;
  @Field(() => DecimalScalar, { description: 'Prevention-fee ledger entries dated in the period' }) preventionSpending!: string;
  @Field(() => DecimalScalar, { description: 'Claims paid, by settlement day' }) claimsPaid!: string;
  @Field(() => Int, { description: 'Prevention services delivered (every kind)' }) servicesDelivered!: number;
}

@ObjectType()
export class TrendPoint {
  @Field({ description: '2025-03 or 2025-Q1' }) period!: string;
  @Field({ description: 'False for the period holding the evaluation day: its figures end on that day, and its 同比 on the same day a year earlier' })
  complete!: boolean;
  @Field(() => TrendValues) current!: TrendValues;
  @Field(() => TrendValues, { description: 'The same period a year earlier (同比)' }) previousYear!: TrendValues;
}

@ObjectType({ description: 'Monthly or quarterly series of the main indicators up to the evaluation day, with the same period of the previous year alongside' })
export class TrendSeries {
  @Field(() => Region) region!: Region;
  @Field(() => TrendGrain) grain!: TrendGrain;
  @Field(() => DateScalar, { description: 'The evaluation day: no period runs past it' }) asOf!: string;
  @Field(() => Int, { nullable: true, description: 'Mandatory enterprises today, the denominator of every coverageRate; null for insurer accounts' })
  mandatory!: number | null;
  @Field(() => [TrendPoint]) points!: TrendPoint[];
}
