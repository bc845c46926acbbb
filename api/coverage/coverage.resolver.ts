import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { type ApiContext, viewerOf } from '../common/context';
import { industryOf, industrySet } from '../common/industry';
import { readPage } from '../common/paging';
import { ratio } from '../common/ratio';
import { regionOf, resolveRegion } from '../common/region';
import { rollUp, sumOf } from '../common/roll-up';
import { todayInShanghai } from '../../domain/today';
import { forbidInsurers, regionInScope } from '../common/scope';
import { CoverageArgs, ExpiringArgs, UninsuredArgs } from './coverage.args';
import { coverageByCountyAndIndustry, type CountyIndustryCoverage, expiringCount, expiringPage, uninsuredPage } from './coverage.sql';
import { Coverage, ExpiringPage, ExpiringPolicy, IndustryCoverage, InsuranceHistory, UninsuredEnterprise, UninsuredPage } from './coverage.type';

/** Mandatory and insured enterprises of some per-county rows, and their ratio. */
function coverageFigures(rows: CountyIndustryCoverage[]): { mandatory: number; insured: number; rate: number | null } {
  const mandatory = sumOf(rows, 'mandatory');
  const insured = sumOf(rows, 'insured');
  return { mandatory, insured, rate: ratio(insured, mandatory) };
}

/** A region's figures, and its children's, from the per-county rows of one query. */
function coverageTree(region: ReferenceRegion, asOf: string, industries: string[], rows: CountyIndustryCoverage[]): Coverage {
  return rollUp(region, rows, (node, own) => Object.assign(new Coverage(), {
    region: regionOf(node),
    asOf,
    ...coverageFigures(own),
    byIndustry: industries.map((industry) => Object.assign(new IndustryCoverage(), {
      industry: industryOf(industry),
      ...coverageFigures(own.filter((row) => row.industry === industry)),
    })),
  }), 'tree');
}

@Resolver()
export class CoverageResolver {
  @Authorized()
  @Query(() => Coverage, { description: '投保率 of a region on a day, with its cities or counties and its industries' })
  async coverage(@Args() args: CoverageArgs, @Ctx() context: ApiContext): Promise<Coverage> {
    const viewer = viewerOf(context);
    forbidInsurers(viewer, 'Coverage');
    const region = regionInScope(viewer, args.region);
    const industries = industrySet(args.industries);
    const asOf = args.asOf ?? todayInShanghai();
    const rows = await coverageByCountyAndIndustry(context.warehouse, { region, asOf, industries });
    return coverageTree(region, asOf, industries, rows);
  }

  @Authorized()
  @Query(() => UninsuredPage, { description: '应保未保: mandatory enterprises without an active policy on a day, paged' })
  async uninsured(@Args() args: UninsuredArgs, @Ctx() context: ApiContext): Promise<UninsuredPage> {
    const viewer = viewerOf(context);
    forbidInsurers(viewer, 'The uninsured list');
    const region = regionInScope(viewer, args.region);
    const industries = industrySet(args.industries);
    const asOf = args.asOf ?? todayInShanghai();
    const query = { region, asOf, industries };
    return Object.assign(new UninsuredPage(), { region: regionOf(region), asOf }, await readPage(args, {
      page: ({ limit, offset }) => uninsuredPage(context.warehouse, { ...query, sort: args.sort, direction: args.direction, limit, offset }),
      count: async () => {
        const counts = await coverageByCountyAndIndustry(context.warehouse, query);
        return counts.reduce((sum, row) => sum + row.mandatory - row.insured, 0);
      },
    }, (row) => Object.assign(new UninsuredEnterprise(), {
      id: row.id,
      uscc: row.uscc,
      name: row.name,
      industry: industryOf(row.industry),
      size: row.size,
      county: regionOf(resolveRegion(row.county_code)),
      history: row.last_policy_end === null ? InsuranceHistory.NEVER_INSURED : InsuranceHistory.LAPSED,
      lastPolicyEnd: row.last_policy_end,
    })));
  }

  @Authorized()
  @Query(() => ExpiringPage, {
    description: '即将到期: policies of mandatory enterprises ending within 30, 60 or 90 days of a day and not renewed, paged',
  })
  async expiringPolicies(@Args() args: ExpiringArgs, @Ctx() context: ApiContext): Promise<ExpiringPage> {
    const viewer = viewerOf(context);
    forbidInsurers(viewer, 'The expiring list');
    const region = regionInScope(viewer, args.region);
    const asOf = args.asOf ?? todayInShanghai();
    const query = { region, asOf, withinDays: args.withinDays };
    return Object.assign(new ExpiringPage(), { region: regionOf(region), asOf, withinDays: args.withinDays }, await readPage(args, {
      page: ({ limit, offset }) => expiringPage(context.warehouse, { ...query, sort: args.sort, direction: args.direction, limit, offset }),
      count: () => expiringCount(context.warehouse, query),
    }, (row) => Object.assign(new ExpiringPolicy(), {
      policyId: row.policy_id,
      policyNo: row.policy_no,
      enterpriseId: row.enterprise_id,
      uscc: row.uscc,
      enterpriseName: row.name,
      industry: industryOf(row.industry),
      county: regionOf(resolveRegion(row.county_code)),
      startDate: row.start_date,
      endDate: row.end_date,
      daysLeft: Number(row.days_left),
      insurers: row.insurer_names,
    })));
  }
}
