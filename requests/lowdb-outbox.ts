import type { Clock } from '../bot/clock.js';
import {
  afterFailure,
  type ClaimedNotice,
  DEFAULT_NOTICE_LIST_LIMIT,
  type Notice,
  type NoticeFailure,
  type NoticeFilter,
  type Outbox,
} from './outbox.js';
import type { TrackingNumber } from './types.js';

/**
 * The outbox of the lowdb request store: its entries live in requests.json
 * beside the requests (`outbox`), written by the store's own writes, so a
 * status change and its entry reach the disk in one write.
 *
 * Leases are kept in memory: lowdb is one process per DATA_DIR, so no other
 * process claims, and after a restart every pending entry is due at once
 * (the process that held it is gone). Changes to entries are undone in memory
 * when their write fails, as the store's own are.
 */
export interface LowdbOutboxHost {
  /** The file's entries (the array itself: the outbox changes it in place). */
  readonly entries: () => Notice[];
  /** Writes the file (shared with the store, so writes coalesce). */
  readonly persist: () => Promise<void>;
  readonly clock: Clock;
  /** Throws once the store is closed. */
  readonly assertOpen: () => void;
}

const keyOf = (notice: Pick<Notice, 'requestId' | 'change'>): string =>
  `${notice.requestId}/${notice.change}`;

/** A new entry for the `change`-th status change of a request: due at once. */
export function newNotice(requestId: TrackingNumber, change: number, createdAt: string): Notice {
  return {
    requestId,
    change,
    createdAt,
    status: 'pending',
    attempts: 0,
    dueAt: createdAt,
    failedChannels: [],
    done: [],
  };
}

function copy<T extends Notice>(notice: T): T {
  return Object.freeze({
    ...notice,
    failedChannels: Object.freeze([...notice.failedChannels]),
    done: Object.freeze([...notice.done]),
  });
}

export class LowdbOutbox implements Outbox {
  private readonly leases = new Map<string, { readonly until: number; readonly claim: number }>();
  private claims = 0;

  constructor(private readonly host: LowdbOutboxHost) {}

  async claim(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
    this.host.assertOpen();
    const now = this.host.clock().getTime();
    const due = this.host
      .entries()
      .filter((e) => e.status === 'pending' && Date.parse(e.dueAt) <= now && !this.leased(e, now))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt))
      .slice(0, Math.max(0, limit));
    const until = now + leaseMs;
    return due.map((entry) => {
      const claim = ++this.claims;
      this.leases.set(keyOf(entry), { until, claim });
      return copy({ ...entry, dueAt: new Date(until).toISOString(), claim });
    });
  }

  async progress(notice: ClaimedNotice, done: readonly string[]): Promise<boolean> {
    const index = this.heldIndex(notice);
    if (index === undefined) return false;
    await this.change(index, { ...this.host.entries()[index]!, done: [...new Set(done)] });
    return true;
  }

  async sent(notice: ClaimedNotice): Promise<boolean> {
    const index = this.heldIndex(notice);
    if (index === undefined) return false;
    const entries = this.host.entries();
    const [removed] = entries.splice(index, 1);
    try {
      await this.host.persist();
    } catch (error) {
      entries.splice(index, 0, removed!);
      throw error;
    }
    this.leases.delete(keyOf(notice));
    return true;
  }

  async failed(notice: ClaimedNotice, failure: NoticeFailure): Promise<Notice | undefined> {
    const index = this.heldIndex(notice);
    if (index === undefined) return undefined;
    const next = afterFailure(this.host.entries()[index]!, failure, this.host.clock().getTime());
    await this.change(index, next);
    this.leases.delete(keyOf(notice));
    return copy(next);
  }

  async list(filter: NoticeFilter = {}): Promise<Notice[]> {
    this.host.assertOpen();
    const limit = filter.limit ?? DEFAULT_NOTICE_LIST_LIMIT;
    const out: Notice[] = [];
    // Entries are kept in the order the changes were made: walk backwards for newest first.
    const entries = this.host.entries();
    for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = entries[i]!;
      if (filter.status === undefined || entry.status === filter.status) out.push(copy(entry));
    }
    return out;
  }

  /** Forgets the leases of a removed request's entries (the store removes the entries). */
  forget(requestId: TrackingNumber): void {
    for (const key of this.leases.keys()) if (key.startsWith(`${requestId}/`)) this.leases.delete(key);
  }

  private leased(entry: Notice, now: number): boolean {
    const lease = this.leases.get(keyOf(entry));
    return lease !== undefined && lease.until > now;
  }

  /** The entry's position while `notice` is still its latest claim. */
  private heldIndex(notice: ClaimedNotice): number | undefined {
    this.host.assertOpen();
    if (this.leases.get(keyOf(notice))?.claim !== notice.claim) return undefined;
    const index = this.host
      .entries()
      .findIndex((e) => e.requestId === notice.requestId && e.change === notice.change);
    return index < 0 ? undefined : index;
  }

  private async change(index: number, next: Notice): Promise<void> {
    const entries = this.host.entries();
    const before = entries[index]!;
    entries[index] = next;
    try {
      await this.host.persist();
    } catch (error) {
      if (entries[index] === next) entries[index] = before;
      throw error;
    }
  }
}
