/**
 * The periodic evaluation (定期评估, docs/definitions.md, definition 18), from the figures of
 * evaluation.sql.ts to the ranked scorecards: the API's resolver and the report command both call
 * `evaluate`. The arithmetic is domain/scoring.ts; the weights, formulas and lines are the rulebook's
 * scorecard in force on the period's last day.
 *
 * Periods: a year is compared with the year before (同比); a quarter with the quarter before (环比)
 * and the same quarter a year before (同比). All of them are read by the same statements at once.
 */
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AnnualReportRow } from '../../platform/entities';
import { submissionOf } from '../annual-report/annual-report';
import { SubmissionStatus } from '../annual-report/annual-report.type';
import { filingItems } from '../filings/filings.sql';
import { judgeFiling } from '../filings/filings';
import { regionByCode, type Region as ReferenceRegion } from '../../domain/regions';
import { yearEnd, type DeductionCode, type IndicatorCode, type Rulebook, type Scorecard as LoadedScorecard } from '../../domain/rulebook';
import type { BilingualEntry, ScoringEntry } from '../../domain/rulebook.data';
import { followUpOf, scoreCard, type CardScore, type IndicatorFigures, type NotApplicable, type ScoringRules } from '../../domain/scoring';
import { todayInShanghai } from '../../domain/today';
import { insurerUploadCounts } from '../../platform/submissions';
import { badUserInput } from '../common/errors';
import { insurerNameLoader } from '../common/insurer';
import { fenOf } from '../common/money';
import { regionOf } from '../common/region';
import type { WarehouseReader } from '../common/warehouse';
import { allEmployeeTallies } from '../coverage/all-employee.sql';
import { ruleOf, type Rule } from '../rules/rule.type';
import {
  claimFigures, firstServiceFigures, ledgerFigures, registeredInsurers, serviceFigures, serviceYearFigures, shareFigures,
  type FilingCompletion, type PeriodSpan,
} from './evaluation.sql';
import type {
  Bilingual, Evaluation, EvaluationPeriod, FollowUp, IndicatorPrior, IndicatorResult, InsurerEvaluation, Scorecard, ScoringFormula,
} from './evaluation.type';

export interface EvaluationRequest {
  region: ReferenceRegion;
  year: number;
  /** 1–4, or null for the whole year. */
  quarter: number | null;
  /** The evaluation day: an annual report not in by then counts as missing once its deadline has passed. */
  asOf: string;
}

/** Everything the statements count for one period, insurer and city (or summed over cities). */
interface Tally {
  premiumFen: number;
  policies: number;
  cancelled: number;
  deathJudged: number;
  deathCompliant: number;
  beforeFiling: number;
  spendingFen: number;
  entries: number;
  linked: number;
  firstJudged: number;
  firstOnTime: number;
  required: number;
  compliant: number;
  exempt: number;
  exemptServed: number;
  hazardsFound: number;
  hazardsRectified: number;
  unqualified: number;
  employeesKnown: number;
  employeesNotShort: number;
  decided: number;
  denied: number;
  settled: number;
  timely: number;
  openAtEnd: number;
  overdue: number;
  /** Data rows of the insurer's uploads in the period: stored, and stored or rejected. */
  rowsAccepted: number;
  rowsSubmitted: number;
}

function emptyTally(): Tally {
  return {
    premiumFen: 0, policies: 0, cancelled: 0, deathJudged: 0, deathCompliant: 0, beforeFiling: 0, spendingFen: 0, entries: 0, linked: 0,
    firstJudged: 0, firstOnTime: 0, required: 0, compliant: 0, exempt: 0, exemptServed: 0, hazardsFound: 0, hazardsRectified: 0,
    unqualified: 0, employeesKnown: 0, employeesNotShort: 0, decided: 0, denied: 0, settled: 0, timely: 0, openAtEnd: 0, overdue: 0,
    rowsAccepted: 0, rowsSubmitted: 0,
  };
}

