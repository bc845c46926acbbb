/**
 * The rulebook as data: the documents thresholds come from, and every version of every threshold.
 * `loadRulebook` (rulebook.ts) checks it when the program starts; a mistake here stops it with the
 * rule's id and what is wrong.
 *
 * Adding next year's circular: add its document and one entry per threshold it changes; the version
 * it replaces, open-ended, ends the day before. Nothing else changes: the indicators,
 * the API, the dashboard and the demo data generator all read the rule in force on the day they judge.
 *
 * Titles and clauses are written in both languages: Chinese as the documents say it (quoted where the
 * clause is quoted), English as this project translates it.
 */

export interface BilingualEntry {
  zh: string;
  en: string;
}

export interface DocumentEntry {
  number: BilingualEntry;
  title: BilingualEntry;
  /** Shown in brackets after the title: the date, or when it took effect and what it replaced. */
  detail: BilingualEntry;
}

export interface RuleEntry {
  /** Unique per version: the kind, a slash, and what tells the version apart (the year). */
  id: string;
  kind: string;
  /** Exact value as text in the kind's own form: "300000.00", "15", "2024-05-31", "01-31", "true". */
  value: string;
  /** The kind's unit code (rulebook.ts `UNITS`), written out so that a value in the wrong unit is caught. */
  unit: string;
  validFrom: string;
  /**
   * Last day in force. Null: until the next version of the kind starts (the day before it), or for
   * good while there is none — so adding next year's version is enough to end this one.
   */
  validTo: string | null;
  /** Set on a version that does not follow on from the one before it: the days between had no such rule. */
  startsAfterGap?: true;
  /** A key of `documents`. */
  document: string;
  /** Said before the citation when the rule is not the document's own (a screening line of this system). */
  sourceNote?: BilingualEntry;
  title: BilingualEntry;
  clause: BilingualEntry;
}

export interface RulebookEntries {
  documents: Record<string, DocumentEntry>;
  rules: readonly RuleEntry[];
}

/**
 * The 2024 circular governs the insurance year 2024 (its title says so), so its rules are read from
 * 2024-01-01; nothing in the system judges days before that.
 */
const YEAR_2024 = '2024-01-01';
/**
 * Sources differ on whether the 2025 measures apply from the day they were signed or published; the
 * rulebook uses the day signed (docs/definitions.md, definition 10).
 */
const NATIONAL_2025_FROM = '2025-03-29';
const DAY_BEFORE_NATIONAL_2025 = '2025-03-28';

