/**
 * Rules between the cells of one row, checked once every cell has been read. Rules that need other
 * rows (references, co-insurance sums) live with the import itself.
 */
import type { FileName } from './files';

export interface RowProblem {
  column: string;
  rule: string;
  message: string;
}

type Row = Record<string, unknown>;
type RowRule = (row: Row) => RowProblem[];

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

export function rowProblems(file: FileName, row: Row): RowProblem[] {
  return ROW_RULES[file]?.(row) ?? [];
}
