import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { AcceptOutcome, Inbox } from './inbox.js';
import type { Logger } from './logger.js';

/**
 * Runs what the inbox holds. A channel's webhook calls `accept` before it
 * acknowledges the provider (a failure there is a 503, so the provider
 * retries), then `process` after. A message is marked done only once its turn
 * has run and the state that turn wrote is durable (`settled`), so a crash at
 * any point leaves it pending; `recover` (at start-up, then every few seconds)
 * claims pending messages whose lease ran out, on this instance or another,
 * and runs them again. A message that keeps failing is given up after
 * `maxAttempts`, with an error in the log, so one poisoned delivery cannot
 * loop for ever.
 */
export type InboxRunner = (payload: unknown) => Promise<boolean>;

export interface InboxWorkerDeps {
  readonly inbox: Inbox;
  /** Resolves once every state write made so far is durable (bot state storage). */
  readonly settled: () => Promise<void>;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** How long a running message is held before another instance may take it over (default 2 min). */
  readonly leaseMs?: number;
  /** How often pending messages are looked for (default 10 s; 0 = only when `recover` is called). */
  readonly recoverEveryMs?: number;
  /** Runs of one message before it is given up (default 5). */
  readonly maxAttempts?: number;
  /** Done messages are remembered this long for de-duplication (default 24 h). */
  readonly dedupeMs?: number;
}

export const DEFAULT_LEASE_MS = 2 * 60_000;
export const DEFAULT_DEDUPE_MS = 24 * 60 * 60_000;

export class InboxWorker {
  private readonly runners = new Map<string, InboxRunner>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private recovering: Promise<number> | undefined;
  private lastPrune = 0;
  private stopped = false;

  constructor(private readonly deps: InboxWorkerDeps) {}

  /** Registers how a channel's stored messages are run again ('sms': the adapter's receive). */
  register(channel: string, runner: InboxRunner): void {
    this.runners.set(channel, runner);
  }

  /** Stores a delivery before the webhook is acknowledged; rejects when it cannot be stored. */
  accept(channel: string, id: string, payload: unknown): Promise<AcceptOutcome> {
    return this.deps.inbox.accept({ channel, id, payload }, this.deps.leaseMs ?? DEFAULT_LEASE_MS);
  }

  /** Runs an accepted message's turn now, then marks it done. Never rejects. */
  process(channel: string, id: string, payload: unknown): Promise<void> {
    const work = this.run(channel, id, payload);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  /** Claims and runs pending messages whose lease ran out; resolves with how many it ran. */
  recover(): Promise<number> {
    this.recovering ??= this.recoverOnce().finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  /** Recovers now, then every `recoverEveryMs`. */
  start(): void {
    void this.recover();
    const every = this.deps.recoverEveryMs ?? 10_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.recover(), every);
      this.timer.unref();
    }
  }

  /** Stops looking for pending messages and waits for the ones running. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.recovering?.catch(() => undefined);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async run(channel: string, id: string, payload: unknown): Promise<void> {
    const { logger } = this.deps;
    const runner = this.runners.get(channel);
    if (!runner) {
      logger.error('inbox: no runner for the channel; the message stays pending', { channel });
      return;
    }
    // While the turn runs (it may wait behind others of its conversation), the lease is renewed.
    const leaseMs = this.deps.leaseMs ?? DEFAULT_LEASE_MS;
    const heartbeat = setInterval(() => {
      this.deps.inbox.extend(channel, id, leaseMs).catch((error: unknown) => {
        logger.warn('inbox: lease not renewed', { channel, error });
      });
    }, leaseMs / 3);
    heartbeat.unref();
    try {
      if (!(await runner(payload))) return; // failed: stays pending, claimed again once its lease runs out
      await this.deps.settled();
      await this.deps.inbox.done(channel, id);
    } catch (error) {
      logger.error('inbox: message not marked done; it will run again', { channel, error });
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async recoverOnce(): Promise<number> {
    const { inbox, logger } = this.deps;
    const maxAttempts = this.deps.maxAttempts ?? 5;
    let ran = 0;
    try {
      for (;;) {
        if (this.stopped) break;
        const batch = await inbox.claimPending(20, this.deps.leaseMs ?? DEFAULT_LEASE_MS);
        if (batch.length === 0) break;
        for (const message of batch) {
          if (message.attempts > maxAttempts) {
            logger.error('inbox: message given up after repeated failures', {
              channel: message.channel,
              attempts: message.attempts - 1,
            });
            await inbox.done(message.channel, message.id);
            continue;
          }
          logger.info('inbox: running a message left pending', {
            channel: message.channel,
            attempts: message.attempts,
          });
          await this.process(message.channel, message.id, message.payload);
          ran += 1;
        }
      }
      const now = (this.deps.clock ?? systemClock)().getTime();
      if (now - this.lastPrune > 60 * 60_000) {
        this.lastPrune = now;
        await inbox.prune(this.deps.dedupeMs ?? DEFAULT_DEDUPE_MS);
      }
    } catch (error) {
      logger.warn('inbox: pending messages not looked at this time', { error });
    }
    return ran;
  }
}
