/**
 * An insurer's filing judged for a year (docs/definitions.md, definition 13): complete on the day its
 * last missing item of 附件1 arrived; for year Y, against the filing deadline in force on Y's last
 * day, on time when complete by it, late when complete after it, incomplete while an item is missing
 * (naming them, whatever the year); a complete filing in a year no deadline rule covers is not judged.
 */
import type { Rulebook } from '../../domain/rulebook';
import { yearEnd } from '../../domain/rulebook';
import { FILING_ITEMS, type FilingItem } from '../../domain/vocabulary';
import type { FilingItemRow } from './filings.sql';

export type YearFilingStatus = 'on_time' | 'late' | 'incomplete' | 'no_deadline';

export interface YearFilingVerdict {
  year: number;
  status: YearFilingStatus;
  /** The day the last item arrived, when every item has; null while incomplete. */
  completeOn: string | null;
  /** The deadline rule judged against; undefined when none covers the year. */
  ruleId: string | null;
  deadline: string | null;
  received: Array<{ item: FilingItem; receivedOn: string }>;
  missing: FilingItem[];
}

export function judgeFiling(rulebook: Rulebook, year: number, items: readonly FilingItemRow[]): YearFilingVerdict {
  const byItem = new Map(items.map((row) => [row.item, row.received_on]));
  const received = FILING_ITEMS.filter((item) => byItem.has(item)).map((item) => ({ item, receivedOn: byItem.get(item) as string }));
  const missing = FILING_ITEMS.filter((item) => !byItem.has(item));
  const completeOn = missing.length === 0 ? received.map((entry) => entry.receivedOn).sort().at(-1) ?? null : null;
  const rule = rulebook.ruleInForce('filing_deadline', yearEnd(year));
  const status: YearFilingStatus = completeOn === null
    ? 'incomplete'
    : rule === undefined ? 'no_deadline' : completeOn <= rule.value ? 'on_time' : 'late';
  return { year, status, completeOn, ruleId: rule?.id ?? null, deadline: rule?.value ?? null, received, missing };
}
