/**
 * Rules between the cells of one row, checked once every cell has been read. Rules that need other
 * rows (references, co-insurance sums) live with the import itself.
 */
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
 * The dates of what has happened: a service delivered, an entry booked, an accident, a claim
 * reported or settled, an insurer's filing. None of them can be after today. A policy's dates and a
 * provider's qualification may well be.
 */
const FACT_DATES: Partial<Record<FileName, Array<{ column: string; field: string; what: string }>>> = {
  insurers: [{ column: 'filed_on', field: 'filedOn', what: 'a filing' }],
  services: [{ column: 'service_date', field: 'serviceDate', what: 'a service' }],
  fee_ledger: [{ column: 'entry_date', field: 'entryDate', what: 'a ledger entry' }],
  claims: [
    { column: 'accident_date', field: 'accidentDate', what: 'an accident' },
    { column: 'reported_on', field: 'reportedOn', what: 'a claim report' },
    { column: 'settled_on', field: 'settledOn', what: 'a settlement' },
  ],
};

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

const ROW_RULES: Partial<Record<FileName, RowRule>> = { policies: policy, services: service, claims: claim };

/** `today` is the day in Asia/Shanghai, YYYY-MM-DD. */
export function rowProblems(file: FileName, row: Row, today: string): RowProblem[] {
  const problems = ROW_RULES[file]?.(row) ?? [];
  for (const { column, field, what } of FACT_DATES[file] ?? []) {
    if (before(today, row[field])) {
      problems.push({
        column, rule: 'future_date',
        message: `${column} ${row[field]} is after today (${today} in Asia/Shanghai): ${what} is reported once it has happened`,
      });
    }
  }
  return problems;
}
