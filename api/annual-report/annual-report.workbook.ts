/**
 * The annual report as a workbook (api/documents/workbook.ts): one sheet per section of the report,
 * Chinese headers, every verdict row with its rule and source. It holds every row of each list (the
 * page shows the first PAGE_LIST_LIMIT).
 */
import { ProviderDefect, type Violation } from '../violations/violations.type';
import { coverSheet, idArgument, type DocumentArguments, type DocumentContext, type DocumentKind, yearArgument } from '../documents/documents';
import {
  count, date, type DocumentCell, type DocumentSheet, money, type PlatformDocument, ratio, RULE_HEADERS, ruleCells, text, yesNo,
} from '../documents/workbook';
import { badUserInput } from '../common/errors';
import { OVERDUE_OPEN_DAYS, TIMELY_SETTLEMENT_DAYS } from '../claims/timeliness.sql';
import { buildAnnualReport, WORKBOOK_LIST_LIMIT } from './annual-report';
import type { AnnualReport } from './annual-report.type';

const INDUSTRY_ZH: Readonly<Record<string, string>> = {
  coal_mine: '煤矿', non_coal_mine: '非煤矿山', hazardous_chemicals: '危险化学品', fireworks: '烟花爆竹', metallurgy: '金属冶炼', other: '其他行业',
};
const SERVICE_KIND_ZH: Readonly<Record<string, string>> = {
  risk_assessment: '安全风险辨识、评估和安全评价', hazard_investigation: '生产安全事故隐患排查', training: '安全培训', drill: '应急演练', other: '其他',
};
const FILING_STATUS_ZH: Readonly<Record<string, string>> = { on_time: '按时', late: '逾期', incomplete: '不完整', no_deadline: '当年无截止日期' };
const SUBMISSION_STATUS_ZH: Readonly<Record<string, string>> = { on_time: '按时报送', late: '逾期报送', missing: '逾期未报', not_due: '未到期未报' };
export const FILING_ITEM_ZH: Readonly<Record<string, string>> = {
  hq_business_licence: '总公司营业执照', hq_insurance_permit: '总公司保险许可证',
  hq_audited_report: '上年度经审计的审计报告(含偿付能力报表)及财务报表', hq_risk_rating: '上年度风险综合评级',
  branch_business_licence: '分公司营业执照', branch_insurance_permit: '分公司保险许可证',
  branch_service_teams: '省级服务团队及事故预防风控服务团队设置情况', branch_offices: '市、县分支机构设置情况',
  filed_products: '经金融监管部门备案的安责险产品(条款、费率)', liability_record_3y: '近三年责任保险业绩',
  prevention_plan: '事故预防实施方案', commitment_letter: '承诺函',
};

function providerDefectZh(row: Violation): string | null {
  switch (row.facts.providerDefect) {
    case ProviderDefect.BLACKLISTED: return '列入黑名单';
    case ProviderDefect.NO_QUALIFICATION: return '无资质记录';
    case ProviderDefect.QUALIFICATION_EXPIRED: return `资质有效期至 ${row.facts.qualifiedUntil ?? ''}`;
    default: return null;
  }
}

const countyName = (violation: Violation): DocumentCell => text(violation.county?.name ?? null);

