/**
 * enterprise(id) and insurer(id). An id outside the viewer's scope answers NOT_FOUND, exactly as an
 * id that does not exist, so that trying ids tells an account nothing about what lies beyond its
 * scope (a region argument names a public division and answers FORBIDDEN instead):
 * - a city account finds the enterprises of its own city, and every insurer with its lists narrowed
 *   to its city;
 * - an insurer account finds only itself, and the enterprises it has held a share of a policy of,
 *   with their lists narrowed to its policies, its services and the claims on its policies.
 */
import { Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root, Arg, type ClassType } from 'type-graphql';
import { isHighRisk } from '../../domain/vocabulary';
import { highRiskIndustryOf } from '../common/industry';
import { type ApiContext, viewerOf } from '../common/context';
import { badUserInput, notFound } from '../common/errors';
import { Insurer } from '../common/insurer';
import { InsurerFeeRatio } from '../fees/fees.type';
import { decimalOfFen, fenOf } from '../common/money';
import { readPage } from '../common/paging';
import { todayInShanghai } from '../../domain/today';
import { regionOf, resolveRegion } from '../common/region';
import { insurerInScope, type Viewer } from '../common/scope';
import { ruleOf } from '../rules/rule.type';
import type { Rulebook } from '../../domain/rulebook';
import { InsuranceHistory } from '../coverage/coverage.type';
import {
  claimPage, coverState, type EntityScope, enterpriseFacts, enterpriseSearchCount, enterpriseSearchPage, insurerFacts, insures, listCount, type ListDays, policyPage, servicePage,
} from './entities.sql';
import { DetailListArgs, EnterpriseSearchArgs } from './entities.args';
import {
  ClaimPage, ClaimRecord, type DetailLists, EnterpriseCover, EnterpriseDetail, EnterpriseHit, EnterpriseHitPage, FilingStatus, FilingVerdict, InsurerDetail, InsurerFiling, PolicyPage, PolicyRecord,
  PolicyShare, ServicePage, ServiceRecord,
} from './entities.type';

function scopeOf(viewer: Viewer): EntityScope {
  return { cityCode: viewer.role === 'city' ? viewer.scope : null, insurerId: insurerInScope(viewer) };
}

const money = (text: string): string => decimalOfFen(fenOf(text));

function filingStatus(filedOn: string | null, deadline: string): FilingStatus {
  if (filedOn === null) return FilingStatus.NOT_FILED;
  return filedOn <= deadline ? FilingStatus.ON_TIME : FilingStatus.LATE;
}

/** The verdict against every filing deadline in the rulebook. */
function filingVerdicts(rulebook: Rulebook, filedOn: string | null): FilingVerdict[] {
  return rulebook.versionsOf('filing_deadline').map((rule) => Object.assign(new FilingVerdict(), {
    rule: ruleOf(rule),
    deadline: rule.value,
    status: filingStatus(filedOn, rule.value),
  }));
}

