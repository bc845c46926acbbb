import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { type ApiContext, viewerOf } from '../common/context';
import { Insurer } from '../common/insurer';
import { decimalOfFen, fenOfYuanPercent } from '../common/money';
import { ratio } from '../common/ratio';
import { childRegions, regionOf } from '../common/region';
import { insurerInScope, regionInScope } from '../common/scope';
import { ClaimsArgs } from './claims.args';
import { claimsFigures, type ClaimsRow, GROUPING_LEVEL } from './claims.sql';
import { type ClaimFigures, ClaimsSummary, InsurerClaims, RegionClaims, SettlementDays } from './claims.type';

const NO_CLAIMS: ClaimsRow = {
  reported: 0, open: 0, withdrawn: 0, paid: 0, denied: 0, paid_fen_exact: '0', premium_fen_exact: '0',
  settled: 0, days_average: null, days_p50: null, days_p90: null,
};

function figuresOf(row: ClaimsRow): ClaimFigures {
  const paidFen = fenOfYuanPercent(row.paid_fen_exact);
  const premiumFen = fenOfYuanPercent(row.premium_fen_exact);
  return {
    reported: row.reported,
    open: row.open,
    withdrawn: row.withdrawn,
    paid: row.paid,
    denied: row.denied,
    claimsPaid: decimalOfFen(paidFen),
    premiumReceived: decimalOfFen(premiumFen),
    // Exact sums (yuan × percent) in both terms, so that no rounding of shares shifts the ratio.
    lossRatio: premiumFen === 0 ? null : Number(row.paid_fen_exact) / Number(row.premium_fen_exact),
    denialRate: ratio(row.denied, row.paid + row.denied),
    settlementDays: Object.assign(new SettlementDays(), {
      claims: row.settled, average: row.days_average, p50: row.days_p50, p90: row.days_p90,
    }),
  };
}

/** The tree rows of one region: the total row for the region asked, city or county rows for its children. */
function regionClaims(region: ReferenceRegion, rows: ClaimsRow[], top: boolean): RegionClaims {
  const row = top
    ? rows.find((candidate) => candidate.grouping_level === GROUPING_LEVEL.total)
    : rows.find((candidate) => region.level === 'city'
      ? candidate.grouping_level === GROUPING_LEVEL.city && candidate.city_code === region.code
      : candidate.grouping_level === GROUPING_LEVEL.county && candidate.county_code === region.code);
  return Object.assign(new RegionClaims(), { region: regionOf(region), ...figuresOf(row ?? NO_CLAIMS) });
}

@Resolver()
export class ClaimsResolver {
  @Authorized()
  @Query(() => ClaimsSummary, { description: '理赔 of a region in a year, with its cities or counties and per insurer' })
  async claims(@Args() args: ClaimsArgs, @Ctx() context: ApiContext): Promise<ClaimsSummary> {
    const viewer = viewerOf(context);
    const query = { region: regionInScope(viewer, args.region), year: args.year, insurerId: insurerInScope(viewer) };
    const [tree, insurers] = await Promise.all([
      claimsFigures(context.warehouse, query, 'tree'),
      claimsFigures(context.warehouse, query, 'insurer'),
    ]);
    return Object.assign(new ClaimsSummary(), {
      ...regionClaims(query.region, tree, true),
      year: args.year,
      children: childRegions(query.region).map((child) => regionClaims(child, tree, false)),
      byInsurer: insurers.map((row) => Object.assign(new InsurerClaims(), {
        insurer: Object.assign(new Insurer(), { id: row.insurer_id }),
        ...figuresOf(row),
      })),
    });
  }
}
