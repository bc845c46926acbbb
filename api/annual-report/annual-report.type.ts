import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { Region } from '../common/region';
import { DateScalar, DecimalScalar } from '../common/scalars';
import { InsurerFeeRatio } from '../fees/fees.type';
import { YearFiling } from '../filings/filings.type';
import { Rule } from '../rules/rule.type';
import { Violation } from '../violations/violations.type';

export enum SubmissionStatus {
  ON_TIME = 'on_time',
  LATE = 'late',
  MISSING = 'missing',
  NOT_DUE = 'not_due',
}
registerEnumType(SubmissionStatus, {
  name: 'AnnualReportStatus',
  description: '年度报告 submission: by the deadline, after it, not submitted after it, or not submitted while the deadline has not passed',
});

@ObjectType({ description: 'An insurer’s annual report on a year: when it was submitted, judged against the deadline' })
export class AnnualReportSubmission {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Int) year!: number;
  @Field(() => DateScalar, { nullable: true, description: 'The day it was submitted (Asia/Shanghai); null: not yet' }) submittedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'When the platform recorded it, ISO 8601 in UTC' }) recordedAt!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The deadline: the rule’s month and day of the following year' }) deadline!: string | null;
  @Field(() => SubmissionStatus) status!: SubmissionStatus;
  @Field(() => Rule, { nullable: true }) rule!: Rule | null;
}

@ObjectType({ description: 'Policies written and premium received in one city and industry, apportioned by the insurer’s share' })
export class ReportPremiumLine {
  @Field(() => Region) city!: Region;
  @Field({ description: 'Industry code: one of the five high-risk industries or other' }) industry!: string;
  @Field(() => Int, { description: 'Policies starting in the year that the insurer holds a share of' }) policies!: number;
  @Field(() => DecimalScalar, { description: 'Σ premium_received × share' }) premiumReceived!: string;
}

@ObjectType({ description: 'Prevention spending of one ledger category in one city' })
export class ReportSpendingLine {
  @Field(() => Region) city!: Region;
  @Field() category!: string;
  @Field(() => Int) entries!: number;
  @Field(() => DecimalScalar) amount!: string;
}

@ObjectType({ description: 'Services of one kind the insurer delivered in the year' })
export class ReportServiceKind {
  @Field({ description: 'risk_assessment, hazard_investigation, training, drill or other' }) kind!: string;
  @Field(() => Int) services!: number;
}

@ObjectType({ description: '服务频次 of the enterprises the insurer insured in the year, against the required frequencies' })
export class ReportServices {
  @Field(() => [ReportServiceKind]) byKind!: ReportServiceKind[];
  @Field(() => Int, { description: 'Enterprises with a requirement' }) required!: number;
  @Field(() => Int) compliant!: number;
  @Field(() => Int, { description: 'Small and micro enterprises outside coal: no fixed frequency' }) exempt!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
  @Field(() => [Rule], { description: 'The frequencies in force at the year end' }) rules!: Rule[];
  @Field(() => Int) shortTotal!: number;
  @Field(() => [Violation], { description: 'The enterprises short of their requirement, each with its rule' }) short!: Violation[];
}

@ObjectType({ description: '首次服务: policies starting in the year judged on the evaluation day' })
export class ReportFirstService {
  @Field(() => DateScalar) evaluatedOn!: string;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) missing!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
  @Field(() => Int) listedTotal!: number;
  @Field(() => [Violation], { description: 'Late and missing first services, each with its rule' }) policies!: Violation[];
}

@ObjectType({ description: '死亡赔偿限额 of the policies starting in the year' })
export class ReportDeathLimit {
  @Field(() => Int) judged!: number;
  @Field(() => Int) compliant!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
  @Field(() => Int) belowTotal!: number;
  @Field(() => [Violation], { description: 'Policies below the floor in force on their start date' }) below!: Violation[];
}

@ObjectType({ description: 'An enterprise short of all-employee cover' })
export class ReportEmployeeShort {
  @Field(() => ID) enterpriseId!: string;
  @Field(() => String, { nullable: true }) enterpriseName!: string | null;
  @Field(() => Region) county!: Region;
  @Field(() => Int) employees!: number;
  @Field(() => Int) insuredPersons!: number;
}

@ObjectType({ description: '全员投保 (definition 15): the largest insured_persons of the insurer’s policies active in the year against employees' })
export class ReportAllEmployee {
  @Field(() => Int, { description: 'Enterprises with both figures known' }) known!: number;
  @Field(() => Int) short!: number;
  @Field(() => Int, { description: 'Enterprises whose employees or insured persons are unknown' }) unknown!: number;
  @Field(() => Float, { nullable: true, description: 'Not short / known' }) rate!: number | null;
  @Field(() => [ReportEmployeeShort]) enterprises!: ReportEmployeeShort[];
}

