/**
 * Today as the platform means it: the calendar day in Shanxi (Asia/Shanghai). China keeps UTC+8 all
 * year, without daylight saving since 1991, so that day is the UTC day eight hours on.
 */
const CHINA_STANDARD_TIME_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` of the day in Asia/Shanghai at the instant `now` (milliseconds since the epoch). */
export function todayInShanghai(now: number = Date.now()): string {
  return new Date(now + CHINA_STANDARD_TIME_MS).toISOString().slice(0, 10);
}
