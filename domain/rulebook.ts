/**
 * The rulebook: every threshold the indicators judge against, each version with its value, the days
 * it is in force, the document it comes from, and its words in Chinese and English. The versions are
 * data (rulebook.data.ts); `loadRulebook` checks them and answers "which version was in force on
 * this day". Adding next year's circular is an entry there, not a change to an indicator.
 *
 * Indicators ask for the rule in force on the day they judge (`ruleInForce`) and report its id and
 * source beside their verdict. Values reach SQL as bound parameters. A rulebook is passed to whoever
 * judges (the API's context, the demo data generator), so a test can judge against a rulebook with
 * next year's circular added without changing the one the program runs with.
 */
import {
  RULEBOOK_ENTRIES, type BilingualEntry, type RulebookEntries, type RuleEntry, type ScorecardEntry, type ScoringEntry,
} from './rulebook.data';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The forms a value takes, each checked when the rulebook is loaded. */
type ValueForm = 'yuan' | 'percent' | 'count' | 'months' | 'date' | 'month_day' | 'flag';

/** Units in both languages, keyed by the code the entries name. */
export const UNITS = {
  yuan_per_death: { zh: '元/每死亡一人', en: 'CNY per death' },
  percent_of_premium_received: { zh: '%（占实收保费）', en: '% of premium received' },
  services_of_each_kind_per_year: { zh: '次/每类/每年', en: 'services of each kind per year' },
  calendar_months: { zh: '个自然月', en: 'calendar months' },
  date: { zh: '日期', en: 'date' },
  month_day_of_next_year: { zh: '次年月-日', en: 'month-day of the following year' },
  insured_on_day_judged: { zh: '判定日在保', en: 'insured on the day judged' },
  qualified_on_service_date: { zh: '服务日具备资质', en: 'qualified on the service date' },
  percent_of_industry_median: { zh: '%（占行业费率中位数）', en: '% of the industry median' },
} as const;
export type UnitCode = keyof typeof UNITS;

/** Every kind of threshold, with the form of its value and its unit. */
const KINDS = {
  death_limit_floor: { form: 'yuan', unit: 'yuan_per_death' },
  fee_ratio_floor: { form: 'percent', unit: 'percent_of_premium_received' },
  fee_ratio_cap: { form: 'percent', unit: 'percent_of_premium_received' },
  service_frequency_coal: { form: 'count', unit: 'services_of_each_kind_per_year' },
  service_frequency_large_medium: { form: 'count', unit: 'services_of_each_kind_per_year' },
  service_exempt_small_micro: { form: 'count', unit: 'services_of_each_kind_per_year' },
  first_service_window: { form: 'months', unit: 'calendar_months' },
  filing_deadline: { form: 'date', unit: 'date' },
  annual_report_deadline: { form: 'month_day', unit: 'month_day_of_next_year' },
  mandatory_insurance: { form: 'flag', unit: 'insured_on_day_judged' },
  provider_qualification: { form: 'flag', unit: 'qualified_on_service_date' },
  low_price_screen: { form: 'percent', unit: 'percent_of_industry_median' },
} as const satisfies Record<string, { form: ValueForm; unit: UnitCode }>;

export type RuleKind = keyof typeof KINDS;
export const RULE_KINDS = Object.keys(KINDS) as RuleKind[];

/** A rule's words in one language. */
export interface RuleWording {
  title: string;
  unit: string;
  /** The document's number alone, "晋应急发〔2024〕114号": what a screen shows beside a verdict. */
  document: string;
  /** The full citation: number, title, date, and a note when the rule is not the document's own. */
  source: string;
  /** Where in the document, and what it says. */
  clause: string;
}

export interface Rule {
  /** Unique per version, e.g. `fee_ratio_cap/2025`. */
  id: string;
  kind: RuleKind;
  /** Exact value as text: "300000.00", "15", "2024-05-31". */
  value: string;
  unit: UnitCode;
  validFrom: string;
  /** Last day in force; null while no later document replaces it. */
  validTo: string | null;
  zh: RuleWording;
  en: RuleWording;
}

