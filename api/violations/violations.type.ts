import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { Page } from '../common/paging';
import { Region } from '../common/region';
import { DateScalar, DecimalScalar } from '../common/scalars';
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

/** Why a provider was unqualified for a service. */
export enum ProviderDefect {
  BLACKLISTED = 'BLACKLISTED',
  NO_QUALIFICATION = 'NO_QUALIFICATION',
  QUALIFICATION_EXPIRED = 'QUALIFICATION_EXPIRED',
}
registerEnumType(ProviderDefect, {
  name: 'ProviderDefect',
  description: 'Why a third-party provider was unqualified on the service date',
  valuesConfig: {
    BLACKLISTED: { description: 'On the blacklist (recorded without dates: every service of the provider)' },
    NO_QUALIFICATION: { description: 'No qualification number or no expiry day recorded' },
    QUALIFICATION_EXPIRED: { description: 'The qualification expired before the service date (qualifiedUntil)' },
  },
});

/**
 * The figures a finding compares, language-neutral, so that a client can phrase it in its own
 * language; `detail` is the same finding as an English sentence. Each kind fills its own fields and
 * leaves the others null.
 */
@ObjectType({ description: 'The figures a breach compares; each kind fills its own fields, the others are null' })
export class ViolationFacts {
  @Field(() => DateScalar, { nullable: true, description: 'UNINSURED, FIRST_SERVICE_MISSING: the day the state was judged' })
  evaluatedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'UNINSURED: end of the last policy; null when never insured' })
  lastPolicyEnd!: string | null;
  @Field(() => Int, { nullable: true, description: 'Fee ratio and service frequency: the year judged' }) year!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Fee ratio: prevention spending in the year (yuan)' })
  preventionSpending!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Fee ratio: premium received in the year (yuan)' }) premiumReceived!: string | null;
  @Field(() => Float, { nullable: true, description: 'Fee ratio: preventionSpending / premiumReceived' }) ratio!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Fee ratio: the floor or cap breached, in percent' }) limitPercent!: string | null;
  @Field(() => Int, { nullable: true, description: 'SERVICES_SHORT: risk assessments delivered in the year' }) riskAssessments!: number | null;
  @Field(() => Int, { nullable: true, description: 'SERVICES_SHORT: hazard investigations delivered in the year' })
  hazardInvestigations!: number | null;
  @Field(() => Int, { nullable: true, description: 'SERVICES_SHORT: how many of each were required' }) requiredEach!: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'First service: the policy start, where the window opens' }) windowStart!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'First service: the last day of the window' }) windowEnd!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'FIRST_SERVICE_LATE: the day of the first service' }) firstService!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'DEATH_LIMIT_BELOW_FLOOR: the policy’s death limit per person (yuan)' })
  deathLimit!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'DEATH_LIMIT_BELOW_FLOOR: the floor in force on the start date (yuan)' })
  deathLimitFloor!: string | null;
  @Field(() => String, { nullable: true, description: 'UNQUALIFIED_PROVIDER: the provider’s name' }) providerName!: string | null;
  @Field(() => ProviderDefect, { nullable: true, description: 'UNQUALIFIED_PROVIDER: why it was unqualified' }) providerDefect!: ProviderDefect | null;
  @Field(() => DateScalar, { nullable: true, description: 'UNQUALIFIED_PROVIDER with QUALIFICATION_EXPIRED: the last valid day' })
  qualifiedUntil!: string | null;
}

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
  @Field({ description: 'What was found, as an English sentence with the figures compared' }) detail!: string;
  @Field(() => ViolationFacts, { description: 'The figures compared, for a client to phrase in its own language' }) facts!: ViolationFacts;
}

@ObjectType()
export class ViolationCount {
  @Field(() => ViolationRule) kind!: ViolationRule;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ViolationPage extends Page(Violation, 'Ordered by kind (as the enum lists them), then county, day and id') {
  @Field(() => [ViolationCount], { description: 'Violations per kind (every kind the filters allow)' }) byKind!: ViolationCount[];
}
