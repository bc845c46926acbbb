import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatMoneyExact, formatPercent, formatPointChange } from '../src/lib/format';

describe('formatMoney', () => {
  it('keeps 元 below ten thousand', () => {
    expect(formatMoney('9876.5')).toBe('9,876.50 元');
    expect(formatMoney('0.00')).toBe('0.00 元');
  });
  it('switches to 万元 from ten thousand and to 亿元 from a hundred million', () => {
    expect(formatMoney('10000.00')).toBe('1.00 万元');
    expect(formatMoney('12345678.90')).toBe('1,234.57 万元');
    expect(formatMoney('99999999.99')).toBe('10,000.00 万元');
    expect(formatMoney('1961810415.57')).toBe('19.62 亿元');
  });
  it('keeps the sign of refunds', () => {
    expect(formatMoney('-25000')).toBe('-2.50 万元');
  });
  it('speaks English units in English', () => {
    expect(formatMoney('9876.5', 'en')).toBe('CNY 9,876.50');
    expect(formatMoney('12345678.90', 'en')).toBe('CNY 12.35 M');
  });
  it('shows a dash for a missing amount and refuses a malformed one', () => {
    expect(formatMoney(null)).toBe('—');
    expect(() => formatMoney('12,3')).toThrow(/Not a decimal amount/);
  });
});

describe('formatMoneyExact', () => {
  it('groups the exact decimal string without rounding through a float', () => {
    expect(formatMoneyExact('12345678901234.56')).toBe('12,345,678,901,234.56 元');
    expect(formatMoneyExact('5.6')).toBe('5.60 元');
    expect(formatMoneyExact('-1000', 'en')).toBe('CNY -1,000.00');
  });
});

describe('formatPercent', () => {
  it('shows one decimal', () => {
    expect(formatPercent(0.8734)).toBe('87.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(0.04709072978303747)).toBe('4.7%');
  });
  it('shows an undefined rate as a dash, never as 0%', () => {
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatCount and formatPointChange', () => {
  it('groups digits', () => {
    expect(formatCount(4056)).toBe('4,056');
  });
  it('signs the change in percentage points', () => {
    expect(formatPointChange(0.9, 0.876)).toBe('+2.4 个百分点');
    expect(formatPointChange(0.5, 0.508, 'en')).toBe('−0.8 pp');
    expect(formatPointChange(null, 0.5)).toBe('—');
  });
});
