/**
 * 定期评估: the periodic evaluation of every insurer (`/evaluation?year=&quarter=`), as the API's
 * `evaluation` gives it: the ranking, each insurer's scorecard with the change from the previous
 * period, the deductions, the proposed follow-ups and the scoring itself, labelled as the platform's
 * own. A printable document page (components/PrintableDocument.tsx), with the workbook's download. A
 * city account sees its city's evaluation, and the page says so.
 */
import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ruleValueWords } from '../../../domain/rule-words';
import { DocumentSection, PrintableDocument } from '../components/PrintableDocument';
import { QueryState } from '../components/QueryState';
import { YearSelect } from '../components/YearSelect';
import { errorMessage } from '../lib/apollo';
import { downloadDocument } from '../lib/documents';
import { formatCount } from '../lib/format';
import { useI18n, type MessageKey } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { routeUrl } from '../lib/routes';
import { useSession } from '../lib/session';

const WORDS = gql`
  fragment EvaluationWords on Bilingual { zh en }
`;

const PERIOD = gql`
  fragment EvaluationPeriodFields on EvaluationPeriod { year quarter from to label }
`;

const RULE = gql`
  fragment EvaluationRule on Rule { id value zh { title unit document } en { title unit document } }
`;

const PRIOR = gql`
  fragment EvaluationPrior on IndicatorPrior { value score valueChange scoreChange }
`;

const SCORECARD = gql`
  fragment EvaluationScorecard on Scorecard {
    id
    label { ...EvaluationWords }
    indicators {
      code weight title { ...EvaluationWords } measure { ...EvaluationWords } basis { ...EvaluationWords }
      formula { kind zero full pass cap words { ...EvaluationWords } }
      rules { ...EvaluationRule }
    }
    deductions { code pointsEach cap title { ...EvaluationWords } basis { ...EvaluationWords } rules { ...EvaluationRule } }
    grades { code min title { ...EvaluationWords } }
    followUpLines { measure below title { ...EvaluationWords } }
    followUpSource { ...EvaluationWords }
    cityFollowUp { minPolicies title { ...EvaluationWords } }
  }
  ${WORDS}
  ${RULE}
`;

const INSURER_EVALUATION = gql`
  fragment InsurerEvaluationFields on InsurerEvaluation {
    rank insurer { id name } total base deductionPoints grade gradeTitle { ...EvaluationWords } previousTotal yearAgoTotal
    indicators {
      code numerator denominator value notApplicable notApplicableReason { ...EvaluationWords } weight effectiveWeight score
      previous { ...EvaluationPrior } yearAgo { ...EvaluationPrior }
    }
    deductions { code count points }
  }
  ${WORDS}
  ${PRIOR}
`;

const FOLLOW_UP = gql`
  fragment EvaluationFollowUp on FollowUp {
    insurer { id name } city { code name } total grade measure measureTitle { ...EvaluationWords }
    indicators deductions rules { ...EvaluationRule } source { ...EvaluationWords } policies
  }
  ${WORDS}
  ${RULE}
`;

export const EVALUATION_QUERY = gql`
  query Evaluation($year: Int!, $quarter: Int) {
    evaluation(year: $year, quarter: $quarter) {
      period { ...EvaluationPeriodFields }
      previousPeriod { ...EvaluationPeriodFields }
      yearAgoPeriod { ...EvaluationPeriodFields }
      region { code name level }
      scopeNote { ...EvaluationWords }
      scorecard { ...EvaluationScorecard }
      insurers { ...InsurerEvaluationFields }
      followUps { ...EvaluationFollowUp }
      smallCityPairs
    }
  }
  ${PERIOD}
  ${WORDS}
  ${SCORECARD}
  ${INSURER_EVALUATION}
  ${FOLLOW_UP}
`;

