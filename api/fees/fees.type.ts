import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { Region } from '../common/region';
import { DecimalScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';

@ObjectType({ description: "预防费用占比: an insurer's prevention spending against its premium received in a year" })
export class InsurerFeeRatio {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Int) year!: number;
  @Field(() => DecimalScalar, { description: '实收保费: Σ premium_received × share of the policies starting in the year' })
  premiumReceived!: string;
  @Field(() => DecimalScalar, { description: '事故预防服务费用: Σ ledger entries dated in the year' })
  preventionSpending!: string;
  @Field(() => Float, { nullable: true, description: 'preventionSpending / premiumReceived; null when no premium was received' })
  ratio!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Meets the floor and, where one is in force, the cap; null when the ratio is undefined' })
  compliant!: boolean | null;
  @Field(() => Boolean, { nullable: true }) meetsFloor!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Null when no cap is in force or the ratio is undefined' }) withinCap!: boolean | null;
  @Field(() => Rule, { nullable: true, description: 'The floor judged against: the one in force on the last day of the year' })
  floorRule!: Rule | null;
  @Field(() => Rule, { nullable: true, description: 'The cap judged against, if one was in force on the last day of the year' })
  capRule!: Rule | null;
}

@ObjectType({ description: 'Premium received and prevention spending of a region in a year, all insurers together' })
export class RegionFees {
  @Field(() => Region) region!: Region;
  @Field(() => Int) year!: number;
  @Field(() => DecimalScalar, { description: 'Whole premium_received of the policies starting in the year whose enterprise lies in the region' })
  premiumReceived!: string;
  @Field(() => DecimalScalar, { description: 'Ledger entries dated in the year that name a county of the region' })
  preventionSpending!: string;
  @Field(() => Float, { nullable: true }) ratio!: number | null;
  @Field(() => [RegionFees], { description: 'Cities of the province, counties of a city' }) children!: RegionFees[];
}
