/**
 * The shape of the demo dataset: who the insurers are, where each industry sits in Shanxi, how big
 * its enterprises are, what they pay. Figures are plausible orders of magnitude for the demo, not
 * statistics; the geography follows the province's economy (coal in the north, south-east and west,
 * chemicals around 太原, 长治 and 运城, smelting along the Fen river, fireworks in 运城 and 临汾).
 */
import type { EnterpriseSize, Industry, RiskLevel, ServiceKind } from '../../domain/vocabulary';

/** Enterprises per industry at `shanxi` scale: about 6,000, of which about 4,500 high-risk. */
export const SHANXI_ENTERPRISES: Record<Industry, number> = {
  coal_mine: 900,
  non_coal_mine: 1250,
  hazardous_chemicals: 1700,
  fireworks: 140,
  metallurgy: 460,
  other: 1550,
};

/**
 * Relative weight of each city per industry, by city code:
 * 太原 140100, 大同 140200, 阳泉 140300, 长治 140400, 晋城 140500, 朔州 140600, 晋中 140700,
 * 运城 140800, 忻州 140900, 临汾 141000, 吕梁 141100.
 */
export const CITY_WEIGHTS: Record<Industry, Record<string, number>> = {
  coal_mine: {
    140100: 4, 140200: 15, 140300: 6, 140400: 15, 140500: 14, 140600: 13, 140700: 9, 140800: 0, 140900: 7, 141000: 8, 141100: 12,
  },
  non_coal_mine: {
    140100: 7, 140200: 10, 140300: 6, 140400: 9, 140500: 8, 140600: 8, 140700: 10, 140800: 10, 140900: 12, 141000: 10, 141100: 10,
  },
  hazardous_chemicals: {
    140100: 22, 140200: 7, 140300: 5, 140400: 15, 140500: 9, 140600: 4, 140700: 9, 140800: 14, 140900: 4, 141000: 7, 141100: 6,
  },
  fireworks: {
    140100: 1, 140200: 2, 140300: 1, 140400: 5, 140500: 1, 140600: 1, 140700: 6, 140800: 45, 140900: 3, 141000: 35, 141100: 3,
  },
  metallurgy: {
    140100: 10, 140200: 3, 140300: 4, 140400: 14, 140500: 6, 140600: 1, 140700: 9, 140800: 17, 140900: 4, 141000: 18, 141100: 14,
  },
  other: {
    140100: 20, 140200: 9, 140300: 4, 140400: 10, 140500: 6, 140600: 5, 140700: 10, 140800: 13, 140900: 8, 141000: 10, 141100: 9,
  },
};

/** City-centre districts: no coal mines, few other mines, more chemicals depots and other trades. */
export const URBAN_CORE_COUNTIES: ReadonlySet<string> = new Set([
  '140105', '140106', '140107', '140109', '140110', '140213', '140302', '140403', '140502', '140702', '140802', '140902', '141002',
]);

export interface IndustryProfile {
  sizes: ReadonlyArray<readonly [EnterpriseSize, number]>;
  riskLevels: ReadonlyArray<readonly [RiskLevel, number]>;
  /** Weights of standardization grades 1, 2, 3 and none. */
  grades: readonly [number, number, number, number];
  /** Share of enterprises suspended and closed. */
  suspended: number;
  closed: number;
  /** Premium per insured person per year, CNY. */
  premiumPerPerson: readonly [number, number];
  /** Chance that a policy year has a claim. */
  claimChance: number;
  /** Share of deaths among accident victims, roughly. */
  deathChance: number;
  nameSuffixes: readonly string[];
}

