/** A share of a whole, undefined (null) for an empty whole: never 0 and never 100% of nothing. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** ClickHouse comparisons come back as 1 / 0 (UInt8). */
export function flag(value: boolean | number | null): boolean | null {
  return value === null ? null : Boolean(value);
}
