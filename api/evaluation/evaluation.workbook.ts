/**
 * The periodic evaluation as a workbook (api/documents/workbook.ts): the cover, the ranking, every
 * insurer's scorecard line by line, the deductions, the follow-ups and the scoring itself, one sheet
 * each, Chinese headers, numbers as numbers. The same `evaluate` answers the GraphQL query, so the page,
 * the download and `npm run report -- --evaluation` hold the same figures.
 */
import { todayInShanghai } from '../../domain/today';
import { badUserInput } from '../common/errors';
import { forbidInsurers, regionInScope } from '../common/scope';
import { viewerOf } from '../common/context';
import { coverSheet, idArgument, type DocumentArguments, type DocumentContext, type DocumentKind, yearArgument } from '../documents/documents';
import { count, date, type DocumentCell, type DocumentSheet, money, type PlatformDocument, ratio, RULE_HEADERS, ruleCells, text } from '../documents/workbook';
import { evaluate } from './evaluation';
import type { Evaluation, IndicatorPrior, Scorecard } from './evaluation.type';

/** A score or weight: a number with two places (the workbook's two-place decimal cell). */
const points = (value: number | null | undefined): DocumentCell => money(value === null || value === undefined ? null : value.toFixed(2));
/** A percentage value as the share it is (13.95 → 0.1395), shown as a percentage. */
const percent = (value: number | null | undefined): DocumentCell => ratio(value === null || value === undefined ? null : value / 100);

const NOT_APPLICABLE_ZH: Readonly<Record<string, string>> = { EMPTY: '不适用（分母为空）', NO_DATA: '不适用（平台无数据）', YEAR_ONLY: '不适用（按年度判定）' };

function titleOf(card: Scorecard, code: string): string {
  return card.indicators.find((indicator) => indicator.code === code)?.title.zh
    ?? card.deductions.find((deduction) => deduction.code === code)?.title.zh
    ?? code;
}

function priorCells(prior: IndicatorPrior | null): DocumentCell[] {
  return [percent(prior?.value), points(prior?.score), points(prior?.scoreChange)];
}

