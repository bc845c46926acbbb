/**
 * The demo data's insurer filings (资料报送, docs/definitions.md 13) and annual reports (年度报告, 14), judged
 * against the rulebook's filing_deadline and annual_report_deadline:
 * - an insurer with a filing date (insurers.filed_on, on time or late as the insurers are planned)
 *   delivered every item of 附件1, the last on that day; the insurer without one delivered all but
 *   one to three items in the weeks before the deadline: its filing is incomplete;
 * - each insurer's annual report on each year whose deadline the data reaches: most on time, two
 *   late, one missing, never one of the punctual insurers (the diligent ones of dataset.ts).
 * Nothing is dated after the data's last day.
 */
import { yearEnd, type Rulebook } from '../../domain/rulebook';
import { FILING_ITEMS } from '../../domain/vocabulary';
import type { AnnualReportRow, InsurerFilingRow, InsurerRow } from '../../platform/entities';
import type { Unstamped } from '../../platform/store';
import { dayOf, formatDay, parseDay, type Day } from './calendar';
import type { GenerateOptions } from './options';
import { Random } from './random';

/** Days before the filing date over which the other items arrived. */
const FILING_SPREAD_DAYS = 45;
const LATE_REPORTS_PER_YEAR = 2;

/** The first filing deadline in force in the data's years: the one a filing is first judged by. */
function firstFilingDeadline(options: GenerateOptions, rulebook: Rulebook): Day | undefined {
  for (let year = options.years.from; year <= options.years.to; year += 1) {
    const rule = rulebook.ruleInForce('filing_deadline', yearEnd(year));
    if (rule) return parseDay(rule.value);
  }
  return undefined;
}

export function insurerFilings(
  options: GenerateOptions, rulebook: Rulebook, insurers: ReadonlyArray<Unstamped<InsurerRow>>, dataEnd: Day,
): Array<Unstamped<InsurerFilingRow>> {
  const random = Random.derive(options.seed, 'filings');
  const deadline = firstFilingDeadline(options, rulebook);
  const rows: Array<Unstamped<InsurerFilingRow>> = [];
  for (const insurer of insurers) {
    const items = random.shuffle([...FILING_ITEMS]);
    if (insurer.filedOn !== null) {
      const complete = parseDay(insurer.filedOn);
      items.forEach((item, i) => {
        const day = i === 0 ? complete : complete - random.between(0, FILING_SPREAD_DAYS);
        rows.push({ insurerId: insurer.id, item, receivedOn: formatDay(day) });
      });
    } else if (deadline !== undefined) {
      const delivered = items.slice(random.between(1, 3));
      for (const item of delivered) {
        const day = deadline - random.between(5, FILING_SPREAD_DAYS + 5);
        if (day <= dataEnd) rows.push({ insurerId: insurer.id, item, receivedOn: formatDay(day) });
      }
    }
  }
  return rows;
}

export function annualReports(
  options: GenerateOptions, rulebook: Rulebook, insurers: ReadonlyArray<Unstamped<InsurerRow>>, dataEnd: Day,
  punctual: ReadonlySet<string> = new Set(),
): Array<Unstamped<AnnualReportRow>> {
  const random = Random.derive(options.seed, 'annual-reports');
  const rows: Array<Unstamped<AnnualReportRow>> = [];
  for (let year = options.years.from; year <= options.years.to; year += 1) {
    const rule = rulebook.ruleInForce('annual_report_deadline', yearEnd(year));
    if (!rule) continue;
    // The rule's value is the month and day of the following year, e.g. "01-31".
    const deadline = parseDay(`${year + 1}-${rule.value}`);
    if (deadline > dataEnd) continue;
    const yearAfter = dayOf(year + 1, 1, 1);
    const shuffled = random.shuffle([...insurers]);
    // The missing and late reports come first: the punctual insurers go last.
    const order = [...shuffled.filter((insurer) => !punctual.has(insurer.id)), ...shuffled.filter((insurer) => punctual.has(insurer.id))];
    order.forEach((insurer, i) => {
      if (i === 0) return;
      const day = i <= LATE_REPORTS_PER_YEAR
        ? deadline + random.between(1, 60)
        : Math.max(yearAfter, deadline - random.between(0, 25));
      if (day <= dataEnd) rows.push({ insurerId: insurer.id, year, submittedOn: formatDay(day) });
    });
  }
  return rows;
}
