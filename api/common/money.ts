/**
 * Money from the warehouse to the wire. ClickHouse prints decimals without trailing zeros ("100",
 * "12.5"); amounts attributed by co-insurance share carry up to four decimals of a fen. Sums stay
 * whole fen (integers, exact far beyond any provincial total) until formatted as "12345.60".
 */
import { formatHundredths } from '../../domain/money';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "12345.6789" read as fen (×100), rounded half away from zero to a whole fen: 1234568. */
export function fenOf(decimalYuan: string): number {
  const match = DECIMAL.exec(decimalYuan);
  if (!match) throw new Error(`not a decimal: ${JSON.stringify(decimalYuan)}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = BigInt(whole + fraction.padEnd(2, '0').slice(0, 2));
  const rest = fraction.slice(2);
  const roundUp = rest !== '' && rest[0] >= '5';
  const fen = Number(digits + (roundUp ? 1n : 0n));
  return sign === '-' ? -fen : fen;
}

/** Σ amount × share_percent (yuan × percent) is numerically fen: "123456.7850" → 123457 fen. */
export function fenOfYuanPercent(yuanTimesPercent: string): number {
  const match = DECIMAL.exec(yuanTimesPercent);
  if (!match) throw new Error(`not a decimal: ${JSON.stringify(yuanTimesPercent)}`);
  const [, sign, whole, fraction = ''] = match;
  const fen = Number(BigInt(whole) + (fraction !== '' && fraction[0] >= '5' ? 1n : 0n));
  return sign === '-' ? -fen : fen;
}

export function decimalOfFen(fen: number): string {
  return formatHundredths(fen);
}
