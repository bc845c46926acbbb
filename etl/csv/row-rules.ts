/**
 * Rules between the cells of one row, checked once every cell has been read. Rules that need other
 * rows (references, co-insurance sums) live with the import itself.
 */
import { PLATFORM_TABLE_LIST } from '../../platform/tables';
import type { FileName } from './files';
import type { RuleName } from './rules';

export interface RowProblem {
  column: string;
  rule: RuleName;
  message: string;
}

type Row = Record<string, unknown>;
type RowRule = (row: Row) => RowProblem[];

/**
 * The dates of what has happened (a service delivered, a claim reported, a filing item received, …),
 * as the tables' description marks them: none of them can be after today. A policy's dates and a
 * provider's qualification may well be.
 */
const FACT_DATES = new Map(PLATFORM_TABLE_LIST.map((table) => [
  table.name,
  table.columns.flatMap((column) => (column.happened ? [{ column: column.column, field: column.field, what: column.happened }] : [])),
]));

/** Dates are YYYY-MM-DD, so text order is calendar order. */
const before = (a: unknown, b: unknown): boolean => typeof a === 'string' && typeof b === 'string' && a < b;

const policy: RowRule = (row) =>
  before(row.endDate, row.startDate)
    ? [{ column: 'end_date', rule: 'end_before_start', message: `end_date ${row.endDate} is before start_date ${row.startDate}` }]
    : [];

const service: RowRule = (row) =>
  (row.hazardsRectified as number) > (row.hazardsFound as number)
    ? [{
        column: 'hazards_rectified',
        rule: 'rectified_exceeds_found',
        message: `${row.hazardsRectified} hazards rectified but only ${row.hazardsFound} found`,
      }]
    : [];

const claim: RowRule = (row) => {
  const problems: RowProblem[] = [];
  if (before(row.reportedOn, row.accidentDate)) {
    problems.push({ column: 'reported_on', rule: 'reported_before_accident', message: `reported_on ${row.reportedOn} is before accident_date ${row.accidentDate}` });
  }
  if (before(row.settledOn, row.reportedOn)) {
    problems.push({ column: 'settled_on', rule: 'settled_before_reported', message: `settled_on ${row.settledOn} is before reported_on ${row.reportedOn}` });
  }
  if (row.status === 'paid' && row.paidAmountFen === null) {
    problems.push({ column: 'paid_amount', rule: 'paid_without_amount', message: 'a paid claim needs its paid_amount' });
  }
  if (row.status === 'denied' && row.denialReason === null) {
    problems.push({ column: 'denial_reason', rule: 'denied_without_reason', message: 'a denied claim needs its denial_reason' });
  }
  return problems;
};

/** A report on a year may come in any day after the year began: the deadline judges lateness, not this. */
const annualReport: RowRule = (row) =>
  typeof row.year === 'number' && before(row.submittedOn, `${row.year}-01-01`)
    ? [{ column: 'submitted_on', rule: 'submitted_before_year', message: `submitted_on ${row.submittedOn} is before the year ${row.year} began` }]
    : [];

const ROW_RULES: Partial<Record<FileName, RowRule>> = { policies: policy, services: service, claims: claim, annual_reports: annualReport };

/** `today` is the day in Asia/Shanghai, YYYY-MM-DD. */
export function rowProblems(file: FileName, row: Row, today: string): RowProblem[] {
  const problems = ROW_RULES[file]?.(row) ?? [];
  for (const { column, field, what } of FACT_DATES.get(file) ?? []) {
    if (before(today, row[field])) {
      problems.push({
        column, rule: 'future_date',
        message: `${column} ${row[field]} is after today (${today} in Asia/Shanghai): ${what} is reported once it has happened`,
      });
    }
  }
  return problems;
}