function sheets(evaluation: Evaluation): DocumentSheet[] {
  const card = evaluation.scorecard;
  const quarter = evaluation.previousPeriod !== null;
  const label = card.label.zh;
  const change = (total: number, earlier: number | null) => points(earlier === null ? null : Math.round((total - earlier) * 100) / 100);
  const ranking: DocumentSheet = {
    name: '排名',
    title: `${evaluation.period.label} 承保机构评估排名（${label}）`,
    headers: [
      '排名', '承保机构', '机构编号', '总分', '指标得分', '扣分', '等级',
      `同比 ${evaluation.yearAgoPeriod.label} 总分`, '同比变化',
      ...(quarter ? [`环比 ${evaluation.previousPeriod!.label} 总分`, '环比变化'] : []),
    ],
    rows: evaluation.insurers.map((row) => [
      count(row.rank), text(row.insurer.name), text(row.insurer.id), points(row.total), points(row.base), points(row.deductionPoints),
      text(row.gradeTitle.zh), points(row.yearAgoTotal), change(row.total, row.yearAgoTotal),
      ...(quarter ? [points(row.previousTotal), change(row.total, row.previousTotal)] : []),
    ]),
    notes: [`${label}。总分 = Σ 指标得分 − 扣分，不低于0，保留两位小数；等级按保留两位小数后的总分判定。`],
  };
  const detail: DocumentSheet = {
    name: '评分明细',
    title: `${evaluation.period.label} 各承保机构评分明细（${label}）`,
    headers: [
      '承保机构', '指标', '分子', '分母', '指标值', '权重', '调整后权重', '得分', '适用情况',
      '同比指标值', '同比得分', '同比得分变化', ...(quarter ? ['环比指标值', '环比得分', '环比得分变化'] : []),
      '计算口径', ...RULE_HEADERS,
    ],
    rows: evaluation.insurers.flatMap((row) => row.indicators.map((line) => {
      const indicator = card.indicators.find((candidate) => candidate.code === line.code)!;
      const rule = indicator.rules[0];
      return [
        text(row.insurer.name), text(indicator.title.zh), count(line.numerator), count(line.denominator), percent(line.value),
        count(line.weight), points(line.effectiveWeight), points(line.score), text(line.notApplicable ? NOT_APPLICABLE_ZH[line.notApplicable] : '适用'),
        ...priorCells(line.yearAgo), ...(quarter ? priorCells(line.previous) : []),
        text(indicator.measure.zh),
        ...(rule ? ruleCells(rule) : [text(indicator.basis.zh), text(null)]),
      ];
    })),
    notes: ['保费、预防费用的分子分母以分计；不适用的指标不计分，其权重按比例分配给其余适用指标。'],
  };
  const deductions: DocumentSheet = {
    name: '扣分',
    title: `${evaluation.period.label} 扣分项`,
    headers: ['承保机构', '扣分项', '次数', '扣分', '每次扣分', '上限', ...RULE_HEADERS],
    rows: evaluation.insurers.flatMap((row) => row.deductions.filter((deduction) => deduction.count > 0).map((deduction) => {
      const entry = card.deductions.find((candidate) => candidate.code === deduction.code)!;
      return [
        text(row.insurer.name), text(entry.title.zh), count(deduction.count), points(deduction.points), points(entry.pointsEach), points(entry.cap),
        ...(entry.rules[0] ? ruleCells(entry.rules[0]) : [text(entry.basis.zh), text(null)]),
      ];
    })),
  };
  const followUps: DocumentSheet = {
    name: '跟进建议',
    title: `${evaluation.period.label} 建议跟进措施（${card.followUpSource.zh}）`,
    headers: ['承保机构', '范围', '本期起保保单', '总分', '等级', '建议措施', '得分不足一半的指标', '扣分项', '涉及规则', '来源'],
    rows: evaluation.followUps.map((row) => [
      text(row.insurer.name), text(row.city ? row.city.name : evaluation.region.name), count(row.policies), points(row.total),
      text(card.grades.find((grade) => grade.code === row.grade)?.title.zh ?? row.grade), text(row.measureTitle.zh),
      text(row.indicators.map((code) => titleOf(card, code)).join('、') || null),
      text(row.deductions.map((code) => titleOf(card, code)).join('、') || null),
      text(row.rules.map((rule) => `${rule.zh.title}（${rule.id}）`).join('；') || null),
      text(row.source.zh),
    ]),
    notes: evaluation.smallCityPairs === null ? [] : [
      `${card.cityFollowUp.title.zh}。本期业务量不足、未单独判定的承保机构—市组合：${evaluation.smallCityPairs}个。`,
    ],
  };
  const scoring: DocumentSheet = {
    name: '评分方法',
    title: `评分方法：${label}（${card.id}）`,
    headers: ['指标', '权重', '计分公式', '计算口径', '依据'],
    rows: card.indicators.map((indicator) => [
      text(indicator.title.zh), count(indicator.weight), text(indicator.formula.words.zh), text(indicator.measure.zh), text(indicator.basis.zh),
    ]),
    notes: [
      ...card.deductions.map((deduction) => `扣分：${deduction.title.zh}，每次${deduction.pointsEach}分，最多${deduction.cap}分（${deduction.basis.zh}）`),
      `等级：${card.grades.map((grade) => `${grade.title.zh} ≥ ${grade.min}`).join('，')}`,
      `跟进：${card.followUpLines.map((line) => `总分低于${line.below}：${line.title.zh}`).join('；')}（${card.followUpSource.zh}）`,
      `分市跟进：${card.cityFollowUp.title.zh}`,
    ],
  };
  return [ranking, detail, deductions, followUps, scoring];
}

export function evaluationDocument(context: DocumentContext, evaluation: Evaluation): PlatformDocument {
  const cover = coverSheet(context, `${evaluation.period.label} 安全生产责任保险承保机构定期评估`, [
    ['评估期间', text(`${evaluation.period.from} 至 ${evaluation.period.to}`)],
    ['对比期间', text([evaluation.previousPeriod ? `环比 ${evaluation.previousPeriod.label}` : null, `同比 ${evaluation.yearAgoPeriod.label}`].filter(Boolean).join('，'))],
    ['范围', text(evaluation.scopeNote?.zh ?? '山西省全省业务')],
    ['评分说明', text(evaluation.scorecard.label.zh)],
    ['评估日', date(evaluation.period.to)],
  ]);
  return { sheets: [cover, ...sheets(evaluation)] };
}

function quarterArgument(args: DocumentArguments): number | null {
  const value = args.get('quarter');
  if (value === undefined || value === '') return null;
  if (!/^[1-4]$/.test(value)) throw badUserInput(`quarter must be 1, 2, 3 or 4, got ${JSON.stringify(value)}`);
  return Number(value);
}

export const EVALUATION_DOCUMENT: DocumentKind = {
  title: 'periodic evaluation',
  fileName: (args: DocumentArguments) =>
    `evaluation-${args.get('year') ?? ''}${args.get('quarter') ? `Q${args.get('quarter')}` : ''}${args.get('region') ? `-${args.get('region')}` : ''}.xlsx`,
  async build(context, args) {
    const viewer = viewerOf(context as Parameters<typeof viewerOf>[0]);
    forbidInsurers(viewer, 'The evaluation across insurers');
    const region = regionInScope(viewer, idArgument(args, 'region'));
    const evaluation = await evaluate(context.warehouse, context.platform, context.rulebook, {
      region, year: yearArgument(args), quarter: quarterArgument(args), asOf: todayInShanghai(),
    }, context.loaders.insurerName);
    return evaluationDocument(context, evaluation);
  },
};