function addTally(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

export function periodOf(year: number, quarter: number | null): EvaluationPeriod {
  if (quarter === null) return { year, quarter: null, from: `${year}-01-01`, to: `${year}-12-31`, label: String(year) };
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year, quarter, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}`, label: `${year}Q${quarter}`,
  };
}

function previousQuarter(year: number, quarter: number): EvaluationPeriod {
  return quarter === 1 ? periodOf(year - 1, 4) : periodOf(year, quarter - 1);
}

const NOT_APPLICABLE_WORDS: Record<Exclude<NotApplicable, 'NO_DATA'>, BilingualEntry> = {
  EMPTY: {
    zh: '本期无可判定的记录（分母为空），其权重按比例分给其余指标',
    en: 'Nothing to judge in the period (an empty denominator): its weight goes to the other indicators in proportion',
  },
  YEAR_ONLY: {
    zh: '频次要求按年度判定，季度评估不适用，其权重按比例分给其余指标',
    en: 'The requirement is per year, so a quarter is not judged against it: its weight goes to the other indicators in proportion',
  },
};

function formulaOf(scoring: ScoringEntry, rules: ScoringRules): ScoringFormula {
  if (scoring.kind === 'pass_fail') {
    return {
      kind: 'pass_fail', zero: null, full: null, pass: Number(scoring.pass), cap: null,
      words: { zh: `达到${scoring.pass}%得满分，否则0分`, en: `the whole weight at ${scoring.pass}%, otherwise 0` },
    };
  }
  if (scoring.kind === 'floor_cap') {
    const floor = rules.floorPercent;
    const cap = rules.capPercent;
    const capWords = cap === null ? { zh: '', en: '' } : { zh: `；超过上限${cap}%得0分`, en: `; 0 above the cap of ${cap}%` };
    return {
      kind: 'floor_cap', zero: Number(scoring.zero), full: floor, pass: null, cap,
      words: {
        zh: `${scoring.zero}%得0分，达到下限${floor ?? '—'}%得满分，其间线性${capWords.zh}`,
        en: `0 at ${scoring.zero}%, the whole weight from the floor of ${floor ?? '—'}%, linear between${capWords.en}`,
      },
    };
  }
  const zero = Number(scoring.zero);
  const full = Number(scoring.full);
  const words = zero < full
    ? { zh: `${zero}%及以下得0分，${full}%及以上得满分，其间线性`, en: `0 at ${zero}% or less, the whole weight at ${full}% or more, linear between` }
    : { zh: `${full}%及以下得满分，${zero}%及以上得0分，其间线性`, en: `the whole weight at ${full}% or less, 0 at ${zero}% or more, linear between` };
  return { kind: 'linear', zero, full, pass: null, cap: null, words };
}

function feeRules(rulebook: Rulebook, day: string): ScoringRules {
  const floor = rulebook.ruleInForce('fee_ratio_floor', day);
  const cap = rulebook.ruleInForce('fee_ratio_cap', day);
  return { floorPercent: floor ? Number(floor.value) : null, capPercent: cap ? Number(cap.value) : null };
}

function rulesOf(rulebook: Rulebook, kinds: readonly string[], day: string): Rule[] {
  return kinds.map((kind) => ruleOf(rulebook.ruleInForce(kind as Parameters<Rulebook['ruleInForce']>[0], day))).filter((rule) => rule !== null);
}

function scorecardOf(card: LoadedScorecard, rulebook: Rulebook, day: string): Scorecard {
  const rules = feeRules(rulebook, day);
  return {
    id: card.id,
    label: card.label,
    indicators: card.indicators.map((indicator) => ({
      code: indicator.code, weight: indicator.weight, title: indicator.title, measure: indicator.measure, basis: indicator.basis,
      formula: formulaOf(indicator.scoring, rules), rules: rulesOf(rulebook, indicator.rules, day),
    })),
    deductions: card.deductions.map((deduction) => ({
      code: deduction.code, pointsEach: deduction.pointsEach, cap: deduction.cap, title: deduction.title, basis: deduction.basis,
      rules: rulesOf(rulebook, deduction.rules, day),
    })),
    grades: card.grades.map((grade) => ({ code: grade.code, min: grade.min, title: grade.title })),
    followUpLines: card.followUps.map((line) => ({ measure: line.measure, below: line.below, title: line.title })),
    followUpSource: card.followUpSource,
  };
}

/** The figures of each indicator from a tally. */
function figuresOf(tally: Tally, quarter: number | null): Map<IndicatorCode, IndicatorFigures> {
  const ratio = (numerator: number, denominator: number): IndicatorFigures => ({ numerator, denominator });
  return new Map<IndicatorCode, IndicatorFigures>([
    ['fee_ratio', ratio(tally.spendingFen, Math.round(tally.premiumFen))],
    ['ledger_linked', ratio(tally.linked, tally.entries)],
    ['service_frequency', quarter === null ? ratio(tally.compliant, tally.required) : { notApplicable: 'YEAR_ONLY' }],
    ['first_service', ratio(tally.firstOnTime, tally.firstJudged)],
    ['small_micro_reach', ratio(tally.exemptServed, tally.exempt)],
    ['hazard_rectification', ratio(tally.hazardsRectified, tally.hazardsFound)],
    ['death_limit', ratio(tally.deathCompliant, tally.deathJudged)],
    ['all_employee', ratio(tally.employeesNotShort, tally.employeesKnown)],
    ['cancellations', ratio(tally.cancelled, tally.policies)],
    ['timely_settlement', ratio(tally.timely, tally.settled)],
    ['denial_rate', ratio(tally.denied, tally.decided)],
    ['overdue_open_claims', ratio(tally.overdue, tally.openAtEnd)],
    ['accepted_rows', ratio(tally.rowsAccepted, tally.rowsSubmitted)],
  ]);
}

type AnnualVerdict = 'on_time' | 'late' | 'missing' | 'not_due';

function deductionCounts(tally: Tally, annual: AnnualVerdict | null): Map<DeductionCode, number> {
  return new Map<DeductionCode, number>([
    ['unqualified_provider', tally.unqualified],
    ['policy_before_filing', tally.beforeFiling],
    ['annual_report_late', annual === 'late' ? 1 : 0],
    ['annual_report_missing', annual === 'missing' ? 1 : 0],
  ]);
}

/** The day each registered insurer's filing became complete (docs/definitions.md, definition 13). */
async function filingCompletion(reader: WarehouseReader, rulebook: Rulebook, year: number): Promise<FilingCompletion> {
  const insurers = await registeredInsurers(reader);
  const items = await filingItems(reader, insurers);
  return new Map(insurers.map((id) => [id, judgeFiling(rulebook, year, items.filter((row) => row.insurer_id === id)).completeOn]));
}

/** Each insurer's annual report on `year` judged on `asOf` (docs/definitions.md, definition 14), from the platform database. */
async function annualVerdicts(platform: DataSource, rulebook: Rulebook, year: number, asOf: string): Promise<(insurer: string) => AnnualVerdict> {
  const rows = await platform.getRepository(AnnualReportRow).find({ where: { year } });
  const byInsurer = new Map(rows.map((row) => [row.insurerId, row]));
  return (insurer) => ANNUAL_VERDICT[submissionOf(rulebook, insurer, year, byInsurer.get(insurer) ?? null, asOf).status];
}

const ANNUAL_VERDICT: Record<SubmissionStatus, AnnualVerdict> = {
  [SubmissionStatus.ON_TIME]: 'on_time', [SubmissionStatus.LATE]: 'late', [SubmissionStatus.MISSING]: 'missing', [SubmissionStatus.NOT_DUE]: 'not_due',
};

const key = (period: number, insurer: string, city: string) => `${period}|${insurer}|${city}`;

/**
 * The data rows each insurer account's uploads (数据报送) stored and rejected in each period, by the
 * day received (Asia/Shanghai), keyed `period|insurer`. Uploads are recorded per account, not per
 * county: they are counted for the whole province only.
 */
async function uploadedRows(platform: DataSource, spans: readonly EvaluationPeriod[]): Promise<Map<string, { accepted: number; submitted: number }>> {
  const first = Date.parse(`${[...spans].map((span) => span.from).sort()[0]}T00:00:00+08:00`);
  const last = Date.parse(`${[...spans].map((span) => span.to).sort().reverse()[0]}T23:59:59.999+08:00`);
  const counts = new Map<string, { accepted: number; submitted: number }>();
  for (const upload of await insurerUploadCounts(platform, first, last)) {
    const day = todayInShanghai(upload.receivedAt);
    spans.forEach((span, i) => {
      if (day < span.from || day > span.to) return;
      const k = `${i + 1}|${upload.insurerId}`;
      const sum = counts.get(k) ?? { accepted: 0, submitted: 0 };
      sum.accepted += upload.stored;
      sum.submitted += upload.stored + upload.rejected;
      counts.set(k, sum);
    });
  }
  return counts;
}

/** Reads every figure of the periods and sums them per period, insurer and city. */
async function tallies(reader: WarehouseReader, rulebook: Rulebook, region: ReferenceRegion, spans: readonly EvaluationPeriod[], asOf: string) {
  const query = { region, periods: spans.map((span): PeriodSpan => ({ from: span.from, to: span.to })), rulebook };
  const years = [...new Set(spans.map((span) => span.year))];
  const [shares, ledger, first, services, employees, claims, ...serviceYears] = await Promise.all([
    filingCompletion(reader, rulebook, spans[0].year).then((filings) => shareFigures(reader, { ...query, filings })), ledgerFigures(reader, query), firstServiceFigures(reader, query), serviceFigures(reader, query),
    allEmployeeTallies(reader, { region, periods: query.periods, insurerId: null }), claimFigures(reader, { ...query, asOf }),
    ...years.map((year) => {
      const judgedOn = yearEnd(year);
      return serviceYearFigures(reader, {
        ...query, year,
        yearPeriods: spans.flatMap((span, i) => (span.year === year ? [i + 1] : [])),
        rules: {
          coal: Number(rulebook.ruleInForce('service_frequency_coal', judgedOn)?.value ?? 0),
          largeMedium: Number(rulebook.ruleInForce('service_frequency_large_medium', judgedOn)?.value ?? 0),
        },
      });
    }),
  ]);
  const byKey = new Map<string, Tally>();
  const at = (period: number, insurer: string, city: string): Tally => {
    const k = key(Number(period), insurer, city);
    let tally = byKey.get(k);
    if (tally === undefined) {
      tally = emptyTally();
      byKey.set(k, tally);
    }
    return tally;
  };
  for (const row of shares) {
    const tally = at(row.period, row.insurer_id, row.city_code);
    tally.premiumFen += Number(row.premium_fen_exact);
    tally.policies += Number(row.policies);
    tally.cancelled += Number(row.cancelled_count);
    tally.deathJudged += Number(row.death_judged);
    tally.deathCompliant += Number(row.death_compliant);
    tally.beforeFiling += Number(row.before_filing);
  }
  for (const row of ledger) {
    const tally = at(row.period, row.insurer_id, row.city_code);
    tally.spendingFen += fenOf(row.spending);
    tally.entries += Number(row.entries);
    tally.linked += Number(row.linked);
  }
  for (const row of first) {
    const tally = at(row.period, row.insurer_id, row.city_code);
    tally.firstJudged += Number(row.judged);
    tally.firstOnTime += Number(row.on_time);
  }
  for (const row of serviceYears.flat()) {
    const city = regionByCode(row.county_code)?.parentCode ?? row.county_code;
    const tally = at(row.period, row.insurer_id, city);
    tally.required += Number(row.required_count);
    tally.compliant += Number(row.compliant_count);
    tally.exempt += Number(row.exempt_count);
    tally.exemptServed += Number(row.exempt_served);
  }
  for (const row of services) {
    const tally = at(row.period, row.insurer_id, row.city_code);
    tally.hazardsFound += Number(row.found);
    tally.hazardsRectified += Number(row.rectified);
    tally.unqualified += Number(row.unqualified_count);
  }
  for (const row of employees) {
    const tally = at(row.period, row.insurer_id, row.city_code);
    tally.employeesKnown += Number(row.known);
    tally.employeesNotShort += Number(row.not_short);
  }
  for (const row of claims) {
    const tally = at(row.period, row.insurer_id, row.city_code);
    tally.decided += Number(row.decided);
    tally.denied += Number(row.denied);
    tally.settled += Number(row.settled);
    tally.timely += Number(row.timely);
    tally.openAtEnd += Number(row.open_at_end);
    tally.overdue += Number(row.overdue);
  }
  return byKey;
}

function priorOf(line: IndicatorResult, prior: CardScore | null): IndicatorPrior | null {
  if (prior === null) return null;
  const earlier = prior.indicators.find((candidate) => candidate.code === line.code);
  if (earlier === undefined) return null;
  return {
    value: earlier.value,
    score: earlier.score,
    valueChange: line.value === null || earlier.value === null ? null : line.value - earlier.value,
    scoreChange: line.score === null || earlier.score === null ? null : Math.round((line.score - earlier.score) * 100) / 100,
  };
}

/** `insurerName`: the request's name loader, so that the names are read once per request (a new one otherwise). */
export async function evaluate(
  reader: WarehouseReader, platform: DataSource, rulebook: Rulebook, request: EvaluationRequest,
  insurerName: DataLoader<string, string> = insurerNameLoader(reader),
): Promise<Evaluation> {
  const period = periodOf(request.year, request.quarter);
  const yearAgoPeriod = periodOf(request.year - 1, request.quarter);
  const previousPeriod = request.quarter === null ? null : previousQuarter(request.year, request.quarter);
  const card = rulebook.scorecardInForce(period.to);
  if (card === undefined) {
    throw badUserInput(`No scorecard is in force on ${period.to}: the evaluation starts with ${rulebook.scorecards[0]?.validFrom.slice(0, 4) ?? 'no year'}.`);
  }
  // Positions in the statements' period arrays: 1 this period, 2 a year before, 3 the quarter before.
  const spans = [period, yearAgoPeriod, ...(previousPeriod ? [previousPeriod] : [])];
  const [byKey, uploads, annualThisYear, annualYearAgo] = await Promise.all([
    tallies(reader, rulebook, request.region, spans, request.asOf),
    request.region.level === 'province' ? uploadedRows(platform, spans) : Promise.resolve(new Map<string, { accepted: number; submitted: number }>()),
    request.quarter === null ? annualVerdicts(platform, rulebook, request.year, request.asOf) : Promise.resolve(null),
    request.quarter === null ? annualVerdicts(platform, rulebook, request.year - 1, request.asOf) : Promise.resolve(null),
  ]);
  const annualByPeriod = new Map([[1, annualThisYear], [2, annualYearAgo]]);

  /** Sums each period's tallies per insurer (over cities), or per insurer and city. */
  const perInsurer = new Map<string, Tally>();
  const perPair = new Map<string, Tally>();
  for (const [k, tally] of byKey) {
    const [periodIndex, insurer, city] = k.split('|');
    const insurerKey = `${periodIndex}|${insurer}`;
    if (!perInsurer.has(insurerKey)) perInsurer.set(insurerKey, emptyTally());
    addTally(perInsurer.get(insurerKey)!, tally);
    if (periodIndex === '1') perPair.set(`${insurer}|${city}`, tally);
  }
  for (const [insurerKey, tally] of perInsurer) {
    const upload = uploads.get(insurerKey);
    if (upload === undefined) continue;
    tally.rowsAccepted += upload.accepted;
    tally.rowsSubmitted += upload.submitted;
  }

  const scoreOf = (periodIndex: number, span: EvaluationPeriod, insurer: string, tally: Tally | undefined): CardScore | null => {
    const spanCard = rulebook.scorecardInForce(span.to);
    if (tally === undefined || spanCard === undefined) return null;
    const annual = annualByPeriod.get(periodIndex)?.(insurer) ?? null;
    return scoreCard(spanCard, figuresOf(tally, span.quarter), deductionCounts(tally, annual), feeRules(rulebook, span.to));
  };

  const insurerIds = [...perInsurer.keys()].filter((k) => k.startsWith('1|')).map((k) => k.slice(2)).sort();
  const nameList = await Promise.all(insurerIds.map((id) => insurerName.load(id)));
  const resolvedNames = new Map(insurerIds.map((id, i) => [id, nameList[i]]));
  const insurerOf = (id: string) => ({ id, name: resolvedNames.get(id) ?? id });

  const gradeTitle = (code: string): Bilingual => card.grades.find((grade) => grade.code === code)?.title ?? { zh: code, en: code };
  const notApplicableReason = (code: IndicatorCode, reason: NotApplicable | null): Bilingual | null => {
    if (reason === null) return null;
    if (reason === 'NO_DATA') return card.indicators.find((indicator) => indicator.code === code)?.noData ?? NOT_APPLICABLE_WORDS.EMPTY;
    return NOT_APPLICABLE_WORDS[reason];
  };

  const scored = insurerIds.map((id) => {
    const current = scoreOf(1, period, id, perInsurer.get(`1|${id}`))!;
    const yearAgo = scoreOf(2, yearAgoPeriod, id, perInsurer.get(`2|${id}`));
    const previous = previousPeriod ? scoreOf(3, previousPeriod, id, perInsurer.get(`3|${id}`)) : null;
    return { id, current, yearAgo, previous };
  });
  scored.sort((a, b) => b.current.total - a.current.total || a.id.localeCompare(b.id));

  const insurers: InsurerEvaluation[] = scored.map(({ id, current, yearAgo, previous }) => ({
    rank: 1 + scored.filter((other) => other.current.total > current.total).length,
    insurer: insurerOf(id),
    total: current.total,
    base: current.base,
    deductionPoints: current.deductionPoints,
    grade: current.grade,
    gradeTitle: gradeTitle(current.grade),
    indicators: current.indicators.map((line) => {
      const result: IndicatorResult = {
        code: line.code, numerator: line.numerator, denominator: line.denominator, value: line.value,
        notApplicable: line.notApplicable, notApplicableReason: notApplicableReason(line.code, line.notApplicable),
        weight: line.weight, effectiveWeight: line.effectiveWeight, score: line.score, previous: null, yearAgo: null,
      };
      result.previous = priorOf(result, previous);
      result.yearAgo = priorOf(result, yearAgo);
      return result;
    }),
    deductions: current.deductions.map((deduction) => ({ ...deduction })),
    previousTotal: previous?.total ?? null,
    yearAgoTotal: yearAgo?.total ?? null,
  }));

  const followUpFor = (insurer: string, city: string | null, score: CardScore): FollowUp | null => {
    const proposal = followUpOf(card, score);
    if (proposal === null) return null;
    const ruleKinds = [
      ...card.indicators.filter((indicator) => proposal.indicators.includes(indicator.code)).flatMap((indicator) => indicator.rules),
      ...card.deductions.filter((deduction) => proposal.deductions.includes(deduction.code)).flatMap((deduction) => deduction.rules),
    ];
    const cityRegion = city === null ? undefined : regionByCode(city);
    return {
      insurer: insurerOf(insurer),
      city: cityRegion ? regionOf(cityRegion) : null,
      total: score.total,
      grade: score.grade,
      measure: proposal.measure,
      measureTitle: card.followUps.find((line) => line.measure === proposal.measure)?.title ?? { zh: proposal.measure, en: proposal.measure },
      indicators: proposal.indicators,
      deductions: proposal.deductions,
      rules: rulesOf(rulebook, [...new Set(ruleKinds)], period.to),
      source: card.followUpSource,
    };
  };
  const followUps: FollowUp[] = [];
  for (const { id, current } of scored) {
    const proposal = followUpFor(id, null, current);
    if (proposal) followUps.push(proposal);
  }
  // Within the province, each insurer's business in each city is scored too: a city below the line is
  // followed up by its bureau even when the insurer's total passes.
  if (request.region.level === 'province') {
    for (const [pair, tally] of [...perPair].sort(([a], [b]) => a.localeCompare(b))) {
      const [insurer, city] = pair.split('|');
      const score = scoreOf(1, period, insurer, tally)!;
      const proposal = followUpFor(insurer, city, score);
      if (proposal) followUps.push(proposal);
    }
  }

  const scopeNote: Bilingual | null = request.region.level === 'province' ? null : {
    zh: `各承保机构仅按其在${request.region.name}的业务评估：该地企业的保单、服务、赔案，以及记入该地区县的台账`,
    en: `Each insurer is judged on its business in ${request.region.name} only: the policies, services and claims of its enterprises there, and the ledger entries booked to its counties`,
  };

  return {
    period, previousPeriod, yearAgoPeriod, region: regionOf(request.region), scopeNote,
    scorecard: scorecardOf(card, rulebook, period.to), insurers, followUps,
  };
}