export const INDUSTRY_PROFILES: Record<Industry, IndustryProfile> = {
  coal_mine: {
    sizes: [['large', 45], ['medium', 40], ['small', 15]],
    riskLevels: [['major', 10], ['high', 35], ['general', 45], ['low', 10]],
    grades: [15, 60, 15, 10],
    suspended: 0.07, closed: 0.03,
    premiumPerPerson: [300, 650],
    claimChance: 0.12, deathChance: 0.35,
    nameSuffixes: ['煤业有限公司', '煤业有限公司', '煤业有限公司', '煤矿有限责任公司', '矿业有限公司', '煤业股份有限公司'],
  },
  non_coal_mine: {
    sizes: [['large', 5], ['medium', 20], ['small', 45], ['micro', 30]],
    riskLevels: [['major', 5], ['high', 25], ['general', 45], ['low', 25]],
    grades: [3, 20, 45, 32],
    suspended: 0.06, closed: 0.04,
    premiumPerPerson: [150, 350],
    claimChance: 0.06, deathChance: 0.25,
    nameSuffixes: ['矿业有限公司', '铁矿有限公司', '石料有限公司', '铝土矿有限公司', '石膏矿业有限公司', '建材矿业有限公司'],
  },
  hazardous_chemicals: {
    sizes: [['large', 10], ['medium', 25], ['small', 40], ['micro', 25]],
    riskLevels: [['major', 8], ['high', 30], ['general', 42], ['low', 20]],
    grades: [5, 25, 40, 30],
    suspended: 0.04, closed: 0.03,
    premiumPerPerson: [150, 380],
    claimChance: 0.05, deathChance: 0.2,
    nameSuffixes: ['化工有限公司', '化学有限公司', '燃气有限公司', '石油化工有限公司', '气体有限公司', '焦化有限公司'],
  },
  fireworks: {
    sizes: [['small', 40], ['micro', 60]],
    riskLevels: [['major', 5], ['high', 20], ['general', 50], ['low', 25]],
    grades: [0, 5, 55, 40],
    suspended: 0.08, closed: 0.05,
    premiumPerPerson: [120, 300],
    claimChance: 0.05, deathChance: 0.3,
    nameSuffixes: ['烟花爆竹有限公司', '花炮厂', '烟花爆竹批发有限公司', '烟花爆竹经营部'],
  },
  metallurgy: {
    sizes: [['large', 20], ['medium', 35], ['small', 35], ['micro', 10]],
    riskLevels: [['major', 6], ['high', 30], ['general', 44], ['low', 20]],
    grades: [6, 30, 40, 24],
    suspended: 0.05, closed: 0.03,
    premiumPerPerson: [120, 300],
    claimChance: 0.06, deathChance: 0.2,
    nameSuffixes: ['钢铁有限公司', '铝业有限公司', '冶金有限公司', '铸业有限公司', '镁业有限公司', '特钢有限公司'],
  },
  other: {
    sizes: [['large', 5], ['medium', 15], ['small', 40], ['micro', 40]],
    riskLevels: [['major', 1], ['high', 8], ['general', 41], ['low', 50]],
    grades: [2, 10, 25, 63],
    suspended: 0.04, closed: 0.03,
    premiumPerPerson: [40, 120],
    claimChance: 0.02, deathChance: 0.1,
    nameSuffixes: ['建筑工程有限公司', '物流有限公司', '食品有限公司', '机械制造有限公司', '建材有限公司', '电力工程有限公司'],
  },
};

/** Employees by size: [min, max]; coal mines employ more at every size. */
export function employeeRange(industry: Industry, size: EnterpriseSize): readonly [number, number] {
  const coal = industry === 'coal_mine';
  switch (size) {
    case 'large': return coal ? [800, 3200] : [300, 2500];
    case 'medium': return coal ? [300, 800] : [100, 300];
    case 'small': return coal ? [120, 300] : [20, 100];
    case 'micro': return [3, 19];
  }
}

/** The two characters of an enterprise's trade name (字号) are drawn from these. */
export const TRADE_NAME_FIRST = '鑫华恒宏永金晋兴瑞泰隆德盛昌福丰源安通达龙凯汇正东新长嘉荣润';
export const TRADE_NAME_SECOND = '源泰丰达盛昌隆鑫发顺利通宇辉峰鼎阳晟和祥旺昊诚信业兴远康茂海';

export interface InsurerSpec {
  id: string;
  name: string;
  /** Prefix of the insurer's policy numbers. */
  policyPrefix: string;
  /** Relative market share in Shanxi's 安责险. */
  marketWeight: number;
}

