import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { type ApiContext, viewerOf } from '../common/context';
import { industryOf } from '../common/industry';
import { Insurer } from '../common/insurer';
import { readPage } from '../common/paging';
import { flag, ratio } from '../common/ratio';
import { regionOf, resolveRegion } from '../common/region';
import { rollUp, rowsIn, sumOf } from '../common/roll-up';
import { insurerInScope, regionInScope } from '../common/scope';
import { Rule, ruleOf } from '../rules/rule.type';
import { type Rule as RulebookRule, type Rulebook, yearEnd } from '../../domain/rulebook';
import { EnterpriseServiceArgs, ServiceComplianceArgs } from './services.args';
import {
  type CountyServiceRow, enterpriseServiceCount, enterpriseServicePage, type FrequencyRuleValues, serviceComplianceByCounty, serviceComplianceByInsurer,
} from './services.sql';
import { EnterpriseServiceCompliance, EnterpriseServicePage, InsurerServiceCompliance, ServiceCompliance } from './services.type';

interface FrequencyRules {
  coal: RulebookRule;
  largeMedium: RulebookRule;
  exempt: RulebookRule | undefined;
}

/** The frequency rules in force at the end of the year; without them the year cannot be judged. */
function frequencyRules(rulebook: Rulebook, year: number): FrequencyRules | null {
  const day = yearEnd(year);
  const coal = rulebook.ruleInForce('service_frequency_coal', day);
  const largeMedium = rulebook.ruleInForce('service_frequency_large_medium', day);
  if (!coal || !largeMedium) return null;
  return { coal, largeMedium, exempt: rulebook.ruleInForce('service_exempt_small_micro', day) };
}

function serviceTree(
  region: ReferenceRegion, year: number, rows: CountyServiceRow[], rules: Rule[], scope: Omit<ServiceCompliance['scope'], 'region'>,
): ServiceCompliance {
  return rollUp(region, rows, (node, own) => {
    const required = sumOf(own, 'required');
    const compliant = sumOf(own, 'compliant');
    return Object.assign(new ServiceCompliance(), {
      region: regionOf(node), year, required, compliant, exempt: sumOf(own, 'exempt'), rate: ratio(compliant, required), rules,
      scope: { ...scope, region: node },
    });
  }, 'tree');
}

@Resolver()
export class ServicesResolver {
  @Authorized()
  @Query(() => ServiceCompliance, {
    description: '服务频次 by region: enterprises meeting the yearly service requirement in force at the year end',
  })
  async serviceCompliance(@Args() args: ServiceComplianceArgs, @Ctx() context: ApiContext): Promise<ServiceCompliance> {
    const viewer = viewerOf(context);
    const region = regionInScope(viewer, args.region);
    const insurerId = insurerInScope(viewer);
    const rules = frequencyRules(context.rulebook, args.year);
    // A year before any frequency rule (the first is the 2024 circular's) is not judged: all counts 0.
    if (rules === null) return serviceTree(region, args.year, [], [], { insurerId, frequency: { coal: 0, largeMedium: 0 }, top: region });
    const frequency: FrequencyRuleValues = { coal: Number(rules.coal.value), largeMedium: Number(rules.largeMedium.value) };
    const rows = await serviceComplianceByCounty(context.warehouse, { year: args.year, region, insurerId, rules: frequency });
    const shown = [rules.coal, rules.largeMedium, ...(rules.exempt ? [rules.exempt] : [])].map((rule) => ruleOf(rule));
    return serviceTree(region, args.year, rows, shown, { insurerId, frequency, top: region });
  }
}

@Resolver(() => ServiceCompliance)
export class ServiceComplianceResolver {
  @FieldResolver(() => [InsurerServiceCompliance], { description: 'The same figures per insurer (an insurer account: its own only)' })
  async byInsurer(@Root() parent: ServiceCompliance, @Ctx() context: ApiContext): Promise<InsurerServiceCompliance[]> {
    const { top, insurerId, frequency } = parent.scope;
    if (parent.rules.length === 0) return [];
    const query = { year: parent.year, region: top, insurerId, rules: frequency };
    // Every node of one drill-down reads the same per-county rows: one query for the whole tree.
    const rows = await context.once(`services.byInsurer:${JSON.stringify(query)}`, () =>
      serviceComplianceByInsurer(context.warehouse, query));
    const totals = new Map<string, { required: number; compliant: number; exempt: number }>();
    for (const row of rowsIn(parent.scope.region, rows)) {
      const total = totals.get(row.insurer_id) ?? { required: 0, compliant: 0, exempt: 0 };
      total.required += row.required;
      total.compliant += row.compliant;
      total.exempt += row.exempt;
      totals.set(row.insurer_id, total);
    }
    return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, total]) => Object.assign(new InsurerServiceCompliance(), {
      insurer: Object.assign(new Insurer(), { id }),
      ...total,
      rate: ratio(total.compliant, total.required),
    }));
  }

  @FieldResolver(() => EnterpriseServicePage, { description: 'The enterprises of this region, paged (an insurer account: those it insured)' })
  async enterprises(
    @Root() parent: ServiceCompliance, @Args() args: EnterpriseServiceArgs, @Ctx() context: ApiContext,
  ): Promise<EnterpriseServicePage> {
    const { region, insurerId, frequency } = parent.scope;
    if (parent.rules.length === 0) return Object.assign(new EnterpriseServicePage(), { total: 0, page: args.page, pageSize: args.pageSize, items: [] });
    const rules = frequencyRules(context.rulebook, parent.year) as FrequencyRules;
    const query = { year: parent.year, region, insurerId, rules: frequency, filter: args.filter };
    return Object.assign(new EnterpriseServicePage(), await readPage(args, {
      page: (window) => enterpriseServicePage(context.warehouse, { ...query, ...window }),
      count: () => enterpriseServiceCount(context.warehouse, query),
    }, (row) => Object.assign(new EnterpriseServiceCompliance(), {
      enterpriseId: row.enterprise_id,
      name: row.name,
      county: regionOf(resolveRegion(row.county_code)),
      industry: industryOf(row.industry),
      size: row.size,
      requiredEach: row.required_each,
      riskAssessments: row.risk_assessments,
      hazardInvestigations: row.hazard_investigations,
      compliant: flag(row.compliant),
      rule: ruleOf(row.industry === 'coal_mine' ? rules.coal : row.required_each === null ? rules.exempt : rules.largeMedium),
    })));
  }
}
