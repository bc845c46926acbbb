/**
 * 同比, the change from the same period last year, one way everywhere:
 * - a rate (投保率, 达标率, 占比, 赔付率) changes by percentage points: this year's rate − last year's;
 * - an amount or a count (保费, 赔款, 企业数) changes by percent: (this − last) ÷ last, undefined when
 *   last year's is zero.
 * The same period is the same day a year earlier for a figure of a day (coverage on 2026-06-15 against
 * 2025-06-15; 29 February against 28 February), and the previous year as the API counts it for a yearly figure.
 */
import { formatPercent, formatPointChange } from './format';
import type { Language } from './i18n';

/** The same day one year earlier: 2026-06-15 → 2025-06-15, 2028-02-29 → 2027-02-28. */
export function yearAgo(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const month = day.slice(5, 7);
  let date = day.slice(8, 10);
  if (month === '02' && date === '29') date = '28';
  return `${String(year).padStart(4, '0')}-${month}-${date}`;
}

/** Percent change of an amount or a count; null when either is unknown or last year's is zero. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

/** "+5.3%" / "−2.0%" / "±0.0%"; a dash when undefined. */
export function formatPercentChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${formatPercent(Math.abs(change))}`;
}

export type Change = { kind: 'points' | 'percent'; text: string; direction: 'up' | 'down' | 'flat' | 'none' };

function directionOf(delta: number | null): Change['direction'] {
  if (delta === null) return 'none';
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
}

/** 同比 of a rate, in percentage points. */
export function rateChange(current: number | null, previous: number | null, language: Language): Change {
  return {
    kind: 'points',
    text: formatPointChange(current, previous, language),
    direction: directionOf(current === null || previous === null ? null : current - previous),
  };
}

/** 同比 of an amount (a decimal string or a number) or a count, in percent. */
export function amountChange(current: number | string | null, previous: number | string | null): Change {
  const change = percentChange(current === null ? null : Number(current), previous === null ? null : Number(previous));
  return { kind: 'percent', text: formatPercentChange(change), direction: directionOf(change) };
}