type Words = { zh: string; en: string };
interface Period { year: number; quarter: number | null; from: string; to: string; label: string }
interface RuleWords { id: string; value: string; zh: { title: string; unit: string; document: string }; en: { title: string; unit: string; document: string } }
interface Prior { value: number | null; score: number | null; valueChange: number | null; scoreChange: number | null }
interface IndicatorLine {
  code: string; numerator: number | null; denominator: number | null; value: number | null; notApplicable: 'EMPTY' | 'NO_DATA' | 'YEAR_ONLY' | null;
  notApplicableReason: Words | null; weight: number; effectiveWeight: number | null; score: number | null; previous: Prior | null; yearAgo: Prior | null;
}
interface InsurerRow {
  rank: number; insurer: { id: string; name: string }; total: number; base: number; deductionPoints: number; grade: string; gradeTitle: Words;
  previousTotal: number | null; yearAgoTotal: number | null; indicators: IndicatorLine[]; deductions: Array<{ code: string; count: number; points: number }>;
}
interface ScorecardData {
  id: string; label: Words;
  indicators: Array<{ code: string; weight: number; title: Words; measure: Words; basis: Words; formula: { words: Words }; rules: RuleWords[] }>;
  deductions: Array<{ code: string; pointsEach: number; cap: number; title: Words; basis: Words; rules: RuleWords[] }>;
  grades: Array<{ code: string; min: number; title: Words }>;
  followUpLines: Array<{ measure: string; below: number; title: Words }>;
  followUpSource: Words;
  cityFollowUp: { minPolicies: number; title: Words };
}
interface FollowUpRow {
  insurer: { id: string; name: string }; city: { code: string; name: string } | null; total: number; grade: string; measure: string; measureTitle: Words;
  indicators: string[]; deductions: string[]; rules: RuleWords[]; source: Words; policies: number;
}
interface EvaluationData {
  period: Period; previousPeriod: Period | null; yearAgoPeriod: Period; region: { code: string; name: string; level: string };
  scopeNote: Words | null; scorecard: ScorecardData; insurers: InsurerRow[]; followUps: FollowUpRow[]; smallCityPairs: number | null;
}

const NOT_APPLICABLE_KEYS = {
  EMPTY: 'notApplicable_EMPTY', NO_DATA: 'notApplicable_NO_DATA', YEAR_ONLY: 'notApplicable_YEAR_ONLY',
} as const satisfies Record<NonNullable<IndicatorLine['notApplicable']>, MessageKey>;

/** Scores and weights with two places, as the API rounds them. */
const points = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));
/** A percentage value (already in percent) with two places. */
const percentValue = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value.toFixed(2)}%`);
const signed = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`);

/** The year a page opens on: last year, the latest whole one. */
function defaultEvaluationYear(now = new Date()): number {
  return now.getFullYear() - 1;
}

function QuarterSelect({ quarter, onChange }: { quarter: number | null; onChange(quarter: number | null): void }) {
  const { t } = useI18n();
  return (
    <label className="year-select">
      {t('evaluationQuarter')}{' '}
      <select name="quarter" value={quarter ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}>
        <option value="">{t('evaluationWholeYear')}</option>
        {[1, 2, 3, 4].map((option) => <option key={option} value={option}>Q{option}</option>)}
      </select>
    </label>
  );
}

/** A rule's title with its value and unit, and its document; a yes/no rule (a qualification) by its title alone. */
function ruleText(rules: RuleWords[], language: 'zh' | 'en'): string {
  return rules.map((rule) => {
    const value = rule.value === 'true' || rule.value === 'false' ? '' : ` ${ruleValueWords(rule.value, rule[language].unit, language)}`;
    return `${rule[language].title}${value} (${rule[language].document})`;
  }).join('; ');
}

