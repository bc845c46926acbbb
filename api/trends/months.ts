/** Calendar months as numbers (year × 12 + month − 1), so that spans and shifts are plain arithmetic. */

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthIndex(text: string): number {
  const match = MONTH_PATTERN.exec(text);
  if (!match) throw new Error(`not a month: ${JSON.stringify(text)}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function monthText(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthStart(index: number): string {
  return `${monthText(index)}-01`;
}

export function monthEnd(index: number): string {
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${monthText(index)}-${String(lastDay).padStart(2, '0')}`;
}

export function quarterText(index: number): string {
  return `${Math.floor(index / 12)}-Q${Math.floor((index % 12) / 3) + 1}`;
}

/** The same calendar day a year earlier; 29 February falls back to the 28th. */
export function sameDayYearBefore(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const monthDay = day.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}
