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