@ObjectType({ description: 'An open claim past the 60 days of 保险法 art. 25 on the evaluation day' })
export class ReportOverdueClaim {
  @Field(() => ID) claimId!: string;
  @Field(() => ID) policyId!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field(() => String, { nullable: true }) enterpriseName!: string | null;
  @Field(() => Region) county!: Region;
  @Field(() => DateScalar) reportedOn!: string;
  @Field(() => Int) daysOpen!: number;
  @Field(() => DecimalScalar) claimedAmount!: string;
}

@ObjectType({ description: '理赔 of the insurer’s policies: amounts × its share (definitions 11 and 16)' })
export class ReportClaims {
  @Field(() => DateScalar, { description: 'The day open claims are judged on: 31 December of the year once it has ended, today while it runs' })
  evaluatedOn!: string;
  @Field(() => Int) reported!: number;
  @Field(() => Int) paid!: number;
  @Field(() => Int) denied!: number;
  @Field(() => Int) open!: number;
  @Field(() => Int) withdrawn!: number;
  @Field(() => DecimalScalar, { description: 'Σ paid_amount × share of the claims paid in the year' }) claimsPaid!: string;
  @Field(() => Float, { nullable: true }) lossRatio!: number | null;
  @Field(() => Float, { nullable: true }) denialRate!: number | null;
  @Field(() => Int, { description: 'Decided in the year with a settlement day' }) decided!: number;
  @Field(() => Int, { description: 'Of those, settled within 30 days of the report (a proxy for 保险法 art. 23)' }) timely!: number;
  @Field(() => Float, { nullable: true }) timelyRate!: number | null;
  @Field(() => Int, { description: 'Open on evaluatedOn and reported more than 60 days before it (保险法 art. 25)' }) overdueOpen!: number;
  @Field(() => [ReportOverdueClaim]) overdue!: ReportOverdueClaim[];
}

@ObjectType({ description: '隐患整改率 (definition 17) of the insurer’s services in the year' })
export class ReportHazards {
  @Field(() => Int) found!: number;
  @Field(() => Int) rectified!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType({ description: 'A policy the insurer holds a share of that started before its filing was complete' })
export class ReportPolicyBeforeFiling {
  @Field(() => ID) policyId!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field(() => Region) county!: Region;
  @Field(() => DateScalar) startDate!: string;
}

@ObjectType({ description: '资料报送 for the year, with the policies written before the filing was complete' })
export class ReportFiling extends YearFiling {
  @Field(() => Int) policiesBeforeCompleteTotal!: number;
  @Field(() => [ReportPolicyBeforeFiling]) policiesBeforeComplete!: ReportPolicyBeforeFiling[];
}

@ObjectType({ description: '年度报告 (definition 14): an insurer’s prevention services and fee use in a year, from the platform’s data' })
export class AnnualReport {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Int) year!: number;
  @Field(() => Region, { description: 'The business reported: the province, or a city account’s own city' }) region!: Region;
  @Field(() => Int, { description: 'Lists longer than this are cut to it; their totals count every row' }) listLimit!: number;
  @Field(() => Int) policiesWritten!: number;
  @Field(() => DecimalScalar) premiumReceived!: string;
  @Field(() => [ReportPremiumLine]) premiumByCityAndIndustry!: ReportPremiumLine[];
  @Field(() => DecimalScalar) preventionSpending!: string;
  @Field(() => [ReportSpendingLine]) spendingByCategoryAndCity!: ReportSpendingLine[];
  @Field(() => InsurerFeeRatio, { description: 'Against the floor and cap in force at the year end' }) feeRatio!: InsurerFeeRatio;
  @Field(() => ReportServices) services!: ReportServices;
  @Field(() => ReportFirstService) firstService!: ReportFirstService;
  @Field(() => ReportDeathLimit) deathLimit!: ReportDeathLimit;
  @Field(() => ReportAllEmployee) allEmployee!: ReportAllEmployee;
  @Field(() => ReportClaims) claims!: ReportClaims;
  @Field(() => ReportHazards) hazards!: ReportHazards;
  @Field(() => Int) unqualifiedTotal!: number;
  @Field(() => [Violation], { description: 'Services by unqualified or blacklisted providers' }) unqualifiedProviders!: Violation[];
  @Field(() => ReportFiling) filing!: ReportFiling;
  @Field(() => AnnualReportSubmission, { description: 'Read from the platform database: a submission shows at once, before the next ETL run' })
  submission!: AnnualReportSubmission;
}
