/**
 * Numbers the way the regulator reads them: money in 元 below ten thousand and in 万元 above it
 * (亿元 from a hundred million), rates as percentages with one decimal, counts with digit grouping.
 * Money arrives from the API as an exact decimal string (the `Decimal` scalar); it is rounded here for
 * display only, and the exact string is kept for tooltips.
 */
import type { Language } from './i18n';

const EMPTY = '—';

function grouped(value: number, fractionDigits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

function toNumber(decimal: string | number): number {
  const value = typeof decimal === 'number' ? decimal : Number(decimal);
  if (!Number.isFinite(value)) throw new Error(`Not a decimal amount of money: ${JSON.stringify(decimal)}`);
  return value;
}

/** 9,876.50 元 · 1,234.57 万元 · 12.35 亿元 (en: CNY 9,876.50 · CNY 12.35 K · CNY 1.23 M · CNY 1.23 B). */
export function formatMoney(decimal: string | number | null | undefined, language: Language = 'zh'): string {
  if (decimal === null || decimal === undefined || decimal === '') return EMPTY;
  const yuan = toNumber(decimal);
  const size = Math.abs(yuan);
  if (language === 'en') {
    if (size >= 1e9) return `CNY ${grouped(yuan / 1e9, 2)} B`;
    if (size >= 1e6) return `CNY ${grouped(yuan / 1e6, 2)} M`;
    if (size >= 1e4) return `CNY ${grouped(yuan / 1e3, 1)} K`;
    return `CNY ${grouped(yuan, 2)}`;
  }
  if (size >= 1e8) return `${grouped(yuan / 1e8, 2)} 亿元`;
  if (size >= 1e4) return `${grouped(yuan / 1e4, 2)} 万元`;
  return `${grouped(yuan, 2)} 元`;
}

/** The exact amount, for tooltips and exports: "12,345,678.90 元". */
export function formatMoneyExact(decimal: string | null | undefined, language: Language = 'zh'): string {
  if (decimal === null || decimal === undefined || decimal === '') return EMPTY;
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${negative ? '-' : ''}${digits}.${fraction.padEnd(2, '0')}`;
  return language === 'en' ? `CNY ${amount}` : `${amount} 元`;
}

/** A ratio (0.873) as a percentage with one decimal ("87.3%"); an undefined ratio (null) as a dash. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY;
  return `${(ratio * 100).toFixed(1)}%`;
}

export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined) return EMPTY;
  return grouped(count, 0);
}

/** Percentage points between two ratios, signed: "+2.4 pp" / "−0.8 个百分点". */
export function formatPointChange(ratio: number | null, previous: number | null, language: Language = 'zh'): string {
  if (ratio === null || previous === null) return EMPTY;
  const points = (ratio - previous) * 100;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  const size = Math.abs(points).toFixed(1);
  return language === 'en' ? `${sign}${size} pp` : `${sign}${size} 个百分点`;
}

/** An epoch or ISO timestamp as local date and minute, "2026-11-28 14:05". */
export function formatTimestamp(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const date = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
