/**
 * The rulebook: every threshold the indicators judge against, each version with its value, the days
 * it is in force and the document it comes from. Adding next year's circular means adding entries
 * here (and closing the `validTo` of the version it replaces), not changing an indicator.
 *
 * Indicators ask for the rule in force on the day they judge (`ruleInForce`) and report its id and
 * source beside their verdict. Values reach SQL as bound parameters.
 */

export const RULE_KINDS = [
  'death_limit_floor',
  'fee_ratio_floor',
  'fee_ratio_cap',
  'service_frequency_coal',
  'service_frequency_large_medium',
  'service_exempt_small_micro',
  'first_service_window',
  'filing_deadline',
  'annual_report_deadline',
  'mandatory_insurance',
  'provider_qualification',
  'low_price_screen',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface Rule {
  /** Unique per version, e.g. `fee_ratio_cap/2025`. */
  id: string;
  kind: RuleKind;
  title: string;
  /** Exact value as text: "300000.00", "15", "2024-05-31". */
  value: string;
  unit: string;
  validFrom: string;
  /** Last day in force; null while no later document replaces it. */
  validTo: string | null;
  source: string;
  clause: string;
}

const SHANXI_2024 = '晋应急发〔2024〕114号 关于做好2024年度安全生产责任保险有关工作的通知 (2024-03-27)';
const NATIONAL_2025 = '应急〔2025〕27号 安全生产责任保险实施办法 (in force 2025-03-29, replacing 安监总办〔2017〕140号)';
/**
 * The 2024 circular governs the insurance year 2024 (its title says so), so its rules are read from
 * 2024-01-01; nothing in the system judges days before that.
 */
const YEAR_2024 = '2024-01-01';
const NATIONAL_2025_FROM = '2025-03-29';
const DAY_BEFORE_NATIONAL_2025 = '2025-03-28';

export const RULEBOOK: readonly Rule[] = [
  {
    id: 'death_limit_floor/2024', kind: 'death_limit_floor', title: '死亡赔偿限额下限 (per person death compensation limit, minimum)',
    value: '300000.00', unit: 'CNY per death', validFrom: YEAR_2024, validTo: DAY_BEFORE_NATIONAL_2025,
    source: SHANXI_2024, clause: '一: 最低不得低于每死亡一人赔偿30万元',
  },
  {
    id: 'death_limit_floor/2025', kind: 'death_limit_floor', title: '死亡赔偿限额下限 (per person death compensation limit, minimum)',
    value: '400000.00', unit: 'CNY per death', validFrom: NATIONAL_2025_FROM, validTo: null,
    source: NATIONAL_2025, clause: 'national floor raised to 40万元 per death',
  },
  {
    id: 'fee_ratio_floor/2024', kind: 'fee_ratio_floor', title: '事故预防服务费用占实收保费比例下限 (prevention spending, minimum share of premium received)',
    value: '15', unit: 'percent', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '二(三): 按照不低于实收保费15%的比例据实列支',
  },
  {
    id: 'fee_ratio_cap/2025', kind: 'fee_ratio_cap', title: '事故预防服务费用占实收保费比例上限 (prevention spending, maximum share of premium received)',
    value: '21', unit: 'percent', validFrom: NATIONAL_2025_FROM, validTo: null,
    source: NATIONAL_2025, clause: 'prevention spending capped at 21% of premium received',
  },
  {
    id: 'service_frequency_coal/2024', kind: 'service_frequency_coal', title: '煤矿事故预防服务频次 (coal mines: services of each kind per year)',
    value: '2', unit: 'services of each kind per year', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '二(一): 每年至少为煤矿行业投保企业开展安全风险辨识评估和隐患排查服务各2次',
  },
  {
    id: 'service_frequency_large_medium/2024', kind: 'service_frequency_large_medium',
    title: '非煤高危行业大中型企业事故预防服务频次 (other high-risk industries, large and medium enterprises: services of each kind per year)',
    value: '1', unit: 'services of each kind per year', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '二(一): 每年至少为非煤矿山、危险化学品、烟花爆竹、金属冶炼大中型投保企业开展各1次',
  },
  {
    id: 'service_exempt_small_micro/2024', kind: 'service_exempt_small_micro',
    title: '小微企业集中统筹服务 (small and micro enterprises outside coal: no fixed frequency, served collectively)',
    value: '0', unit: 'services of each kind per year', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '二(一): 小微型企业采取集中统筹开展服务',
  },
  {
    id: 'first_service_window/2024', kind: 'first_service_window', title: '保单生效后首次服务期限 (first prevention service after the policy starts)',
    value: '3', unit: 'calendar months', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '附件2 承诺函第七条: 保单生效后3个月内，至少开展1次事故预防服务',
  },
  {
    id: 'filing_deadline/2024', kind: 'filing_deadline', title: '承保机构资料报送截止日期 (insurer filing deadline)',
    value: '2024-05-31', unit: 'date', validFrom: YEAR_2024, validTo: '2024-12-31',
    source: SHANXI_2024, clause: '一: 2024年资料报送截止时间为2024年5月31日',
  },
  {
    id: 'annual_report_deadline/2024', kind: 'annual_report_deadline', title: '年度报告报送期限 (annual report on prevention services and fee use)',
    value: '01-31', unit: 'month-day of the following year', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '三(一): 下一年度1月底前报送本年度事故预防服务、事故预防费使用和管理情况',
  },
  {
    id: 'mandatory_insurance/2024', kind: 'mandatory_insurance', title: '高危行业企业应保尽保 (operating high-risk enterprises must hold a policy)',
    value: 'true', unit: 'insured on the day judged', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '三(一)(二): 确保高危行业企业安责险应保尽保; 对应保未保的高危行业企业要严格按照《安全生产法》规定予以处罚',
  },
  {
    id: 'provider_qualification/2024', kind: 'provider_qualification',
    title: '第三方服务机构资质 (a service provider must hold a valid qualification and not be blacklisted)',
    value: 'true', unit: 'qualified on the service date', validFrom: YEAR_2024, validTo: null,
    source: SHANXI_2024, clause: '三(二): 委托不具备相应资质的第三方机构开展事故预防服务 is a violation',
  },
  {
    id: 'low_price_screen/2024', kind: 'low_price_screen',
    title: '恶意低价承保筛查线 (screening line for possible malicious low pricing: share of the industry median premium rate)',
    value: '50', unit: 'percent of the industry median', validFrom: YEAR_2024, validTo: null,
    source: 'Screening threshold of this system, not a regulation: ' + SHANXI_2024 + ' names 恶意低价承保 without a number',
    clause: '三(二): 对涉嫌…恶意低价承保…的承保机构，要及时将有关情况通报',
  },
];

/** The version of a rule in force on `day` (YYYY-MM-DD), or undefined when none was. */
export function ruleInForce(kind: RuleKind, day: string): Rule | undefined {
  return RULEBOOK.find((rule) => rule.kind === kind && rule.validFrom <= day && (rule.validTo === null || day <= rule.validTo));
}

export function rulesInForce(day: string): Rule[] {
  return RULEBOOK.filter((rule) => rule.validFrom <= day && (rule.validTo === null || day <= rule.validTo));
}

/**
 * A year's figures (fee ratio, service frequency) are judged when the year closes, against the rules
 * in force on its last day: the 21% cap in force from 2025-03-29 applies to the year 2025.
 */
export function yearEnd(year: number): string {
  return `${year}-12-31`;
}
