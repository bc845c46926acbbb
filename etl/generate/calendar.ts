/**
 * Calendar days as whole numbers (days since 1970-01-01), so that the generator adds and compares
 * dates without time zones: every date of the exchange format is a plain `YYYY-MM-DD` day.
 */

const MS_PER_DAY = 86_400_000;

export type Day = number;

export function dayOf(year: number, month: number, dayOfMonth: number): Day {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

const formatted = new Map<Day, string>();

/** 19723 → "2024-01-01". */
export function formatDay(day: Day): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

export function parseDay(text: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a YYYY-MM-DD date: "${text}"`);
  return dayOf(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/**
 * The same day some calendar months later, clamped to the end of a shorter month — as ClickHouse's
 * addMonths, which docs/definitions.md uses for the three-month first-service window:
 * 2024-11-30 + 3 = 2025-02-28.
 */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const monthIndex = date.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return Date.UTC(year, monthIndex, Math.min(date.getUTCDate(), lastOfTarget)) / MS_PER_DAY;
}

/** An annual policy's last day: the start plus one year, less one day. */
export function annualEnd(start: Day): Day {
  return addMonths(start, 12) - 1;
}