/** Everything wrong with a rulebook, one problem a line, each naming the rule (or document) it is about. */
export class RulebookError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The rulebook is not valid:\n${problems.join('\n')}`);
    this.name = 'RulebookError';
  }
}

/** Han characters and the CJK punctuation and full-width forms that come with them: 〔〕，（） */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;

function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const VALUE_CHECKS: Record<ValueForm, { test(value: string): boolean; expected: string }> = {
  yuan: { test: (value) => /^\d+\.\d{2}$/.test(value) && Number(value) > 0, expected: 'an amount of CNY with 2 decimals, above 0 ("300000.00")' },
  percent: { test: (value) => /^\d+(\.\d+)?$/.test(value) && Number(value) > 0 && Number(value) <= 100, expected: 'a percentage above 0 and at most 100 ("15")' },
  count: { test: (value) => /^(0|[1-9]\d*)$/.test(value), expected: 'a whole number of services ("2")' },
  months: { test: (value) => /^[1-9]\d*$/.test(value), expected: 'a whole number of months above 0 ("3")' },
  date: { test: isDay, expected: 'a day as YYYY-MM-DD' },
  month_day: { test: (value) => /^\d{2}-\d{2}$/.test(value) && isDay(`2024-${value}`), expected: 'a month and day as MM-DD ("01-31")' },
  flag: { test: (value) => value === 'true' || value === 'false', expected: 'true or false' },
};

/** The problems of one text given in both languages; `what` names it in the message. */
function bilingualProblems(text: BilingualEntry | undefined, what: string, needsHan: boolean): string[] {
  if (text === undefined || typeof text !== 'object') return [`${what} is missing`];
  const problems: string[] = [];
  for (const language of LANGUAGES) {
    const words = text[language];
    if (typeof words !== 'string' || words.trim() === '') problems.push(`${what} has no ${language} text`);
  }
  if (problems.length > 0) return problems;
  if (CHINESE.test(text.en)) problems.push(`${what}.en has Chinese characters: "${text.en}"`);
  if (needsHan && !HAN.test(text.zh)) problems.push(`${what}.zh has no Chinese: "${text.zh}"`);
  return problems;
}

function entryProblems(entry: RuleEntry, documents: RulebookEntries['documents']): string[] {
  const problems: string[] = [];
  const spec = (KINDS as Record<string, { form: ValueForm; unit: UnitCode }>)[entry.kind];
  if (spec === undefined) {
    problems.push(`unknown kind "${entry.kind}" (known: ${RULE_KINDS.join(', ')})`);
  } else {
    if (!entry.id.startsWith(`${entry.kind}/`)) problems.push(`the id does not start with its kind, "${entry.kind}/"`);
    if (entry.unit !== spec.unit) problems.push(`unit "${entry.unit}" is not the unit of ${entry.kind}, "${spec.unit}"`);
    const check = VALUE_CHECKS[spec.form];
    if (typeof entry.value !== 'string' || !check.test(entry.value)) problems.push(`value "${entry.value}" is not ${check.expected}`);
  }
  if (!isDay(entry.validFrom)) problems.push(`validFrom "${entry.validFrom}" is not a day as YYYY-MM-DD`);
  if (entry.validTo !== null && !isDay(entry.validTo)) problems.push(`validTo "${entry.validTo}" is not a day as YYYY-MM-DD`);
  else if (entry.validTo !== null && entry.validTo < entry.validFrom) problems.push(`validTo ${entry.validTo} is before validFrom ${entry.validFrom}`);
  if (!(entry.document in documents)) problems.push(`unknown document "${entry.document}"`);
  problems.push(...bilingualProblems(entry.title, 'title', true), ...bilingualProblems(entry.clause, 'clause', true));
  if (entry.sourceNote !== undefined) problems.push(...bilingualProblems(entry.sourceNote, 'sourceNote', true));
  return problems.map((problem) => `rule ${entry.id || '(no id)'}: ${problem}`);
}

/**
 * Versions of one kind follow each other: none overlaps the next, and none leaves a gap unless it says
 * so. A version without an end is replaced by the next one, so it ends the day before that starts.
 */
function sequenceProblems(versions: RuleEntry[]): string[] {
  const problems: string[] = [];
  const ordered = [...versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (let i = 1; i < ordered.length; i += 1) {
    const earlier = ordered[i - 1];
    const later = ordered[i];
    if (earlier.validTo === null) {
      if (later.startsAfterGap === true) problems.push(`rule ${later.id}: startsAfterGap is set but ${earlier.id} has no end to leave a gap after`);
    } else if (earlier.validTo >= later.validFrom) {
      problems.push(`rule ${later.id}: in force from ${later.validFrom} while ${earlier.id} is (to ${earlier.validTo}); end ${earlier.id} on ${dayBefore(later.validFrom)}`);
    } else if (nextDay(earlier.validTo) !== later.validFrom && later.startsAfterGap !== true) {
      problems.push(`rule ${later.id}: starts ${later.validFrom}, not the day after ${earlier.id} ends (${earlier.validTo}); set startsAfterGap if the days between had no such rule`);
    } else if (nextDay(earlier.validTo) === later.validFrom && later.startsAfterGap === true) {
      problems.push(`rule ${later.id}: startsAfterGap is set but it follows ${earlier.id} without a gap`);
    }
  }
  return problems;
}

/** An open version ends the day before the next version of its kind starts, or stays open. */
function endOfOpenVersion(entry: RuleEntry, entries: readonly RuleEntry[]): string | null {
  const next = entries
    .filter((other) => other.kind === entry.kind && other.validFrom > entry.validFrom)
    .reduce<string | null>((earliest, other) => (earliest === null || other.validFrom < earliest ? other.validFrom : earliest), null);
  return next === null ? null : dayBefore(next);
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function documentProblems(key: string, document: RulebookEntries['documents'][string]): string[] {
  return [
    ...bilingualProblems(document.number, 'number', true),
    ...bilingualProblems(document.title, 'title', true),
    ...bilingualProblems(document.detail, 'detail', false),
  ].map((problem) => `document ${key}: ${problem}`);
}

function wordingOf(entry: RuleEntry, documents: RulebookEntries['documents'], language: Language): RuleWording {
  const document = documents[entry.document];
  const citation = `${document.number[language]} ${document.title[language]} (${document.detail[language]})`;
  return {
    title: entry.title[language],
    unit: UNITS[entry.unit as UnitCode][language],
    document: document.number[language],
    source: entry.sourceNote === undefined ? citation : `${entry.sourceNote[language]}: ${citation}`,
    clause: entry.clause[language],
  };
}

function inForceOn(rule: Rule, day: string): boolean {
  return rule.validFrom <= day && (rule.validTo === null || day <= rule.validTo);
}

/** A checked rulebook. Its rules are frozen: nothing changes a rulebook once it is loaded. */
export class Rulebook {
  private constructor(readonly rules: readonly Rule[], readonly scorecards: readonly Scorecard[]) {}

  /** Checks the entries and throws a `RulebookError` listing every problem found. */
  static load(entries: RulebookEntries): Rulebook {
    const problems: string[] = [];
    for (const [key, document] of Object.entries(entries.documents)) problems.push(...documentProblems(key, document));
    const seen = new Set<string>();
    for (const entry of entries.rules) {
      if (seen.has(entry.id)) problems.push(`rule ${entry.id}: the id is used twice`);
      seen.add(entry.id);
      problems.push(...entryProblems(entry, entries.documents));
    }
    if (problems.length === 0) {
      for (const kind of RULE_KINDS) problems.push(...sequenceProblems(entries.rules.filter((entry) => entry.kind === kind)));
    }
    problems.push(...scorecardsProblems(entries.scorecards ?? []));
    if (problems.length > 0) throw new RulebookError(problems);
    const rules = entries.rules.map((entry) => Object.freeze({
      id: entry.id,
      kind: entry.kind as RuleKind,
      value: entry.value,
      unit: entry.unit as UnitCode,
      validFrom: entry.validFrom,
      validTo: entry.validTo ?? endOfOpenVersion(entry, entries.rules),
      zh: Object.freeze(wordingOf(entry, entries.documents, 'zh')),
      en: Object.freeze(wordingOf(entry, entries.documents, 'en')),
    }));
    const scorecards = (entries.scorecards ?? []).map((entry) => Object.freeze({
      ...entry,
      validTo: entry.validTo ?? nextScorecardStart(entry, entries.scorecards ?? []),
    }) as Scorecard);
    return new Rulebook(Object.freeze(rules), Object.freeze(scorecards));
  }

  /** The scoring of the periodic evaluation in force on `day`, or undefined when none was. */
  scorecardInForce(day: string): Scorecard | undefined {
    return this.scorecards.find((card) => card.validFrom <= day && (card.validTo === null || day <= card.validTo));
  }

  /** The version of a rule in force on `day` (YYYY-MM-DD), or undefined when none was. */
  ruleInForce(kind: RuleKind, day: string): Rule | undefined {
    return this.rules.find((rule) => rule.kind === kind && inForceOn(rule, day));
  }

  rulesInForce(day: string): Rule[] {
    return this.rules.filter((rule) => inForceOn(rule, day));
  }

  /** Every version of one kind, earliest first. */
  versionsOf(kind: RuleKind): Rule[] {
    return this.rules.filter((rule) => rule.kind === kind).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  }

  ruleById(id: string): Rule | undefined {
    return this.rules.find((rule) => rule.id === id);
  }
}

/**
 * The periodic evaluation's scorecard (定期评估, docs/definitions.md, definition 18): the platform's own
 * scoring, kept here beside the rules it judges with so that a new weighting is a data change too.
 */
export const INDICATOR_CODES = [
  'fee_ratio', 'ledger_linked', 'service_frequency', 'first_service', 'small_micro_reach', 'hazard_rectification',
  'death_limit', 'all_employee', 'cancellations', 'timely_settlement', 'denial_rate', 'overdue_open_claims', 'accepted_rows',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];
export const DEDUCTION_CODES = ['unqualified_provider', 'policy_before_filing', 'annual_report_late', 'annual_report_missing'] as const;
export type DeductionCode = (typeof DEDUCTION_CODES)[number];
export const GRADE_CODES = ['excellent', 'good', 'pass', 'fail'] as const;
export type GradeCode = (typeof GRADE_CODES)[number];
export const FOLLOW_UP_MEASURES = ['interview', 'rectification', 'public_notice'] as const;
export type FollowUpMeasure = (typeof FOLLOW_UP_MEASURES)[number];

/** A loaded scorecard: the entry as written, its open end resolved like a rule's. */
export type Scorecard = Omit<ScorecardEntry, 'indicators' | 'deductions' | 'grades' | 'followUps'> & {
  indicators: ReadonlyArray<ScorecardEntry['indicators'][number] & { code: IndicatorCode }>;
  deductions: ReadonlyArray<ScorecardEntry['deductions'][number] & { code: DeductionCode; followUp?: FollowUpMeasure }>;
  grades: ReadonlyArray<ScorecardEntry['grades'][number] & { code: GradeCode }>;
  followUps: ReadonlyArray<ScorecardEntry['followUps'][number] & { measure: FollowUpMeasure }>;
};

const PERCENT_TEXT = /^\d+(\.\d+)?$/;

function percentProblem(value: string, what: string): string[] {
  return PERCENT_TEXT.test(value) && Number(value) <= 100 ? [] : [`${what} "${value}" is not a percentage from 0 to 100`];
}

function scoringProblems(scoring: ScoringEntry): string[] {
  if (scoring.kind === 'linear') {
    const problems = [...percentProblem(scoring.zero, 'zero'), ...percentProblem(scoring.full, 'full')];
    if (problems.length === 0 && Number(scoring.zero) === Number(scoring.full)) problems.push('zero and full are the same point');
    return problems;
  }
  if (scoring.kind === 'floor_cap') {
    return [
      ...percentProblem(scoring.zero, 'zero'),
      ...(RULE_KINDS.includes(scoring.floorRule as RuleKind) ? [] : [`floorRule "${scoring.floorRule}" is not a rule kind`]),
      ...(RULE_KINDS.includes(scoring.capRule as RuleKind) ? [] : [`capRule "${scoring.capRule}" is not a rule kind`]),
    ];
  }
  if (scoring.kind === 'pass_fail') return percentProblem(scoring.pass, 'pass');
  return [`unknown scoring kind "${(scoring as { kind: string }).kind}" (known: linear, floor_cap, pass_fail)`];
}

function knownCode(list: readonly string[], code: string, what: string): string[] {
  return list.includes(code) ? [] : [`unknown ${what} "${code}" (known: ${list.join(', ')})`];
}

/** Everything wrong with one scorecard: weights that do not make 100, unknown codes, grades out of order. */
function scorecardProblems(card: ScorecardEntry): string[] {
  const problems: string[] = [];
  if (!card.id.startsWith('scorecard/')) problems.push('the id does not start with "scorecard/"');
  if (!isDay(card.validFrom)) problems.push(`validFrom "${card.validFrom}" is not a day as YYYY-MM-DD`);
  if (card.validTo !== null && (!isDay(card.validTo) || card.validTo < card.validFrom)) problems.push(`validTo "${card.validTo}" is not a day on or after validFrom`);
  problems.push(...bilingualProblems(card.label, 'label', true), ...bilingualProblems(card.followUpSource, 'followUpSource', true));
  const seen = new Set<string>();
  for (const indicator of card.indicators) {
    const what = `indicator ${indicator.code}`;
    if (seen.has(indicator.code)) problems.push(`${what}: listed twice`);
    seen.add(indicator.code);
    problems.push(...knownCode(INDICATOR_CODES, indicator.code, 'indicator'));
    if (!Number.isInteger(indicator.weight) || indicator.weight <= 0) problems.push(`${what}: weight ${indicator.weight} is not a whole number above 0`);
    problems.push(...scoringProblems(indicator.scoring).map((problem) => `${what}: ${problem}`));
    for (const kind of indicator.rules) problems.push(...knownCode(RULE_KINDS, kind, 'rule kind').map((problem) => `${what}: ${problem}`));
    for (const [text, field] of [[indicator.title, 'title'], [indicator.measure, 'measure'], [indicator.basis, 'basis']] as const) {
      problems.push(...bilingualProblems(text, `${what} ${field}`, false));
    }
    if (indicator.noData !== undefined) problems.push(...bilingualProblems(indicator.noData, `${what} noData`, true));
  }
  const total = card.indicators.reduce((sum, indicator) => sum + indicator.weight, 0);
  if (total !== 100) problems.push(`the weights add up to ${total}, not 100`);
  for (const deduction of card.deductions) {
    const what = `deduction ${deduction.code}`;
    problems.push(...knownCode(DEDUCTION_CODES, deduction.code, 'deduction'));
    if (!(deduction.pointsEach > 0) || !(deduction.cap >= deduction.pointsEach)) problems.push(`${what}: pointsEach must be above 0 and cap at least pointsEach`);
    if (deduction.followUp !== undefined) problems.push(...knownCode(FOLLOW_UP_MEASURES, deduction.followUp, 'follow-up').map((problem) => `${what}: ${problem}`));
    for (const kind of deduction.rules) problems.push(...knownCode(RULE_KINDS, kind, 'rule kind').map((problem) => `${what}: ${problem}`));
    problems.push(...bilingualProblems(deduction.title, `${what} title`, true), ...bilingualProblems(deduction.basis, `${what} basis`, true));
  }
  const grades = card.grades;
  for (const grade of grades) problems.push(...knownCode(GRADE_CODES, grade.code, 'grade'), ...bilingualProblems(grade.title, `grade ${grade.code} title`, true));
  if (grades.some((grade, i) => i > 0 && grade.min >= grades[i - 1].min)) problems.push('the grades are not listed from the highest minimum down');
  if (grades.length === 0 || grades[grades.length - 1].min !== 0) problems.push('the lowest grade must start at 0');
  for (const followUp of card.followUps) {
    problems.push(...knownCode(FOLLOW_UP_MEASURES, followUp.measure, 'follow-up'), ...bilingualProblems(followUp.title, `follow-up ${followUp.measure} title`, true));
  }
  if (card.followUps.some((followUp, i) => i > 0 && followUp.below <= card.followUps[i - 1].below)) {
    problems.push('the follow-ups are not listed from the lowest line up');
  }
  if (!Number.isInteger(card.cityFollowUp?.minPolicies) || card.cityFollowUp.minPolicies < 1) {
    problems.push(`cityFollowUp.minPolicies ${card.cityFollowUp?.minPolicies} is not a whole number of at least 1`);
  } else {
    const { minPolicies, title } = card.cityFollowUp;
    const wording = bilingualProblems(title, 'cityFollowUp title', true);
    problems.push(...wording);
    if (wording.length === 0 && !(title.zh.includes(String(minPolicies)) && title.en.includes(String(minPolicies)))) {
      problems.push(`cityFollowUp title does not state the minimum of ${minPolicies} policies in both languages`);
    }
  }
  return problems.map((problem) => `scorecard ${card.id || '(no id)'}: ${problem}`);
}

function scorecardsProblems(cards: readonly ScorecardEntry[]): string[] {
  const problems = cards.flatMap(scorecardProblems);
  const ordered = [...cards].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (let i = 1; i < ordered.length; i += 1) {
    const end = ordered[i - 1].validTo;
    if (end !== null && end >= ordered[i].validFrom) problems.push(`scorecard ${ordered[i].id}: in force from ${ordered[i].validFrom} while ${ordered[i - 1].id} is`);
  }
  return problems;
}

function nextScorecardStart(card: ScorecardEntry, cards: readonly ScorecardEntry[]): string | null {
  const later = cards.filter((other) => other.validFrom > card.validFrom).map((other) => other.validFrom).sort();
  return later.length === 0 ? null : dayBefore(later[0]);
}

/** The rulebook the program runs with. */
export const RULEBOOK: Rulebook = Rulebook.load(RULEBOOK_ENTRIES);

/**
 * A year's figures (fee ratio, service frequency) are judged when the year closes, against the rules
 * in force on its last day: the 21% cap in force from 2025-03-29 applies to the year 2025.
 */
export function yearEnd(year: number): string {
  return `${year}-12-31`;
}
