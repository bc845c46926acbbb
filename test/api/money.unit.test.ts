/**
 * Money rounding on its own: domain/money.ts (whole hundredths ↔ two-place text) and
 * api/common/money.ts (warehouse decimals, with up to four places of a fen from co-insurance
 * shares, rounded half away from zero to a whole fen). Expected values worked out by hand.
 */
import { decimalOfFen, fenOf, fenOfYuanPercent } from '../../api/common/money';
import { formatHundredths, parseHundredths } from '../../domain/money';

describe('domain/money.ts', () => {
  test.each([
    ['12345.6', 1_234_560], ['12345.60', 1_234_560], ['0.05', 5], ['7', 700], ['-0.5', -50], ['-12.34', -1234], ['0', 0],
  ])('parseHundredths(%j) = %d', (text, hundredths) => {
    expect(parseHundredths(text)).toBe(hundredths);
  });

  test.each(['1.234', '', '1.', '.5', '1,5', '+1', ' 1', '1e3', '99999999999999999999'])('parseHundredths(%j) refuses it', (text) => {
    expect(parseHundredths(text)).toBeUndefined();
  });

  test.each([[1_234_560, '12345.60'], [5, '0.05'], [0, '0.00'], [-5, '-0.05'], [-1234, '-12.34'], [100, '1.00']])('formatHundredths(%d) = %j', (hundredths, text) => {
    expect(formatHundredths(hundredths)).toBe(text);
    expect(parseHundredths(text)).toBe(hundredths);
  });
});

describe('api/common/money.ts', () => {
  test.each([
    ['100', 10_000],
    ['12.5', 1250],
    ['12345.6789', 1_234_568],
    // Half a fen rounds away from zero, either sign.
    ['0.005', 1],
    ['-0.005', -1],
    ['2.345', 235],
    ['-2.345', -235],
    // Below half stays, at or above half goes up.
    ['2.3449', 234],
    ['-2.3449', -234],
    ['1.999', 200],
    ['-1.999', -200],
  ])('fenOf(%j) = %d', (text, fen) => {
    expect(fenOf(text)).toBe(fen);
  });

  test.each(['', '1e5', 'NaN', '12.5 ', '--1'])('fenOf(%j) throws: not a decimal', (text) => {
    expect(() => fenOf(text)).toThrow('not a decimal');
  });

  test.each([
    // yuan × percent is fen: 1234.56 yuan × 100 % = 123456 fen.
    ['123456', 123_456],
    ['123456.7850', 123_457],
    ['123456.4999', 123_456],
    ['-123456.5', -123_457],
    ['-123456.4999', -123_456],
  ])('fenOfYuanPercent(%j) = %d', (text, fen) => {
    expect(fenOfYuanPercent(text)).toBe(fen);
  });

  test('a share-weighted sum is rounded once, after summing, so the shares of one policy add up to its amount', () => {
    // 100.00 yuan in three shares of 33.33 %, 33.33 % and 33.34 %: yuan × percent 3333, 3333 and 3334.
    const shares = ['33.33', '33.33', '33.34'].map((percent) => (100 * Number(percent)).toFixed(4));
    expect(shares.map(fenOfYuanPercent)).toEqual([3333, 3333, 3334]);
    // 0.01 yuan in the same shares: each share alone is 0.3333 / 0.3334 fen, 0 when rounded alone;
    // the exact sum 1.0000 is one fen.
    const exact = ['33.33', '33.33', '33.34'].reduce((sum, percent) => sum + 0.01 * Number(percent), 0);
    expect(fenOfYuanPercent(exact.toFixed(4))).toBe(1);
    expect(['0.3333', '0.3333', '0.3334'].map(fenOfYuanPercent)).toEqual([0, 0, 0]);
  });

  test('decimalOfFen formats whole fen with two places, negative included', () => {
    expect(decimalOfFen(1_234_568)).toBe('12345.68');
    expect(decimalOfFen(-1)).toBe('-0.01');
    expect(decimalOfFen(fenOf('-2.345'))).toBe('-2.35');
  });
});
