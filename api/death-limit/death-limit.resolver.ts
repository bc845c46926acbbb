import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { type ApiContext, viewerOf } from '../common/context';
import { Insurer } from '../common/insurer';
import { judgedPolicyOf, rulesJudgedBy } from '../common/judged-policy';
import { decimalOfFen, fenOf } from '../common/money';
import { readPage } from '../common/paging';
import { ratio } from '../common/ratio';
import { regionOf } from '../common/region';
import { rollUp, sumOf } from '../common/roll-up';
import { insurerInScope, regionInScope } from '../common/scope';
import { ruleOf } from '../rules/rule.type';
import { DeathLimitArgs, DeathLimitPolicyArgs } from './death-limit.args';
import {
  type CountyDeathLimitRow, deathLimitByCounty, deathLimitByInsurer, deathLimitCount, deathLimitPage, type DeathLimitQuery,
} from './death-limit.sql';
import { DeathLimitCompliance, DeathLimitFigures, DeathLimitPolicy, DeathLimitPolicyPage, InsurerDeathLimit } from './death-limit.type';

function figures(region: ReferenceRegion, own: CountyDeathLimitRow[]): DeathLimitFigures {
  const judged = sumOf(own, 'judged');
  const compliant = sumOf(own, 'compliant');
  return Object.assign(new DeathLimitFigures(), { region: regionOf(region), judged, compliant, rate: ratio(compliant, judged) });
}

function scopedQuery(context: ApiContext, args: { year: number; region: string }): DeathLimitQuery {
  const viewer = viewerOf(context);
  return { region: regionInScope(viewer, args.region), year: args.year, insurerId: insurerInScope(viewer), rulebook: context.rulebook };
}

@Resolver()
export class DeathLimitResolver {
  @Authorized()
  @Query(() => DeathLimitCompliance, {
    description: '死亡赔偿限额: policies starting in the year whose death limit per person reaches the floor in force on their start date',
  })
  async deathLimitCompliance(@Args() args: DeathLimitArgs, @Ctx() context: ApiContext): Promise<DeathLimitCompliance> {
    const query = scopedQuery(context, args);
    const [rows, insurerRows] = await Promise.all([deathLimitByCounty(context.warehouse, query), deathLimitByInsurer(context.warehouse, query)]);
    return Object.assign(new DeathLimitCompliance(), {
      ...rollUp(query.region, rows, figures, 'children'),
      year: query.year,
      rules: rulesJudgedBy(context.rulebook, rows),
      byInsurer: insurerRows.map((row) => Object.assign(new InsurerDeathLimit(), {
        insurer: Object.assign(new Insurer(), { id: row.insurer_id }),
        judged: row.judged,
        compliant: row.compliant,
        rate: ratio(row.compliant, row.judged),
      })),
    });
  }

  @Authorized()
  @Query(() => DeathLimitPolicyPage, { description: 'The judged policies with their verdict, the non-compliant ones by default, paged' })
  async deathLimitPolicies(@Args() args: DeathLimitPolicyArgs, @Ctx() context: ApiContext): Promise<DeathLimitPolicyPage> {
    const query = { ...scopedQuery(context, args), filter: args.filter };
    return Object.assign(new DeathLimitPolicyPage(), await readPage(args, {
      page: (window) => deathLimitPage(context.warehouse, { ...query, ...window }),
      count: () => deathLimitCount(context.warehouse, query),
    }, (row) => Object.assign(new DeathLimitPolicy(), {
      ...judgedPolicyOf(row),
      deathLimitPerPerson: decimalOfFen(fenOf(row.death_limit)),
      floor: decimalOfFen(fenOf(row.floor)),
      compliant: Boolean(row.compliant),
      rule: ruleOf(context.rulebook.ruleById(row.rule_id)),
    })));
  }
}
