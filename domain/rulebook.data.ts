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
  /** The periodic evaluation's scoring (定期评估), each version with its days in force; the platform's own. */
  scorecards?: readonly ScorecardEntry[];
}

/**
 * How an indicator's value (a percentage) becomes the share of its weight it earns:
 * - `linear`: 0 at `zero`, the whole weight at `full`, in a straight line between and clamped outside
 *   (`zero` above `full` when lower is better);
 * - `floor_cap`: 0 at `zero`, the whole weight from the floor rule in force on the judging day, and 0
 *   above the cap rule when one is in force;
 * - `pass_fail`: the whole weight when the value reaches `pass`, nothing below it.
 */
export type ScoringEntry =
  | { kind: 'linear'; zero: string; full: string }
  | { kind: 'floor_cap'; zero: string; floorRule: string; capRule: string }
  | { kind: 'pass_fail'; pass: string };

export interface ScorecardIndicatorEntry {
  /** One of rulebook.ts `INDICATOR_CODES`: the figure the API measures. */
  code: string;
  /** Points out of the card's 100 while every indicator applies. */
  weight: number;
  scoring: ScoringEntry;
  /** Rule kinds the value is judged against (their versions in force show beside it). */
  rules: readonly string[];
  title: BilingualEntry;
  /** What the value is: numerator over denominator. */
  measure: BilingualEntry;
  /** Where the rule behind it comes from, or why the platform measures it. */
  basis: BilingualEntry;
  /** Shown instead of a score when the platform holds no data for the indicator at all. */
  noData?: BilingualEntry;
}

export interface DeductionEntry {
  /** One of rulebook.ts `DEDUCTION_CODES`. */
  code: string;
  /** Points taken off per occurrence, and at most in all. */
  pointsEach: number;
  cap: number;
  rules: readonly string[];
  /** A follow-up proposed whenever this deduction is taken, whatever the total (a practice 三(二) names). */
  followUp?: string;
  title: BilingualEntry;
  basis: BilingualEntry;
}

export interface GradeEntry {
  /** excellent, good, pass, fail. */
  code: string;
  /** Lowest total (rounded to 0.01) of the grade. */
  min: number;
  title: BilingualEntry;
}

/** A follow-up the circular names (三(二)), proposed for a total below `below`; the lowest line that applies wins. */
export interface FollowUpEntry {
  /** interview 约谈, rectification 限期整改, public_notice 公开通报. */
  measure: string;
  below: number;
  title: BilingualEntry;
}

