/**
 * The annual report (年度报告, docs/definitions.md, definition 14) of one insurer on one year, built
 * from the data by the families that define each figure: fee ratio (fees/), service frequency
 * (services/), first service (first-service/), death limit (death-limit/), claims and their timeliness
 * (claims/), all-employee coverage (coverage/), hazard rectification (risk/), unqualified providers and
 * every listed breach with its rule (violations/), the filing (filings/). The GraphQL query, the
 * workbook and `npm run report` all build it here.
 *
 * Scope: an insurer account opens only its own report (another id is NOT_FOUND, as on the insurer
 * page); the province and analysts any; a city account any insurer's business in its own city, and
 * the report says so (`region`).
 *
 * The submission is read from the platform database, where the submit mutation records it, so that it
 * shows at once; the warehouse receives it at the next ETL run.
 */
import type { DataSource } from 'typeorm';
import { PROVINCE_CODE, type Region as ReferenceRegion } from '../../domain/regions';
import { yearEnd, type Rulebook } from '../../domain/rulebook';
import { todayInShanghai } from '../../domain/today';
import { AnnualReportRow } from '../../platform/entities';
import { upsertRows } from '../../platform/store';
import { allEmployeeFigures, allEmployeeShort } from '../coverage/all-employee.sql';
import { claimsFigures } from '../claims/claims.sql';
import { claimsTimeliness, openClaimsJudgedOn, overdueOpenClaims } from '../claims/timeliness.sql';
import { deathLimitByInsurer } from '../death-limit/death-limit.sql';
import { insurerFacts } from '../entities/entities.sql';
import { readFeeRatios } from '../fees/fees.resolver';
import { InsurerFeeRatio } from '../fees/fees.type';
import { policiesBeforeFiling } from '../filings/filings.sql';
import { yearFilingOf } from '../filings/filings.resolver';
import { firstServiceByInsurer } from '../first-service/first-service.sql';
import { forbidden, notFound } from '../common/errors';
import { Insurer } from '../common/insurer';
import { decimalOfFen, fenOf, fenOfYuanPercent } from '../common/money';
import { ratio } from '../common/ratio';
import { regionOf, resolveRegion } from '../common/region';
import type { Viewer } from '../common/scope';
import { riskByCountyAndIndustry } from '../risk/risk.sql';
import { ruleOf } from '../rules/rule.type';
import { serviceComplianceByInsurer } from '../services/services.sql';
import { violationSources, type ViolationSource } from '../violations/violation-kinds';
import { ViolationRule, type Violation } from '../violations/violations.type';
import { SERVICE_KINDS } from '../../domain/vocabulary';
import type { DocumentContext } from '../documents/documents';
import { premiumByCityAndIndustry, servicesByKind, spendingByCategoryAndCity } from './annual-report.sql';
import {
  AnnualReport, AnnualReportSubmission, ReportAllEmployee, ReportClaims, ReportDeathLimit, ReportEmployeeShort, ReportFiling, ReportFirstService,
  ReportHazards, ReportOverdueClaim, ReportPolicyBeforeFiling, ReportPremiumLine, ReportServiceKind, ReportServices, ReportSpendingLine,
  SubmissionStatus,
} from './annual-report.type';

/** Rows a list of the page holds; the workbook holds every row. */
export const PAGE_LIST_LIMIT = 200;
export const WORKBOOK_LIST_LIMIT = 100_000;

/** The region whose business a viewer may see in an insurer's report; an insurer account only its own report. */
export function reportRegion(viewer: Viewer, insurerId: string): ReferenceRegion {
  if (viewer.role === 'insurer' && viewer.scope !== insurerId) {
    throw notFound(`No insurer with id ${JSON.stringify(insurerId)} that this account may see.`);
  }
  return resolveRegion(viewer.role === 'city' ? viewer.scope ?? '' : PROVINCE_CODE);
}

/** The deadline of the report on a year: the rule's month and day of the following year. */
function deadlineOf(rulebook: Rulebook, year: number) {
  const rule = rulebook.ruleInForce('annual_report_deadline', yearEnd(year));
  return { rule, deadline: rule ? `${year + 1}-${rule.value}` : null };
}