/** Real company names used as fictional demo insurers; their figures are invented. */
export const INSURERS: readonly InsurerSpec[] = [
  { id: 'picc', name: '中国人民财产保险股份有限公司山西省分公司', policyPrefix: 'PZAH', marketWeight: 24 },
  { id: 'pingan', name: '中国平安财产保险股份有限公司山西分公司', policyPrefix: 'PAAZ', marketWeight: 15 },
  { id: 'cpic', name: '中国太平洋财产保险股份有限公司山西分公司', policyPrefix: 'ATAI', marketWeight: 12 },
  { id: 'chinalife', name: '中国人寿财产保险股份有限公司山西省分公司', policyPrefix: 'GSCX', marketWeight: 10 },
  { id: 'ccic', name: '中国大地财产保险股份有限公司山西分公司', policyPrefix: 'DDAZ', marketWeight: 6 },
  { id: 'sinosig', name: '阳光财产保险股份有限公司山西省分公司', policyPrefix: 'YGAZ', marketWeight: 5 },
  { id: 'cic', name: '中华联合财产保险股份有限公司山西分公司', policyPrefix: 'ZHLH', marketWeight: 5 },
  { id: 'huatai', name: '华泰财产保险有限公司山西分公司', policyPrefix: 'HTCX', marketWeight: 3 },
  { id: 'taiping', name: '太平财产保险有限公司山西分公司', policyPrefix: 'TPCX', marketWeight: 3 },
  { id: 'yaic', name: '永安财产保险股份有限公司山西分公司', policyPrefix: 'YAAZ', marketWeight: 3 },
  { id: 'tianan', name: '天安财产保险股份有限公司山西省分公司', policyPrefix: 'TAAZ', marketWeight: 2 },
  { id: 'yingda', name: '英大泰和财产保险股份有限公司山西分公司', policyPrefix: 'YDTH', marketWeight: 2.5 },
  { id: 'zking', name: '紫金财产保险股份有限公司山西分公司', policyPrefix: 'ZJCX', marketWeight: 1.5 },
  { id: 'dinghe', name: '鼎和财产保险股份有限公司山西分公司', policyPrefix: 'DHAZ', marketWeight: 2 },
  { id: 'huaan', name: '华安财产保险股份有限公司山西分公司', policyPrefix: 'HAAZ', marketWeight: 1.5 },
  { id: 'bohai', name: '渤海财产保险股份有限公司山西分公司', policyPrefix: 'BHAZ', marketWeight: 1 },
  { id: 'chengtai', name: '诚泰财产保险股份有限公司山西分公司', policyPrefix: 'CTAZ', marketWeight: 1 },
  { id: 'anchengins', name: '安诚财产保险股份有限公司山西分公司', policyPrefix: 'ACAZ', marketWeight: 1 },
  { id: 'bocins', name: '中银保险有限公司山西分公司', policyPrefix: 'ZYAZ', marketWeight: 1 },
  { id: 'dajia', name: '大家财产保险有限责任公司山西分公司', policyPrefix: 'DJAZ', marketWeight: 0.8 },
];

/**
 * How an insurer runs its 安责险 business, which is what the periodic evaluation (定期评估) tells apart:
 * a few diligent insurers, most ordinary, a few careless. Each insurer is given one (planInsurers);
 * the rows it writes, serves and settles draw on its profile, so that the indicators spread across
 * insurers the way they do between companies, not between random rows. Chances are per row.
 */
export interface InsurerConduct {
  tier: 'diligent' | 'ordinary' | 'careless';
  /** A policy insures every employee (全员投保, art. 16 of the 2025 measures); otherwise 80–98% of them. */
  fullCover: number;
  /** A newly insured enterprise is written below the death-limit floor in force. */
  limitBelowFloor: number;
  /** At a renewal under a higher floor, a limit between the old and the new floor is raised to it. */
  limitRaised: number;
  /** The enterprise meets its yearly service frequencies. */
  servicesMet: number;
  /** First service (承诺函第七条): weights of within the window, later, never. */
  firstService: readonly [prompt: number, late: number, none: number];
  /** The hazards a service finds are all rectified (the rest: 60–100% of them). */
  hazardsAllRectified: number;
  /** A service by the insurer's own team is booked to the ledger with its service id. */
  ownServiceBooked: number;
  /** Checks a third-party provider's qualification and the blacklist on the service day (三(二)). */
  checksProviders: boolean;
  /** A decided claim is settled within 30 days of the report (the rest: 31–90 days). */
  settledWithin30Days: number;
  /** Claim outcomes: paid, denied, withdrawn. */
  outcomes: readonly [paid: number, denied: number, withdrawn: number];
  /** A claim is disputed and decided only 6 to 18 months after the report. */
  disputed: number;
}

