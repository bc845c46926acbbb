import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { Industry } from '../common/industry';
import { Insurer } from '../common/insurer';
import { Page } from '../common/paging';
import { Region } from '../common/region';
import { Rule } from '../rules/rule.type';
import { ENTERPRISE_FILTERS, type FrequencyRuleValues } from './services.sql';

@ObjectType({ description: '服务频次 of one insurer: the enterprises it insured in the year' })
export class InsurerServiceCompliance {
  @Field(() => Insurer) insurer!: Insurer;
  @Field(() => Int) required!: number;
  @Field(() => Int) compliant!: number;
  @Field(() => Int) exempt!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType({ description: "One enterprise's prevention services in the year against its requirement" })
export class EnterpriseServiceCompliance {
  @Field(() => ID) enterpriseId!: string;
  @Field() name!: string;
  @Field(() => Region) county!: Region;
  @Field(() => Industry) industry!: Industry;
  @Field() size!: string;
  @Field(() => Int, { nullable: true, description: 'Services of each kind required; null when exempt (small or micro, outside coal)' })
  requiredEach!: number | null;
  @Field(() => Int, { description: '安全风险辨识、评估和安全评价 delivered in the year' }) riskAssessments!: number;
  @Field(() => Int, { description: '生产安全事故隐患排查 delivered in the year' }) hazardInvestigations!: number;
  @Field(() => Boolean, { nullable: true, description: 'Null when exempt' }) compliant!: boolean | null;
  @Field(() => Rule, { nullable: true, description: 'The rule judged against' }) rule!: Rule | null;
}

@ObjectType()
export class EnterpriseServicePage extends Page(EnterpriseServiceCompliance) {}

export type EnterpriseFilter = keyof typeof ENTERPRISE_FILTERS;
export const EnterpriseFilter = Object.fromEntries(Object.keys(ENTERPRISE_FILTERS).map((key) => [key, key])) as {
  [K in EnterpriseFilter]: K;
};
registerEnumType(EnterpriseFilter, { name: 'ServiceEnterpriseFilter', description: 'Which enterprises a service list shows' });

@ObjectType({ description: '服务频次: enterprises meeting their yearly service requirement / enterprises with one' })
export class ServiceCompliance {
  @Field(() => Region) region!: Region;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'Enterprises of the population with a requirement' }) required!: number;
  @Field(() => Int, { description: 'Of those, the ones meeting it' }) compliant!: number;
  @Field(() => Int, { description: 'Small and micro enterprises outside coal: no fixed minimum, listed apart' }) exempt!: number;
  @Field(() => Float, { nullable: true, description: 'compliant / required; null when none is required' }) rate!: number | null;
  @Field(() => [Rule], { description: 'The frequency rules judged against: those in force on the last day of the year' }) rules!: Rule[];
  @Field(() => [ServiceCompliance], { description: 'Cities of the province, counties of a city' }) children!: ServiceCompliance[];

  /** What the field resolvers below need to ask again for this node's lists. */
  scope!: { region: ReferenceRegion; top: ReferenceRegion; insurerId: string | null; frequency: FrequencyRuleValues };
}
