/** Today in Asia/Shanghai, the API's default day, as YYYY-MM-DD (en-CA formats dates that way). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The year of the yearly indicators: the filter's, else the year of the as-of day, else this year. */
export function indicatorYear(filters: { year?: number; asOf?: string }, now: Date = new Date()): number {
  return filters.year ?? Number((filters.asOf ?? todayInShanghai(now)).slice(0, 4));
}