export function submissionOf(rulebook: Rulebook, insurerId: string, year: number, row: AnnualReportRow | null, today: string): AnnualReportSubmission {
  const { rule, deadline } = deadlineOf(rulebook, year);
  const submittedOn = row?.submittedOn ?? null;
  const status = submittedOn !== null
    ? deadline === null || submittedOn <= deadline ? SubmissionStatus.ON_TIME : SubmissionStatus.LATE
    : deadline !== null && today > deadline ? SubmissionStatus.MISSING : SubmissionStatus.NOT_DUE;
  return Object.assign(new AnnualReportSubmission(), {
    insurer: Object.assign(new Insurer(), { id: insurerId }),
    year,
    submittedOn,
    recordedAt: row ? new Date(Number(row.updatedAt)).toISOString() : null,
    deadline,
    status,
    rule: ruleOf(rule),
  });
}

/** Every insurer's submission on a year, from the platform database (what was submitted a moment ago included). */
export async function submissionsOf(platform: DataSource, rulebook: Rulebook, year: number, insurerIds: readonly string[]): Promise<AnnualReportSubmission[]> {
  const rows = await platform.getRepository(AnnualReportRow).find({ where: { year } });
  const byInsurer = new Map(rows.map((row) => [row.insurerId, row]));
  const today = todayInShanghai();
  return insurerIds.map((id) => submissionOf(rulebook, id, year, byInsurer.get(id) ?? null, today));
}

/**
 * Records the insurer's submission of its report on `year` today (Asia/Shanghai), through the
 * platform's store; submitting again moves the day, never adds a row. A year that has not begun cannot
 * be reported on (the import's rule `submitted_before_year`).
 */
export async function submitAnnualReport(platform: DataSource, rulebook: Rulebook, viewer: Viewer, year: number): Promise<AnnualReportSubmission> {
  if (viewer.role !== 'insurer' || viewer.scope === null) {
    throw forbidden('An annual report is submitted by its insurer: sign in with the insurer’s account.');
  }
  const today = todayInShanghai();
  if (today < `${year}-01-01`) throw forbidden(`The year ${year} has not begun; its report can be submitted from ${year}-01-01.`);
  await upsertRows(platform, AnnualReportRow, [{ insurerId: viewer.scope, year, submittedOn: today }]);
  const row = await platform.getRepository(AnnualReportRow).findOneBy({ insurerId: viewer.scope, year });
  return submissionOf(rulebook, viewer.scope, year, row, today);
}

const city = (code: string) => regionOf(resolveRegion(code));

async function readAll(source: ViolationSource | undefined, limit: number): Promise<{ total: number; items: Violation[] }> {
  if (!source) return { total: 0, items: [] };
  const total = await source.count();
  return { total, items: total === 0 ? [] : await source.slice(Math.min(total, limit), 0) };
}