function sections(report: AnnualReport): DocumentSheet[] {
  const fee = report.feeRatio;
  const services = report.services;
  const claims = report.claims;
  return [
    {
      name: '承保与保费',
      title: `${report.year}年 承保保单数与实收保费（按共保份额分摊），分城市、行业`,
      headers: ['城市', '行业', '保单数', '实收保费（元）'],
      rows: [
        ...report.premiumByCityAndIndustry.map((line) => [text(line.city.name), text(INDUSTRY_ZH[line.industry] ?? line.industry), count(line.policies), money(line.premiumReceived)]),
        [text('合计'), text(null), count(report.policiesWritten), money(report.premiumReceived)],
      ],
      notes: ['实收保费 = Σ 起保日在本年度的保单实收保费 × 本机构共保份额；注销保单按其记录的实收保费（已扣退费）计。'],
    },
    {
      name: '预防费用',
      title: `${report.year}年 事故预防服务费用（台账），分类别、城市`,
      headers: ['城市', '费用类别', '台账笔数', '金额（元）'],
      rows: [
        ...report.spendingByCategoryAndCity.map((line) => [text(line.city.name), text(line.category), count(line.entries), money(line.amount)]),
        [text('合计'), text(null), count(report.spendingByCategoryAndCity.reduce((sum, line) => sum + line.entries, 0)), money(report.preventionSpending)],
      ],
    },
    {
      name: '预防费用占比',
      title: `${report.year}年 预防费用占实收保费比例，对照年末有效的下限与上限`,
      headers: ['指标', '实收保费（元）', '预防费用（元）', '占比', '是否符合', ...RULE_HEADERS],
      rows: [
        [text('不低于下限'), money(fee.premiumReceived), money(fee.preventionSpending), ratio(fee.ratio), yesNo(fee.meetsFloor), ...ruleCells(fee.floorRule)],
        [text('不高于上限'), money(fee.premiumReceived), money(fee.preventionSpending), ratio(fee.ratio), yesNo(fee.withinCap), ...ruleCells(fee.capRule)],
      ],
    },
    {
      name: '服务开展',
      title: `${report.year}年 事故预防服务按类别，及承保的高危企业服务频次达标情况`,
      headers: ['项目', '数量', '比例', ...RULE_HEADERS],
      rows: [
        ...services.byKind.map((kind) => [text(`服务次数：${SERVICE_KIND_ZH[kind.kind] ?? kind.kind}`), count(kind.services), ratio(null), text(null), text(null)]),
        [text('有频次要求的企业'), count(services.required), ratio(null), text(null), text(null)],
        ...services.rules.map((rule, index) => index === 0
          ? [text('达到要求的企业'), count(services.compliant), ratio(services.rate), ...ruleCells(rule)]
          : [text('　同上，另据'), count(null), ratio(null), ...ruleCells(rule)]),
        [text('小微企业（集中统筹，不设频次）'), count(services.exempt), ratio(null), text(null), text(null)],
        [text('未达要求的企业'), count(services.shortTotal), ratio(null), text('见“服务频次不足”'), text(null)],
      ],
    },
    {
      name: '服务频次不足',
      title: `${report.year}年 未达到服务频次要求的企业`,
      headers: ['区县', '企业', '企业编号', '风险辨识评估次数', '隐患排查次数', '每类要求次数', ...RULE_HEADERS],
      rows: services.short.map((row) => [
        countyName(row), text(row.enterpriseName), text(row.enterpriseId), count(row.facts.riskAssessments), count(row.facts.hazardInvestigations),
        count(row.facts.requiredEach), ...ruleCells(row.rule),
      ]),
    },
    {
      name: '首次服务超期',
      title: `${report.year}年起保保单 首次服务晚于三个月或尚无服务（判定日 ${report.firstService.evaluatedOn}）`,
      headers: ['区县', '企业', '保单编号', '起保日期', '期限截止', '首次服务日期', '情形', ...RULE_HEADERS],
      rows: report.firstService.policies.map((row) => [
        countyName(row), text(row.enterpriseName), text(row.policyId), date(row.facts.windowStart), date(row.facts.windowEnd),
        date(row.facts.firstService), text(row.facts.firstService === null ? '尚无服务' : '晚于期限'), ...ruleCells(row.rule),
      ]),
      notes: [`判定保单：按时 ${report.firstService.onTime}，晚于期限 ${report.firstService.late}，尚无服务 ${report.firstService.missing}。`],
    },
    {
      name: '死亡限额不足',
      title: `${report.year}年起保保单 每人死亡赔偿限额低于起保日有效下限`,
      headers: ['区县', '企业', '保单编号', '起保日期', '每人死亡限额（元）', '下限（元）', ...RULE_HEADERS],
      rows: report.deathLimit.below.map((row) => [
        countyName(row), text(row.enterpriseName), text(row.policyId), date(row.day), money(row.facts.deathLimit), money(row.facts.deathLimitFloor),
        ...ruleCells(row.rule),
      ]),
      notes: [`判定保单 ${report.deathLimit.judged}，符合 ${report.deathLimit.compliant}。`],
    },
    {
      name: '全员投保',
      title: `${report.year}年 全员投保：有效保单最大投保人数低于企业从业人数的企业`,
      headers: ['区县', '企业', '企业编号', '从业人数', '最大投保人数'],
      rows: report.allEmployee.enterprises.map((row) => [
        text(row.county.name), text(row.enterpriseName), text(row.enterpriseId), count(row.employees), count(row.insuredPersons),
      ]),
      notes: [
        `两项均有记录的企业 ${report.allEmployee.known}，其中不足 ${report.allEmployee.short}；缺少记录 ${report.allEmployee.unknown}。`,
        '依据：安全生产责任保险实施办法（应急〔2025〕27号）第十六条。',
      ],
    },
    {
      name: '理赔',
      title: `${report.year}年 理赔（金额按共保份额；判定日 ${claims.evaluatedOn}）`,
      headers: ['指标', '数值', '比例', '说明'],
      rows: [
        [text('报案件数'), count(claims.reported), ratio(null), text(null)],
        [text('赔付件数'), count(claims.paid), ratio(null), text(null)],
        [text('拒赔件数'), count(claims.denied), ratio(claims.denialRate), text('拒赔率 = 拒赔 / (赔付 + 拒赔)')],
        [text('未决件数'), count(claims.open), ratio(null), text(null)],
        [text('撤案件数'), count(claims.withdrawn), ratio(null), text(null)],
        [text('已赔付金额（元）'), money(claims.claimsPaid), ratio(claims.lossRatio), text('赔付率 = 已赔付 / 实收保费')],
        [text(`${TIMELY_SETTLEMENT_DAYS}日内结案`), count(claims.timely), ratio(claims.timelyRate),
          text(`自报案日起算（保险法第二十三条自资料齐全起算，数据未记录该日，此为近似）；已结案 ${claims.decided} 件`)],
        [text(`报案超过${OVERDUE_OPEN_DAYS}日未决`), count(claims.overdueOpen), ratio(null), text('保险法第二十五条：六十日内先予支付')],
      ],
    },
    {
      name: '超期未决案件',
      title: `至 ${claims.evaluatedOn} 报案超过 ${OVERDUE_OPEN_DAYS} 日仍未决的案件`,
      headers: ['区县', '企业', '案件编号', '保单编号', '报案日期', '未决天数', '索赔金额（元）'],
      rows: claims.overdue.map((row) => [
        text(row.county.name), text(row.enterpriseName), text(row.claimId), text(row.policyId), date(row.reportedOn), count(row.daysOpen), money(row.claimedAmount),
      ]),
    },
    {
      name: '隐患整改',
      title: `${report.year}年 本机构服务发现与整改的隐患`,
      headers: ['发现隐患', '已整改', '整改率'],
      rows: [[count(report.hazards.found), count(report.hazards.rectified), ratio(report.hazards.rate)]],
      notes: ['隐患整改率 = Σ 已整改 / Σ 发现（AQ 9010-2019 第6条：隐患书面告知并跟踪整改）。'],
    },
    {
      name: '第三方机构',
      title: `${report.year}年 委托不具备资质或被列入黑名单的第三方机构开展的服务`,
      headers: ['区县', '企业', '服务编号', '服务日期', '机构', '情形', ...RULE_HEADERS],
      rows: report.unqualifiedProviders.map((row) => [
        countyName(row), text(row.enterpriseName), text(row.serviceId), date(row.day), text(row.facts.providerName),
        text(providerDefectZh(row)),
        ...ruleCells(row.rule),
      ]),
    },
    {
      name: '资料报送',
      title: `${report.year}年 资料报送（附件1）：${FILING_STATUS_ZH[report.filing.status]}`,
      headers: ['资料项', '收到日期', '状态', ...RULE_HEADERS],
      rows: [
        ...report.filing.received.map((entry) => [text(FILING_ITEM_ZH[entry.item] ?? entry.item), date(entry.receivedOn), text('已收到'), ...ruleCells(report.filing.rule)]),
        ...report.filing.missing.map((item) => [text(FILING_ITEM_ZH[item] ?? item), date(null), text('缺少'), ...ruleCells(report.filing.rule)]),
      ],
      notes: [
        report.filing.completeOn === null ? '资料尚不完整。' : `资料齐全日期：${report.filing.completeOn}。`,
        `资料齐全前起保的保单：${report.filing.policiesBeforeCompleteTotal} 件（见“报送前承保”）。`,
      ],
    },
    {
      name: '报送前承保',
      title: `${report.year}年 资料报送齐全前起保、本机构承保的保单`,
      headers: ['区县', '保单编号', '企业编号', '起保日期'],
      rows: report.filing.policiesBeforeComplete.map((row) => [text(row.county.name), text(row.policyId), text(row.enterpriseId), date(row.startDate)]),
    },
  ];
}

