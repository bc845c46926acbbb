/**
 * The figures of the periodic evaluation (定期评估, docs/definitions.md, definition 18), for every
 * insurer and several periods at once: each statement tags its rows with the periods they fall in
 * (the periods are bound as arrays of first and last days) and groups by period, insurer and city, so
 * that the evaluation of a year and the one before is a handful of grouped statements, whatever the
 * number of insurers. City rows add up to any region's figures; the evaluation of a city reads its
 * own rows only (the region filter).
 *
 * Each figure keeps its definition's own home: mandatory enterprises and the service verdicts
 * (services.sql.ts), first-service verdicts and active policies (warehouse/judgements.ts), the
 * qualification of providers (violations.sql.ts), open and overdue claims (claims/timeliness.sql.ts),
 * the rules in force per day (rule-periods.ts); all-employee coverage is read from
 * coverage/all-employee.sql.ts by evaluation.ts.
 */
import type { Region } from '../../domain/regions';
import type { Rulebook } from '../../domain/rulebook';
import { firstServiceJudged, firstServiceStatus } from '../../warehouse/judgements';
import {
  CLAIMS, FEE_LEDGER, POLICY_FACTS, POLICY_SHARES, PROVIDERS, SERVICES,
} from '../../warehouse/schema';
import { OVERDUE_OPEN_DAYS, TIMELY_SETTLEMENT_DAYS, openClaimsJudgedOn, openOn, overdueOn } from '../claims/timeliness.sql';
import { regionFilter } from '../common/region';
import { INSURERS } from '../../warehouse/schema';
import { rulePeriods } from '../common/rule-periods';
import type { WarehouseReader } from '../common/warehouse';
import { serviceVerdictParams, serviceVerdictsSql, type FrequencyRuleValues } from '../services/services.sql';
import { UNQUALIFIED_ON_SERVICE_DATE } from '../violations/violations.sql';

/** A period: its first and last day, both inclusive. */
export interface PeriodSpan {
  from: string;
  to: string;
}

export interface EvaluationQuery {
  region: Region;
  periods: readonly PeriodSpan[];
  rulebook: Rulebook;
}

/** The day each insurer's filing became complete (filings/filings.ts), null while an item is missing. */
export type FilingCompletion = ReadonlyMap<string, string | null>;

/** Every row is about one period (1-based position in the query's periods), one insurer and one city. */
interface Keyed {
  period: number;
  insurer_id: string;
  city_code: string;
}

const FROM = '{p_from:Array(Date)}';
const TO = '{p_to:Array(Date)}';

/** The positions of the periods a day falls in, as an array. */
function periodsOf(day: string): string {
  return `arrayFilter(i -> ${day} >= ${FROM}[i] AND ${day} <= ${TO}[i], range(1, toUInt32(length(${FROM}) + 1)))`;
}

function periodParams(query: EvaluationQuery): Record<string, unknown> {
  const froms = query.periods.map((period) => period.from);
  const tos = query.periods.map((period) => period.to);
  return { p_from: froms, p_to: tos, p_min: [...froms].sort()[0], p_max: [...tos].sort().reverse()[0] };
}

export interface ShareFiguresRow extends Keyed {
  /** Σ premium_received × share_percent: premium received in fen, exact. */
  premium_fen_exact: string;
  policies: number;
  cancelled_count: number;
  death_judged: number;
  death_compliant: number;
  before_filing: number;
}

/**
 * Per share of a policy starting in the period: premium received (definition 5), cancellations,
 * the death limit against the floor in force on the start date (definition 10), and whether it
 * started before the insurer's filing was complete (definition 13; every one while it is not).
 */
export async function shareFigures(reader: WarehouseReader, query: EvaluationQuery & { filings: FilingCompletion }): Promise<ShareFiguresRow[]> {
  const region = regionFilter(query.region);
  const floor = rulePeriods(query.rulebook, 'death_limit_floor', 'floor_rule');
  return reader.rows<ShareFiguresRow>(
    `SELECT period, insurer_id, city_code,
            toString(sum(toDecimal128(premium_received, 2) * share_percent)) AS premium_fen_exact,
            count() AS policies, countIf(cancelled) AS cancelled_count,
            countIf(NOT cancelled AND floor_index > 0) AS death_judged,
            countIf(NOT cancelled AND floor_index > 0 AND death_limit_per_person >= toDecimal128OrZero(floor_value, 2)) AS death_compliant,
            countIf(filing_index = 0 OR {filing_complete:Array(String)}[filing_index] = '' OR start_date < toDateOrZero({filing_complete:Array(String)}[filing_index])) AS before_filing
     FROM (
       SELECT *, indexOf({filing_ids:Array(String)}, insurer_id) AS filing_index
       FROM (SELECT insurer_id, city_code, premium_received, share_percent, cancelled, start_date, death_limit_per_person,
                    arrayJoin(${periodsOf('start_date')}) AS period,
                    ${floor.indexSql('start_date')} AS floor_index, ${floor.valueSql('floor_index')} AS floor_value
             FROM ${POLICY_SHARES.name}
             WHERE start_date >= {p_min:Date} AND start_date <= {p_max:Date} AND ${region.sql})
     )
     GROUP BY period, insurer_id, city_code`,
    {
      ...region.params, ...periodParams(query), ...floor.params,
      filing_ids: [...query.filings.keys()], filing_complete: [...query.filings.values()].map((day) => day ?? ''),
    },
  );
}