@Resolver()
export class EntitiesResolver {
  @Authorized()
  @Query(() => EnterpriseDetail, { description: 'One enterprise; NOT_FOUND when it does not exist or lies outside this account’s scope' })
  async enterprise(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<EnterpriseDetail> {
    const viewer = viewerOf(context);
    const scope = scopeOf(viewer);
    const facts = await enterpriseFacts(context.warehouse, id);
    const visible = facts !== undefined
      && (scope.cityCode === null || facts.city_code === scope.cityCode)
      && (scope.insurerId === null || await insures(context.warehouse, scope.insurerId, id));
    if (!facts || !visible) throw notFound(`No enterprise with id ${JSON.stringify(id)} that this account may see.`);
    const today = todayInShanghai();
    const cover = scope.insurerId === null ? await coverState(context.warehouse, facts.id, today) : null;
    return Object.assign(new EnterpriseDetail(), {
      id: facts.id,
      uscc: facts.uscc,
      name: facts.name,
      industry: highRiskIndustryOf(facts.industry),
      highRisk: isHighRisk(facts.industry),
      size: facts.size,
      status: facts.status,
      riskLevel: facts.risk_level,
      standardizationGrade: facts.standardization_grade,
      employees: facts.employees,
      county: regionOf(resolveRegion(facts.county_code)),
      city: regionOf(resolveRegion(facts.city_code)),
      mandatory: facts.status === 'operating' && isHighRisk(facts.industry),
      cover: cover && Object.assign(new EnterpriseCover(), {
        asOf: today,
        insured: Number(cover.active) > 0,
        history: Number(cover.active) > 0 ? null : cover.last_policy_end === null ? InsuranceHistory.NEVER_INSURED : InsuranceHistory.LAPSED,
        lastPolicyEnd: cover.last_policy_end,
      }),
      lists: { subject: { enterpriseId: facts.id }, scope },
    });
  }

  @Authorized()
  @Query(() => EnterpriseHitPage, {
    description: 'Enterprises by part of the name or the start of the 统一社会信用代码, within this account’s scope: a city its city, an insurer those it insured',
  })
  async enterpriseSearch(@Args() args: EnterpriseSearchArgs, @Ctx() context: ApiContext): Promise<EnterpriseHitPage> {
    const scope = scopeOf(viewerOf(context));
    const text = args.text.trim();
    if (text.length < 2) throw badUserInput('text must hold at least 2 characters besides spaces (part of a name, or the start of a 统一社会信用代码).');
    return Object.assign(new EnterpriseHitPage(), await readPage(args, {
      page: ({ limit, offset }) => enterpriseSearchPage(context.warehouse, text, scope, limit, offset),
      count: () => enterpriseSearchCount(context.warehouse, text, scope),
    }, (row) => Object.assign(new EnterpriseHit(), {
      id: row.id,
      uscc: row.uscc,
      name: row.name,
      industry: highRiskIndustryOf(row.industry),
      status: row.status,
      mandatory: row.status === 'operating' && isHighRisk(row.industry),
      county: regionOf(resolveRegion(row.county_code)),
    })));
  }

  @Authorized()
  @Query(() => InsurerDetail, { description: 'One insurer with its filing status; an insurer account finds only itself' })
  async insurer(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<InsurerDetail> {
    const viewer = viewerOf(context);
    const scope = scopeOf(viewer);
    const facts = scope.insurerId === null || scope.insurerId === id ? await insurerFacts(context.warehouse, id) : undefined;
    if (!facts) throw notFound(`No insurer with id ${JSON.stringify(id)} that this account may see.`);
    return Object.assign(new InsurerDetail(), {
      id: facts.id,
      name: facts.name,
      filedOn: facts.filed_on,
      filings: filingVerdicts(context.rulebook, facts.filed_on),
      lists: { subject: { insurerId: facts.id }, scope },
    });
  }
}

/**
 * The filing beside each row of the insurers table, read for all rows of the response in one warehouse
 * query by the request's DataLoader. (On the fee-ratio row rather than on Insurer, whose fields the
 * contract fixes; feeRatios already narrows an insurer account to its own row.)
 */
@Resolver(() => InsurerFeeRatio)
export class FeeRatioFilingResolver {
  @FieldResolver(() => InsurerFiling, {
    nullable: true,
    description: 'The insurer’s filing (资料报送) against every deadline; null for an insurer missing from the register',
  })
  async filing(@Root() row: InsurerFeeRatio, @Ctx() context: ApiContext): Promise<InsurerFiling | null> {
    const filedOn = await context.loaders.insurerFiledOn.load(row.insurer.id);
    if (filedOn === undefined) return null;
    return Object.assign(new InsurerFiling(), { filedOn, verdicts: filingVerdicts(context.rulebook, filedOn) });
  }
}

const daysOf = (args: DetailListArgs): ListDays => ({ year: args.year ?? null, today: todayInShanghai() });

/** The same three paged lists on both details, narrowed by the detail's subject and scope. */
function detailListsResolver<Detail extends { lists: DetailLists }>(detail: ClassType<Detail>) {
  @Resolver(() => detail)
  class DetailListsResolver {
    @FieldResolver(() => PolicyPage, { description: 'Policies with their shares, latest start first; with a year, those starting in it' })
    async policies(@Root() parent: Detail, @Args() args: DetailListArgs, @Ctx() context: ApiContext): Promise<PolicyPage> {
      const { subject, scope } = parent.lists;
      const days = daysOf(args);
      return Object.assign(new PolicyPage(), await readPage(args, {
        page: ({ limit, offset }) => policyPage(context.warehouse, subject, scope, days, limit, offset),
        count: () => listCount(context.warehouse, 'policies', subject, scope, days),
      },
        (row) => Object.assign(new PolicyRecord(), {
          id: row.id,
          policyNo: row.policy_no,
          enterpriseId: row.enterprise_id,
          enterpriseName: row.enterprise_name === '' ? null : row.enterprise_name,
          county: regionOf(resolveRegion(row.county_code)),
          startDate: row.start_date,
          endDate: row.end_date,
          premium: money(row.premium),
          premiumReceived: money(row.premium_received),
          deathLimitPerPerson: money(row.death_limit_per_person),
          insuredPersons: row.insured_persons,
          cancelled: Boolean(row.cancelled),
          shares: row.shares.map(([insurerId, percent]) => Object.assign(new PolicyShare(), {
            insurer: Object.assign(new Insurer(), { id: insurerId }),
            sharePercent: money(percent),
          })),
        }),
      ));
    }

    @FieldResolver(() => ServicePage, { description: 'Prevention services up to today, latest first; with a year, those dated in it' })
    async services(@Root() parent: Detail, @Args() args: DetailListArgs, @Ctx() context: ApiContext): Promise<ServicePage> {
      const { subject, scope } = parent.lists;
      const days = daysOf(args);
      return Object.assign(new ServicePage(), await readPage(args, {
        page: ({ limit, offset }) => servicePage(context.warehouse, subject, scope, days, limit, offset),
        count: () => listCount(context.warehouse, 'services', subject, scope, days),
      },
        (row) => Object.assign(new ServiceRecord(), {
          id: row.id,
          policyId: row.policy_id,
          enterpriseId: row.enterprise_id,
          enterpriseName: row.enterprise_name === '' ? null : row.enterprise_name,
          county: regionOf(resolveRegion(row.county_code)),
          insurer: Object.assign(new Insurer(), { id: row.insurer_id }),
          providerId: row.provider_id,
          providerName: row.provider_name,
          kind: row.kind,
          serviceDate: row.service_date,
          cost: money(row.cost),
          hazardsFound: row.hazards_found,
          hazardsRectified: row.hazards_rectified,
        }),
      ));
    }

    @FieldResolver(() => ClaimPage, { description: 'Claims reported up to today, latest reported first; with a year, those reported in it' })
    async claims(@Root() parent: Detail, @Args() args: DetailListArgs, @Ctx() context: ApiContext): Promise<ClaimPage> {
      const { subject, scope } = parent.lists;
      const days = daysOf(args);
      return Object.assign(new ClaimPage(), await readPage(args, {
        page: ({ limit, offset }) => claimPage(context.warehouse, subject, scope, days, limit, offset),
        count: () => listCount(context.warehouse, 'claims', subject, scope, days),
      },
        (row) => Object.assign(new ClaimRecord(), {
          id: row.id,
          policyId: row.policy_id,
          enterpriseId: row.enterprise_id,
          enterpriseName: row.enterprise_name === '' ? null : row.enterprise_name,
          county: regionOf(resolveRegion(row.county_code)),
          accidentDate: row.accident_date,
          reportedOn: row.reported_on,
          deaths: row.deaths,
          injuries: row.injuries,
          claimedAmount: money(row.claimed_amount),
          paidAmount: row.paid_amount === null ? null : money(row.paid_amount),
          status: row.status,
          settledOn: row.settled_on,
          denialReason: row.denial_reason,
        }),
      ));
    }
  }
  return DetailListsResolver;
}

export const EnterpriseListsResolver = detailListsResolver(EnterpriseDetail);
export const InsurerListsResolver = detailListsResolver(InsurerDetail);
