import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Insurer } from '../common/insurer';
import { JudgedPolicy } from '../common/judged-policy';
import { Page } from '../common/paging';
import { Region } from '../common/region';
import { DecimalScalar } from '../common/scalars';
import { Rule } from '../rules/rule.type';
import { DEATH_LIMIT_FILTERS } from './death-limit.sql';

export type DeathLimitFilter = keyof typeof DEATH_LIMIT_FILTERS;
export const DeathLimitFilter = Object.fromEntries(Object.keys(DEATH_LIMIT_FILTERS).map((key) => [key, key])) as {
  [K in DeathLimitFilter]: K;
};
registerEnumType(DeathLimitFilter, { name: 'DeathLimitFilter', description: 'Which verdicts a death-limit list shows' });

@ObjectType({ description: '死亡赔偿限额 figures of one region' })
export class DeathLimitFigures {
  @Field(() => Region) region!: Region;
  @Field(() => Int, { description: 'Policies starting in the year, not cancelled, with a floor rule in force on their start date' })
  judged!: number;
  @Field(() => Int, { description: 'Of those, death limit per person >= the floor' }) compliant!: number;
  @Field(() => Float, { nullable: true, description: 'compliant / judged; null when none is judged' }) rate!: number | null;
}

@ObjectType({ description: '死亡赔偿限额 figures of the policies one insurer holds a share of' })
export class InsurerDeathLimit {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Int) judged!: number;
  @Field(() => Int) compliant!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType({ description: '死亡赔偿限额: each policy against the floor in force on its start date' })
export class DeathLimitCompliance extends DeathLimitFigures {
  @Field(() => Int) year!: number;
  @Field(() => [Rule], { description: 'The floors the judged policies were held to' }) rules!: Rule[];
  @Field(() => [DeathLimitFigures], { description: 'Cities of the province, counties of a city' }) children!: DeathLimitFigures[];
  @Field(() => [InsurerDeathLimit], { description: 'Per insurer (an insurer account: its own only)' }) byInsurer!: InsurerDeathLimit[];
}

@ObjectType()
export class DeathLimitPolicy extends JudgedPolicy {
  @Field(() => DecimalScalar, { description: 'Death compensation limit per person on the policy' }) deathLimitPerPerson!: string;
  @Field(() => DecimalScalar, { description: 'The floor in force on the start date' }) floor!: string;
  @Field() compliant!: boolean;
  @Field(() => Rule, { description: 'The rule judged against, with its source' }) rule!: Rule;
}

@ObjectType()
export class DeathLimitPolicyPage extends Page(DeathLimitPolicy) {}