export interface LedgerFiguresRow extends Keyed {
  spending: string;
  entries: number;
  linked: number;
}

/** Ledger entries dated in the period (definition 6), in the city of the county each names. */
export async function ledgerFigures(reader: WarehouseReader, query: EvaluationQuery): Promise<LedgerFiguresRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<LedgerFiguresRow>(
    `SELECT period, insurer_id, city_code, toString(sum(amount)) AS spending, count() AS entries, countIf(service_id IS NOT NULL) AS linked
     FROM (SELECT insurer_id, city_code, amount, service_id, arrayJoin(${periodsOf('entry_date')}) AS period
           FROM ${FEE_LEDGER.name}
           WHERE entry_date >= {p_min:Date} AND entry_date <= {p_max:Date} AND ${region.sql})
     GROUP BY period, insurer_id, city_code`,
    { ...region.params, ...periodParams(query) },
  );
}

export interface FirstServiceFiguresRow extends Keyed {
  judged: number;
  on_time: number;
}

/**
 * First service (definition 9), each policy judged in the period its window ends in, on that
 * period's last day: on time when its earliest service by one of its insurers lies inside the window.
 */
export async function firstServiceFigures(reader: WarehouseReader, query: EvaluationQuery): Promise<FirstServiceFiguresRow[]> {
  const region = regionFilter(query.region);
  const window = rulePeriods(query.rulebook, 'first_service_window', 'window_rule');
  const periodEnd = `${TO}[period]`;
  return reader.rows<FirstServiceFiguresRow>(
    `SELECT period, insurer_id, city_code, count() AS judged, countIf(status = 'on_time') AS on_time
     FROM (
       SELECT period, city_code, insurer_ids, ${firstServiceStatus('first_service', 'window_end', periodEnd)} AS status
       FROM (SELECT city_code, insurer_ids, cancelled, first_service, window_end, arrayJoin(${periodsOf('window_end')}) AS period
             FROM (SELECT city_code, insurer_ids, cancelled, first_service, ${window.indexSql('start_date')} AS rule_index,
                          addMonths(start_date, toInt32OrZero(${window.valueSql('rule_index')})) AS window_end
                   FROM ${POLICY_FACTS.name}
                   WHERE start_date <= {p_max:Date} AND ${region.sql})
             WHERE rule_index > 0)
       WHERE ${firstServiceJudged('window_end', `addDays(${periodEnd}, 1)`)}
     )
     ARRAY JOIN insurer_ids AS insurer_id
     GROUP BY period, insurer_id, city_code`,
    { ...region.params, ...periodParams(query), ...window.params },
  );
}

export interface ServiceYearRow {
  period: number;
  insurer_id: string;
  county_code: string;
  required_count: number;
  compliant_count: number;
  exempt_count: number;
  exempt_served: number;
}

/**
 * For the periods of one year: service frequency (definition 8, the year's verdicts, the same for
 * each of its periods) and the reach of the small and micro enterprises it exempts: those served by
 * the insurer, any kind of service, in the period. Per county (the verdicts carry no city).
 */
export async function serviceYearFigures(
  reader: WarehouseReader,
  query: EvaluationQuery & { year: number; yearPeriods: readonly number[]; rules: FrequencyRuleValues },
): Promise<ServiceYearRow[]> {
  const region = regionFilter(query.region);
  const verdicts = serviceVerdictsSql({ year: query.year, region: query.region, insurerId: null, rules: query.rules }, region.sql);
  return reader.rows<ServiceYearRow>(
    // "Served" is a set of the exempt enterprises' (enterprise, insurer, period), not a join: at national
    // scale a join's right side of every service's triple took seconds to build.
    `SELECT period, insurer_id, county_code,
            countIf(required_each IS NOT NULL) AS required_count, countIf(compliant = true) AS compliant_count,
            countIf(required_each IS NULL) AS exempt_count,
            countIf(required_each IS NULL AND (enterprise_id, insurer_id, period) IN (
              SELECT enterprise_id, toString(insurer_id), toUInt32(arrayJoin(${periodsOf('service_date')}))
              FROM ${SERVICES.name}
              WHERE service_date >= {p_min:Date} AND service_date <= {p_max:Date} AND ${region.sql}
                AND enterprise_id IN (SELECT enterprise_id FROM (${verdicts}) WHERE required_each IS NULL))) AS exempt_served
     FROM (SELECT enterprise_id, county_code, required_each, compliant, toString(insurer_code) AS insurer_id,
                  arrayJoin({year_periods:Array(UInt32)}) AS period
           FROM (${verdicts}) ARRAY JOIN insurer_ids AS insurer_code)
     GROUP BY period, insurer_id, county_code`,
    {
      ...serviceVerdictParams({ year: query.year, region: query.region, insurerId: null, rules: query.rules }, region.params),
      ...periodParams(query),
      year_periods: [...query.yearPeriods],
    },
  );
}

