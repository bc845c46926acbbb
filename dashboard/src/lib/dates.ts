import { todayInShanghai } from '../../../domain/today';

/** The year of the yearly indicators: the filter's, else the year of the as-of day, else this year. */
export function indicatorYear(filters: { year?: number; asOf?: string }, now: Date = new Date()): number {
  return filters.year ?? Number((filters.asOf ?? todayInShanghai(now.getTime())).slice(0, 4));
}
