import { Arg, Authorized, Query, Resolver } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import { Rule, ruleOf } from './rule.type';
import { RULEBOOK, rulesInForce } from '../../domain/rulebook';

@Resolver()
export class RulesResolver {
  @Authorized()
  @Query(() => [Rule], { description: 'The rulebook: every version of every threshold, or those in force on one day' })
  rules(@Arg('inForceOn', () => DateScalar, { nullable: true }) inForceOn?: string | null): Rule[] {
    return (inForceOn ? rulesInForce(inForceOn) : RULEBOOK).map((rule) => ruleOf(rule));
  }
}
