import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import type { Rule as RulebookRule, RuleWording as RulebookWording } from '../../domain/rulebook';

@ObjectType({ description: 'A rule’s words in one language' })
export class RuleWording {
  @Field() title!: string;
  @Field({ description: 'The unit `value` is read with' }) unit!: string;
  @Field({ description: 'The number of the document the rule comes from, alone: what a screen shows beside a verdict' }) document!: string;
  @Field({ description: 'The full citation of the document: number, title, date' }) source!: string;
  @Field({ description: 'Where in the document, and what it says' }) clause!: string;
}

const BOTH = 'in both languages, Chinese first (`zh` and `en` give one)';

@ObjectType({ description: 'One version of a threshold, with the days it is in force and its source document' })
export class Rule {
  @Field(() => ID, { description: 'Unique per version, e.g. fee_ratio_cap/2025' }) id!: string;
  @Field({ description: 'What the rule limits; versions of one rule share it' }) kind!: string;
  @Field({ description: `The title, ${BOTH}` }) title!: string;
  @Field({ description: 'Exact value as text, read with `unit`' }) value!: string;
  @Field({ description: `The unit, ${BOTH}` }) unit!: string;
  @Field(() => DateScalar) validFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Last day in force; null while not replaced' }) validTo!: string | null;
  @Field({ description: `The document the rule comes from, ${BOTH}` }) source!: string;
  @Field({ description: `Where in the document, ${BOTH}` }) clause!: string;
  @Field(() => RuleWording, { description: 'The rule’s words in Chinese' }) zh!: RuleWording;
  @Field(() => RuleWording, { description: 'The rule’s words in English' }) en!: RuleWording;
}

function both(rule: RulebookRule, field: keyof RulebookWording): string {
  return `${rule.zh[field]} / ${rule.en[field]}`;
}

export function ruleOf(rule: RulebookRule): Rule;
export function ruleOf(rule: RulebookRule | undefined): Rule | null;
export function ruleOf(rule: RulebookRule | undefined): Rule | null {
  if (rule === undefined) return null;
  return Object.assign(new Rule(), {
    id: rule.id,
    kind: rule.kind,
    title: both(rule, 'title'),
    value: rule.value,
    unit: both(rule, 'unit'),
    validFrom: rule.validFrom,
    validTo: rule.validTo,
    source: both(rule, 'source'),
    clause: both(rule, 'clause'),
    zh: Object.assign(new RuleWording(), rule.zh),
    en: Object.assign(new RuleWording(), rule.en),
  });
}
