/**
 * Two languages, Chinese by default. A flat dictionary is all the dashboard needs: every label is a
 * key here, and a missing English entry fails the type check rather than showing a key on screen.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Language = 'zh' | 'en';

const zh = {
  appTitle: '山西省安全生产责任保险监测',
  signIn: '登录',
  signOut: '退出',
  username: '用户名',
  password: '密码',
  signingIn: '正在登录…',
  signInFailed: '登录失败：{message}',
  language: 'English',
  navRegion: '地区',
  navInsurers: '保险机构',
  loading: '加载中…',
  empty: '暂无数据',
  error: '加载失败：{message}',
  retry: '重试',
  forbidden: '无权查看该地区：{message}',
  notFound: '页面不存在',
  backHome: '返回首页',
  asOf: '统计日',
  year: '年度',
  industries: '行业',
  apply: '应用',
  coverageRate: '投保率',
  mandatory: '应投保企业',
  insured: '已投保企业',
  uninsured: '应保未保企业',
  premiumReceived: '实收保费',
  preventionSpending: '预防服务费用',
  feeRatio: '预防费用占比',
  serviceCompliance: '服务频次达标率',
  dataFreshness: '数据更新',
  lastEtlRun: '最近一次抽取',
  mapTitle: '下级地区投保率',
  mapHint: '点击或按 Enter 下钻',
  mapNoData: '无应投保企业',
  gapTitle: '应保未保企业数（按缺口排序）',
  gapBar: '未投保',
  industryTitle: '分行业投保率',
  uninsuredTitle: '应保未保企业名单',
  enterprise: '企业',
  uscc: '统一社会信用代码',
  industry: '行业',
  county: '区县',
  lapsed: '脱保',
  neverInsured: '从未投保',
  uninsuredKind: '类型',
  lastPolicyEnd: '最近保单止期',
  exportCsv: '导出 CSV',
  exportExcel: '导出 Excel',
  previousPage: '上一页',
  nextPage: '下一页',
  pageOf: '第 {page} / {pages} 页，共 {total} 条',
  insurersTitle: '保险机构对比',
  insurer: '保险机构',
  compliant: '达标',
  notCompliant: '未达标',
  undefinedRatio: '无实收保费',
  floorLine: '下限 15%',
  capLine: '上限 21%',
  feeChartTitle: '预防费用占比（下限 15%，上限 21%）',
  source: '依据',
  region: '地区',
  scorecardTitle: '本机构履约情况',
  exemptServices: '小微企业（集中统筹，豁免）',
  province: '山西省',
  COAL_MINE: '煤矿',
  NON_COAL_MINE: '非煤矿山',
  HAZARDOUS_CHEMICALS: '危险化学品',
  FIREWORKS: '烟花爆竹',
  METALLURGY: '金属冶炼',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'Shanxi Work-Safety Liability Insurance Monitor',
  signIn: 'Sign in',
  signOut: 'Sign out',
  username: 'Username',
  password: 'Password',
  signingIn: 'Signing in…',
  signInFailed: 'Sign-in failed: {message}',
  language: '中文',
  navRegion: 'Regions',
  navInsurers: 'Insurers',
  loading: 'Loading…',
  empty: 'No data',
  error: 'Could not load: {message}',
  retry: 'Retry',
  forbidden: 'Not allowed to view this region: {message}',
  notFound: 'Page not found',
  backHome: 'Back to start',
  asOf: 'As of',
  year: 'Year',
  industries: 'Industries',
  apply: 'Apply',
  coverageRate: 'Coverage rate',
  mandatory: 'Must be insured',
  insured: 'Insured',
  uninsured: 'Uninsured',
  premiumReceived: 'Premium received',
  preventionSpending: 'Prevention spending',
  feeRatio: 'Prevention fee ratio',
  serviceCompliance: 'Service compliance',
  dataFreshness: 'Data freshness',
  lastEtlRun: 'Last ETL run',
  mapTitle: 'Coverage of sub-regions',
  mapHint: 'Click or press Enter to drill down',
  mapNoData: 'No mandatory enterprises',
  gapTitle: 'Uninsured enterprises (largest gap first)',
  gapBar: 'Uninsured',
  industryTitle: 'Coverage by industry',
  uninsuredTitle: 'Mandatory enterprises without insurance',
  enterprise: 'Enterprise',
  uscc: 'Unified social credit code',
  industry: 'Industry',
  county: 'County',
  lapsed: 'Lapsed',
  neverInsured: 'Never insured',
  uninsuredKind: 'Kind',
  lastPolicyEnd: 'Last policy end',
  exportCsv: 'Export CSV',
  exportExcel: 'Export Excel',
  previousPage: 'Previous',
  nextPage: 'Next',
  pageOf: 'Page {page} of {pages}, {total} rows',
  insurersTitle: 'Insurers compared',
  insurer: 'Insurer',
  compliant: 'Compliant',
  notCompliant: 'Not compliant',
  undefinedRatio: 'No premium received',
  floorLine: 'Floor 15%',
  capLine: 'Cap 21%',
  feeChartTitle: 'Prevention fee ratio (floor 15%, cap 21%)',
  source: 'Source',
  region: 'Region',
  scorecardTitle: 'Our scorecard',
  exemptServices: 'Small and micro (served collectively, exempt)',
  province: 'Shanxi',
  COAL_MINE: 'Coal mines',
  NON_COAL_MINE: 'Non-coal mines',
  HAZARDOUS_CHEMICALS: 'Hazardous chemicals',
  FIREWORKS: 'Fireworks',
  METALLURGY: 'Metal smelting',
};

const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

export function translate(language: Language, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'dashboard.language';

function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => initial ?? storedLanguage());
  const value = useMemo<I18n>(() => ({
    language,
    setLanguage(next) {
      localStorage.setItem(STORAGE_KEY, next);
      document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      setLanguageState(next);
    },
    t: (key, vars) => translate(language, key, vars),
  }), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}
