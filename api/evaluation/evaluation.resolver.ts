import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { todayInShanghai } from '../../domain/today';
import { type ApiContext, viewerOf } from '../common/context';
import { forbidInsurers, regionInScope } from '../common/scope';
import { EvaluationArgs } from './evaluation.args';
import { evaluate } from './evaluation';
import { Evaluation } from './evaluation.type';

@Resolver()
export class EvaluationResolver {
  @Authorized()
  @Query(() => Evaluation, {
    description: 'The periodic evaluation (定期评估) of a year or a quarter: every insurer ranked on the platform’s own scorecard, '
      + 'with the change from the previous period and the follow-ups proposed. A city account gets its city’s, each insurer judged on its business there.',
  })
  async evaluation(@Args() args: EvaluationArgs, @Ctx() context: ApiContext): Promise<Evaluation> {
    const viewer = viewerOf(context);
    forbidInsurers(viewer, 'The evaluation across insurers');
    const region = regionInScope(viewer, args.region);
    return evaluate(context.warehouse, context.platform, context.rulebook, {
      region, year: args.year, quarter: args.quarter ?? null, asOf: args.asOf ?? todayInShanghai(),
    }, context.loaders.insurerName);
  }
}
