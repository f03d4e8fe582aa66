import { createHash } from 'node:crypto';
import type { ClaimedNotice, Outbox } from '../requests/outbox.js';
import type { Requester, RequestStore, ServiceRequest, StatusChange } from '../requests/types.js';
import type { Logger } from './logger.js';
import type { NoticeOutcome } from './notifier.js';

/**
 * Sends the status notices the request store queued in its outbox
 * (requests/outbox.ts). `wake` runs it at once (the notifier calls it on
 * every status change, so a notice goes out within moments); it also runs
 * every `pollMs`, for retries that came due and for entries whose sender
 * died (its lease ran out), on this instance or another.
 *
 * Each entry is claimed under a lease, so however many workers run, one
 * sends it. Recipients are sent to one by one, and each one handled is
 * recorded before the next, so a retry (or a crash) never tells anyone
 * twice. An opt-out, a channel not mounted here or no stored conversation
 * counts as handled (a retry would find the same); a send the adapter
 * refused is tried again after the outbox's backoff, and after its last
 * attempt the entry is kept as 'failed' for staff (GET /api/staff/notices).
 */
export interface NoticeSender {
  /** The notice's text and everyone to tell, in order, once each. */
  compose(
    request: ServiceRequest,
    change: StatusChange,
  ): Promise<{ readonly text: string; readonly recipients: readonly Requester[] }>;
  /** Sends to one recipient; never rejects. */
  deliver(
    recipient: Requester,
    text: string,
    request: ServiceRequest,
  ): Promise<{ readonly outcome: NoticeOutcome; readonly error?: unknown }>;
}

export interface NoticeWorkerOptions {
  /** How often due entries are looked for besides `wake` (default 5 s; 0: only on `wake`). */
  readonly pollMs?: number;
  /** How long a claimed entry is held before another worker may take it over (default 2 min). */
  readonly leaseMs?: number;
  /** Entries claimed (and sent side by side) at a time (default 10). */
  readonly batch?: number;
}

export interface NoticeWorkerDeps extends NoticeWorkerOptions {
  readonly outbox: Outbox;
  readonly requests: Pick<RequestStore, 'get'>;
  readonly sender: NoticeSender;
  readonly logger: Logger;
}

export const DEFAULT_NOTICE_POLL_MS = 5_000;
export const DEFAULT_NOTICE_LEASE_MS = 2 * 60_000;

/** What the outbox keeps of a recipient: a digest, never the number or id itself. */
export function recipientKey(recipient: Pick<Requester, 'channel' | 'userId'>): string {
  return createHash('sha256').update(`${recipient.channel}\n${recipient.userId}`).digest('hex').slice(0, 32);
}

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;

/** A provider's code or HTTP status from a thrown error: never its message, which may hold a number. */
export function errorCode(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const status = e.status ?? e.statusCode;
  const code = typeof e.code === 'number' ? String(e.code) : e.code;
  const parts = [
    typeof status === 'number' ? `HTTP ${status}` : undefined,
    typeof code === 'string' && CODE.test(code) ? code : undefined,
  ].filter((part) => part !== undefined);
  if (parts.length > 0) return parts.join(' ');
  return typeof e.name === 'string' && CODE.test(e.name) ? e.name : 'Error';
}

export class NoticeWorker {
  private running: Promise<void> | undefined;
  private again = false;
  /** Until `start`: a wake sends nothing (channels are still being registered). */
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: NoticeWorkerDeps) {}

  /** Sends what is due now (once started); a wake while running makes it look once more. Resolves when done. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Sends what is due now (notices left by a previous run), then every `pollMs`. */
  start(): void {
    this.stopped = false;
    void this.wake();
    const every = this.deps.pollMs ?? DEFAULT_NOTICE_POLL_MS;
    if (every > 0 && this.timer === undefined) {
      this.timer = setInterval(() => void this.wake(), every);
      this.timer.unref();
    }
  }

  /** Resolves once nothing is being sent. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops looking and waits for the sends under way (their entries are marked as usual). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  private async drain(): Promise<void> {
    const { outbox, logger } = this.deps;
    const batch = this.deps.batch ?? 10;
    try {
      while (!this.stopped) {
        const claimed = await outbox.claim(batch, this.deps.leaseMs ?? DEFAULT_NOTICE_LEASE_MS);
        if (claimed.length === 0) break;
        await Promise.all(claimed.map((notice) => this.send(notice)));
      }
    } catch (error) {
      logger.warn('status notices not looked at this time; they are tried again shortly', { error });
    }
  }

  private async send(notice: ClaimedNotice): Promise<void> {
    const { outbox, sender, logger } = this.deps;
    try {
      const request = await this.deps.requests.get(notice.requestId);
      const change = request?.history[notice.change];
      if (request === undefined || change === undefined) {
        // Erased meanwhile: nothing left to announce.
        await outbox.sent(notice);
        return;
      }
      const { text, recipients } = await sender.compose(request, change);
      const done = new Set(notice.done);
      const todo = recipients.filter((r) => !done.has(recipientKey(r)));
      const failures: { channel: string; code: string }[] = [];
      for (const [index, recipient] of todo.entries()) {
        const { outcome, error } = await sender.deliver(recipient, text, request);
        if (outcome === 'failed') {
          failures.push({ channel: recipient.channel, code: errorCode(error) });
          continue;
        }
        done.add(recipientKey(recipient));
        // Recorded before the next recipient; the last one is recorded with the outcome below.
        if (index < todo.length - 1 && !(await outbox.progress(notice, [...done]))) {
          logger.warn('status notice taken over by another sender', { request: notice.requestId });
          return;
        }
      }
      if (failures.length === 0) {
        await outbox.sent(notice);
        return;
      }
      const stored = await outbox.failed(notice, {
        error: `${failures[0]!.channel}: ${failures[0]!.code}`,
        channels: failures.map((f) => f.channel),
        done: [...done],
      });
      if (stored?.status === 'failed') {
        logger.error('status notice given up', {
          request: notice.requestId,
          attempts: stored.attempts,
          error: stored.lastError,
        });
      } else if (stored) {
        logger.warn('status notice will be tried again', {
          request: notice.requestId,
          attempts: stored.attempts,
          due: stored.dueAt,
        });
      }
    } catch (error) {
      // The entry stays claimed until its lease runs out, then is tried again.
      logger.warn('status notice not finished; it is tried again after its lease', {
        request: notice.requestId,
        error,
      });
    }
  }
}
