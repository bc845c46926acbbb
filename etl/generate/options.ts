/**
 * What the caller chooses: the seed, the scale and the years of policies.
 *
 * Scales: `shanxi` is the province's size (about 6,000 enterprises); `tiny` is a twentieth of it, for
 * fast tests; `national` is a hundred times Shanxi for benchmarks (about 600,000 enterprises and
 * millions of policies and services). National reuses Shanxi's 117 real county codes, each with a
 * hundred times as many enterprises: the warehouse, its partitions and every region query see the
 * same codes, only more rows per county. Insurers (20) and providers (30) stay the same at every scale.
 */

export const SCALES = ['tiny', 'shanxi', 'national'] as const;
export type Scale = (typeof SCALES)[number];

export const SCALE_FACTOR: Record<Scale, number> = { tiny: 0.05, shanxi: 1, national: 100 };

export interface YearRange {
  from: number;
  to: number;
}

export interface GenerateOptions {
  /** Any whole number from 0 to 2^32 − 1; the same seed gives the same data byte for byte. */
  seed: number;
  scale: Scale;
  /** Calendar years in which policies start; services, ledger entries and claims end on `to`-12-31. */
  years: YearRange;
  /**
   * The data's last day, YYYY-MM-DD, when it is earlier than the end of `years.to`: nothing happens
   * after it (no policy starts, no service, ledger entry, accident, claim report, settlement or filing).
   * The import refuses facts dated after today, so demo data meant for today ends today.
   */
  until?: string;
}

export const DEFAULT_YEARS: YearRange = { from: 2022, to: 2025 };
const MAX_YEARS = 10;

export class GenerateOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateOptionsError';
  }
}

/** "2022-2025" or "2024". */
export function parseYears(text: string): YearRange {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!match) throw new GenerateOptionsError(`--years: expected YYYY or YYYY-YYYY, got "${text}"`);
  const years = { from: Number(match[1]), to: Number(match[2] ?? match[1]) };
  validateYears(years);
  return years;
}

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > 0xffff_ffff) {
    throw new GenerateOptionsError(`--seed: expected a whole number from 0 to 4294967295, got "${text}"`);
  }
  return Number(text);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-01": a calendar day. */
export function parseUntil(text: string): string {
  const match = DAY.exec(text.trim());
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || day === undefined || day.toISOString().slice(0, 10) !== text.trim()) {
    throw new GenerateOptionsError(`--until: expected a day as YYYY-MM-DD, got "${text}"`);
  }
  return text.trim();
}

export function parseScale(text: string): Scale {
  if (!(SCALES as readonly string[]).includes(text)) {
    throw new GenerateOptionsError(`--scale: expected one of ${SCALES.join(', ')}, got "${text}"`);
  }
  return text as Scale;
}

export function validateOptions(options: GenerateOptions): void {
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffff_ffff) {
    throw new GenerateOptionsError(`seed: expected a whole number from 0 to 4294967295, got ${options.seed}`);
  }
  parseScale(options.scale);
  validateYears(options.years);
  if (options.until !== undefined) {
    parseUntil(options.until);
    if (options.until < `${options.years.from}-01-01`) {
      throw new GenerateOptionsError(`until: the data's last day, ${options.until} (--until, today by default), is before its first year, ${options.years.from}`);
    }
  }
}

function validateYears({ from, to }: YearRange): void {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 2000 || to > 2100) {
    throw new GenerateOptionsError(`years: expected years from 2000 to 2100, got ${from}-${to}`);
  }
  if (from > to) throw new GenerateOptionsError(`years: ${from} is after ${to}`);
  if (to - from + 1 > MAX_YEARS) throw new GenerateOptionsError(`years: at most ${MAX_YEARS} years, got ${to - from + 1}`);
}
