import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';

export enum YearFilingStatus {
  ON_TIME = 'on_time',
  LATE = 'late',
  INCOMPLETE = 'incomplete',
  NO_DEADLINE = 'no_deadline',
}
registerEnumType(YearFilingStatus, {
  name: 'YearFilingStatus',
  description: 'An insurer’s filing (资料报送) for a year: complete by the deadline, after it, not complete, or complete in a year no deadline covers',
});

@ObjectType({ description: 'One item of the checklist of 附件1 and the day it was received' })
export class FilingItemReceived {
  @Field({ description: 'Item code, e.g. hq_business_licence' }) item!: string;
  @Field(() => DateScalar) receivedOn!: string;
}

@ObjectType({ description: '资料报送 judged for one year: the items received and missing, and the policies written before it was complete' })
export class YearFiling {
  @Field(() => Int) year!: number;
  @Field(() => YearFilingStatus) status!: YearFilingStatus;
  @Field(() => DateScalar, { nullable: true, description: 'The day the last item arrived; null while an item is missing' }) completeOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The deadline in force on the last day of the year; null when none is' }) deadline!: string | null;
  @Field(() => Rule, { nullable: true, description: 'The deadline rule judged against' }) rule!: Rule | null;
  @Field(() => [FilingItemReceived]) received!: FilingItemReceived[];
  @Field(() => [String], { description: 'Item codes not received (附件1)' }) missing!: string[];
}
