/**
 * What the death-limit (死亡赔偿限额) and first-service (首次服务) lists share: each judges a policy
 * against the rule in force on its start date, and names the policy, its enterprise, county and insurers
 * the same way. Each list adds its own verdict fields and the rule it judged against.
 */
import { Field, ID, ObjectType } from 'type-graphql';
import type { Rulebook } from '../../domain/rulebook';
import { ruleOf, type Rule } from '../rules/rule.type';
import { Insurer } from './insurer';
import { Region, regionOf, resolveRegion } from './region';
import { DateScalar } from './scalars';

/** Not a type on the wire of its own: no query returns it, so the schema holds only its subclasses. */
@ObjectType()
export abstract class JudgedPolicy {
  @Field(() => ID) policyId!: string;
  @Field() policyNo!: string;
  @Field(() => ID) enterpriseId!: string;
  @Field() enterpriseName!: string;
  @Field(() => Region) county!: Region;
  @Field(() => DateScalar) startDate!: string;
  @Field(() => [Insurer]) insurers!: Insurer[];
}

/** The warehouse columns a judged-policy row names its policy by. */
export interface JudgedPolicyRow {
  policy_id: string;
  policy_no: string;
  enterprise_id: string;
  enterprise_name: string;
  county_code: string;
  start_date: string;
  insurer_ids: string[];
}

export function judgedPolicyOf(row: JudgedPolicyRow): JudgedPolicy {
  return {
    policyId: row.policy_id,
    policyNo: row.policy_no,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    county: regionOf(resolveRegion(row.county_code)),
    startDate: row.start_date,
    insurers: row.insurer_ids.map((id) => Object.assign(new Insurer(), { id })),
  };
}

/** The rules the judged rows were held to, each version once, in id order. */
export function rulesJudgedBy(rulebook: Rulebook, rows: readonly { rule_id: string }[]): Rule[] {
  const ruleIds = [...new Set(rows.map((row) => row.rule_id))].sort();
  return ruleIds.map((id) => ruleOf(rulebook.ruleById(id))).filter((rule) => rule !== null);
}