export interface ScorecardEntry {
  id: string;
  validFrom: string;
  validTo: string | null;
  /** "scoring of this platform, not a regulation", shown beside every score. */
  label: BilingualEntry;
  indicators: readonly ScorecardIndicatorEntry[];
  deductions: readonly DeductionEntry[];
  grades: readonly GradeEntry[];
  followUps: readonly FollowUpEntry[];
  /** The circular's words for the follow-ups, quoted where a follow-up is proposed. */
  followUpSource: BilingualEntry;
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
  scorecards: [
    {
      id: 'scorecard/2024',
      validFrom: YEAR_2024,
      validTo: null,
      label: { zh: '本平台自定评分，非法规规定', en: 'Scoring of this platform, not a regulation' },
      indicators: [
        {
          code: 'fee_ratio', weight: 20, scoring: { kind: 'floor_cap', zero: '0', floorRule: 'fee_ratio_floor', capRule: 'fee_ratio_cap' },
          rules: ['fee_ratio_floor', 'fee_ratio_cap'],
          title: { zh: '事故预防费用占比', en: 'Prevention fee ratio' },
          measure: { zh: '台账预防费用 / 实收保费（按共保份额）', en: 'ledger prevention spending / premium received (by co-insurance share)' },
          basis: { zh: '晋应急发〔2024〕114号 二(三); 应急〔2025〕27号', en: 'Jin Yingji Fa [2024] No. 114, Part 2 (3); Yingji [2025] No. 27' },
        },
        {
          code: 'ledger_linked', weight: 5, scoring: { kind: 'linear', zero: '0', full: '100' }, rules: [],
          title: { zh: '台账关联服务', en: 'Ledger entries linked to a service' },
          measure: { zh: '注明服务编号的台账条目 / 台账条目', en: 'ledger entries naming a service / ledger entries' },
          basis: { zh: '晋应急发〔2024〕114号 二(三): 建立事故预防费用台账', en: 'Jin Yingji Fa [2024] No. 114, Part 2 (3): a ledger of prevention spending' },
        },
        {
          code: 'service_frequency', weight: 15, scoring: { kind: 'linear', zero: '50', full: '100' },
          rules: ['service_frequency_coal', 'service_frequency_large_medium'],
          title: { zh: '服务频次达标率', en: 'Service frequency compliance' },
          measure: { zh: '达到频次要求的企业 / 有频次要求的企业（按年判定）', en: 'enterprises meeting their yearly requirement / enterprises with one (judged per year)' },
          basis: { zh: '晋应急发〔2024〕114号 二(一)', en: 'Jin Yingji Fa [2024] No. 114, Part 2 (1)' },
        },
        {
          code: 'first_service', weight: 10, scoring: { kind: 'linear', zero: '50', full: '100' }, rules: ['first_service_window'],
          title: { zh: '首次服务及时率', en: 'First service within the window' },
          measure: { zh: '窗口期内完成首次服务的保单 / 窗口期在本期结束的保单', en: 'policies served within their window / policies whose window ends in the period' },
          basis: { zh: '附件2 承诺函第七条', en: 'Annex 2, commitment letter, item 7' },
        },
        {
          code: 'small_micro_reach', weight: 5, scoring: { kind: 'linear', zero: '0', full: '100' }, rules: ['service_exempt_small_micro'],
          title: { zh: '小微企业服务覆盖率', en: 'Service reach of small and micro enterprises' },
          measure: { zh: '本期获得服务的集中统筹小微企业 / 承保的集中统筹小微企业', en: 'collectively served small and micro enterprises served in the period / those insured' },
          basis: { zh: '晋应急发〔2024〕114号 二(一): 小微型企业采取集中统筹开展服务', en: 'Jin Yingji Fa [2024] No. 114, Part 2 (1): small and micro enterprises are served collectively' },
        },
        {
          code: 'hazard_rectification', weight: 10, scoring: { kind: 'linear', zero: '50', full: '100' }, rules: [],
          title: { zh: '隐患整改率', en: 'Hazard rectification' },
          measure: { zh: 'Σ已整改隐患 / Σ排查发现隐患', en: 'Σ hazards rectified / Σ hazards found' },
          basis: { zh: 'AQ 9010-2019 §6', en: 'AQ 9010-2019 §6' },
        },
        {
          // Linear from 90%: every policy below the floor breaks the rule, yet a pass/fail at 100% would let one
          // short policy among thousands take the whole weight, and no longer tell one breach from hundreds.
          code: 'death_limit', weight: 8, scoring: { kind: 'linear', zero: '90', full: '100' }, rules: ['death_limit_floor'],
          title: { zh: '死亡赔偿限额达标', en: 'Death compensation limit at the floor' },
          measure: { zh: '限额不低于下限的保单 / 本期起保的保单', en: 'policies at or above the floor / policies starting in the period' },
          basis: { zh: '晋应急发〔2024〕114号 一; 应急〔2025〕27号 第十五条', en: 'Jin Yingji Fa [2024] No. 114, Part 1; Yingji [2025] No. 27, art. 15' },
        },
        {
          code: 'all_employee', weight: 4, scoring: { kind: 'linear', zero: '50', full: '100' }, rules: [],
          title: { zh: '全员投保', en: 'All-employee coverage' },
          measure: { zh: '投保人数不少于职工人数的企业 / 两项均已知的企业', en: 'enterprises insuring all employees / enterprises with both figures known' },
          basis: { zh: '应急〔2025〕27号 第十六条', en: 'Yingji [2025] No. 27, art. 16' },
        },
        {
          code: 'cancellations', weight: 3, scoring: { kind: 'linear', zero: '10', full: '0' }, rules: [],
          title: { zh: '退保率', en: 'Cancellations' },
          measure: { zh: '已退保的保单 / 本期起保的保单', en: 'cancelled policies / policies starting in the period' },
          basis: { zh: '应急〔2025〕27号 第十六条: 生产经营期间不得退保', en: 'Yingji [2025] No. 27, art. 16: no cancellation while the enterprise operates' },
        },
        {
          code: 'timely_settlement', weight: 7, scoring: { kind: 'linear', zero: '50', full: '100' }, rules: [],
          title: { zh: '理赔及时率（代理指标）', en: 'Timely settlement (a proxy)' },
          measure: { zh: '报案后30日内结案的已决赔案 / 本期已决赔案', en: 'decided claims settled within 30 days of the report / claims decided in the period' },
          basis: {
            zh: '保险法第二十三条（自资料齐全起算，数据不含该日期，以报案日代替）',
            en: 'Insurance Law, art. 23 (counted from complete documents, which the data lacks: the report day stands in)',
          },
        },
        {
          code: 'denial_rate', weight: 4, scoring: { kind: 'linear', zero: '50', full: '10' }, rules: [],
          title: { zh: '拒赔率', en: 'Denial rate' },
          measure: { zh: '拒赔案件 / 已决赔案（赔付+拒赔）', en: 'denied claims / decided claims (paid + denied)' },
          basis: { zh: '本平台的监测指标', en: 'A monitoring figure of this platform' },
        },
        {
          code: 'overdue_open_claims', weight: 4, scoring: { kind: 'linear', zero: '50', full: '0' }, rules: [],
          title: { zh: '超期未决赔案', en: 'Overdue open claims' },
          measure: { zh: '期末报案超过60日仍未决的赔案 / 期末未决赔案', en: 'claims open more than 60 days after the report at the period end / claims open then' },
          basis: { zh: '保险法第二十五条（先予支付）', en: 'Insurance Law, art. 25 (advance payment)' },
        },
        {
          code: 'accepted_rows', weight: 5, scoring: { kind: 'linear', zero: '90', full: '100' }, rules: [],
          title: { zh: '报送数据通过率', en: 'Accepted share of submitted rows' },
          measure: { zh: '本期网页报送中通过校验的数据行 / 报送的数据行（全省范围）', en: 'rows stored / rows submitted by the insurer\'s uploads in the period (province-wide)' },
          basis: { zh: '晋应急发〔2024〕114号 三(四): 承保机构向平台报送数据', en: 'Jin Yingji Fa [2024] No. 114, Part 3 (4): insurers submit their data to the platform' },
        },
      ],
      deductions: [
        {
          code: 'unqualified_provider', pointsEach: 2, cap: 10, rules: ['provider_qualification'], followUp: 'interview',
          title: { zh: '委托不具备资质的第三方机构', en: 'Services by unqualified providers' },
          basis: { zh: '晋应急发〔2024〕114号 三(二)', en: 'Jin Yingji Fa [2024] No. 114, Part 3 (2)' },
        },
        {
          code: 'policy_before_filing', pointsEach: 2, cap: 10, rules: ['filing_deadline'],
          title: { zh: '资料报送完成前承保', en: 'Policies written before the filing was complete' },
          basis: { zh: '晋应急发〔2024〕114号 一', en: 'Jin Yingji Fa [2024] No. 114, Part 1' },
        },
        {
          code: 'annual_report_late', pointsEach: 5, cap: 5, rules: ['annual_report_deadline'],
          title: { zh: '年度报告逾期报送', en: 'Annual report submitted late' },
          basis: { zh: '晋应急发〔2024〕114号 三(一)', en: 'Jin Yingji Fa [2024] No. 114, Part 3 (1)' },
        },
        {
          code: 'annual_report_missing', pointsEach: 10, cap: 10, rules: ['annual_report_deadline'],
          title: { zh: '年度报告逾期未报', en: 'Annual report missing after the deadline' },
          basis: { zh: '晋应急发〔2024〕114号 三(一)', en: 'Jin Yingji Fa [2024] No. 114, Part 3 (1)' },
        },
      ],
      grades: [
        { code: 'excellent', min: 90, title: { zh: '优秀', en: 'Excellent' } },
        { code: 'good', min: 80, title: { zh: '良好', en: 'Good' } },
        { code: 'pass', min: 60, title: { zh: '合格', en: 'Pass' } },
        { code: 'fail', min: 0, title: { zh: '不合格', en: 'Fail' } },
      ],
      followUps: [
        { measure: 'public_notice', below: 40, title: { zh: '公开通报', en: 'Public notice' } },
        { measure: 'rectification', below: 60, title: { zh: '限期整改', en: 'Rectification within a time limit' } },
        { measure: 'interview', below: 70, title: { zh: '约谈', en: 'Interview' } },
      ],
      followUpSource: {
        zh: '晋应急发〔2024〕114号 三(二): 视严重程度和危害程度，采取约谈、限期整改、公开通报等措施',
        en: 'Jin Yingji Fa [2024] No. 114, Part 3 (2): by severity and harm, interviews, rectification within a time limit, public notice',
      },
    },
  ],
};
