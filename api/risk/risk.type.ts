import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Industry } from '../common/industry';
import { Region } from '../common/region';
import { DecimalScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';

@ObjectType({ description: 'Accidents and hazards of a region or an industry in a year' })
export class AccidentFigures {
  @Field(() => Int, { description: 'Claims whose accident date lies in the year' }) accidents!: number;
  @Field(() => Int) deaths!: number;
  @Field(() => Int) injuries!: number;
  @Field(() => Int, { description: 'Enterprises holding a non-cancelled policy active on at least one day of the year' })
  insuredEnterprises!: number;
  @Field(() => Float, { nullable: true, description: 'accidents × 100 / insuredEnterprises; null without insured enterprises' })
  accidentsPer100Insured!: number | null;
  @Field(() => Int, { description: 'Hazards found in the services dated in the year' }) hazardsFound!: number;
  @Field(() => Int, { description: 'Of those, rectified' }) hazardsRectified!: number;
  @Field(() => Float, { nullable: true, description: '隐患整改率 = hazardsRectified / hazardsFound; null when none was found' })
  rectificationRate!: number | null;
}

@ObjectType()
export class RegionRisk extends AccidentFigures {
  @Field(() => Region) region!: Region;
}

@ObjectType()
export class IndustryRisk extends AccidentFigures {
  @Field(() => Industry, { nullable: true, description: 'The high-risk industry; null for every other industry, together' })
  industry!: Industry | null;
}

@ObjectType({ description: 'How many mandatory enterprises fall in one class' })
export class ClassCount {
  @Field({ description: 'Risk level (major, high, general, low) or standardization grade (1, 2, 3, none)' }) value!: string;
  @Field(() => Int) enterprises!: number;
}

@ObjectType({ description: 'Risk indicators of a region in a year' })
export class RiskIndicators extends RegionRisk {
  @Field(() => Int) year!: number;
  @Field(() => [ClassCount], { description: '安全风险等级 of the mandatory enterprises as they stand now: major 红, high 橙, general 黄, low 蓝' })
  riskLevels!: ClassCount[];
  @Field(() => [ClassCount], { description: '安全生产标准化等级 of the mandatory enterprises as they stand now (none: no grade)' })
  standardizationGrades!: ClassCount[];
  @Field(() => [IndustryRisk], { description: 'Per industry, those with any figure' }) byIndustry!: IndustryRisk[];
  @Field(() => [RegionRisk], { description: 'Cities of the province, counties of a city' }) children!: RegionRisk[];
}

@ObjectType({ description: "An industry's premium rates among the policies starting in the year in the region" })
export class IndustryPremiumRate {
  @Field(() => Industry) industry!: Industry;
  @Field(() => Int) policies!: number;
  @Field(() => Int, { description: 'Policies with insured persons, whose premium per person is known' }) rated!: number;
  @Field(() => Float, { nullable: true, description: 'Median premium per insured person (CNY), interpolated' }) medianPremiumPerPerson!: number | null;
  @Field(() => Int) enterprises!: number;
  @Field(() => Float, { description: "Median of each enterprise's premium in the year (CNY), interpolated" }) medianPremiumPerEnterprise!: number;
  @Field(() => Int, { description: 'Policies below the screening line' }) flagged!: number;
}

@ObjectType({ description: 'A policy priced below the screening line of its industry' })
export class LowPricedPolicy {
  @Field(() => ID) policyId!: string;
  @Field() policyNo!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field() enterpriseName!: string;
  @Field(() => Region) county!: Region;
  @Field(() => Industry) industry!: Industry;
  @Field(() => DecimalScalar) premium!: string;
  @Field(() => Int) insuredPersons!: number;
  @Field(() => Float, { description: 'premium / insuredPersons (CNY)' }) premiumPerPerson!: number;
  @Field(() => Float) industryMedianPerPerson!: number;
  @Field(() => Float, { description: 'premiumPerPerson / industryMedianPerPerson' }) shareOfMedian!: number;
}

@ObjectType({ description: '费率 against the industry median, screening for possible malicious low pricing (恶意低价承保)' })
export class PremiumRates {
  @Field(() => Region) region!: Region;
  @Field(() => Int) year!: number;
  @Field({ description: 'The screening formula, in words, for the dashboard to show beside the figures' }) formula!: string;
  @Field(() => Float, { nullable: true, description: 'The screening line as a share of the median (0.5 = half); null when no rule is in force' })
  screenShare!: number | null;
  @Field(() => Rule, { nullable: true, description: 'The screening rule, with its source' }) rule!: Rule | null;
  @Field(() => [IndustryPremiumRate]) byIndustry!: IndustryPremiumRate[];
  @Field(() => Int, { description: 'Flagged policies in all pages' }) total!: number;
  @Field(() => Int) page!: number;
  @Field(() => Int) pageSize!: number;
  @Field(() => [LowPricedPolicy], { description: 'Flagged policies, lowest share of the median first' }) flaggedPolicies!: LowPricedPolicy[];
}
