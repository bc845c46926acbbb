import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { Region } from '../common/region';
import { DateScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';

/** Every breach the system finds, in the order the list shows them. */
export enum ViolationRule {
  UNINSURED = 'UNINSURED',
  FEE_RATIO_BELOW_FLOOR = 'FEE_RATIO_BELOW_FLOOR',
  FEE_RATIO_ABOVE_CAP = 'FEE_RATIO_ABOVE_CAP',
  SERVICES_SHORT = 'SERVICES_SHORT',
  FIRST_SERVICE_LATE = 'FIRST_SERVICE_LATE',
  FIRST_SERVICE_MISSING = 'FIRST_SERVICE_MISSING',
  DEATH_LIMIT_BELOW_FLOOR = 'DEATH_LIMIT_BELOW_FLOOR',
  UNQUALIFIED_PROVIDER = 'UNQUALIFIED_PROVIDER',
}
registerEnumType(ViolationRule, {
  name: 'ViolationRule',
  description: 'The kind of breach',
  valuesConfig: {
    UNINSURED: { description: '应保未保: a mandatory enterprise without an active policy on the day judged' },
    FEE_RATIO_BELOW_FLOOR: { description: "An insurer's prevention spending below the floor share of its premium received" },
    FEE_RATIO_ABOVE_CAP: { description: "An insurer's prevention spending above the cap share of its premium received" },
    SERVICES_SHORT: { description: '服务频次: an enterprise served fewer times in the year than required' },
    FIRST_SERVICE_LATE: { description: '承诺函第七条: the first service came after the window' },
    FIRST_SERVICE_MISSING: { description: '承诺函第七条: no service at all by the day judged' },
    DEATH_LIMIT_BELOW_FLOOR: { description: '死亡赔偿限额 below the floor in force on the start date' },
    UNQUALIFIED_PROVIDER: { description: '委托不具备相应资质的第三方机构: a service by a provider unqualified on its date or blacklisted' },
  },
});

@ObjectType({ description: 'One breach: the rule and its source, the subject behind it, and what was found' })
export class Violation {
  @Field(() => ViolationRule) kind!: ViolationRule;
  @Field(() => Rule, { description: 'The rule version judged against, with its source document' }) rule!: Rule;
  @Field(() => DateScalar, { description: 'The day judged: the evaluation day, year end, window end, start date or service date' }) day!: string;
  @Field(() => Region, { nullable: true, description: "The subject's county; null for an insurer's fee ratio" }) county!: Region | null;
  @Field(() => ID, { nullable: true }) enterpriseId!: string | null;
  @Field(() => String, { nullable: true }) enterpriseName!: string | null;
  @Field(() => ID, { nullable: true }) policyId!: string | null;
  @Field(() => ID, { nullable: true }) serviceId!: string | null;
  @Field(() => ID, { nullable: true }) providerId!: string | null;
  @Field(() => [Insurer], { description: 'The insurers answerable: the fee ratio’s insurer, the policy’s insurers, the service’s insurer' })
  insurers!: Insurer[];
  @Field({ description: 'What was found, in words, with the figures compared' }) detail!: string;
}

@ObjectType()
export class ViolationCount {
  @Field(() => ViolationRule) kind!: ViolationRule;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ViolationPage {
  @Field(() => Int, { description: 'Violations in all pages' }) total!: number;
  @Field(() => [ViolationCount], { description: 'Violations per kind (every kind the filters allow)' }) byKind!: ViolationCount[];
  @Field(() => Int) page!: number;
  @Field(() => Int) pageSize!: number;
  @Field(() => [Violation], { description: 'Ordered by kind (as the enum lists them), then county, day and id' }) items!: Violation[];
}
