import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { RISK_LEVELS, STANDARDIZATION_GRADES } from '../../domain/vocabulary';
import type { Region as ReferenceRegion } from '../../domain/regions';
import { type ApiContext, viewerOf } from '../common/context';
import { highRiskIndustryOf, industryOf } from '../common/industry';
import { decimalOfFen, fenOf } from '../common/money';
import { limitOffset } from '../common/paging';
import { ratio } from '../common/ratio';
import { regionOf, resolveRegion } from '../common/region';
import { rollUp, sumOf } from '../common/roll-up';
import { insurerInScope, regionInScope } from '../common/scope';
import { ruleOf } from '../rules/rule.type';
import { yearEnd } from '../../domain/rulebook';
import { PremiumRateArgs, RiskArgs } from './risk.args';
import { type CountyIndustryRiskRow, flaggedPolicies, mandatoryEnterpriseMix, premiumRatesByIndustry, riskByCountyAndIndustry } from './risk.sql';
import { type AccidentFigures, ClassCount, IndustryPremiumRate, IndustryRisk, LowPricedPolicy, PremiumRates, RegionRisk, RiskIndicators } from './risk.type';

function accidentFigures(rows: CountyIndustryRiskRow[]): AccidentFigures {
  const accidents = sumOf(rows, 'accidents');
  const insuredEnterprises = sumOf(rows, 'insured_enterprises');
  const hazardsFound = sumOf(rows, 'hazards_found');
  const hazardsRectified = sumOf(rows, 'hazards_rectified');
  return {
    accidents,
    deaths: sumOf(rows, 'deaths'),
    injuries: sumOf(rows, 'injuries'),
    insuredEnterprises,
    accidentsPer100Insured: ratio(accidents * 100, insuredEnterprises),
    hazardsFound,
    hazardsRectified,
    rectificationRate: ratio(hazardsRectified, hazardsFound),
  };
}

function regionRisk(region: ReferenceRegion, own: CountyIndustryRiskRow[]): RegionRisk {
  return Object.assign(new RegionRisk(), { region: regionOf(region), ...accidentFigures(own) });
}

function formulaText(year: number, screenPercent: string | null): string {
  if (screenPercent === null) return `No screening rule is in force at the end of ${year}; premium rates are shown without a verdict.`;
  return `Possible malicious low pricing (疑似恶意低价承保): premium / insured persons < ${screenPercent}% × the median premium / insured persons ` +
    `of the same industry's policies starting in ${year} in the region shown (not cancelled, insured persons known). ` +
    'Premium per enterprise is the sum of its policies\' premium in the year, shown against its industry median for context.';
}

@Resolver()
export class RiskResolver {
  @Authorized()
  @Query(() => RiskIndicators, { description: 'Accidents, deaths, injuries, accidents per 100 insured enterprises, 隐患整改率, risk and grade mix' })
  async riskIndicators(@Args() args: RiskArgs, @Ctx() context: ApiContext): Promise<RiskIndicators> {
    const viewer = viewerOf(context);
    const query = { region: regionInScope(viewer, args.region), year: args.year, insurerId: insurerInScope(viewer) };
    const [rows, mix] = await Promise.all([
      riskByCountyAndIndustry(context.warehouse, query),
      mandatoryEnterpriseMix(context.warehouse, query),
    ]);
    const industries = [...new Set(rows.map((row) => row.industry))].sort();
    const countOf = (values: readonly string[], pick: (row: (typeof mix)[number]) => string): ClassCount[] =>
      values.map((value) => Object.assign(new ClassCount(), {
        value,
        enterprises: mix.filter((row) => pick(row) === value).reduce((sum, row) => sum + row.enterprises, 0),
      }));
    return Object.assign(new RiskIndicators(), {
      ...rollUp(query.region, rows, regionRisk, 'children'),
      year: args.year,
      riskLevels: countOf(RISK_LEVELS, (row) => row.risk_level),
      standardizationGrades: countOf([...STANDARDIZATION_GRADES, 'none'], (row) => row.standardization_grade ?? 'none'),
      byIndustry: industries.map((industry) => Object.assign(new IndustryRisk(), {
        industry: highRiskIndustryOf(industry),
        ...accidentFigures(rows.filter((row) => row.industry === industry)),
      })),
    });
  }

  @Authorized()
  @Query(() => PremiumRates, { description: '费率 per insured person and per enterprise against the industry median; flagged policies paged' })
  async premiumRates(@Args() args: PremiumRateArgs, @Ctx() context: ApiContext): Promise<PremiumRates> {
    const viewer = viewerOf(context);
    const region = regionInScope(viewer, args.region);
    const rule = context.rulebook.ruleInForce('low_price_screen', yearEnd(args.year));
    const screenPercent = rule?.value ?? null;
    const query = { region, year: args.year, insurerId: insurerInScope(viewer), screenPercent: screenPercent ?? '0' };
    const [industries, flagged] = await Promise.all([
      premiumRatesByIndustry(context.warehouse, query),
      screenPercent === null ? Promise.resolve([]) : flaggedPolicies(context.warehouse, { ...query, ...limitOffset(args) }),
    ]);
    return Object.assign(new PremiumRates(), {
      region: regionOf(region),
      year: args.year,
      formula: formulaText(args.year, screenPercent),
      screenShare: screenPercent === null ? null : Number(screenPercent) / 100,
      rule: ruleOf(rule),
      byIndustry: industries.map((row) => Object.assign(new IndustryPremiumRate(), {
        industry: industryOf(row.industry),
        policies: row.policies,
        rated: row.rated,
        medianPremiumPerPerson: row.median_per_person,
        enterprises: row.enterprises,
        medianPremiumPerEnterprise: row.median_per_enterprise,
        flagged: screenPercent === null ? 0 : row.flagged,
      })),
      total: screenPercent === null ? 0 : industries.reduce((sum, row) => sum + row.flagged, 0),
      page: args.page,
      pageSize: args.pageSize,
      flaggedPolicies: flagged.map((row) => Object.assign(new LowPricedPolicy(), {
        policyId: row.policy_id,
        policyNo: row.policy_no,
        enterpriseId: row.enterprise_id,
        enterpriseName: row.enterprise_name,
        county: regionOf(resolveRegion(row.county_code)),
        industry: industryOf(row.industry),
        premium: decimalOfFen(fenOf(row.premium)),
        insuredPersons: row.insured_persons,
        premiumPerPerson: row.per_person,
        industryMedianPerPerson: row.median_per_person,
        shareOfMedian: row.per_person / row.median_per_person,
      })),
    });
  }
}
