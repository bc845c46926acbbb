import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { type ApiContext, viewerOf } from '../common/context';
import { insurerFilterInScope } from '../common/insurer-scope';
import { limitOffset } from '../common/paging';
import { todayInShanghai } from '../../domain/today';
import { regionInScope } from '../common/scope';
import { yearEnd } from '../../domain/rulebook';
import { resolveRegion } from '../common/region';
import { enterpriseFacts } from '../entities/entities.sql';
import { enterpriseSources, violationPage, violationSources } from './violation-kinds';
import { ViolationArgs } from './violations.args';
import { ViolationCount, ViolationPage } from './violations.type';

@Resolver()
export class ViolationsResolver {
  @Authorized()
  @Query(() => ViolationPage, {
    description: 'Every rule breach found for a year, each with its rule and source and the enterprise, policy, service or insurer behind it, paged',
  })
  async violations(@Args() args: ViolationArgs, @Ctx() context: ApiContext): Promise<ViolationPage> {
    const viewer = viewerOf(context);
    const today = todayInShanghai();
    const lastDay = yearEnd(args.year);
    const filters = {
      region: regionInScope(viewer, args.region),
      year: args.year,
      insurerId: insurerFilterInScope(viewer, args.insurer),
      uninsuredVisible: viewer.role !== 'insurer',
      uninsuredOn: args.asOf ?? (today < lastDay ? today : lastDay),
      firstServiceOn: args.asOf ?? today,
      rulebook: context.rulebook,
    };
    const kinds = args.kinds ? new Set(args.kinds) : null;
    let sources = violationSources(context.warehouse, filters, kinds);
    if (args.enterprise) {
      // One enterprise's breaches are those of its county, narrowed to it; outside the viewer's region, none.
      const facts = await enterpriseFacts(context.warehouse, args.enterprise);
      const county = facts ? resolveRegion(facts.county_code) : null;
      const inRegion = county !== null && (filters.region.level === 'province' || filters.region.code === county.code || filters.region.code === county.parentCode);
      sources = inRegion
        ? enterpriseSources(violationSources(context.warehouse, { ...filters, region: county }, kinds), args.enterprise)
        : enterpriseSources([], args.enterprise);
    }
    const { limit, offset } = limitOffset(args);
    const { counts, items } = await violationPage(sources, limit, offset);
    return Object.assign(new ViolationPage(), {
      total: counts.reduce((sum, count) => sum + count, 0),
      byKind: sources.map((source, index) => Object.assign(new ViolationCount(), { kind: source.kind, count: counts[index] })),
      page: args.page,
      pageSize: args.pageSize,
      items,
    });
  }
}
