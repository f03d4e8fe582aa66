import type { Clock } from '../bot/clock.js';

/**
 * Counts failed link attempts in a sliding window, per identity and across
 * everyone: after `perKey` failures from one identity, or `global` failures
 * in all, further attempts are refused until old failures age out of the
 * window. In memory: a restart forgets, which only ever helps a liaison
 * (a 12-character code is still out of reach of a few hundred guesses).
 */
export interface AttemptLimits {
  readonly perKey: number;
  readonly global: number;
  readonly windowMs: number;
  /** Identities tracked at most; the least recently failed are forgotten first. */
  readonly maxKeys: number;
}

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  perKey: 5,
  global: 100,
  windowMs: 60 * 60 * 1000,
  maxKeys: 10_000,
};

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();
  private globalFailures: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS,
  ) {}

  /** False when this key (or everyone) has used up the failures allowed in the window. */
  allowed(key: string): boolean {
    const now = this.clock().getTime();
    this.globalFailures = this.recent(this.globalFailures, now);
    if (this.globalFailures.length >= this.limits.global) return false;
    const mine = this.recent(this.failures.get(key) ?? [], now);
    return mine.length < this.limits.perKey;
  }

  recordFailure(key: string): void {
    const now = this.clock().getTime();
    const mine = this.recent(this.failures.get(key) ?? [], now);
    mine.push(now);
    this.failures.delete(key); // re-insert: Map order is least recently failed first
    this.failures.set(key, mine);
    this.globalFailures = this.recent(this.globalFailures, now);
    this.globalFailures.push(now);
    while (this.failures.size > this.limits.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** A success clears this key's failures (not the global count). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(times: number[], now: number): number[] {
    const from = now - this.limits.windowMs;
    return times.filter((t) => t > from);
  }
}
