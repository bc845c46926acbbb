import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { JudgedPolicy } from '../common/judged-policy';
import { Page } from '../common/paging';
import { Region } from '../common/region';
import { DateScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';
import { FIRST_SERVICE_FILTERS } from './first-service.sql';

export enum FirstServiceStatus {
  ON_TIME = 'on_time',
  LATE = 'late',
  MISSING = 'missing',
}
registerEnumType(FirstServiceStatus, {
  name: 'FirstServiceStatus',
  description: 'ON_TIME: a service inside the window; LATE: the first service came after it; MISSING: none by the evaluation day',
});

export type FirstServiceFilter = keyof typeof FIRST_SERVICE_FILTERS;
export const FirstServiceFilter = Object.fromEntries(Object.keys(FIRST_SERVICE_FILTERS).map((key) => [key, key])) as {
  [K in FirstServiceFilter]: K;
};
registerEnumType(FirstServiceFilter, { name: 'FirstServiceFilter', description: 'Which verdicts a first-service list shows' });

@ObjectType({ description: '承诺函第七条 figures of one region: judged policies and their verdicts' })
export class FirstServiceFigures {
  @Field(() => Region) region!: Region;
  @Field(() => Int, { description: 'Policies judged: not cancelled, window ended before the evaluation day' }) judged!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) missing!: number;
  @Field(() => Float, { nullable: true, description: 'onTime / judged; null when none is judged' }) rate!: number | null;
}

@ObjectType({ description: '承诺函第七条 figures of the policies one insurer holds a share of (the verdict is the policy’s)' })
export class InsurerFirstService {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Int) judged!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) missing!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType({
  description: '首次服务: policies whose first prevention service by one of their insurers fell within the window of the rule in force on their start date',
})
export class FirstServiceCompliance extends FirstServiceFigures {
  @Field(() => DateScalar) asOf!: string;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => [Rule], { description: 'The window rules the judged policies were held to' }) rules!: Rule[];
  @Field(() => [FirstServiceFigures], { description: 'Cities of the province, counties of a city' }) children!: FirstServiceFigures[];
  @Field(() => [InsurerFirstService], { description: 'Per insurer (an insurer account: its own only)' }) byInsurer!: InsurerFirstService[];
}

@ObjectType()
export class FirstServicePolicy extends JudgedPolicy {
  @Field(() => DateScalar, { description: 'Last day of the window (inclusive)' }) windowEnd!: string;
  @Field(() => DateScalar, { nullable: true, description: 'First service by one of its insurers from the start date to the evaluation day' })
  firstService!: string | null;
  @Field(() => FirstServiceStatus) status!: FirstServiceStatus;
  @Field(() => Rule, { description: 'The window rule in force on the start date' }) rule!: Rule;
}

@ObjectType()
export class FirstServicePolicyPage extends Page(FirstServicePolicy) {}