export async function buildAnnualReport(context: DocumentContext, insurerId: string, year: number, listLimit = PAGE_LIST_LIMIT): Promise<AnnualReport> {
  const viewer = context.viewer;
  if (viewer === null) throw new Error('buildAnnualReport needs a viewer');
  const region = reportRegion(viewer, insurerId);
  const facts = await insurerFacts(context.warehouse, insurerId);
  if (!facts) throw notFound(`No insurer with id ${JSON.stringify(insurerId)} that this account may see.`);
  const reader = context.warehouse;
  const rulebook = context.rulebook;
  const today = todayInShanghai();
  const day = yearEnd(year);
  const query = { insurerId, year, region, today };
  // Open claims are judged on the year's last day once it has ended: the report on a closed year is the same whenever produced.
  const claimsJudgedOn = openClaimsJudgedOn(day, today);
  const coal = rulebook.ruleInForce('service_frequency_coal', day);
  const largeMedium = rulebook.ruleInForce('service_frequency_large_medium', day);
  const exempt = rulebook.ruleInForce('service_exempt_small_micro', day);
  const sources = new Map(violationSources(reader, {
    region, year, insurerId, uninsuredVisible: false, uninsuredOn: today, firstServiceOn: today, rulebook,
  }, new Set([ViolationRule.SERVICES_SHORT, ViolationRule.FIRST_SERVICE_LATE, ViolationRule.FIRST_SERVICE_MISSING,
    ViolationRule.DEATH_LIMIT_BELOW_FLOOR, ViolationRule.UNQUALIFIED_PROVIDER])).map((source) => [source.kind, source]));

  const [
    premiumLines, spendingLines, kinds, feeRatios, serviceRows, firstServiceRows, deathLimitRows, claimRows, timeliness, overdue,
    riskRows, allEmployee, employeeShort, items, short, late, missing, below, unqualified, submissionRow,
  ] = await Promise.all([
    premiumByCityAndIndustry(reader, query),
    spendingByCategoryAndCity(reader, query),
    servicesByKind(reader, query),
    readFeeRatios(context, { year, region, insurerId }),
    coal && largeMedium
      ? serviceComplianceByInsurer(reader, { year, region, insurerId, rules: { coal: Number(coal.value), largeMedium: Number(largeMedium.value) } })
      : Promise.resolve([]),
    firstServiceByInsurer(reader, { region, asOf: today, year, insurerId, rulebook }),
    deathLimitByInsurer(reader, { region, year, insurerId, rulebook }),
    claimsFigures(reader, { region, year, insurerId }, 'insurer'),
    claimsTimeliness(reader, { region, year, insurerId, judgedOn: claimsJudgedOn }),
    overdueOpenClaims(reader, { region, year, insurerId, judgedOn: claimsJudgedOn, limit: listLimit }),
    riskByCountyAndIndustry(reader, { region, year, insurerId }),
    allEmployeeFigures(reader, { region, year, insurerId }),
    allEmployeeShort(reader, { region, year, insurerId, limit: listLimit }),
    context.loaders.insurerFilingItems.load(insurerId),
    readAll(sources.get(ViolationRule.SERVICES_SHORT), listLimit),
    readAll(sources.get(ViolationRule.FIRST_SERVICE_LATE), listLimit),
    readAll(sources.get(ViolationRule.FIRST_SERVICE_MISSING), listLimit),
    readAll(sources.get(ViolationRule.DEATH_LIMIT_BELOW_FLOOR), listLimit),
    readAll(sources.get(ViolationRule.UNQUALIFIED_PROVIDER), listLimit),
    context.platform.getRepository(AnnualReportRow).findOneBy({ insurerId, year }),
  ]);

  const yearFiling = yearFilingOf(rulebook, year, items);
  const beforeFiling = await policiesBeforeFiling(reader, { insurerId, year, region, completeOn: yearFiling.completeOn, limit: listLimit });

  const premiumFen = fenOf(feeRatios[0]?.premiumReceived ?? '0');
  const spendingFen = spendingLines.reduce((sum, row) => sum + fenOf(row.amount), 0);
  const services = serviceRows.reduce((sum, row) => ({
    required: sum.required + row.required, compliant: sum.compliant + row.compliant, exempt: sum.exempt + row.exempt,
  }), { required: 0, compliant: 0, exempt: 0 });
  const firstService = firstServiceRows[0] ?? { on_time: 0, late: 0, missing: 0 };
  const deathLimit = deathLimitRows[0] ?? { judged: 0, compliant: 0 };
  const claims = claimRows[0];
  const claimsPaidFen = claims ? fenOfYuanPercent(claims.paid_fen_exact) : 0;
  const hazardsFound = riskRows.reduce((sum, row) => sum + Number(row.hazards_found), 0);
  const hazardsRectified = riskRows.reduce((sum, row) => sum + Number(row.hazards_rectified), 0);
  const kindCounts = new Map(kinds.map((row) => [row.kind, Number(row.services)]));
  const firstServiceListed = [...late.items, ...missing.items].sort((a, b) => a.day.localeCompare(b.day) || (a.policyId ?? '').localeCompare(b.policyId ?? ''));

  return Object.assign(new AnnualReport(), {
    insurer: Object.assign(new Insurer(), { id: insurerId, name: facts.name }),
    year,
    region: regionOf(region),
    listLimit,
    policiesWritten: premiumLines.reduce((sum, row) => sum + Number(row.policies), 0),
    // The exact sum rounded once, as the fee ratio has it (the lines are each rounded to the fen).
    premiumReceived: feeRatios[0]?.premiumReceived ?? '0.00',
    premiumByCityAndIndustry: premiumLines.map((row) => Object.assign(new ReportPremiumLine(), {
      city: city(row.city_code), industry: row.industry, policies: Number(row.policies),
      premiumReceived: decimalOfFen(fenOfYuanPercent(row.premium_fen_exact)),
    })),
    preventionSpending: decimalOfFen(spendingFen),
    spendingByCategoryAndCity: spendingLines.map((row) => Object.assign(new ReportSpendingLine(), {
      city: city(row.city_code), category: row.category, entries: Number(row.entries), amount: decimalOfFen(fenOf(row.amount)),
    })),
    feeRatio: feeRatios[0] ?? Object.assign(new InsurerFeeRatio(), {
      insurer: Object.assign(new Insurer(), { id: insurerId }), year, premiumReceived: '0.00', preventionSpending: '0.00', ratio: null,
      compliant: null, meetsFloor: null, withinCap: null,
      floorRule: ruleOf(rulebook.ruleInForce('fee_ratio_floor', day)), capRule: ruleOf(rulebook.ruleInForce('fee_ratio_cap', day)),
    }),
    services: Object.assign(new ReportServices(), {
      byKind: SERVICE_KINDS.map((kind) => Object.assign(new ReportServiceKind(), { kind, services: kindCounts.get(kind) ?? 0 })),
      ...services,
      rate: ratio(services.compliant, services.required),
      rules: [coal, largeMedium, exempt].filter((rule) => rule !== undefined).map((rule) => ruleOf(rule)),
      shortTotal: short.total,
      short: short.items,
    }),
    firstService: Object.assign(new ReportFirstService(), {
      evaluatedOn: today,
      onTime: Number(firstService.on_time), late: Number(firstService.late), missing: Number(firstService.missing),
      rate: ratio(Number(firstService.on_time), Number(firstService.on_time) + Number(firstService.late) + Number(firstService.missing)),
      listedTotal: late.total + missing.total,
      policies: firstServiceListed,
    }),
    deathLimit: Object.assign(new ReportDeathLimit(), {
      judged: Number(deathLimit.judged), compliant: Number(deathLimit.compliant),
      rate: ratio(Number(deathLimit.compliant), Number(deathLimit.judged)),
      belowTotal: below.total, below: below.items,
    }),
    allEmployee: Object.assign(new ReportAllEmployee(), {
      known: Number(allEmployee.known), short: Number(allEmployee.short), unknown: Number(allEmployee.unknown),
      rate: ratio(Number(allEmployee.known) - Number(allEmployee.short), Number(allEmployee.known)),
      enterprises: employeeShort.map((row) => Object.assign(new ReportEmployeeShort(), {
        enterpriseId: row.enterprise_id, enterpriseName: row.name === '' ? null : row.name, county: city(row.county_code),
        employees: Number(row.employees), insuredPersons: Number(row.insured_persons),
      })),
    }),
    claims: Object.assign(new ReportClaims(), {
      evaluatedOn: claimsJudgedOn,
      reported: Number(claims?.reported ?? 0), paid: Number(claims?.paid ?? 0), denied: Number(claims?.denied ?? 0),
      open: Number(claims?.open ?? 0), withdrawn: Number(claims?.withdrawn ?? 0),
      claimsPaid: decimalOfFen(claimsPaidFen),
      lossRatio: ratio(claimsPaidFen, premiumFen),
      denialRate: ratio(Number(claims?.denied ?? 0), Number(claims?.paid ?? 0) + Number(claims?.denied ?? 0)),
      decided: Number(timeliness.decided), timely: Number(timeliness.timely),
      timelyRate: ratio(Number(timeliness.timely), Number(timeliness.decided)),
      overdueOpen: Number(timeliness.overdue_open),
      overdue: overdue.map((row) => Object.assign(new ReportOverdueClaim(), {
        claimId: row.id, policyId: row.policy_id, enterpriseId: row.enterprise_id,
        enterpriseName: row.enterprise_name === '' ? null : row.enterprise_name, county: city(row.county_code),
        reportedOn: row.reported_on, daysOpen: Number(row.days_open), claimedAmount: decimalOfFen(fenOf(row.claimed_amount)),
      })),
    }),
    hazards: Object.assign(new ReportHazards(), { found: hazardsFound, rectified: hazardsRectified, rate: ratio(hazardsRectified, hazardsFound) }),
    unqualifiedTotal: unqualified.total,
    unqualifiedProviders: unqualified.items,
    filing: Object.assign(new ReportFiling(), {
      ...yearFiling,
      policiesBeforeCompleteTotal: beforeFiling.total,
      policiesBeforeComplete: beforeFiling.rows.map((row) => Object.assign(new ReportPolicyBeforeFiling(), {
        policyId: row.policy_id, enterpriseId: row.enterprise_id, county: city(row.county_code), startDate: row.start_date,
      })),
    }),
    submission: submissionOf(rulebook, insurerId, year, submissionRow, today),
  });
}
