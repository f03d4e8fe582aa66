import { type Clock, systemClock } from '../bot/clock.js';

/** A key's open window: the attempts counted in it and when it closes. */
export interface AttemptWindow {
  readonly count: number;
  /** Epoch milliseconds at which the window closes; the next hit opens a new one at zero. */
  readonly resetsAt: number;
}

/**
 * Attempts counted per key in fixed windows, what rate limits stand on (wrong
 * staff tokens, liaison link codes). A key's window opens with its first hit
 * and lasts `windowMs`; a hit after it closes opens a new one.
 *
 * `MemoryAttemptCounter` counts for one process (tools, tests). The running
 * bot counts where its other stores are: DATA_DIR/attempts.json with lowdb
 * (requests/lowdb-attempt-counter.ts), so a restart forgets nothing, or one
 * PostgreSQL table (storage/postgres/attempt-counters.ts) every instance
 * shares, so a limit holds however a load balancer spreads the attempts.
 */
export interface AttemptCounter {
  /**
   * Adds `amount` (default 1) to the key's window, opening one when none is
   * open, and returns the window with it, atomically: concurrent hits never
   * see the same count. An `amount` of 0 reads the window through exactly the
   * same work as a count (a right token costs what a wrong one does).
   */
  hit(key: string, windowMs: number, amount?: 0 | 1): Promise<AttemptWindow>;
  /** Forgets the key's window (a success that clears earlier failures). */
  reset(key: string): Promise<void>;
}

export interface MemoryAttemptCounterOptions {
  /** Keys remembered at once; past this the oldest window is forgotten first. Default 10,000. */
  readonly maxKeys?: number;
  readonly clock?: Clock;
}

export const MAX_TRACKED_KEYS = 10_000;

interface Window {
  count: number;
  readonly resetsAt: number;
}

/**
 * Counts in this process's memory, bounded: at most `maxKeys` windows, kept
 * in the order they opened, so closed ones are swept from the front and, when
 * full, the oldest is dropped (a flood of keys never grows memory). Give each
 * limit its own counter: windows of one length close in the order they open.
 */
export class MemoryAttemptCounter implements AttemptCounter {
  private readonly maxKeys: number;
  private readonly clock: Clock;
  private readonly windows = new Map<string, Window>();

  constructor(options: MemoryAttemptCounterOptions = {}) {
    this.maxKeys = options.maxKeys ?? MAX_TRACKED_KEYS;
    this.clock = options.clock ?? systemClock;
  }

  async hit(key: string, windowMs: number, amount: 0 | 1 = 1): Promise<AttemptWindow> {
    const now = this.clock().getTime();
    let window = this.windows.get(key);
    if (window !== undefined && now >= window.resetsAt) {
      this.windows.delete(key);
      window = undefined;
    }
    if (window === undefined) {
      this.sweep(now);
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next();
        if (!oldest.done) this.windows.delete(oldest.value);
      }
      window = { count: 0, resetsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += amount;
    return { count: window.count, resetsAt: window.resetsAt };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  /** Keys currently remembered (for tests of the memory bound). */
  get size(): number {
    return this.windows.size;
  }

  /** Windows are in the order they opened: drop closed ones from the front. */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now < window.resetsAt) return;
      this.windows.delete(key);
    }
  }
}
