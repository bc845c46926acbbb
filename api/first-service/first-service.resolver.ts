import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { type ApiContext, viewerOf } from '../common/context';
import { Insurer } from '../common/insurer';
import { judgedPolicyOf, rulesJudgedBy } from '../common/judged-policy';
import { readPage } from '../common/paging';
import { ratio } from '../common/ratio';
import { regionOf } from '../common/region';
import { rollUp, sumOf } from '../common/roll-up';
import { todayInShanghai } from '../../domain/today';
import { insurerInScope, regionInScope } from '../common/scope';
import { ruleOf } from '../rules/rule.type';
import { FirstServiceArgs, FirstServicePolicyArgs } from './first-service.args';
import {
  type CountyFirstServiceRow, firstServiceByCounty, firstServiceByInsurer, firstServiceCount, firstServicePage, type FirstServiceQuery,
} from './first-service.sql';
import {
  FirstServiceCompliance, FirstServiceFigures, FirstServicePolicy, FirstServicePolicyPage, FirstServiceStatus, InsurerFirstService,
} from './first-service.type';

interface Counts { onTime: number; late: number; missing: number }

function counted(counts: Counts): Counts & { judged: number; rate: number | null } {
  const judged = counts.onTime + counts.late + counts.missing;
  return { ...counts, judged, rate: ratio(counts.onTime, judged) };
}

function figures(region: ReferenceRegion, own: CountyFirstServiceRow[]): FirstServiceFigures {
  return Object.assign(new FirstServiceFigures(), {
    region: regionOf(region),
    ...counted({ onTime: sumOf(own, 'on_time'), late: sumOf(own, 'late'), missing: sumOf(own, 'missing') }),
  });
}

function scopedQuery(context: ApiContext, args: FirstServiceArgs): FirstServiceQuery {
  const viewer = viewerOf(context);
  return {
    region: regionInScope(viewer, args.region),
    asOf: args.asOf ?? todayInShanghai(),
    year: args.year ?? null,
    insurerId: insurerInScope(viewer),
    rulebook: context.rulebook,
  };
}

@Resolver()
export class FirstServiceResolver {
  @Authorized()
  @Query(() => FirstServiceCompliance, {
    description: '承诺函第七条: judged policies (not cancelled, window ended before asOf) with a service by one of their insurers inside the window',
  })
  async firstService(@Args() args: FirstServiceArgs, @Ctx() context: ApiContext): Promise<FirstServiceCompliance> {
    const query = scopedQuery(context, args);
    const [rows, insurerRows] = await Promise.all([
      firstServiceByCounty(context.warehouse, query),
      firstServiceByInsurer(context.warehouse, query),
    ]);
    return Object.assign(new FirstServiceCompliance(), {
      ...rollUp(query.region, rows, figures, 'children'),
      asOf: query.asOf,
      year: query.year,
      rules: rulesJudgedBy(context.rulebook, rows),
      byInsurer: insurerRows.map((row) => Object.assign(new InsurerFirstService(), {
        insurer: Object.assign(new Insurer(), { id: row.insurer_id }),
        ...counted({ onTime: row.on_time, late: row.late, missing: row.missing }),
      })),
    });
  }

  @Authorized()
  @Query(() => FirstServicePolicyPage, { description: 'The judged policies with their verdict, late and missing ones by default, paged' })
  async firstServicePolicies(@Args() args: FirstServicePolicyArgs, @Ctx() context: ApiContext): Promise<FirstServicePolicyPage> {
    const query = { ...scopedQuery(context, args), filter: args.status };
    return Object.assign(new FirstServicePolicyPage(), await readPage(args, {
      page: (window) => firstServicePage(context.warehouse, { ...query, ...window }),
      count: () => firstServiceCount(context.warehouse, query),
    }, (row) => Object.assign(new FirstServicePolicy(), {
      ...judgedPolicyOf(row),
      windowEnd: row.window_end,
      firstService: row.first_service,
      status: row.status as FirstServiceStatus,
      rule: ruleOf(context.rulebook.ruleById(row.rule_id)),
    })));
  }
}