export const RULEBOOK_ENTRIES: RulebookEntries = {
  documents: {
    'shanxi-2024-114': {
      number: { zh: '晋应急发〔2024〕114号', en: 'Jin Yingji Fa [2024] No. 114' },
      title: {
        zh: '关于做好2024年度安全生产责任保险有关工作的通知',
        en: 'Notice on work-safety liability insurance for 2024',
      },
      detail: { zh: '2024-03-27', en: '2024-03-27' },
    },
    'national-2025-27': {
      number: { zh: '应急〔2025〕27号', en: 'Yingji [2025] No. 27' },
      title: { zh: '安全生产责任保险实施办法', en: 'Implementing Measures for Work-Safety Liability Insurance' },
      detail: {
        zh: '2025-03-29起施行，废止安监总办〔2017〕140号',
        en: 'in force 2025-03-29, replacing Anjian Zongban [2017] No. 140',
      },
    },
  },
  rules: [
    {
      id: 'death_limit_floor/2024', kind: 'death_limit_floor', value: '300000.00', unit: 'yuan_per_death',
      validFrom: YEAR_2024, validTo: DAY_BEFORE_NATIONAL_2025, document: 'shanxi-2024-114',
      title: { zh: '死亡赔偿限额下限', en: 'Death compensation limit per person, minimum' },
      clause: { zh: '一: 最低不得低于每死亡一人赔偿30万元', en: 'Part 1: no less than CNY 300,000 per death' },
    },
    {
      id: 'death_limit_floor/2025', kind: 'death_limit_floor', value: '400000.00', unit: 'yuan_per_death',
      validFrom: NATIONAL_2025_FROM, validTo: null, document: 'national-2025-27',
      title: { zh: '死亡赔偿限额下限', en: 'Death compensation limit per person, minimum' },
      clause: {
        zh: '第十五条: 每人死亡伤残责任限额全国下限提高至40万元',
        en: 'Art. 15: the national floor for death and disability is raised to CNY 400,000 per person',
      },
    },
    {
      id: 'fee_ratio_floor/2024', kind: 'fee_ratio_floor', value: '15', unit: 'percent_of_premium_received',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: { zh: '事故预防服务费用占实收保费比例下限', en: 'Prevention spending, minimum share of premium received' },
      clause: {
        zh: '二(三): 按照不低于实收保费15%的比例据实列支',
        en: 'Part 2 (3): booked as spent, at no less than 15% of premium received',
      },
    },
    {
      id: 'fee_ratio_cap/2025', kind: 'fee_ratio_cap', value: '21', unit: 'percent_of_premium_received',
      validFrom: NATIONAL_2025_FROM, validTo: null, document: 'national-2025-27',
      title: { zh: '事故预防服务费用占实收保费比例上限', en: 'Prevention spending, maximum share of premium received' },
      clause: { zh: '事故预防服务费用不高于实际收取保费的21%', en: 'Prevention spending capped at 21% of premium received' },
    },
    {
      id: 'service_frequency_coal/2024', kind: 'service_frequency_coal', value: '2', unit: 'services_of_each_kind_per_year',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: { zh: '煤矿事故预防服务频次', en: 'Coal mines: prevention services of each kind per year' },
      clause: {
        zh: '二(一): 每年至少为煤矿行业投保企业开展安全风险辨识评估和隐患排查服务各2次',
        en: 'Part 2 (1): each insured coal mine gets at least 2 risk assessments and 2 hazard investigations a year',
      },
    },
    {
      id: 'service_frequency_large_medium/2024', kind: 'service_frequency_large_medium', value: '1', unit: 'services_of_each_kind_per_year',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: {
        zh: '非煤高危行业大中型企业事故预防服务频次',
        en: 'Other high-risk industries, large and medium enterprises: prevention services of each kind per year',
      },
      clause: {
        zh: '二(一): 每年至少为非煤矿山、危险化学品、烟花爆竹、金属冶炼大中型投保企业开展各1次',
        en: 'Part 2 (1): insured large and medium non-coal mines, hazardous chemicals, fireworks and metal smelting enterprises get at least 1 of each a year',
      },
    },
    {
      id: 'service_exempt_small_micro/2024', kind: 'service_exempt_small_micro', value: '0', unit: 'services_of_each_kind_per_year',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: {
        zh: '小微企业集中统筹服务（不设固定频次）',
        en: 'Small and micro enterprises outside coal: no fixed frequency, served collectively',
      },
      clause: { zh: '二(一): 小微型企业采取集中统筹开展服务', en: 'Part 2 (1): small and micro enterprises are served collectively' },
    },
    {
      id: 'first_service_window/2024', kind: 'first_service_window', value: '3', unit: 'calendar_months',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: { zh: '保单生效后首次服务期限', en: 'First prevention service after the policy starts' },
      clause: {
        zh: '附件2 承诺函第七条: 保单生效后3个月内，至少开展1次事故预防服务',
        en: 'Annex 2, commitment letter, item 7: at least one prevention service within 3 months of the policy taking effect',
      },
    },
    {
      id: 'filing_deadline/2024', kind: 'filing_deadline', value: '2024-05-31', unit: 'date',
      validFrom: YEAR_2024, validTo: '2024-12-31', document: 'shanxi-2024-114',
      title: { zh: '承保机构资料报送截止日期', en: 'Insurer filing deadline' },
      clause: { zh: '一: 2024年资料报送截止时间为2024年5月31日', en: 'Part 1: filings for 2024 are due by 31 May 2024' },
    },
    {
      id: 'annual_report_deadline/2024', kind: 'annual_report_deadline', value: '01-31', unit: 'month_day_of_next_year',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: { zh: '年度报告报送期限', en: 'Annual report on prevention services and fee use, due' },
      clause: {
        zh: '三(一): 下一年度1月底前报送本年度事故预防服务、事故预防费使用和管理情况',
        en: "Part 3 (1): the year's prevention services and the use and management of prevention fees are reported by the end of January of the next year",
      },
    },
    {
      id: 'mandatory_insurance/2024', kind: 'mandatory_insurance', value: 'true', unit: 'insured_on_day_judged',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: { zh: '高危行业企业应保尽保', en: 'Operating high-risk enterprises must hold a policy' },
      clause: {
        zh: '三(一)(二): 确保高危行业企业安责险应保尽保; 对应保未保的高危行业企业要严格按照《安全生产法》规定予以处罚',
        en: 'Part 3 (1)(2): every high-risk enterprise is insured; one that must be insured and is not is penalised under the Work Safety Law',
      },
    },
    {
      id: 'provider_qualification/2024', kind: 'provider_qualification', value: 'true', unit: 'qualified_on_service_date',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      title: { zh: '第三方服务机构资质', en: 'A service provider must hold a valid qualification and not be blacklisted' },
      clause: {
        zh: '三(二): 委托不具备相应资质的第三方机构开展事故预防服务属违规行为',
        en: 'Part 3 (2): commissioning a third party without the required qualification to deliver prevention services is a violation',
      },
    },
    {
      id: 'low_price_screen/2024', kind: 'low_price_screen', value: '50', unit: 'percent_of_industry_median',
      validFrom: YEAR_2024, validTo: null, document: 'shanxi-2024-114',
      sourceNote: {
        zh: '本系统的筛查线，并非规定: 通知提及恶意低价承保而未给出数值',
        en: 'Screening threshold of this system, not a regulation: the notice names malicious low pricing without a number',
      },
      title: {
        zh: '恶意低价承保筛查线（占行业费率中位数的比例）',
        en: 'Screening line for possible malicious low pricing: share of the industry median premium rate',
      },
      clause: {
        zh: '三(二): 对涉嫌…恶意低价承保…的承保机构，要及时将有关情况通报',
        en: 'Part 3 (2): insurers suspected of ... malicious low pricing ... are to be reported promptly',
      },
    },
  ],
};
