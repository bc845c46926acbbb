import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Industry } from '../common/industry';
import { Page } from '../common/paging';
import { Region } from '../common/region';
import { DateScalar } from '../common/scalars';
import { EXPIRING_SORT_COLUMNS, SORT_DIRECTIONS, UNINSURED_SORT_COLUMNS } from './coverage.sql';

@ObjectType({ description: 'Coverage of one industry within a region' })
export class IndustryCoverage {
  @Field(() => Industry) industry!: Industry;
  @Field(() => Int) mandatory!: number;
  @Field(() => Int) insured!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType({ description: '投保率: insured / mandatory enterprises of a region on a day (null when none is mandatory)' })
export class Coverage {
  @Field(() => Region) region!: Region;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => Int, { description: 'Operating enterprises in a chosen high-risk industry (应保)' }) mandatory!: number;
  @Field(() => Int, { description: 'Of those, the ones holding an active policy on asOf' }) insured!: number;
  @Field(() => Float, { nullable: true, description: 'insured / mandatory; null when mandatory is 0' }) rate!: number | null;
  @Field(() => [Coverage], { description: 'Cities of the province, counties of a city, none for a county' }) children!: Coverage[];
  @Field(() => [IndustryCoverage], { description: 'The same figures per chosen industry' }) byIndustry!: IndustryCoverage[];
}

export enum InsuranceHistory {
  LAPSED = 'lapsed',
  NEVER_INSURED = 'never_insured',
}
registerEnumType(InsuranceHistory, {
  name: 'InsuranceHistory',
  description: 'LAPSED: held a policy that has ended; NEVER_INSURED: no policy that gave cover',
});

export type UninsuredSort = keyof typeof UNINSURED_SORT_COLUMNS;
export const UninsuredSort = Object.fromEntries(Object.keys(UNINSURED_SORT_COLUMNS).map((key) => [key, key])) as {
  [K in UninsuredSort]: K;
};
registerEnumType(UninsuredSort, { name: 'UninsuredSort', description: 'Columns the uninsured list can be sorted by' });

export type SortDirection = keyof typeof SORT_DIRECTIONS;
export const SortDirection = Object.fromEntries(Object.keys(SORT_DIRECTIONS).map((key) => [key, key])) as {
  [K in SortDirection]: K;
};
registerEnumType(SortDirection, { name: 'SortDirection' });

@ObjectType({ description: 'An enterprise that must be insured and is not (应保未保)' })
export class UninsuredEnterprise {
  @Field(() => ID) id!: string;
  @Field({ description: '统一社会信用代码' }) uscc!: string;
  @Field() name!: string;
  @Field(() => Industry) industry!: Industry;
  @Field({ description: 'large, medium, small or micro' }) size!: string;
  @Field(() => Region) county!: Region;
  @Field(() => InsuranceHistory) history!: InsuranceHistory;
  @Field(() => DateScalar, { nullable: true, description: 'End of the last policy that gave cover; null if never insured' })
  lastPolicyEnd!: string | null;
}

@ObjectType()
export class UninsuredPage extends Page(UninsuredEnterprise) {
  @Field(() => Region) region!: Region;
  @Field(() => DateScalar) asOf!: string;
}

export type ExpiringSort = keyof typeof EXPIRING_SORT_COLUMNS;
export const ExpiringSort = Object.fromEntries(Object.keys(EXPIRING_SORT_COLUMNS).map((key) => [key, key])) as {
  [K in ExpiringSort]: K;
};
registerEnumType(ExpiringSort, { name: 'ExpiringSort', description: 'Columns the expiring list can be sorted by' });

@ObjectType({ description: '即将到期: a policy whose end stops its mandatory enterprise’s cover within the window' })
export class ExpiringPolicy {
  @Field(() => ID) policyId!: string;
  @Field() policyNo!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field({ description: '统一社会信用代码' }) uscc!: string;
  @Field() enterpriseName!: string;
  @Field(() => Industry) industry!: Industry;
  @Field(() => Region) county!: Region;
  @Field(() => DateScalar) startDate!: string;
  @Field(() => DateScalar, { description: 'The last day of cover' }) endDate!: string;
  @Field(() => Int, { description: 'endDate − asOf in days: 0 when the cover ends on asOf' }) daysLeft!: number;
  @Field(() => [String], { description: 'Names of the insurers holding a share, for the bureau to call' }) insurers!: string[];
}

@ObjectType()
export class ExpiringPage extends Page(ExpiringPolicy) {
  @Field(() => Region) region!: Region;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => Int) withinDays!: number;
}
