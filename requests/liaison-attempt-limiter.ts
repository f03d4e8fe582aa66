import type { Clock } from '../bot/clock.js';
import { type AttemptCounter, MemoryAttemptCounter } from './attempt-counter.js';

/**
 * Counts failed link attempts per identity and across everyone, in fixed
 * windows opened by an identity's first attempt: after `perKey` failures from
 * one identity, or `global` failures in all, further attempts are refused
 * until the window closes. Counted by the AttemptCounter it is given (the
 * bot's: a file in DATA_DIR, or PostgreSQL shared by every instance); in this
 * process's memory when given none (tools, tests).
 */
export interface AttemptLimits {
  readonly perKey: number;
  readonly global: number;
  readonly windowMs: number;
  /** Identities the default in-memory counter tracks at most; the oldest windows are forgotten first. */
  readonly maxKeys: number;
}

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  perKey: 5,
  global: 100,
  windowMs: 60 * 60 * 1000,
  maxKeys: 10_000,
};

const GLOBAL_KEY = 'liaison-link:*';
const keyOf = (key: string) => `liaison-link:${key}`;

export class AttemptLimiter {
  private readonly perKey: AttemptCounter;
  private readonly global: AttemptCounter;

  /**
   * `counter`: one shared by every instance (PostgreSQL). Without it, each
   * identity counts in a bounded memory counter and the global count in one
   * of its own, so a flood of identities can never push the global count out.
   */
  constructor(
    clock: Clock,
    private readonly limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS,
    counter?: AttemptCounter,
  ) {
    this.perKey = counter ?? new MemoryAttemptCounter({ maxKeys: limits.maxKeys, clock });
    this.global = counter ?? new MemoryAttemptCounter({ maxKeys: 1, clock });
  }

  /** False when this key (or everyone) has used up the failures allowed in the window. */
  async allowed(key: string): Promise<boolean> {
    const [everyone, mine] = await Promise.all([
      this.global.hit(GLOBAL_KEY, this.limits.windowMs, 0),
      this.perKey.hit(keyOf(key), this.limits.windowMs, 0),
    ]);
    return everyone.count < this.limits.global && mine.count < this.limits.perKey;
  }

  async recordFailure(key: string): Promise<void> {
    await Promise.all([
      this.global.hit(GLOBAL_KEY, this.limits.windowMs),
      this.perKey.hit(keyOf(key), this.limits.windowMs),
    ]);
  }

  /** A success clears this key's failures (not the global count). */
  async reset(key: string): Promise<void> {
    await this.perKey.reset(keyOf(key));
  }
}
