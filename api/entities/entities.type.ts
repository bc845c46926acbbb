import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InsuranceHistory } from '../coverage/coverage.type';
import { Industry } from '../common/industry';
import { Insurer } from '../common/insurer';
import { Page } from '../common/paging';
import { Region } from '../common/region';
import { DateScalar, DecimalScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';
import type { EntityScope, Subject } from './entities.sql';

@ObjectType({ description: '共保: one insurer’s share of a policy' })
export class PolicyShare {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => DecimalScalar, { description: 'Percent, e.g. "33.33"' }) sharePercent!: string;
}

@ObjectType()
export class PolicyRecord {
  @Field(() => ID) id!: string;
  @Field() policyNo!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field(() => String, { nullable: true, description: 'Null when the enterprise is missing from the register' }) enterpriseName!: string | null;
  @Field(() => Region) county!: Region;
  @Field(() => DateScalar) startDate!: string;
  @Field(() => DateScalar) endDate!: string;
  @Field(() => DecimalScalar) premium!: string;
  @Field(() => DecimalScalar) premiumReceived!: string;
  @Field(() => DecimalScalar) deathLimitPerPerson!: string;
  @Field(() => Int, { nullable: true }) insuredPersons!: number | null;
  @Field() cancelled!: boolean;
  @Field(() => [PolicyShare]) shares!: PolicyShare[];
}

@ObjectType()
export class ServiceRecord {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) policyId!: string | null;
  @Field(() => ID) enterpriseId!: string;
  @Field(() => String, { nullable: true, description: 'Null when the enterprise is missing from the register' }) enterpriseName!: string | null;
  @Field(() => Region) county!: Region;
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => ID, { nullable: true, description: "Third-party provider; null: the insurer's own team" }) providerId!: string | null;
  @Field(() => String, { nullable: true, description: "The provider's name; null for the insurer's own team or a provider missing from the register" }) providerName!: string | null;
  @Field({ description: 'risk_assessment, hazard_investigation, training, drill or other' }) kind!: string;
  @Field(() => DateScalar) serviceDate!: string;
  @Field(() => DecimalScalar) cost!: string;
  @Field(() => Int) hazardsFound!: number;
  @Field(() => Int) hazardsRectified!: number;
}

@ObjectType()
export class ClaimRecord {
  @Field(() => ID) id!: string;
  @Field(() => ID) policyId!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field(() => String, { nullable: true, description: 'Null when the enterprise is missing from the register' }) enterpriseName!: string | null;
  @Field(() => Region) county!: Region;
  @Field(() => DateScalar, { nullable: true }) accidentDate!: string | null;
  @Field(() => DateScalar) reportedOn!: string;
  @Field(() => Int) deaths!: number;
  @Field(() => Int) injuries!: number;
  @Field(() => DecimalScalar) claimedAmount!: string;
  @Field(() => DecimalScalar, { nullable: true }) paidAmount!: string | null;
  @Field({ description: 'open, paid, denied or withdrawn' }) status!: string;
  @Field(() => DateScalar, { nullable: true }) settledOn!: string | null;
  @Field(() => String, { nullable: true }) denialReason!: string | null;
}

@ObjectType()
export class PolicyPage extends Page(PolicyRecord) {}

@ObjectType()
export class ServicePage extends Page(ServiceRecord) {}

@ObjectType()
export class ClaimPage extends Page(ClaimRecord) {}

/** What the list fields of a detail need: whose records, narrowed to the viewer's scope. */
export interface DetailLists {
  subject: Subject;
  scope: EntityScope;
}

@ObjectType({ description: 'An enterprise’s cover on a day, as coverage counts it' })
export class EnterpriseCover {
  @Field(() => DateScalar) asOf!: string;
  @Field({ description: 'Holding a policy in force on asOf' }) insured!: boolean;
  @Field(() => InsuranceHistory, { nullable: true, description: 'Without cover: LAPSED (脱保) or NEVER_INSURED (从未投保); null when insured' })
  history!: InsuranceHistory | null;
  @Field(() => DateScalar, { nullable: true, description: 'The end of the latest policy that gave cover; null: never insured' })
  lastPolicyEnd!: string | null;
}

@ObjectType({ description: 'One enterprise: its facts, and its policies, services and claims as the viewer may see them' })
export class EnterpriseDetail {
  @Field(() => ID) id!: string;
  @Field({ description: '统一社会信用代码' }) uscc!: string;
  @Field() name!: string;
  @Field(() => Industry, { nullable: true, description: 'The high-risk industry; null for any other industry (highRisk false)' })
  industry!: Industry | null;
  @Field({ description: 'In one of the five high-risk industries (高危行业)' }) highRisk!: boolean;
  @Field({ description: 'large, medium, small or micro' }) size!: string;
  @Field({ description: 'operating, suspended or closed' }) status!: string;
  @Field({ description: 'major, high, general or low' }) riskLevel!: string;
  @Field(() => String, { nullable: true, description: '1, 2, 3 or null' }) standardizationGrade!: string | null;
  @Field(() => Int, { nullable: true }) employees!: number | null;
  @Field(() => Region) county!: Region;
  @Field(() => Region) city!: Region;
  @Field({ description: 'Operating in a high-risk industry: must be insured (应保)' }) mandatory!: boolean;
  @Field(() => EnterpriseCover, {
    nullable: true,
    description: 'Whether it is insured today, from all its policies; null for an insurer account, which sees only its own policies',
  })
  cover!: EnterpriseCover | null;

  lists!: DetailLists;
}

export enum FilingStatus {
  ON_TIME = 'on_time',
  LATE = 'late',
  NOT_FILED = 'not_filed',
}
registerEnumType(FilingStatus, { name: 'FilingStatus', description: 'An insurer’s filing (资料报送) against a deadline' });

@ObjectType({ description: 'The filing against one version of the filing deadline rule' })
export class FilingVerdict {
  @Field(() => Rule) rule!: Rule;
  @Field(() => DateScalar) deadline!: string;
  @Field(() => FilingStatus) status!: FilingStatus;
}

@ObjectType({ description: 'An insurer’s filing (资料报送): the day it was complete and the verdict against every deadline' })
export class InsurerFiling {
  @Field(() => DateScalar, { nullable: true, description: 'The day its filing was complete; null: never filed' }) filedOn!: string | null;
  @Field(() => [FilingVerdict], { description: 'Against every filing deadline in the rulebook' }) verdicts!: FilingVerdict[];
}

@ObjectType({ description: 'One insurer: its filing, and its policies, services and claims as the viewer may see them' })
export class InsurerDetail {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day its filing was complete; null: never filed' }) filedOn!: string | null;
  @Field(() => [FilingVerdict], { description: 'Against every filing deadline in the rulebook' }) filings!: FilingVerdict[];

  lists!: DetailLists;
}

@ObjectType({ description: 'An enterprise found by name or 统一社会信用代码' })
export class EnterpriseHit {
  @Field(() => ID) id!: string;
  @Field({ description: '统一社会信用代码' }) uscc!: string;
  @Field() name!: string;
  @Field(() => Industry, { nullable: true, description: 'The high-risk industry; null for any other industry' }) industry!: Industry | null;
  @Field({ description: 'operating, suspended or closed' }) status!: string;
  @Field({ description: 'Operating in a high-risk industry: must be insured (应保)' }) mandatory!: boolean;
  @Field(() => Region) county!: Region;
}

@ObjectType()
export class EnterpriseHitPage extends Page(EnterpriseHit) {}
