import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../common/context';
import { DateScalar } from '../common/scalars';
import { Rule, ruleOf } from './rule.type';

@Resolver()
export class RulesResolver {
  @Authorized()
  @Query(() => [Rule], { description: 'The rulebook: every version of every threshold, or those in force on one day' })
  rules(@Arg('inForceOn', () => DateScalar, { nullable: true }) inForceOn: string | null | undefined, @Ctx() context: ApiContext): Rule[] {
    return (inForceOn ? context.rulebook.rulesInForce(inForceOn) : context.rulebook.rules).map((rule) => ruleOf(rule));
  }
}