export function EvaluationView({ year: chosenYear, quarter: chosenQuarter }: { year?: number; quarter?: number }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const { token } = useSession();
  const year = chosenYear ?? defaultEvaluationYear();
  const quarter = chosenQuarter ?? null;
  const answer = useQuery<{ evaluation: EvaluationData }>(EVALUATION_QUERY, { variables: { year, quarter }, fetchPolicy: 'cache-and-network' });
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const data = answer.data?.evaluation;
  const go = (next: { year?: number; quarter?: number | null }) =>
    navigate(routeUrl({ page: 'evaluation', year: next.year ?? year, quarter: (next.quarter === undefined ? quarter : next.quarter) ?? undefined }));

  const actions = (
    <>
      <YearSelect year={year} onChange={(next) => go({ year: next })} />
      <QuarterSelect quarter={quarter} onChange={(next) => go({ quarter: next })} />
      <button type="button" data-action="download" onClick={() => {
        setDownloadError(null);
        const params: Record<string, number> = quarter === null ? { year } : { year, quarter };
        downloadDocument('evaluation.xlsx', params, token, `evaluation-${year}${quarter === null ? '' : `Q${quarter}`}.xlsx`)
          .catch((error: unknown) => setDownloadError(errorMessage(error)));
      }}>{t('downloadXlsx')}</button>
      {downloadError && <span className="bad" role="alert">{downloadError}</span>}
    </>
  );

  const label = data?.scorecard.label[language] ?? '';
  const card = data?.scorecard;
  const titleOf = (code: string) => card?.indicators.find((row) => row.code === code)?.title[language]
    ?? card?.deductions.find((row) => row.code === code)?.title[language] ?? code;
  const compare = data ? [
    ...(data.previousPeriod ? [`${t('evaluationQuarterOnQuarter')} ${data.previousPeriod.label}`] : []),
    `${t('evaluationYearOnYear')} ${data.yearAgoPeriod.label}`,
  ].join(', ') : '';

  return (
    <QueryState loading={answer.loading && !data} error={answer.error} empty={false} onRetry={() => answer.refetch()} minHeight={200}>
      {data && card && (
        <PrintableDocument
          name="evaluation"
          title={t('evaluationTitle', { period: data.period.label })}
          subtitle={<>
            <p className="own-scoring" data-own-scoring>{label}</p>
            <p>{data.scopeNote ? <span className="scope-note" data-scope-note>{data.scopeNote[language]}</span> : t('evaluationScopeProvince')}</p>
            <p>{data.period.from} – {data.period.to} · {t('evaluationCompare', { periods: compare })}</p>
          </>}
          actions={actions}
        >
          <DocumentSection id="ranking" title={t('evaluationRanking')} note={label}>
            {data.insurers.length === 0 ? <p className="hint" data-empty>{t('evaluationNone')}</p> : (
              <table className="table compact">
                <thead><tr>
                  <th scope="col" className="num">{t('rank')}</th><th scope="col">{t('insurer')}</th>
                  <th scope="col" className="num">{t('totalScore')}</th><th scope="col" className="num">{t('baseScore')}</th>
                  <th scope="col" className="num">{t('deductionPoints')}</th><th scope="col">{t('grade')}</th>
                  {data.previousPeriod && <th scope="col" className="num">{t('evaluationQuarterOnQuarter')} {data.previousPeriod.label}</th>}
                  <th scope="col" className="num">{t('evaluationYearOnYear')} {data.yearAgoPeriod.label}</th>
                </tr></thead>
                <tbody>{data.insurers.map((row) => (
                  <tr key={row.insurer.id} data-insurer={row.insurer.id} data-grade={row.grade}>
                    <td className="num" data-rank>{row.rank}</td>
                    <td><a href={`#scorecard-${row.insurer.id}`}>{row.insurer.name}</a></td>
                    <td className="num" data-total>{points(row.total)}</td>
                    <td className="num">{points(row.base)}</td>
                    <td className="num">{points(row.deductionPoints)}</td>
                    <td className={row.grade === 'fail' ? 'bad' : undefined}>{row.gradeTitle[language]}</td>
                    {data.previousPeriod && <td className="num">{points(row.previousTotal)} ({signed(row.previousTotal === null ? null : row.total - row.previousTotal)})</td>}
                    <td className="num">{points(row.yearAgoTotal)} ({signed(row.yearAgoTotal === null ? null : row.total - row.yearAgoTotal)})</td>
                  </tr>
                ))}</tbody>
              </table>
            )}
          </DocumentSection>

          <DocumentSection id="follow-ups" title={t('evaluationFollowUps')} note={card.followUpSource[language]}>
            {data.smallCityPairs !== null && (
              <p className="hint" data-city-minimum={card.cityFollowUp.minPolicies}>
                {card.cityFollowUp.title[language]}
                {' · '}
                <span data-small-city-pairs={data.smallCityPairs}>{t('evaluationSmallCityPairs', { count: data.smallCityPairs })}</span>
              </p>
            )}
            {data.followUps.length === 0 ? <p className="hint" data-empty>{t('evaluationNoFollowUps')}</p> : (
              <table className="table compact">
                <thead><tr>
                  <th scope="col">{t('insurer')}</th><th scope="col">{t('scope')}</th>
                  <th scope="col" className="num">{t('policiesStarting')}</th><th scope="col" className="num">{t('totalScore')}</th>
                  <th scope="col">{t('measure')}</th><th scope="col">{t('weakIndicators')}</th><th scope="col">{t('rulesBroken')}</th>
                </tr></thead>
                <tbody>{data.followUps.map((row) => (
                  <tr key={`${row.insurer.id}-${row.city?.code ?? 'all'}`} data-follow-up={`${row.insurer.id}-${row.city?.code ?? 'all'}`} data-measure={row.measure}>
                    <td className="name-cell">{row.insurer.name}</td>
                    <td className="nowrap">{row.city?.name ?? data.region.name}</td>
                    <td className="num">{row.policies}</td>
                    <td className="num">{points(row.total)}</td>
                    <td className="bad nowrap">{row.measureTitle[language]}</td>
                    <td>{[...row.indicators, ...row.deductions].map(titleOf).join(language === 'zh' ? '、' : ', ') || '—'}</td>
                    <td className="rule-cell">{ruleText(row.rules, language) || '—'}</td>
                  </tr>
                ))}</tbody>
              </table>
            )}
          </DocumentSection>

          {data.insurers.map((row) => (
            <DocumentSection key={row.insurer.id} id={`scorecard-${row.insurer.id}`}
              title={`${t('evaluationDetail')} · ${row.rank}. ${row.insurer.name} · ${points(row.total)} ${row.gradeTitle[language]}`} note={label}>
              <table className="table compact" data-scorecard={row.insurer.id}>
                <thead><tr>
                  <th scope="col">{t('indicator')}</th><th scope="col" className="num">{t('indicatorValue')}</th>
                  <th scope="col" className="num">{t('weight')}</th><th scope="col" className="num">{t('effectiveWeight')}</th>
                  <th scope="col" className="num">{t('score')}</th>
                  {data.previousPeriod && <th scope="col" className="num">{t('evaluationQuarterOnQuarter')}</th>}
                  <th scope="col" className="num">{t('evaluationYearOnYear')}</th>
                  <th scope="col">{t('basis')}</th>
                </tr></thead>
                <tbody>
                  {row.indicators.map((line) => {
                    const indicator = card.indicators.find((candidate) => candidate.code === line.code)!;
                    return (
                      <tr key={line.code} data-indicator={line.code} data-not-applicable={line.notApplicable ?? undefined}>
                        <th scope="row">{indicator.title[language]}</th>
                        <td className="num" data-value title={line.numerator === null ? undefined : `${formatCount(line.numerator)} / ${formatCount(line.denominator)}`}>
                          {line.notApplicable ? <span className="hint" title={line.notApplicableReason?.[language]}>{t(NOT_APPLICABLE_KEYS[line.notApplicable])}</span> : percentValue(line.value)}
                        </td>
                        <td className="num">{line.weight}</td>
                        <td className="num">{points(line.effectiveWeight)}</td>
                        <td className="num" data-score>{points(line.score)}</td>
                        {data.previousPeriod && <td className="num">{signed(line.previous?.scoreChange)}</td>}
                        <td className="num" data-year-ago>{signed(line.yearAgo?.scoreChange)}</td>
                        <td className="rule-cell">{indicator.rules.length > 0 ? ruleText(indicator.rules, language) : indicator.basis[language]}</td>
                      </tr>
                    );
                  })}
                  {row.deductions.filter((deduction) => deduction.count > 0).map((deduction) => (
                    <tr key={deduction.code} data-deduction={deduction.code}>
                      <th scope="row">{t('deductionPoints')}: {titleOf(deduction.code)}</th>
                      <td className="num">{t('timesCount', { count: formatCount(deduction.count) })}</td>
                      <td /><td />
                      <td className="num bad" data-score>−{points(deduction.points)}</td>
                      {data.previousPeriod && <td />}
                      <td />
                      <td className="rule-cell">{card.deductions.find((entry) => entry.code === deduction.code)?.basis[language]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </DocumentSection>
          ))}

          <DocumentSection id="scoring" title={`${t('evaluationScoring')} · ${label}`}
            note={<>
              {t('gradeLines', { lines: card.grades.map((grade) => `${grade.title[language]} ≥ ${grade.min}`).join(', ') })}
              {' · '}
              {t('followUpLines', { lines: card.followUpLines.map((line) => `< ${line.below} ${line.title[language]}`).join(', ') })}
              {' · '}
              {card.cityFollowUp.title[language]}
            </>}>
            <table className="table compact" data-scoring>
              <thead><tr>
                <th scope="col">{t('indicator')}</th><th scope="col" className="num">{t('weight')}</th><th scope="col">{t('formula')}</th><th scope="col">{t('basis')}</th>
              </tr></thead>
              <tbody>
                {card.indicators.map((indicator) => (
                  <tr key={indicator.code} data-weight-of={indicator.code}>
                    <th scope="row">{indicator.title[language]}<div className="hint">{indicator.measure[language]}</div></th>
                    <td className="num">{indicator.weight}</td>
                    <td>{indicator.formula.words[language]}</td>
                    <td>{indicator.basis[language]}</td>
                  </tr>
                ))}
                {card.deductions.map((deduction) => (
                  <tr key={deduction.code}>
                    <th scope="row">{t('deductionPoints')}</th>
                    <td />
                    <td>{t('deductionLine', { title: deduction.title[language], each: String(deduction.pointsEach), cap: String(deduction.cap) })}</td>
                    <td>{deduction.basis[language]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DocumentSection>
          <p className="hint"><Link href={routeUrl({ page: 'annualReports', year: data.period.year })}>{t('navReports')}</Link></p>
        </PrintableDocument>
      )}
    </QueryState>
  );
}
