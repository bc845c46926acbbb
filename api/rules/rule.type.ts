import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import type { Rule as RulebookRule } from '../../domain/rulebook';

@ObjectType({ description: 'One version of a threshold, with the days it is in force and its source document' })
export class Rule {
  @Field(() => ID, { description: 'Unique per version, e.g. fee_ratio_cap/2025' }) id!: string;
  @Field({ description: 'What the rule limits; versions of one rule share it' }) kind!: string;
  @Field() title!: string;
  @Field({ description: 'Exact value as text, read with `unit`' }) value!: string;
  @Field() unit!: string;
  @Field(() => DateScalar) validFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Last day in force; null while not replaced' }) validTo!: string | null;
  @Field({ description: 'The document the rule comes from' }) source!: string;
  @Field({ description: 'Where in the document' }) clause!: string;
}

export function ruleOf(rule: RulebookRule): Rule;
export function ruleOf(rule: RulebookRule | undefined): Rule | null;
export function ruleOf(rule: RulebookRule | undefined): Rule | null {
  return rule === undefined ? null : Object.assign(new Rule(), rule);
}
