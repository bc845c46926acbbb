/**
 * Sign-in failures counted per username and per client address. A few mistakes are free; past them
 * each further failure doubles the wait before the next attempt (1 s, 2 s, 4 s … up to 15 minutes),
 * answered as HTTP 429 with Retry-After. Attempts still being checked count as failures until they
 * succeed, so that fifty sign-ins sent at once cannot all slip in before the first one fails.
 * A success clears its username's record; an address keeps its count (one good account must not
 * launder guesses at the others). Records are forgotten a quarter of an hour after their last failure.
 */

export interface SignInLimits {
  /** Failures per username before any wait. */
  freePerUsername: number;
  /** Failures per address before any wait: higher, since a bureau's office may share one address. */
  freePerAddress: number;
  firstWaitMs: number;
  longestWaitMs: number;
  /** A record with no failure for this long is dropped. */
  forgetAfterMs: number;
  /** Bounds the memory an attacker can fill with made-up usernames; the stalest records go first. */
  maxRecords: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  freePerUsername: 5,
  freePerAddress: 20,
  firstWaitMs: 1000,
  longestWaitMs: 15 * 60_000,
  forgetAfterMs: 15 * 60_000,
  maxRecords: 10_000,
};

interface FailureRecord {
  failures: number;
  pending: number;
  lastFailureAt: number;
}

export interface SignInAttempt {
  succeeded(): void;
  failed(): void;
  /** The password was never checked (the server was too busy): neither a failure nor a success. */
  abandoned(): void;
}

export type SignInAdmission = { attempt: SignInAttempt } | { retryAfterSeconds: number };

export class SignInLimiter {
  private readonly records = new Map<string, FailureRecord>();

  constructor(private readonly limits: SignInLimits = SIGN_IN_LIMITS, private readonly now: () => number = Date.now) {}

  /** Lets the attempt go ahead, or says how long to wait; the caller reports how the attempt ended. */
  admit(username: string, address: string): SignInAdmission {
    const now = this.now();
    // MySQL compares usernames case-insensitively: "PROVINCE" is another key here but the same account there.
    const user = username.trim().toLowerCase();
    const keyed: Array<[string, number]> = [[`user:${user}`, this.limits.freePerUsername], [`address:${address}`, this.limits.freePerAddress]];
    const waitMs = Math.max(...keyed.map(([key, free]) => this.waitMs(this.fresh(key, now), free, now)));
    if (waitMs > 0) return { retryAfterSeconds: Math.ceil(waitMs / 1000) };

    const records = keyed.map(([key]) => this.touched(key, now));
    for (const record of records) record.pending += 1;
    let settled = false;
    const settle = (outcome: 'succeeded' | 'failed' | 'abandoned'): void => {
      if (settled) return;
      settled = true;
      const at = this.now();
      for (const record of records) {
        record.pending -= 1;
        if (outcome === 'failed') {
          record.failures += 1;
          record.lastFailureAt = at;
        }
      }
      if (outcome === 'succeeded') this.records.delete(keyed[0][0]);
    };
    return { attempt: { succeeded: () => settle('succeeded'), failed: () => settle('failed'), abandoned: () => settle('abandoned') } };
  }

  private waitMs(record: FailureRecord | undefined, free: number, now: number): number {
    if (record === undefined) return 0;
    // This attempt would be number failures + pending + 1 since the record began.
    const excess = record.failures + record.pending + 1 - free;
    if (excess <= 0) return 0;
    const wait = Math.min(this.limits.longestWaitMs, this.limits.firstWaitMs * 2 ** (excess - 1));
    return Math.max(0, record.lastFailureAt + wait - now);
  }

  private fresh(key: string, now: number): FailureRecord | undefined {
    const record = this.records.get(key);
    if (record && record.pending === 0 && now - record.lastFailureAt > this.limits.forgetAfterMs) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  /** The record of `key`, moved to the end of the map's order so that the stalest stay at its front. */
  private touched(key: string, now: number): FailureRecord {
    const record = this.fresh(key, now) ?? { failures: 0, pending: 0, lastFailureAt: now };
    this.records.delete(key);
    this.records.set(key, record);
    for (const [staleKey, stale] of this.records) {
      if (this.records.size <= this.limits.maxRecords) break;
      if (stale.pending === 0) this.records.delete(staleKey);
    }
    return record;
  }
}
