/**
 * Exact decimals with two places. The platform database stores them as whole hundredths in integer
 * columns (money in fen 分, co-insurance shares in hundredths of a percent), so that the same column
 * reads identically from SQLite, PostgreSQL and MySQL; the warehouse stores Decimal(18,2) and
 * Decimal(5,2); the wire carries decimal strings. These two functions are the only conversions.
 */

const TWO_PLACES = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "12345.6" → 1234560. Undefined when the text is not a decimal with at most 2 places. */
export function parseHundredths(text: string): number | undefined {
  const match = TWO_PLACES.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(hundredths)) return undefined;
  return sign === '-' ? -hundredths : hundredths;
}

/** 1234560 → "12345.60". */
export function formatHundredths(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