export const INSURER_CONDUCT: Record<InsurerConduct['tier'], InsurerConduct> = {
  diligent: {
    tier: 'diligent', fullCover: 0.97, limitBelowFloor: 0.002, limitRaised: 0.97, servicesMet: 0.95, firstService: [96, 3, 1],
    hazardsAllRectified: 0.85, ownServiceBooked: 0.6, checksProviders: true, settledWithin30Days: 0.93, outcomes: [82, 9, 9], disputed: 0.01,
  },
  ordinary: {
    tier: 'ordinary', fullCover: 0.9, limitBelowFloor: 0.015, limitRaised: 0.85, servicesMet: 0.85, firstService: [89, 8, 3],
    hazardsAllRectified: 0.65, ownServiceBooked: 0.3, checksProviders: true, settledWithin30Days: 0.8, outcomes: [76, 14, 10], disputed: 0.02,
  },
  careless: {
    tier: 'careless', fullCover: 0.5, limitBelowFloor: 0.06, limitRaised: 0.5, servicesMet: 0.6, firstService: [72, 18, 10],
    hazardsAllRectified: 0.35, ownServiceBooked: 0.1, checksProviders: false, settledWithin30Days: 0.4, outcomes: [62, 28, 10], disputed: 0.12,
  },
};

/** How many insurers are diligent and careless; the others are ordinary. */
export const DILIGENT_INSURERS = 5;
export const CARELESS_INSURERS = 3;

/**
 * Each insurer's prevention spending as a share of premium received, before a small yearly jitter:
 * a few below the circular's 15% floor, most between, a few above the 21% cap of 应急〔2025〕27号.
 */
export const FEE_RATIO_TARGETS: readonly number[] = [
  0.105, 0.125, 0.135, 0.162, 0.166, 0.17, 0.174, 0.178, 0.182, 0.186,
  0.19, 0.194, 0.198, 0.2, 0.165, 0.175, 0.185, 0.228, 0.245, 0.27,
];

export const SERVICE_LEDGER_CATEGORY: Record<ServiceKind, string> = {
  risk_assessment: '风险评估',
  hazard_investigation: '隐患排查',
  training: '安全培训',
  drill: '应急演练',
  other: '其他预防服务',
};

/** Ledger lines not tied to one service. */
export const GENERAL_LEDGER_CATEGORIES: readonly string[] = ['风险评估', '隐患排查', '安全培训', '应急演练', '信息化建设', '宣传教育'];

/** Base cost of one service, CNY, before size and industry factors. */
export const SERVICE_BASE_COST: Record<ServiceKind, number> = {
  risk_assessment: 8000,
  hazard_investigation: 5000,
  training: 2000,
  drill: 4000,
  other: 1500,
};

export const PROVIDER_NAME_PATTERNS: readonly string[] = [
  '山西{t}安全技术服务有限公司', '山西{t}安全评价有限公司', '{c}{t}安全科技有限公司', '山西{t}应急管理咨询有限公司',
  '山西{t}检测检验有限公司', '{c}{t}安全生产技术服务中心',
];

export const DENIAL_REASONS: readonly string[] = [
  '事故发生在保险期间之外',
  '投保时未如实告知生产经营情况',
  '损失属于保险合同约定的责任免除范围（职业病）',
  '受害人员不在投保人员名单内',
  '事故系第三者故意行为所致',
];

/** 死亡赔偿限额 choices per person, CNY, with weights. */
export const DEATH_LIMITS_COAL: ReadonlyArray<readonly [number, number]> = [
  [300_000, 12], [400_000, 15], [500_000, 20], [600_000, 15], [800_000, 18], [1_000_000, 20],
];
export const DEATH_LIMITS_OTHER: ReadonlyArray<readonly [number, number]> = [
  [300_000, 38], [350_000, 6], [400_000, 18], [500_000, 22], [600_000, 9], [800_000, 4], [1_000_000, 3],
];
/** How far below the floor in force the few limits short of it are, CNY: 200,000 and 250,000 under a 300,000 floor. */
export const DEATH_LIMITS_SHORT_OF_FLOOR: readonly number[] = [100_000, 50_000];
/** Limits are written in steps of this many CNY: one raised to meet a new floor goes to the floor or a step above. */
export const DEATH_LIMIT_STEP = 100_000;

/** Co-insurance share patterns (共保), in hundredths of a percent, lead insurer first. */
export const SHARE_PATTERNS: ReadonlyArray<readonly number[]> = [
  [5000, 5000], [6000, 4000], [7000, 3000], [5000, 3000, 2000], [4000, 3000, 3000], [3334, 3333, 3333],
];