export function annualReportDocument(context: DocumentContext, report: AnnualReport): PlatformDocument {
  const submission = report.submission;
  const cover = coverSheet(context, `${report.insurer.name} ${report.year}年度 事故预防服务及预防费用使用情况报告（年度报告）`, [
    ['承保机构', text(`${report.insurer.name}（${report.insurer.id}）`)],
    ['报告年度', count(report.year)],
    ['范围', text(report.region.level === 'province' ? '山西省全省业务' : `${report.region.name}的业务（市级账户仅见本市）`)],
    ['报送状态', text(SUBMISSION_STATUS_ZH[submission.status])],
    ['报送日期', date(submission.submittedOn)],
    ['报送截止日期', date(submission.deadline)],
    ['报送依据', text(submission.rule ? `${submission.rule.zh.source}；${submission.rule.zh.clause}` : '未设规则')],
  ]);
  return { sheets: [cover, ...sections(report)] };
}

export const ANNUAL_REPORT_DOCUMENT: DocumentKind = {
  title: 'annual report',
  fileName: (args: DocumentArguments) => `annual-report-${args.get('insurer') ?? ''}-${args.get('year') ?? ''}.xlsx`,
  async build(context, args) {
    const insurer = idArgument(args, 'insurer') ?? (context.viewer?.role === 'insurer' ? context.viewer.scope : null);
    if (insurer === null) throw badUserInput('insurer is required: the id of the insurer whose annual report to produce');
    const year = yearArgument(args);
    return annualReportDocument(context, await buildAnnualReport(context, insurer, year, WORKBOOK_LIST_LIMIT));
  },
};
