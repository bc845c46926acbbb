import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { type ApiContext, viewerOf } from '../common/context';
import { Insurer } from '../common/insurer';
import { decimalOfFen, fenOf, fenOfYuanPercent } from '../common/money';
import { flag, ratio } from '../common/ratio';
import { regionOf } from '../common/region';
import { rollUp } from '../common/roll-up';
import { forbidInsurers, insurerInScope, regionInScope } from '../common/scope';
import { ruleOf } from '../rules/rule.type';
import { yearEnd } from '../../domain/rulebook';
import { FeeArgs } from './fees.args';
import { countyFees, type CountyFeeRow, insurerFees } from './fees.sql';
import { InsurerFeeRatio, RegionFees } from './fees.type';

function feeTree(region: ReferenceRegion, year: number, rows: CountyFeeRow[]): RegionFees {
  return rollUp(region, rows, (node, own) => {
    const premiumFen = own.reduce((sum, row) => sum + fenOf(row.premium_received), 0);
    const spendingFen = own.reduce((sum, row) => sum + fenOf(row.prevention_spending), 0);
    return Object.assign(new RegionFees(), {
      region: regionOf(node),
      year,
      premiumReceived: decimalOfFen(premiumFen),
      preventionSpending: decimalOfFen(spendingFen),
      ratio: ratio(spendingFen, premiumFen),
    });
  }, 'tree');
}

/** Each insurer's fee ratio in a year and region, judged against the floor and cap in force at the year end. */
export async function readFeeRatios(
  context: Pick<ApiContext, 'warehouse' | 'rulebook'>, query: { year: number; region: ReferenceRegion; insurerId: string | null },
): Promise<InsurerFeeRatio[]> {
  const judgedOn = yearEnd(query.year);
  const floor = context.rulebook.ruleInForce('fee_ratio_floor', judgedOn);
  const cap = context.rulebook.ruleInForce('fee_ratio_cap', judgedOn);
  const rows = await insurerFees(context.warehouse, {
    ...query,
    rules: { floorPercent: floor?.value ?? null, capPercent: cap?.value ?? null },
  });
  return rows.map((row) => {
    const meetsFloor = flag(row.meets_floor);
    const withinCap = flag(row.within_cap);
    const compliant = meetsFloor === null ? null : meetsFloor && withinCap !== false;
    return Object.assign(new InsurerFeeRatio(), {
      insurer: Object.assign(new Insurer(), { id: row.insurer_id }),
      year: query.year,
      premiumReceived: decimalOfFen(fenOfYuanPercent(row.premium_fen_exact)),
      preventionSpending: decimalOfFen(fenOf(row.prevention_spending)),
      ratio: row.ratio,
      compliant,
      meetsFloor,
      withinCap,
      floorRule: ruleOf(floor),
      capRule: ruleOf(cap),
    });
  });
}

@Resolver()
export class FeesResolver {
  @Authorized()
  @Query(() => [InsurerFeeRatio], {
    description: 'Per insurer: premium received, prevention spending and their ratio, judged against the floor and cap in force at the year end',
  })
  async feeRatios(@Args() args: FeeArgs, @Ctx() context: ApiContext): Promise<InsurerFeeRatio[]> {
    const viewer = viewerOf(context);
    return readFeeRatios(context, { year: args.year, region: regionInScope(viewer, args.region), insurerId: insurerInScope(viewer) });
  }

  @Authorized()
  @Query(() => RegionFees, { description: 'Premium received and prevention spending of a region, with its cities or counties' })
  async regionFees(@Args() args: FeeArgs, @Ctx() context: ApiContext): Promise<RegionFees> {
    const viewer = viewerOf(context);
    forbidInsurers(viewer, 'Fees of a whole region');
    const region = regionInScope(viewer, args.region);
    const rows = await countyFees(context.warehouse, { year: args.year, region });
    return feeTree(region, args.year, rows);
  }
}
