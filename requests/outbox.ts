import type { TrackingNumber } from './types.js';

/**
 * The outbox of status notices. A request store writes one entry per status
 * change in the same write as the change itself (lowdb: the same requests.json
 * write; PostgreSQL: the same statement), so a change is never stored without
 * the notice that announces it, and a crash between the change and the send
 * loses nothing. A sender (bot/notifier.ts) claims due entries, sends, and
 * marks each sent or failed; a failure is tried again later (NOTICE_RETRY_DELAYS_MS)
 * and, after MAX_NOTICE_ATTEMPTS, kept as 'failed' for staff to see.
 *
 * - A claim leases the entries it returns for `leaseMs`: no other claim, on
 *   this instance or another (PostgreSQL: FOR UPDATE SKIP LOCKED), returns
 *   them meanwhile. Each claim gets a new `claim` token; progress, sent and
 *   failed apply only while it is still the entry's latest claim, so a sender
 *   whose lease ran out (and was taken over) cannot overwrite the new holder.
 * - Progress is per recipient: `done` keeps the recipients already told
 *   (opaque keys the sender chooses), so a retry tells only the others.
 * - A sent entry is deleted; failed entries stay until the request is erased.
 *   Entries hold no message text and no contact details.
 */
export type NoticeStatus = 'pending' | 'failed';

export interface Notice {
  readonly requestId: TrackingNumber;
  /** Which status change it announces: its index in the request's history. */
  readonly change: number;
  /** ISO 8601, when the change was stored. */
  readonly createdAt: string;
  readonly status: NoticeStatus;
  /** Sends that failed so far. */
  readonly attempts: number;
  /** ISO 8601: when a pending entry is next due (after a failure: the retry; while claimed: the lease's end). */
  readonly dueAt: string;
  /** The last failure, as "<channel>: <code>" (a provider code or HTTP status, never a message). */
  readonly lastError?: string;
  /** Channels whose send failed last time. */
  readonly failedChannels: readonly string[];
  /** Recipients already told (or who need nothing: opted out, unreachable), as the sender's keys. */
  readonly done: readonly string[];
}

/** An entry leased to the caller by `claim`. */
export interface ClaimedNotice extends Notice {
  /** This claim's token; later calls for the entry name it. */
  readonly claim: number;
}

export interface NoticeFailure {
  /** "<channel>: <code>" for the first recipient that failed. */
  readonly error: string;
  readonly channels: readonly string[];
  /** Every recipient handled so far, this attempt's included. */
  readonly done: readonly string[];
}

export interface NoticeFilter {
  /** Default: both. */
  readonly status?: NoticeStatus;
  /** Newest first; default 100. */
  readonly limit?: number;
}

export interface Outbox {
  /**
   * Pending entries due now (never claimed, retry due, or a lease that ran
   * out), oldest due first, at most `limit`, each leased to the caller for
   * `leaseMs`. Resolves once the lease is held.
   */
  claim(limit: number, leaseMs: number): Promise<ClaimedNotice[]>;
  /** Records the recipients told so far; false when the claim is no longer the entry's (nothing stored). */
  progress(notice: ClaimedNotice, done: readonly string[]): Promise<boolean>;
  /** The notice went out to everyone: the entry is deleted. False when the claim is no longer the entry's. */
  sent(notice: ClaimedNotice): Promise<boolean>;
  /**
   * Counts a failed attempt: due again after the next retry delay, or 'failed'
   * once MAX_NOTICE_ATTEMPTS have failed. Resolves with the entry as stored,
   * or undefined when the claim is no longer the entry's.
   */
  failed(notice: ClaimedNotice, failure: NoticeFailure): Promise<Notice | undefined>;
  /** For staff: entries not sent yet ('pending') or given up ('failed'), newest first. */
  list(filter?: NoticeFilter): Promise<Notice[]>;
}

/** Wait after the 1st, 2nd, ... failed attempt: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h (about 8 h in all). */
export const NOTICE_RETRY_DELAYS_MS: readonly number[] = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  2 * 60 * 60_000,
  4 * 60 * 60_000,
];

/** Attempts before a notice is given up (the first send and one per retry delay). */
export const MAX_NOTICE_ATTEMPTS = NOTICE_RETRY_DELAYS_MS.length + 1;

/** How long to wait after `attempts` failed attempts; undefined: give up. */
export function noticeRetryDelayMs(attempts: number): number | undefined {
  return attempts >= MAX_NOTICE_ATTEMPTS ? undefined : NOTICE_RETRY_DELAYS_MS[attempts - 1];
}

/** The entry after one more failed attempt at `nowMs`: what both stores write. */
export function afterFailure(notice: Notice, failure: NoticeFailure, nowMs: number): Notice {
  const attempts = notice.attempts + 1;
  const delay = noticeRetryDelayMs(attempts);
  return {
    requestId: notice.requestId,
    change: notice.change,
    createdAt: notice.createdAt,
    status: delay === undefined ? 'failed' : 'pending',
    attempts,
    dueAt: new Date(nowMs + (delay ?? 0)).toISOString(),
    lastError: failure.error,
    failedChannels: [...new Set(failure.channels)],
    done: [...new Set(failure.done)],
  };
}

export const DEFAULT_NOTICE_LIST_LIMIT = 100;
