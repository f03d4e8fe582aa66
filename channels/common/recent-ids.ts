import type { Clock } from '../../bot/clock.js';
import { systemClock } from '../../bot/clock.js';

export interface RecentIdsOptions {
  /** How many ids to remember at most; the oldest is forgotten first. */
  readonly max?: number;
  /** How long an id is remembered. Providers retry within minutes, not days. */
  readonly ttlMs?: number;
  readonly clock?: Clock;
}

/** Twilio, Slack and X retry for well under a day; a day covers them with a margin. */
export const DEFAULT_DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_DEDUPE_MAX = 10_000;

/**
 * A bounded set of recently seen delivery ids (MessageSid, Slack event_id, X
 * event id) so a provider's retry or duplicate delivery is handled once.
 * Memory is bounded by `max` (insertion-ordered Map = LRU by first sight).
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(options: RecentIdsOptions = {}) {
    this.max = options.max ?? DEFAULT_DEDUPE_MAX;
    this.ttlMs = options.ttlMs ?? DEFAULT_DEDUPE_TTL_MS;
    this.clock = options.clock ?? systemClock;
  }

  /** Records `id`; true when it is new, false when it was seen within the TTL. */
  firstSight(id: string): boolean {
    const now = this.clock().getTime();
    const at = this.seen.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, now);
    this.evict(now);
    return true;
  }

  /** Forgets `id` (when handling it could not even start, so a retry may try again). */
  forget(id: string): void {
    this.seen.delete(id);
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(now: number): void {
    for (const [id, at] of this.seen) {
      if (this.seen.size <= this.max && now - at < this.ttlMs) break;
      this.seen.delete(id);
    }
  }
}