export interface ServiceFiguresRow extends Keyed {
  found: number;
  rectified: number;
  unqualified_count: number;
}

/** Hazards found and rectified (definition 17) and services by unqualified providers (definition 12), dated in the period. */
export async function serviceFigures(reader: WarehouseReader, query: EvaluationQuery): Promise<ServiceFiguresRow[]> {
  const region = regionFilter(query.region);
  return reader.rows<ServiceFiguresRow>(
    `SELECT period, insurer_id, city_code, sum(hazards_found) AS found, sum(hazards_rectified) AS rectified,
            countIf(unqualified) AS unqualified_count
     FROM (
       SELECT s.period AS period, s.insurer_id AS insurer_id, s.city_code AS city_code, s.hazards_found AS hazards_found,
              s.hazards_rectified AS hazards_rectified, p.id IS NOT NULL AND (${UNQUALIFIED_ON_SERVICE_DATE}) AS unqualified
       FROM (SELECT insurer_id, city_code, provider_id, service_date, hazards_found, hazards_rectified,
                    arrayJoin(${periodsOf('service_date')}) AS period
             FROM ${SERVICES.name}
             WHERE service_date >= {p_min:Date} AND service_date <= {p_max:Date} AND ${region.sql}) AS s
       LEFT JOIN (SELECT id, any(qualification_no) AS qualification_no, any(qualified_until) AS qualified_until, any(blacklisted) AS blacklisted
                  FROM ${PROVIDERS.name} GROUP BY id) AS p ON p.id = s.provider_id
     )
     GROUP BY period, insurer_id, city_code
     SETTINGS join_use_nulls = 1`,
    { ...region.params, ...periodParams(query) },
  );
}

export interface ClaimFiguresRow extends Keyed {
  decided: number;
  denied: number;
  settled: number;
  timely: number;
  open_at_end: number;
  overdue: number;
}

/**
 * Claims (definitions 11 and 16) under each insurer holding a share of the claimed policy: decided
 * (paid or denied) in the period, by the day settled (the report day when none is recorded); timely
 * when settled within 30 days of the report; open and overdue on the period's judging day (its last
 * day once it has ended, `asOf` while it runs), as timeliness.sql.ts judges them for the annual report.
 */
export async function claimFigures(reader: WarehouseReader, query: EvaluationQuery & { asOf: string }): Promise<ClaimFiguresRow[]> {
  const region = regionFilter(query.region);
  const periodEnd = `${TO}[period]`;
  const judgedOn = '{p_judged:Array(Date)}[period]';
  const decided = `status IN ('paid', 'denied') AND coalesce(settled_on, reported_on) >= ${FROM}[period] AND coalesce(settled_on, reported_on) <= ${periodEnd}`;
  return reader.rows<ClaimFiguresRow>(
    `SELECT period, insurer_id, city_code,
            countIf(${decided}) AS decided, countIf(${decided} AND status = 'denied') AS denied,
            countIf(${decided} AND settled_on IS NOT NULL) AS settled,
            countIf(${decided} AND settled_on IS NOT NULL AND dateDiff('day', reported_on, settled_on) <= {timely_days:UInt32}) AS timely,
            countIf(${openOn(judgedOn)}) AS open_at_end,
            countIf(${overdueOn(judgedOn)}) AS overdue
     FROM (
       SELECT c.city_code AS city_code, c.status AS status, c.reported_on AS reported_on, c.settled_on AS settled_on, s.insurer_id AS insurer_id,
              arrayJoin(range(1, toUInt32(length(${FROM}) + 1))) AS period
       FROM (SELECT policy_id, city_code, status, reported_on, settled_on FROM ${CLAIMS.name}
             WHERE reported_on <= {p_max:Date} AND ${region.sql}) AS c
       INNER JOIN (SELECT policy_id, insurer_id FROM ${POLICY_SHARES.name}
                   WHERE ${region.sql} AND policy_id IN (SELECT policy_id FROM ${CLAIMS.name} WHERE reported_on <= {p_max:Date} AND ${region.sql})) AS s
         ON s.policy_id = c.policy_id
     )
     GROUP BY period, insurer_id, city_code
     HAVING decided > 0 OR open_at_end > 0`,
    {
      ...region.params, ...periodParams(query), timely_days: TIMELY_SETTLEMENT_DAYS, overdue_days: OVERDUE_OPEN_DAYS,
      p_judged: query.periods.map((period) => openClaimsJudgedOn(period.to, query.asOf)),
    },
  );
}

/** Every insurer of the register, whose filings are judged. */
export async function registeredInsurers(reader: WarehouseReader): Promise<string[]> {
  const rows = await reader.rows<{ id: string }>(`SELECT DISTINCT id FROM ${INSURERS.name} ORDER BY id`);
  return rows.map((row) => row.id);
}
