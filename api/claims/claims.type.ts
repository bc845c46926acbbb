import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { Region } from '../common/region';
import { DecimalScalar } from '../common/scalars';

@ObjectType({ description: 'Days from report to decision (settled_on − reported_on) of the claims decided in the year' })
export class SettlementDays {
  @Field(() => Int, { description: 'Decided claims that carry a settlement day' }) claims!: number;
  @Field(() => Float, { nullable: true, description: 'Mean; null without any' }) average!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median, interpolated linearly between the sorted values (PERCENTILE.INC)' }) p50!: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile, interpolated the same way' }) p90!: number | null;
}

@ObjectType({ description: '理赔 figures of a year' })
export class ClaimFigures {
  @Field(() => Int, { description: 'Claims reported in the year' }) reported!: number;
  @Field(() => Int, { description: 'Of those, still open' }) open!: number;
  @Field(() => Int, { description: 'Of those, withdrawn' }) withdrawn!: number;
  @Field(() => Int, { description: 'Claims paid, decided in the year' }) paid!: number;
  @Field(() => Int, { description: 'Claims denied, decided in the year' }) denied!: number;
  @Field(() => DecimalScalar, { description: '赔款: Σ paid_amount of the claims paid in the year (× share for an insurer)' }) claimsPaid!: string;
  @Field(() => DecimalScalar, { description: '实收保费 of the year (docs/definitions.md, definition 5)' }) premiumReceived!: string;
  @Field(() => Float, { nullable: true, description: '赔付率 = claimsPaid / premiumReceived; null without premium' }) lossRatio!: number | null;
  @Field(() => Float, { nullable: true, description: '拒赔率 = denied / (paid + denied); null without decided claims' }) denialRate!: number | null;
  @Field(() => SettlementDays) settlementDays!: SettlementDays;
}

@ObjectType({ description: 'Claims of a region: whole amounts (an insurer account: its own share only)' })
export class RegionClaims extends ClaimFigures {
  @Field(() => Region) region!: Region;
}

@ObjectType({ description: 'Claims of the policies one insurer holds a share of, amounts × its share' })
export class InsurerClaims extends ClaimFigures {
  @Field(() => Insurer) insurer!: Insurer;
}

@ObjectType({ description: '理赔: claims paid, loss ratio, denial rate and settlement days of a region in a year' })
export class ClaimsSummary extends RegionClaims {
  @Field(() => Int) year!: number;
  @Field(() => [RegionClaims], { description: 'Cities of the province, counties of a city' }) children!: RegionClaims[];
  @Field(() => [InsurerClaims], { description: 'Per insurer (an insurer account: its own only)' }) byInsurer!: InsurerClaims[];
}
